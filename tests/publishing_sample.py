"""A sample lägesbild Document with every block and figure kind, built from seeded synthetic data around
Grannstad (a made-up town near Örebro), for the publishing tests and the benchmark."""

import h3
import numpy as np

from samtrygg.publishing.document import Document, Figure, KeyFigure, KeyFigures, Paragraph, Section, Table

CENTRE = (59.27, 15.21)  # lat, lon
HOT_CENTRE = (59.275, 15.20)


def outline(radius_deg: float = 0.045) -> dict:
    """A rough octagon around the centre, as a GeoJSON Polygon in lon/lat."""
    lat, lon = CENTRE
    ring = [[lon + 2 * radius_deg * np.cos(a), lat + radius_deg * np.sin(a)]
            for a in np.linspace(0, 2 * np.pi, 9)[:-1]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def hexmap_data(n_cells: int = 300, n_points: int = 400, seed: int = 1, resolution: int = 9) -> dict:
    """Cells in a disk around the centre; the ones near HOT_CENTRE are graded 3/2/1, a few in the south cold."""
    rng = np.random.default_rng(seed)
    origin = h3.latlng_to_cell(*CENTRE, resolution)
    rings = 0
    while 3 * rings * (rings + 1) + 1 < n_cells:
        rings += 1
    cells = sorted(h3.grid_disk(origin, rings))[:n_cells]
    hot = h3.latlng_to_cell(*HOT_CENTRE, resolution)
    out = []
    for cell in cells:
        distance = h3.grid_distance(hot, cell)
        lat, _ = h3.cell_to_latlng(cell)
        grade = 3 if distance <= 1 else 2 if distance <= 2 else 1 if distance <= 3 else 0
        if grade == 0 and lat < CENTRE[0] - 0.02:
            grade = -1 if rng.random() < 0.5 else -2
        out.append({"cell": cell, "value": int(rng.poisson(20 if grade > 0 else 3)), "grade": grade})
    lat, lon = CENTRE
    points = np.column_stack([lon + rng.normal(0, 0.03, n_points), lat + rng.normal(0, 0.015, n_points)])
    return {"cells": out, "outlines": [outline()], "points": np.round(points, 6).tolist(), "legend": "grade"}


def heatmap_data() -> dict:
    hours = np.arange(24)
    evening = np.exp(-((hours - 22) % 24 - 0) ** 2 / 8) + np.exp(-((hours + 2) % 24) ** 2 / 8)
    matrix = [[int(5 + 60 * evening[h] * (1.6 if day >= 4 else 1.0)) for h in hours] for day in range(7)]
    return {"matrix": matrix, "rows": ["mån", "tis", "ons", "tor", "fre", "lör", "sön"],
            "columns": [f"{h:02d}" for h in hours]}


def trend_data() -> dict:
    labels = [f"2025-{m:02d}" for m in range(1, 13)]
    values = [120, 98, 110, 131, 150, 171, 190, 180, 150, 140, 118, 125]
    fitted = np.round(np.linspace(115, 160, 12), 1).tolist()
    return {"labels": labels, "series": [{"name": "Händelser", "values": values}], "trend": fitted}


def sample_document(hexmap: dict | None = None) -> Document:
    figures = [
        Figure("hexmap", hexmap or hexmap_data(), caption="Heta och kalla punkter (Getis-Ord Gi*, FDR 5 %)",
               source="egna rapporter", alt="Karta över Grannstad med en het punkt i centrum"),
        Figure("heatmap", heatmap_data(), caption="Händelser per veckodag och timme", source="egna rapporter",
               alt="Värmekarta: flest händelser fredag och lördag kväll"),
        Figure("trend", trend_data(), caption="Händelser per månad 2025", source="egna rapporter",
               alt="Linjediagram: händelser per månad, topp i juli"),
        Figure("bars", {"labels": ["Skadegörelse", "Klotter", "Ordningsstörning", "Stöld", "Anlagd brand"],
                        "values": [412, 388, 240, 120, 33]},
               caption="Vanligaste kategorier", source="egna rapporter", alt="Stapeldiagram över kategorier"),
    ]
    table = Table(columns=["Plats", "Händelser", "Förändring %", "Per 1 000 inv."],
                  rows=[["Centrum, Storgatan", 1234.5, -12.25, 4.2], ["Åby skola", 310, 8.0, None],
                        ["Östra hållplatsen", 95, 0.0, 1.25]],
                  decimals=[0, 1, 1, 2], caption="Heta platser", source="Kolada")
    return Document(
        title="Lägesbild Grannstad 2025",
        subtitle="Brottslighet och trygghet – åäöÅÄÖ é –",
        meta=[("Område", "Grannstad"), ("Period", "1 jan 2025 – 31 dec 2025"),
              ("Status", "Fastställd 12 mars 2026, kommunstyrelsen")],
        footer="samtrygg · Lägesbild Grannstad 2025",
        sections=[
            Section("sammanfattning", "Sammanfattning", [
                Paragraph("Antalet händelser ökade under sommaren.\n\nSkadegörelse & klotter <vanligast> i centrum."),
                KeyFigures([KeyFigure("Händelser", 1234.5, 1, "", "hela året"),
                            KeyFigure("Förändring", -3.5, 1, "%", "mot 2024"),
                            KeyFigure("Polisanmälda", 41.25, 1, "%"), KeyFigure("Invånare", 20145, 0)]),
            ]),
            Section("geografi", "Geografi", [figures[0], table]),
            Section("tid", "Tid", [figures[1], figures[2]]),
            Section("handelser", "Händelser", [figures[3]]),
        ],
    )
