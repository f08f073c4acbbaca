"""The wheel itself: the coming twelve months (this one first) with their duties, and the drawing of them as a
circle of twelve month segments with one dot per duty, placed by its day in the month. Plain geometry; the
template writes it out as inline SVG (rhythm/_wheel.svg.html). The list beside it is the accessible form: the
drawing repeats what the list says.

Dots differ by shape as well as colour: a circle for a duty to do, a square once done, a diamond when overdue."""

import calendar
import datetime
import math
from dataclasses import dataclass, field

from samtrygg.lib import months
from samtrygg.publishing.formatting import MONTHS, SHORT_MONTHS

from .models import Duty

SIZE = 320  # the SVG's viewBox is SIZE × SIZE
CENTRE = SIZE / 2
OUTER, INNER = 156.0, 64.0  # the ring of month segments
LABEL_RADIUS = 140.0  # month names, just inside the outer edge
DOT_RADII = (118.0, 102.0, 86.0, 72.0)  # duties of one month stack inwards
DOT_SIZE = 6.0
SPAN = 12


def state_of(duty: Duty, today: datetime.date) -> str:
    if duty.done_on is not None:
        return "done"
    return "overdue" if duty.due < today else "open"


@dataclass
class Month:
    first: datetime.date
    name: str
    duties: list[Duty] = field(default_factory=list)


def year_ahead(duties, today: datetime.date, language: str) -> list[Month]:
    """Twelve months from this one, each with its duties (by due date); duties outside them are left out."""
    start = months.index(today)
    lang = "sv" if language.lower().startswith("sv") else "en"
    found = []
    for index in range(start, start + SPAN):
        first = months.first_day(index)
        found.append(Month(first, f"{MONTHS[lang][first.month - 1]} {first.year}"))
    for duty in sorted(duties, key=lambda d: (d.due, d.pk)):
        offset = months.index(duty.due) - start
        if 0 <= offset < SPAN:
            found[offset].duties.append(duty)
    return found


def window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day the wheel shows."""
    start = months.index(today)
    return months.first_day(start), months.last_day(start + SPAN - 1)


def _point(angle: float, radius: float) -> tuple[float, float]:
    """Degrees clockwise from twelve o'clock."""
    rad = math.radians(angle - 90)
    return round(CENTRE + radius * math.cos(rad), 2), round(CENTRE + radius * math.sin(rad), 2)


def _segment(start: float, end: float) -> str:
    (x1, y1), (x2, y2) = _point(start, OUTER), _point(end, OUTER)
    (x3, y3), (x4, y4) = _point(end, INNER), _point(start, INNER)
    return (f"M{x1} {y1} A{OUTER} {OUTER} 0 0 1 {x2} {y2} L{x3} {y3} "
            f"A{INNER} {INNER} 0 0 0 {x4} {y4} Z")


def _shape(state: str, x: float, y: float) -> str:
    """The dot's outline as an SVG path: circle (to do), square (done), diamond (overdue)."""
    s = DOT_SIZE
    if state == "done":
        return f"M{x - s} {y - s} h{2 * s} v{2 * s} h{-2 * s} Z"
    if state == "overdue":
        d = s * 1.35
        return f"M{x} {y - d} L{x + d} {y} L{x} {y + d} L{x - d} {y} Z"
    return f"M{x - s} {y} a{s} {s} 0 1 0 {2 * s} 0 a{s} {s} 0 1 0 {-2 * s} 0 Z"


def drawing(months_ahead: list[Month], today: datetime.date, language: str) -> dict:
    """Segments (path, month label and its position, whether it is this month) and dots (path, state, tooltip)."""
    lang = "sv" if language.lower().startswith("sv") else "en"
    step = 360 / len(months_ahead)
    segments, dots = [], []
    for i, month in enumerate(months_ahead):
        start = i * step
        lx, ly = _point(start + step / 2, LABEL_RADIUS)
        segments.append({"path": _segment(start, start + step), "label": SHORT_MONTHS[lang][month.first.month - 1],
                         "x": lx, "y": ly, "current": i == 0, "shade": i % 2})
        length = calendar.monthrange(month.first.year, month.first.month)[1]
        for k, duty in enumerate(month.duties):
            angle = start + step * (0.12 + 0.76 * (duty.due.day - 1) / max(length - 1, 1))
            x, y = _point(angle, DOT_RADII[k % len(DOT_RADII)])
            state = state_of(duty, today)
            dots.append({"path": _shape(state, x, y), "state": state,
                         "title": f"{duty.due.isoformat()}: {duty.title}"})
    return {"size": SIZE, "centre": CENTRE, "segments": segments, "dots": dots}
