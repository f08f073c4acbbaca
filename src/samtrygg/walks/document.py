"""A safety walk's report as a publishing.Document, in Swedish like the lägesbild and the plan: the facts (area,
time, meeting place, participants by organisation and function), a map of the area with the observations as
points, a table of the observations (what, how unsafe, description, suggested measure, who does what, and what it
became), and the summary. Composed from the walk as it is now: the page, the PDF and the DOCX read the same."""

import json

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samtrygg.lagesbild.sections import LANGUAGE
from samtrygg.publishing.document import Document, Figure, Paragraph, Section, Table
from samtrygg.publishing.formatting import format_date

from . import selectors
from .models import Walk, WalkStatus


def build_report(walk: Walk) -> Document:
    """The walk report, in the report's language whatever the reader's."""
    with translation.override(LANGUAGE):
        return compose_report(walk)


def _when(walk: Walk) -> str:
    moment = timezone.localtime(walk.starts_at)
    return f"{format_date(moment.date(), LANGUAGE)} {moment:%H.%M}"


def _who_does_what(observation) -> str:
    parts = [observation.responsible.name if observation.responsible_id else "", observation.responsible_function]
    return ", ".join(p for p in parts if p)


def _made_into(observation) -> str:
    made = []
    if observation.incident_id:
        made.append(_("incident"))
    if observation.measure_id:
        made.append(_("measure in %(plan)s") % {"plan": observation.measure.plan.title})
    return ", ".join(made)


def compose_report(walk: Walk) -> Document:
    participants = list(selectors.participants(walk))
    observations = list(selectors.observations(walk))
    people = sum(p.count for p in participants)
    meta = [(_("Area"), walk.area.name), (_("Municipality"), walk.owner.name), (_("Time"), _when(walk))]
    if walk.meeting_place:
        meta.append((_("Meeting place"), walk.meeting_place))
    meta.append((_("Status"), str(WalkStatus(walk.status).label)))

    if participants:
        who = [Paragraph(_("%(people)s people from %(organisations)s organisations took part.") % {
                   "people": people, "organisations": len({p.organisation_id for p in participants})}),
               Table([_("Organisation"), _("Function"), _("Number of people")],
                     [[p.organisation.name, p.function, p.count] for p in participants], caption=_("Participants"))]
    else:
        who = [Paragraph(_("No participants have been recorded."))]
    sections = [Section("deltagare", _("Participants"), who)]

    outlines = [json.loads(walk.area.geometry)] if walk.area.geometry else []
    points = [[o.lon, o.lat] for o in observations]
    if outlines or points:
        sections.append(Section("karta", _("Map"), [Figure(
            "hexmap", {"cells": [], "outlines": outlines, "points": points, "legend": "count"},
            caption=_("The walk's area (outline) and the observations (dots)"),
            alt=_("Map of %(area)s with the %(count)s observations of the walk as dots") % {
                "area": walk.area.name, "count": len(points)})]))

    if observations:
        rows = [[number, str(o.category), o.unsafe, o.description, o.suggested_measure, _who_does_what(o),
                 _made_into(o)] for number, o in enumerate(observations, start=1)]
        seen = [Table([_("No."), _("What"), _("How unsafe (1–5)"), _("Description"), _("Suggested measure"),
                       _("Who does what"), _("Made into")], rows, caption=_("Observations on the walk"))]
    else:
        seen = [Paragraph(_("No observations have been recorded."))]
    sections.append(Section("iakttagelser", _("Observations"), seen))
    if walk.summary.strip():
        sections.append(Section("sammanfattning", _("Summary"), [Paragraph(walk.summary.strip())]))
    return Document(
        title=_("Safety walk: %(title)s") % {"title": walk.title},
        subtitle=_("%(area)s, %(date)s") % {"area": walk.area.name, "date": format_date(
            timezone.localdate(walk.starts_at), LANGUAGE)},
        language=LANGUAGE, meta=meta, sections=sections,
        footer=f"samtrygg · {walk.owner.name} · {_('Safety walk')} · {_when(walk)}",
    )
