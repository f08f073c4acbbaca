"""The lägesbild as a document: the gathered numbers (gather.py) run through the analysis package and worded
into the sections Brå's guidance asks for (the data-driven ones in sections.py). A draft's document is built
when it is shown (and kept for a while, see draft_document); adopting builds it once more and freezes it
(publishing.Document as JSON) in the row, and every rendering (web page, PDF, DOCX) reads that.

Sections: sammanfattning, händelser, geografi, tid, statistik, trygghet, iakttagelser, slutsatser."""

from datetime import datetime

from django.core.cache import caches
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samtrygg.access import OrganisationAccess
from samtrygg.decisions.models import Status
from samtrygg.incidents.selectors import seen_version
from samtrygg.publishing import figures
from samtrygg.publishing.document import Document, Paragraph, Section, Table
from samtrygg.publishing.formatting import format_date, format_period

from .gather import Gathered, Scope, gather
from .models import Lagesbild
from .sections import LANGUAGE, SECTIONS, geography_section, incidents_section, time_section

DRAFT_SECONDS = 600  # a draft's build is used at most this long (for the outside data, see draft_document)


def build_document(lagesbild: Lagesbild) -> dict:
    """The lägesbild's document as JSON-plain data, from the data as it is now."""
    with translation.override(LANGUAGE):
        deepenings = [(d, gather(Scope.of(d), outside_data=False)) for d in lagesbild.deepenings.all()]
        return compose(lagesbild, gather(Scope.of(lagesbild)), deepenings).to_dict()


def document_of(lagesbild: Lagesbild, key: str | None = None) -> Document:
    """The frozen document of an adopted lägesbild; a draft's as built from its inputs as they are now (`key`: its
    document_key, when the caller has it already)."""
    return Document.from_dict(lagesbild.document if lagesbild.is_adopted else draft_document(lagesbild, key)[0])


def document_key(lagesbild: Lagesbild) -> str:
    """A key that names the document's inputs. An adopted lägesbild's document is frozen: its version names it. A
    draft's is built from the draft (its updated_at moves with texts, settings, problems, observations and
    deepenings: services._touch), what its organisation sees (incidents.selectors.seen_version: the incidents,
    which database triggers version on every write, the sharing, the names), and the day (a period that ends today,
    grants that end)."""
    if lagesbild.is_adopted:
        return f"lagesbild:{lagesbild.pk}:v{lagesbild.version}"
    incidents, (latest, revoked), names = seen_version(OrganisationAccess(lagesbild.owner))
    return (f"lagesbild-draft:{lagesbild.pk}:{lagesbild.updated_at.isoformat()}:i{incidents}"
            f":g{latest}-{revoked}:n{names}:{timezone.localdate().isoformat()}")


def draft_document(lagesbild: Lagesbild, key: str | None = None) -> tuple[dict, datetime]:
    """A draft's document and when it was built. Building reads every incident of the area and period (seconds
    at a million), so it is built once per version of its inputs (document_key) and kept in the "documents" cache,
    which every process and server shares (settings.CACHES); the page, its figures and downloads read that build.
    Outside data (indicators, the police's events) is not in the key: a build is used for at most DRAFT_SECONDS."""
    key = key or document_key(lagesbild)
    found = caches["documents"].get(key)
    if found is None:
        found = (build_document(lagesbild), timezone.now())
        caches["documents"].set(key, found, DRAFT_SECONDS)
    return found


def figure_bytes(lagesbild: Lagesbild, number: int, fmt: str, key: str | None = None) -> bytes | None:
    """Figure `number` (from 1, as in the captions) of the document as "svg" (the page shows it) or "png" (full size,
    for zooming on a phone); None when there is no such figure. Drawn once per document version and format."""
    key = key or document_key(lagesbild)
    found = caches["documents"].get(f"{key}:figure{number}.{fmt}")
    if found is None:
        document = document_of(lagesbild, key)
        drawn = document.figures()
        if not 1 <= number <= len(drawn):
            return None
        found = figures.render(drawn[number - 1], fmt, dpi=200, language=document.language)
        caches["documents"].set(f"{key}:figure{number}.{fmt}", found, None if lagesbild.is_adopted else DRAFT_SECONDS)
    return found


def compose(lagesbild: Lagesbild, data: Gathered, deepenings=()) -> Document:
    period = format_period(data.period.start, data.period.end, LANGUAGE)
    return Document(
        title=lagesbild.title,
        subtitle=_("Situation picture of crime and insecurity (lägesbild), %(area)s") % {"area": data.area_name},
        language=LANGUAGE,
        meta=[
            (_("Organisation"), lagesbild.owner.name), (_("Area"), data.area_name), (_("Period"), period),
            (_("Status"), _status(lagesbild)), (_("Version"), str(lagesbild.version)),
        ],
        sections=[
            Section("sammanfattning", _("Summary"), [Paragraph(lagesbild.summary or _("(No summary written yet.)"))]),
            incidents_section(data),
            geography_section(data),
            time_section(data),
            _statistics(data),
            _surveys(data),
            *([_deepenings(deepenings)] if deepenings else []),
            _observations(lagesbild),
            _conclusions(lagesbild),
        ],
        footer=f"samtrygg · {lagesbild.title} · {period}",
    )


def _status(lagesbild: Lagesbild) -> str:
    if lagesbild.status == Status.ADOPTED:
        return _("Adopted %(date)s by %(body)s") % {
            "date": format_date(lagesbild.decided_on, LANGUAGE), "body": lagesbild.decided_by,
        }
    return str(Status(lagesbild.status).label)


# --- statistik, trygghet ---------------------------------------------------------------------------------------

def _unit(name: str, unit: str) -> str:
    return f"{name} ({unit})" if unit else name


def _statistics(data: Gathered) -> Section:
    if not data.statistics:
        return Section("statistik", _("Statistics"), [Paragraph(_("No indicators have been imported yet."))])
    blocks = []
    for series in data.statistics:
        blocks.append(Table([_("Period"), series["kommun"], series["county"], _("Sweden")], series["rows"],
                            decimals=[0, 1, 1, 1], caption=_unit(series["name"], series["unit"]),
                            source=series["source"]))
    return Section("statistik", _("Statistics"), blocks)


def _surveys(data: Gathered) -> Section:
    """Each survey series as a table: one row per area, one column per period (oldest first)."""
    if not data.surveys:
        return Section("trygghet", _("Safety surveys"), [Paragraph(_("No survey results have been imported yet."))])
    blocks = []
    for series in data.surveys:
        periods = sorted({period for _area, period, _value in series["rows"]})
        by_area: dict[str, dict[str, float]] = {}
        for area, period, value in series["rows"]:
            by_area.setdefault(area, {})[period] = value
        rows = [[area, *(values.get(p) for p in periods)] for area, values in sorted(by_area.items())]
        blocks.append(Table([_("Area"), *periods], rows, decimals=[0] + [1] * len(periods),
                            caption=_unit(series["name"], series["unit"]), source=_("own survey")))
    return Section("trygghet", _("Safety surveys"), blocks)


# --- fördjupningar, iakttagelser, slutsatser -------------------------------------------------------------------

def _deepenings(deepenings) -> Section:
    """Views added from the analysis page: each its own area, period and categories, under its own heading."""
    blocks = []
    for deepening, data in deepenings:
        section = SECTIONS[deepening.kind](data)
        period = format_period(data.period.start, data.period.end, LANGUAGE)
        blocks.append(Paragraph(f"{deepening.title} — {data.area_name}, {period}"))
        blocks.extend(section.blocks)
    return Section("fordjupningar", _("Deeper analyses"), blocks)


def _observations(lagesbild: Lagesbild) -> Section:
    """The partners' observations, each with the day it was made; one carried over from the previous version
    says so."""
    rows = [[o.organisation.name, format_date(timezone.localdate(o.created_at), LANGUAGE), _observation_text(o)]
            for o in lagesbild.observations.select_related("organisation", "carried_from__lagesbild")]
    if not rows:
        return Section("iakttagelser", _("Observations from partners"),
                       [Paragraph(_("No partner has submitted an observation."))])
    return Section("iakttagelser", _("Observations from partners"),
                   [Table([_("Organisation"), _("Date"), _("Observation")], rows)])


def _observation_text(observation) -> str:
    if observation.carried_from is None:
        return observation.text
    return _("%(text)s (carried over from version %(version)s)") % {
        "text": observation.text, "version": observation.carried_from.lagesbild.version}


def _conclusions(lagesbild: Lagesbild) -> Section:
    blocks = [Paragraph(lagesbild.conclusions or _("(No conclusions written yet.)"))]
    problems = [[p.priority, p.title, p.description] for p in lagesbild.problems.all()]
    if problems:
        blocks.append(Table([_("Priority"), _("Problem"), _("What, where, when")], problems,
                            caption=_("Prioritised problems")))
    return Section("slutsatser", _("Conclusions and prioritised problems"), blocks)
