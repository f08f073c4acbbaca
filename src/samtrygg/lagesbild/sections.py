"""The data-driven sections of a lägesbild, also shown alone on the analysis page and in deepenings: the
incidents by category with their change from the comparison period, the hot spot map and its places, the time
patterns and trend; and, for the analysis page, two areas side by side and the Knox near-repeat test. Each
takes the gathered numbers (gather.py), runs them through samtrygg.analysis and words them (in Swedish)."""

from datetime import date

import numpy as np
import shapely
from django.utils import translation
from django.utils.translation import gettext as _

from samtrygg.analysis import compare, emerging, hexgrid, hotspots, timepatterns
from samtrygg.lib import cells as cell_index
from samtrygg.lib.months import first_day, last_day
from samtrygg.lib.months import index as month_index
from samtrygg.publishing.document import Figure, KeyFigure, KeyFigures, Paragraph, Section, Table
from samtrygg.publishing.formatting import format_number, format_percent, format_period

from .gather import Gathered

LANGUAGE = "sv"  # the document is the municipality's: Swedish, whatever the reader's interface language
TOP_CATEGORIES = 10
SIGNIFICANT = 0.05
TREND_MONTHS = 6  # whole months needed before a trend is stated
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
OWN_REPORTS = "Källa: egna rapporter"
POLICE = "Källa: Polisen (polisen.se, händelser)"


def _p_value(p: float) -> str:
    """"< 0,001" or "0,042"."""
    return "< " + format_number(0.001, 3, LANGUAGE) if p < 0.001 else format_number(p, 3, LANGUAGE)


def _p_text(p: float) -> str:
    value = _p_value(p)
    return f"p {value}" if value.startswith("<") else f"p = {value}"


def _change_note(c: compare.Comparison) -> str:
    if c.percent_change is None:
        return _("no comparison (nothing in the comparison period)")
    verdict = _("statistically significant") if c.p < SIGNIFICANT else _("not statistically significant")
    return f"{_p_text(c.p)}, {verdict}"


# --- händelser ------------------------------------------------------------------------------------------------

def incidents_section(data: Gathered, *, police: bool = True) -> Section:
    now, before = data.current, data.previous
    days_now, days_before = data.period.days, data.previous_period.days
    total = compare.compare_counts(now.total, before.total, current_exposure=days_now,
                                   reference_exposure=days_before)
    figures = [
        KeyFigure(_("Incidents"), now.total),
        KeyFigure(_("Comparison period"), before.total,
                  note=format_period(data.previous_period.start, data.previous_period.end, LANGUAGE)),
        KeyFigure(_("Change from the comparison period"), total.percent_change, decimals=1, unit="%",
                  note=_change_note(total)),
    ]
    rate = compare.rate_per_1000(now.total, data.population)
    if rate is not None:
        figures.append(KeyFigure(_("Per 1,000 residents"), rate, decimals=1,
                                 note=_("%(n)s residents") % {"n": format_number(data.population, 0, LANGUAGE)}))
    previous = dict(before.by_category)
    rows = []
    for name, n in now.by_category[:TOP_CATEGORIES]:
        c = compare.compare_counts(n, previous.get(name, 0), current_exposure=days_now,
                                   reference_exposure=days_before)
        rows.append([name, n, previous.get(name, 0), c.percent_change,
                     _p_value(c.p) if c.percent_change is not None else None])
    blocks = [
        KeyFigures(figures),
        *([Paragraph(sources_text(data.sources))] if data.sources else []),
        Table([_("Category"), _("Period"), _("Comparison period"), _("Change %"), _("p-value")], rows,
              decimals=[0, 0, 0, 1, 3], caption=_("The most common categories, with the change from the comparison "
                                                  "period (exact conditional Poisson test, per day)"),
              source=OWN_REPORTS),
    ]
    if now.by_category:
        top = now.by_category[:TOP_CATEGORIES]
        blocks.append(Figure("bars", {"labels": [name for name, _n in top], "values": [n for _name, n in top]},
                             caption=_("Incidents by category"), source=OWN_REPORTS,
                             alt=_("Bar chart of the number of incidents by category")))
    if data.area_rates:
        blocks.append(area_rates_table(data))
    if police:
        blocks.append(Paragraph(
            _("The police's public events in the municipality during the period: %(n)s. They are counted apart "
              "from the reports above.") % {"n": format_number(data.police_total, 0, LANGUAGE)}))
    if police and data.police_by_category:
        blocks.append(Table([_("Category"), _("Events")], [[name, n] for name, n in data.police_by_category],
                            caption=_("The police's events by category"), source=POLICE))
    return Section("handelser", _("Incidents"), blocks)


def sources_text(sources: list[tuple[str, int, bool]]) -> str:
    """Whose reports were counted, each organisation with its count: the own first, then those partners share."""
    def listed(rows):
        return ", ".join(f"{name} ({format_number(n, 0, LANGUAGE)})" for name, n, _shared in rows)

    own, shared = [s for s in sources if not s[2]], [s for s in sources if s[2]]
    parts = [listed(own)] if own else []
    if shared:
        parts.append(_("shared by partners: %(organisations)s") % {"organisations": listed(shared)})
    return _("Reports counted: %(sources)s.") % {"sources": "; ".join(parts)}


AREA_RATE_ROWS = 30  # SCB small areas shown, highest rate first (a large municipality has hundreds of DeSO)
SCB_POPULATION = "Källa: egna rapporter; befolkning: SCB"


def area_rates_table(data: Gathered) -> Table:
    """Incidents per 1,000 residents in each of SCB's small areas (DeSO or RegSO) in the area, highest first."""
    rows = [[name, n, pop, compare.rate_per_1000(n, pop)] for name, n, pop in data.area_rates]
    rows.sort(key=lambda row: (-(row[3] or 0), row[0]))
    kind = "DeSO" if data.area_rates_kind == "deso" else "RegSO"
    if len(rows) > AREA_RATE_ROWS:
        caption = _("Incidents per 1,000 residents by %(kind)s: the %(shown)s with the highest rate of %(count)s") % {
            "kind": kind, "shown": AREA_RATE_ROWS, "count": len(rows)}
    else:
        caption = _("Incidents per 1,000 residents by %(kind)s") % {"kind": kind}
    return Table([kind, _("Incidents"), _("Residents"), _("Per 1,000 residents")], rows[:AREA_RATE_ROWS],
                 decimals=[0, 0, 0, 1], caption=caption, source=SCB_POPULATION)


# --- geografi -------------------------------------------------------------------------------------------------

def _study(data: Gathered):
    """The study cells (the area's cells at the resolution, and any cell holding incidents) and their ring-1
    neighbourhood."""
    region = hexgrid.region_cells(data.area_geometry, data.resolution)
    cells, counts = hexgrid.study_cells(dict(data.cells), region)
    indptr, indices = hexgrid.neighbours(cells, k=1)
    return cells, counts, indptr, indices


def _place_names(cells: np.ndarray, data: Gathered) -> list[str]:
    """The sub-area each cell's centre lies in (the area's own name when in none)."""
    centres = shapely.points([cell_index.center(int(c)) for c in cells]) if len(cells) else []
    names = [data.area_name] * len(cells)
    for name, geometry in data.sub_areas:
        shape = shapely.geometry.shape(geometry)
        for k, inside in enumerate(shapely.contains(shape, centres)):
            if inside:
                names[k] = name
    return names


def geography_section(data: Gathered) -> Section:
    cells, counts, indptr, indices = _study(data)
    result = hotspots.hotspots(cells, counts, indptr, indices)
    trend_of: dict[int, str] = {}
    months = _month_list(data.period)
    if len(months) >= 4 and len(cells):
        position = {int(c): k for k, c in enumerate(cells)}
        column = {m: k for k, m in enumerate(months)}
        cube = np.zeros((len(cells), len(months)), dtype=np.int64)
        for cell, month, n in data.cell_months:
            if cell in position and month in column:
                cube[position[cell], column[month]] = n
        found = emerging.emerging_hotspots(cells, cube, indptr, indices)
        trend_of = {int(c): str(cat) for c, cat in zip(found.cells, found.category, strict=True) if cat}
    shown = (result.counts > 0) | (result.grade != 0)
    figure_cells = [
        {"cell": format(int(c), "x"),
         "value": int(n), "grade": int(g)}
        for c, n, g in zip(result.cells[shown], result.counts[shown], result.grade[shown], strict=True)
    ]
    outlines = [data.area_geometry] + [geometry for _name, geometry in data.sub_areas]
    blocks = [
        Figure("hexmap", {"cells": figure_cells, "outlines": outlines, "points": [list(p) for p in data.points],
                          "legend": "grade"},
               caption=_("Hot and cold spots (Getis-Ord Gi*, hexagons at H3 resolution %(res)s)")
               % {"res": data.resolution}, source=OWN_REPORTS,
               alt=_("Map of the area with hexagons coloured by hot spot level")),
        Paragraph(_("Method: incidents are counted in hexagonal cells. A cell is a hot spot when it and its six "
                    "neighbours together hold clearly more incidents than the area's average (Getis-Ord Gi*), "
                    "tested for every cell with the false discovery rate held at 1, 5 and 10 percent "
                    "(Benjamini–Hochberg): hot spots at the 99, 95 and 90 percent level.")),
    ]
    hot = np.flatnonzero(result.grade > 0)
    if len(hot):
        blocks.append(Table(
            [_("Place"), _("Hot spot cells"), _("Incidents in them"), _("Level"), _("Over time"),
             _("Centre of the strongest (WGS 84)")],
            _hotspot_places(result, hot, trend_of, data), caption=_("Places with hot spots, strongest first"),
            source=OWN_REPORTS))
    else:
        blocks.append(Paragraph(_("No hot spots were found in the period.")))
    return Section("geografi", _("Geography"), blocks)


def _hotspot_places(result, hot: np.ndarray, trend_of: dict[int, str], data: Gathered) -> list[list]:
    """One row per sub-area holding hot spot cells: how many, the incidents in them, the strongest level, how
    the cells developed over the period (emerging hot spot categories) and where the strongest cell lies."""
    places: dict[str, list[int]] = {}
    for name, i in zip(_place_names(result.cells[hot], data), hot, strict=True):
        places.setdefault(name, []).append(int(i))
    rows = []
    for name, members in places.items():
        strongest = max(members, key=lambda i: (result.grade[i], result.z[i]))
        trends = sorted({_trend_label(trend_of.get(int(result.cells[i]), "")) for i in members} - {"–"})
        lon, lat = cell_index.center(int(result.cells[strongest]))
        rows.append([name, len(members), int(result.counts[members].sum()), f"{_level(int(result.grade[strongest]))} %",
                     ", ".join(trends) or "–", f"{format_number(lat, 4, LANGUAGE)}, {format_number(lon, 4, LANGUAGE)}"])
    return sorted(rows, key=lambda row: (-int(row[3][:2]), -row[2]))


def _level(grade: int) -> int:
    return {3: 99, 2: 95, 1: 90}[abs(grade)]


def _trend_label(category: str) -> str:
    return {
        "new": _("new"), "consecutive": _("consecutive"), "intensifying": _("intensifying"),
        "persistent": _("persistent"), "diminishing": _("diminishing"), "historical": _("historical"),
        "sporadic": _("sporadic"),
    }.get(category, "–")


# --- tid ------------------------------------------------------------------------------------------------------

def time_section(data: Gathered) -> Section:
    matrix = np.array(data.hour_weekday, dtype=np.int64)
    weekday_names = [_(d) for d in WEEKDAYS]
    by_month = dict(data.months)
    months = _whole_months(data.period) or _month_list(data.period)  # a partial month would look like a dip
    values = [by_month.get(m, 0) for m in months]
    previous_months = _whole_months(data.previous_period) or _month_list(data.previous_period)
    previous_values = [by_month.get(m, 0) for m in previous_months][-len(months):]
    series = [{"name": _("Period"), "values": values}]
    if len(previous_values) == len(values):
        series.append({"name": _("Comparison period"), "values": previous_values})
    blocks = [
        Figure("heatmap",
               {"matrix": matrix.tolist(), "rows": weekday_names, "columns": [f"{h:02d}" for h in range(24)]},
               caption=_("Incidents by weekday and hour"), source=OWN_REPORTS,
               alt=_("Heat map of incidents by weekday and hour of the day")),
    ]
    trend_data = {"labels": [m[:7] for m in months], "series": series}
    words = []
    if len(values) >= TREND_MONTHS and sum(values):
        slope, p, _dispersion = timepatterns.poisson_trend(np.array(values))
        per_year = 100.0 * float(np.expm1(12.0 * slope))
        verdict = _("statistically significant") if p < SIGNIFICANT else _("not statistically significant")
        words.append(_("Trend over the period: %(change)s per year (%(p)s, %(verdict)s).") % {
            "change": ("+" if per_year > 0 else "") + format_percent(per_year, 1, LANGUAGE), "p": _p_text(p),
            "verdict": verdict})
    blocks.append(Figure("trend", trend_data, caption=_("Incidents per month"), source=OWN_REPORTS,
                         alt=_("Line chart of incidents per month")))
    if matrix.sum():
        day, hour = np.unravel_index(int(matrix.argmax()), matrix.shape)
        words.insert(0, _("Most incidents happen on %(day)s around %(hour)s.") % {
            "day": weekday_names[day], "hour": f"{hour:02d}.00"})
        seasons = _seasons(months, values)
        words.append(_("By season: %(list)s.") % {"list": ", ".join(f"{name} {format_number(n, 0, LANGUAGE)}"
                                                                 for name, n in seasons)})
    if words:
        blocks.append(Paragraph(" ".join(words)))
    return Section("tid", _("Time"), blocks)


def _whole_months(period) -> list[str]:
    """The months lying wholly inside the period."""
    return [m for m in _month_list(period)
            if date.fromisoformat(m) >= period.start and last_day(month_index(date.fromisoformat(m))) <= period.end]


def _month_list(period) -> list[str]:
    return [first_day(k).isoformat()
            for k in range(month_index(period.start), month_index(period.end) + 1)]


def _seasons(months: list[str], values: list[int]) -> list[tuple[str, int]]:
    names = {12: _("winter"), 1: _("winter"), 2: _("winter"), 3: _("spring"), 4: _("spring"), 5: _("spring"),
             6: _("summer"), 7: _("summer"), 8: _("summer"), 9: _("autumn"), 10: _("autumn"), 11: _("autumn")}
    totals: dict[str, int] = {}
    for month, n in zip(months, values, strict=True):
        name = names[int(month[5:7])]
        totals[name] = totals.get(name, 0) + n
    return list(totals.items())


# --- the analysis page and deepenings --------------------------------------------------------------------------

SECTIONS = {"handelser": lambda data: incidents_section(data, police=False), "geografi": geography_section,
            "tid": time_section}


def analysis_sections(data: Gathered, kinds=("handelser", "geografi", "tid")) -> list[Section]:
    """The data-driven sections alone, for the analysis page and for deepenings."""
    with translation.override(LANGUAGE):
        return [SECTIONS[kind](data) for kind in kinds]


def area_comparison_section(period, areas: list[tuple[str, int, int | None]]) -> Section:
    """Two areas in one period: incidents, residents, rate per 1,000 and, when both populations are known, the
    exact conditional Poisson test of the rates. `areas` is [(name, incidents, population)] × 2."""
    with translation.override(LANGUAGE):
        (name_a, n_a, pop_a), (name_b, n_b, pop_b) = areas
        rows = [[name, n, pop, compare.rate_per_1000(n, pop)] for name, n, pop in areas]
        blocks = [Table([_("Area"), _("Incidents"), _("Residents"), _("Per 1,000 residents")], rows,
                        decimals=[0, 0, 0, 1], caption=format_period(period.start, period.end, LANGUAGE),
                        source=OWN_REPORTS)]
        if pop_a and pop_b:
            c = compare.compare_counts(n_a, n_b, current_exposure=pop_a, reference_exposure=pop_b)
            if c.rate_ratio is not None:
                blocks.append(Paragraph(
                    _("%(a)s has %(ratio)s times the rate of %(b)s per resident (95 %% interval %(low)s–%(high)s; "
                      "%(p)s, %(verdict)s).") % {
                        "a": name_a, "b": name_b, "ratio": format_number(c.rate_ratio, 2, LANGUAGE),
                        "low": format_number(c.ci_low, 2, LANGUAGE), "high": format_number(c.ci_high, 2, LANGUAGE),
                        "p": _p_text(c.p), "verdict": _verdict(c.p)}))
        else:
            blocks.append(Paragraph(_("Rates per resident need the population of both areas (set it on the area).")))
        return Section("jamforelse", _("Comparison of areas"), blocks)


def near_repeat_section(result, category: str) -> Section:
    """The Knox test's answer for one category: do incidents close in place also come close in time?"""
    with translation.override(LANGUAGE):
        figures = [
            KeyFigure(_("Incidents"), result.events),
            KeyFigure(_("Pairs close in place and time"), result.observed,
                      note=_("within %(m)s m and %(d)s days") % {"m": format_number(result.distance_m, 0, LANGUAGE),
                                                                  "d": format_number(result.days, 0, LANGUAGE)}),
            KeyFigure(_("Expected by chance"), result.expected, decimals=1),
            KeyFigure(_("Ratio"), result.ratio, decimals=2, note=f"{_p_text(result.p)}, {_verdict(result.p)}"),
        ]
        found = result.p < SIGNIFICANT and (result.ratio or 0) > 1
        text = (_("Near-repeats for %(category)s: incidents close to a recent one, in place and time, are more "
                  "common than chance explains. Act quickly around new incidents.") if found
                else _("No sign of near-repeats for %(category)s in the period.")) % {"category": category}
        method = _("Knox test: pairs of incidents close in place and in time, against the number expected if place "
                   "and time were independent; p from %(n)s random shuffles of the times.") % {
                       "n": result.permutations}
        return Section("narupprepning", _("Near-repeats"), [KeyFigures(figures), Paragraph(text),
                                                              Paragraph(method)])


def _verdict(p: float) -> str:
    return _("statistically significant") if p < SIGNIFICANT else _("not statistically significant")
