"""A meeting's protocol as a publishing.Document (frozen in the row when it is justerat, so the page, PDF and
DOCX read the same thing): the meeting's particulars, every numbered item with its summary, proposal, basis,
minutes and decision, the tasks decided under it, and the generated part of the standing items (`generated_parts`):
an EST meeting's incidents since the previous meeting against the usual level, hot spots and measures due; the
tasks followed up; and what an app above this one registers for its item (`register_part`: the county app's shared
picture under "Mellankommunala frågor"). Written in Swedish, like the lägesbild and the plan."""

from collections.abc import Callable

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.decisions.models import Status
from samtrygg.lagesbild.sections import LANGUAGE
from samtrygg.publishing.document import Document, Figure, Paragraph, Section, Table
from samtrygg.publishing.formatting import format_date, format_number

from . import agenda, selectors
from .models import GroupKind, ItemKind, Meeting, TaskStatus

_PARTS: dict[str, Callable[[Meeting], list]] = {}


def register_part(kind: str, part: Callable[[Meeting], list]) -> None:
    """Let an app above this one write the generated part of a standing item: `part(meeting)` gives its document
    blocks, read as the protocol (in Swedish) when the meeting is shown and once more when it is justerat."""
    _PARTS[kind] = part


def generated_parts(meeting: Meeting, kinds) -> dict[str, list]:
    """The generated document blocks of the meeting's standing items whose kind is among `kinds`, per kind."""
    parts = {}
    if ItemKind.SITUATION in kinds and meeting.group.kind == GroupKind.EST:
        parts[ItemKind.SITUATION] = situation_blocks(agenda.situation(meeting))
    if ItemKind.TASKS in kinds:
        parts[ItemKind.TASKS] = task_blocks(list(selectors.tasks_to_follow_up(meeting)))
    for kind, part in _PARTS.items():
        if kind in kinds:
            parts[kind] = part(meeting)
    return parts


def build_protocol(meeting: Meeting) -> dict:
    """The protocol's document as JSON-plain data, from the meeting as it is now."""
    with translation.override(LANGUAGE):
        return compose_protocol(meeting).to_dict()


def local_time(moment) -> str:
    return timezone.localtime(moment).strftime("%H.%M")


def _when(meeting: Meeting) -> str:
    return f"{format_date(timezone.localdate(meeting.starts_at), LANGUAGE)} {local_time(meeting.starts_at)}–" \
           f"{local_time(meeting.ends_at)}"


def _status(meeting: Meeting) -> str:
    if meeting.status == Status.ADOPTED or meeting.signatures.count() == 2:
        names = [s.name for s in meeting.signatures.order_by("signed_at", "pk")]
        return _("Adjusted by %(names)s") % {"names": _(" and ").join(names)}
    return {Status.DRAFT: _("Draft"), Status.REVIEW: _("Out for adjustment")}.get(meeting.status, meeting.status)


def _meta(meeting: Meeting) -> list[tuple[str, str]]:
    group = meeting.group
    meta = [(_("Group"), group.name), (_("Convened by"), group.owner.name), (_("Time"), _when(meeting))]
    if meeting.location:
        meta.append((_("Place"), meeting.location))
    adjusters = ", ".join(u.get_full_name() or u.username for u in meeting.adjusters.order_by("username"))
    if adjusters:
        meta.append((_("Adjusters"), adjusters))
    meta.append((_("Status"), _status(meeting)))
    return meta


def compose_protocol(meeting: Meeting) -> Document:
    present = Table([_("Function"), _("Organisation"), _("Held by")], [
        [f.title, f.organisation.name, (f.holder.get_full_name() or f.holder.username) if f.holder else "–"]
        for f in selectors.functions(meeting.group)
    ], caption=_("Members"))
    sections = [Section("deltagare", _("Members"), [present])]
    items = list(selectors.items(meeting))
    parts = generated_parts(meeting, {item.kind for item in items})
    for item in items:
        sections.append(_item_section(item, parts.get(item.kind, [])))
    return Document(
        title=_("Minutes: %(title)s") % {"title": meeting.title},
        subtitle=_("%(group)s, %(date)s") % {"group": meeting.group.name,
                                             "date": format_date(timezone.localdate(meeting.starts_at), LANGUAGE)},
        language=LANGUAGE, meta=_meta(meeting), sections=sections,
        footer=f"samtrygg · {meeting.group.name} · {format_date(timezone.localdate(meeting.starts_at), LANGUAGE)}",
    )


def _item_section(item, generated: list) -> Section:
    blocks = []
    basis = "\n".join([item.basis.strip(), *(a.name for a in item.attachments.all())]).strip()
    for label, text in ((_("The matter in brief"), item.summary), (_("Proposed decision"), item.proposal),
                        (_("Basis for decision"), basis), ("", item.notes)):
        if text.strip():  # the minutes' own notes stand without a label
            blocks.append(Paragraph(f"{label}: {text.strip()}" if label else text.strip()))
    blocks += generated
    if item.decision.strip():
        blocks.append(Paragraph(_("Decision: %(decision)s") % {"decision": item.decision.strip()}))
    if item.measure_id:
        blocks.append(Paragraph(_("Measure in the action plan: %(measure)s") % {"measure": item.measure.title}))
    tasks = list(item.tasks.all())
    if tasks:
        blocks.append(Table([_("Task"), _("Function"), _("Place"), _("Deadline")], [
            [t.title, str(t.function), t.place, format_date(t.due, LANGUAGE)] for t in tasks
        ], caption=_("Tasks decided")))
    return Section(f"paragraf-{item.number}", f"§ {item.number} {item.title}", blocks)


def situation_blocks(situation: agenda.Situation) -> list:
    since = timezone.localtime(situation.since)
    until = timezone.localtime(situation.until)
    blocks = [Paragraph(ngettext("%(count)s incident from %(since)s to %(until)s (usual level %(usual)s).",
                                 "%(count)s incidents from %(since)s to %(until)s (usual level %(usual)s).",
                                 situation.total) % {
        "count": situation.total, "since": f"{format_date(since.date(), LANGUAGE)} {since:%H.%M}",
        "until": f"{format_date(until.date(), LANGUAGE)} {until:%H.%M}",
        "usual": format_number(situation.usual, 1, LANGUAGE)})]
    if situation.by_category:
        blocks.append(Table([_("Category"), _("Count"), _("Usual level"), _("Note")], [
            [c.name, c.count, round(c.usual, 1), _("above the usual level") if c.above_usual else ""]
            for c in situation.by_category
        ], decimals=[0, 0, 1, 0], caption=_("Incidents by category")))
    if situation.points or situation.hotspots:
        cells = [{"cell": format(h.cell, "x"), "value": h.count, "grade": h.grade} for h in situation.hotspots]
        blocks.append(Figure("hexmap", {"cells": cells, "outlines": situation.outlines,
                                        "points": [list(p) for p in situation.points], "legend": "grade"},
                             caption=_("Incidents since the previous meeting (dots) and hot spots of the last four "
                                       "weeks (hexagons)"),
                             alt=_("Map of the group's area with the incidents as dots and hot spots as hexagons")))
    if situation.incidents:
        blocks.append(Table([_("When"), _("Category"), _("Area"), _("Reported by"), _("Description")], [
            [f"{timezone.localtime(i.occurred_from):%Y-%m-%d %H.%M}", i.category.name, i.area.name if i.area else "",
             i.owner.name, i.description[:200]] for i in situation.incidents
        ], caption=_("Incidents since the previous meeting")))
    if situation.hotspots:
        places: dict[str, list] = {}
        for spot in situation.hotspots:
            places.setdefault(spot.place, []).append(spot)
        blocks.append(Table([_("Place"), _("Hot spot cells"), _("Incidents, four weeks"), _("New")], [
            [place, len(spots), sum(h.count for h in spots), _("yes") if any(h.new for h in spots) else _("no")]
            for place, spots in sorted(places.items(), key=lambda kv: -sum(h.count for h in kv[1]))
        ], caption=_("Hot spots (95 %% or more)") % {}))
    if situation.measures_due:
        blocks.append(Table([_("Measure"), _("Responsible"), _("Follow-up due"), _("Overdue")], [
            [m.title, m.owner.name, format_date(m.next_due, LANGUAGE), _("yes") if m.is_overdue else _("no")]
            for m in situation.measures_due
        ], caption=_("Measures due for follow-up")))
    return blocks


def task_blocks(tasks) -> list:
    if not tasks:
        return [Paragraph(_("No tasks to follow up."))]
    return [Table([_("Task"), _("Function"), _("Deadline"), _("Status"), _("What was done")], [
        [t.title, str(t.function), format_date(t.due, LANGUAGE), str(TaskStatus(t.status).label), t.outcome]
        for t in tasks
    ], caption=_("Tasks from earlier meetings"))]
