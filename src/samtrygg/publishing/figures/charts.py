"""Charts: the hour × weekday heat map, the trend line chart and the horizontal bar chart.

heatmap: {"matrix": 7×24 counts (Monday first), "rows": ["mån", …], "columns": ["00", …, "23"]}
trend:   {"labels": ["2025-01", …], "series": [{"name": "Händelser", "values": [...]}, …], "trend": [...] optional,
          "dates": ["2025-01-31", …] optional: the points' ISO dates, placed on a time axis (uneven gaps stay uneven)}
bars:    {"labels": [...], "values": [...]}  — drawn top-down in the given order
"""

import datetime

import numpy as np
from matplotlib import dates as mdates
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.ticker import MaxNLocator

from samtrygg.publishing.figures import style
from samtrygg.publishing.formatting import format_number

LABELS = {
    "sv": {"count": "Antal händelser", "trend": "Trend", "hour": "Timme", "weekdays": "mån tis ons tor fre lör sön"},
    "en": {"count": "Incidents", "trend": "Trend", "hour": "Hour", "weekdays": "Mon Tue Wed Thu Fri Sat Sun"},
}
HEAT = LinearSegmentedColormap.from_list("samtrygg_counts", style.COUNTS)
X_LABEL_CHARS = 66  # characters of x tick labels that fit side by side at print width


def _labels(language: str) -> dict:
    return LABELS["sv" if language.startswith("sv") else "en"]


def draw_heatmap(fig, data: dict, language: str) -> None:
    """Counts per weekday (rows) and hour (columns) on the YlOrRd ramp; zero is the ramp's lightest colour."""
    matrix = np.asarray(data["matrix"], dtype=float)
    labels = _labels(language)
    rows = data.get("rows") or labels["weekdays"].split()
    columns = data.get("columns") or [f"{h:02d}" for h in range(matrix.shape[1])]
    ax = fig.add_subplot()
    image = ax.imshow(matrix, cmap=HEAT, vmin=0, vmax=max(float(matrix.max()), 1.0), aspect="auto",
                      interpolation="nearest")
    ax.set_yticks(range(len(rows)), rows)
    ax.set_xticks(range(len(columns)), columns)
    ax.set_xlabel(labels["hour"], fontsize=style.FONT, color=style.TEXT)
    ax.tick_params(labelsize=style.SMALL, colors=style.TEXT, length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    # White lines between the cells: drawn as two line collections (minor ticks as a grid made 33 tick objects,
    # a fifth of the figure's time)
    ax.hlines(np.arange(0.5, len(rows) - 1), -0.5, len(columns) - 0.5, colors="white", linewidth=0.8)
    ax.vlines(np.arange(0.5, len(columns) - 1), -0.5, len(rows) - 0.5, colors="white", linewidth=0.8)
    bar = fig.colorbar(image, ax=ax, shrink=0.9, aspect=15, pad=0.015)
    bar.set_label(labels["count"], fontsize=style.SMALL, color=style.TEXT)
    bar.ax.tick_params(labelsize=style.SMALL)
    bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0,5 ticks
    bar.ax.yaxis.set_major_formatter(style.number_formatter(language))
    bar.outline.set_visible(False)


def draw_trend(fig, data: dict, language: str) -> None:
    """One line per series (Okabe–Ito colours, dots on each value), an optional dashed fitted trend in black,
    the y axis from zero; every n-th x label only, so labels never collide. With "dates", the points sit at their
    dates and the axis is labelled by month."""
    x_labels = list(data["labels"])
    labels = _labels(language)
    ax = fig.add_subplot()
    style.style_axes(ax, language)
    dated = bool(data.get("dates"))
    x = mdates.date2num([datetime.date.fromisoformat(d) for d in data["dates"]]) if dated \
        else np.arange(len(x_labels))
    series = data.get("series", [])
    for i, one in enumerate(series):
        values = np.array([np.nan if v is None else v for v in one["values"]], dtype=float)
        ax.plot(x, values, color=style.SERIES[i % len(style.SERIES)], linewidth=2.0, marker="o", markersize=3,
                label=one.get("name", ""), zorder=3)
    if data.get("trend"):
        trend = np.array([np.nan if v is None else v for v in data["trend"]], dtype=float)
        ax.plot(x, trend, color=style.TREND, linewidth=1.2, linestyle=(0, (4, 3)), label=labels["trend"], zorder=4)
    if dated:
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=X_LABEL_CHARS // 9))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
        if len(x):
            margin = max((x[-1] - x[0]) * 0.04, 15)  # days
            ax.set_xlim(x[0] - margin, x[-1] + margin)
    else:
        widest = max((len(str(label)) + 2 for label in x_labels), default=1)
        step = max(1, int(np.ceil(len(x_labels) * widest / X_LABEL_CHARS)))
        ax.set_xticks(x[::step], x_labels[::step])
        ax.set_xlim(-0.5, len(x_labels) - 0.5)
    ax.tick_params(axis="x", labelsize=style.SMALL)
    ax.set_ylim(bottom=0)
    if len(series) > 1 or data.get("trend"):
        ax.legend(fontsize=style.SMALL, frameon=False, loc="upper left", bbox_to_anchor=(0, 1.12), ncols=4,
                  borderaxespad=0)


def draw_bars(fig, data: dict, language: str) -> None:
    """Horizontal bars, first label on top, each bar labelled with its formatted value."""
    names = list(data["labels"])
    values = np.array([v or 0 for v in data["values"]], dtype=float)
    ax = fig.add_subplot()
    style.style_axes(ax, language)
    ax.yaxis.grid(False)
    ax.xaxis.grid(True, color=style.GRID, linewidth=0.6)
    ax.xaxis.set_major_formatter(style.number_formatter(language))
    y = np.arange(len(names))
    ax.barh(y, values, color=style.SERIES[0], height=0.65)
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    top = max(float(values.max()) if len(values) else 1.0, 1.0)
    ax.set_xlim(0, top * 1.12)
    decimals = 0 if all(float(v).is_integer() for v in values) else 1
    for yi, value in zip(y, values, strict=True):
        ax.text(value + top * 0.01, yi, format_number(value, decimals, language), va="center", fontsize=style.SMALL,
                color=style.TEXT)
