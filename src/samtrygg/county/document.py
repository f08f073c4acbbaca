"""The county's lägesbild as a document (publishing.Document), in Swedish whatever the reader's language: the
region's summary, the members' shared incidents (the same safe table as the dashboard, hidden counts "–"), the
hot spots across municipal borders, one national statistics series with the members ranked and mapped, and the
region's conclusions. A draft's document is built when it is shown; adopting builds it once more and freezes it
(decisions.workflow), and every rendering reads that."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.access import Access
from samtrygg.lagesbild.sections import LANGUAGE
from samtrygg.publishing.document import Document, Paragraph, Section, Table
from samtrygg.publishing.formatting import format_date

from . import geography, publication, statistics
from .models import CountyPicture
from .selectors import member_municipalities

SOURCE_OWN = "Medlemskommunernas delade händelser i samtrygg"
SHOWN_CLUSTERS = 10  # the hot spots listed by name (those across a border first); the map shows them all


def build_document(picture: CountyPicture, access: Access) -> dict:
    """The picture's document as JSON-plain data, from what the members share now."""
    return compose(picture, access).to_dict()


def document_of(picture: CountyPicture, access: Access) -> Document:
    """The frozen document of an adopted picture, else the draft's as the data stand now."""
    return Document.from_dict(picture.document) if picture.is_adopted else compose(picture, access)


def compose(picture: CountyPicture, access: Access) -> Document:
    with translation.override(LANGUAGE):
        region, year = picture.region, picture.year
        name = region.organisation.name
        sections = []
        if picture.summary.strip():
            sections.append(Section("sammanfattning", _("Summary"), [Paragraph(picture.summary)]))
        sections.append(incidents_section(publication.publish(region, year)))
        sections.append(hotspots_section(geography.county_hotspots(region, year)))
        if picture.series is not None:
            members = list(member_municipalities(region))
            sections.append(_statistics(statistics.ranking(access, region, picture.series, members)))
        if picture.conclusions.strip():
            sections.append(Section("slutsatser", _("Conclusions"), [Paragraph(picture.conclusions)]))
        decided = (_("%(date)s by %(body)s") % {"date": format_date(picture.decided_on, LANGUAGE),
                                                "body": picture.decided_by} if picture.is_adopted else
                   picture.get_status_display())
        return Document(
            title=picture.title, subtitle=name, language=LANGUAGE,
            meta=[(_("Region"), name), (_("Year"), str(year)), (_("Status"), decided),
                  (_("As of"), format_date(timezone.localdate(), LANGUAGE))],
            sections=sections,
            footer=f"{name} · {picture.title}",
        )


def incidents_section(table: publication.Publication) -> Section:
    notes = [_("Only counts of at least %(k)s are shown. Smaller counts are hidden (–), and so are the counts that "
               "would give one back by subtraction: a total minus the parts shown, or one year's table against "
               "another. No single incident leaves a municipality.") % {"k": table.k}]
    if table.hidden:
        notes.append(ngettext("%(n)s number in this table is hidden.", "%(n)s numbers in this table are hidden.",
                              table.hidden) % {"n": table.hidden})
    if table.not_sharing:
        notes.append(ngettext("%(n)s member does not share its counts and is not shown.",
                              "%(n)s members do not share their counts and are not shown.",
                              table.not_sharing) % {"n": table.not_sharing})
    blocks = [Paragraph(" ".join(notes))]
    if not table.members:
        blocks.append(Paragraph(_("No member shares its incident counts yet.")))
    else:
        blocks.append(Table(
            columns=[_("Municipality"), _("Incidents"), _("Per 1,000 residents"), *table.categories],
            rows=[[row.name, row.total, row.rate, *row.categories] for row in table.members]
            + [[_("All sharing members"), table.county_total, "", *([""] * len(table.categories))]],
            decimals=[0, 0, 1, *([0] * len(table.categories))],
            caption=_("Incidents per member municipality and main category, %(year)s") % {"year": table.year},
            source=SOURCE_OWN,
        ))
        blocks.append(Table(
            columns=[_("Municipality"), *(str(y) for y in table.years)],
            rows=[[row.name, *row.trend] for row in table.members]
            + [[_("All sharing members"), *table.county_trend]],
            caption=_("Trend: incidents per year"), source=SOURCE_OWN,
        ))
    return Section("handelser", _("Shared incidents %(year)s") % {"year": table.year}, blocks)


def hotspots_section(spots: geography.CountyHotspots) -> Section:
    heading = _("Hot spots across municipal borders")
    if spots.figure is None:
        return Section("heta-punkter", heading, [Paragraph(_("No member shares its hexagon counts yet."))])
    lines = [_("Getis-Ord Gi* over the hexagon cells of every member that shares them, as one area: a hot spot on a "
               "border is found whole.")]
    for cluster in spots.clusters[:SHOWN_CLUSTERS]:
        line = ngettext("Hot spot at %(level)s %%: %(n)s cell in %(names)s",
                        "Hot spot at %(level)s %%: %(n)s cells in %(names)s", len(cluster.cells)) % {
            "level": cluster.level, "n": len(cluster.cells), "names": " – ".join(cluster.places)}
        lines.append(line + (" " + _("(across a municipal border)") if cluster.crosses_border else ""))
    if not spots.clusters:
        lines.append(_("No hot spots were found in the year."))
    elif (more := len(spots.clusters) - SHOWN_CLUSTERS) > 0:
        lines.append(ngettext("And %(n)s more hot spot.", "And %(n)s more hot spots.", more) % {"n": more})
    spots.figure.caption = _("Hot spots in %(names)s (H3 resolution %(res)s).") % {
        "names": ", ".join(spots.members), "res": spots.resolution}
    spots.figure.source = SOURCE_OWN
    return Section("heta-punkter", heading, [Paragraph("\n\n".join(lines)), spots.figure])


def _statistics(ranking: statistics.Ranking) -> Section:
    heading = _("Statistics: the members side by side")
    if not ranking.rows:
        return Section("statistik", heading, [Paragraph(_("No national statistics with values for the members yet."))])
    rows = [[row.rank, row.name, row.value, row.previous, row.change] for row in ranking.rows]
    if ranking.county_name:
        rows.append(["", ranking.county_name, ranking.county, None, None])
    rows.append(["", _("Sweden"), ranking.riket, None, None])
    table = Table(
        columns=[_("Rank"), _("Municipality"), ranking.period, ranking.previous_period or _("Before"),
                 _("Change since before")],
        rows=rows, decimals=[0, 0, 1, 1, 1],
        caption=_("%(name)s, %(period)s") % {"name": ranking.series.name, "period": ranking.period},
        source=ranking.series.get_source_display(),
    )
    names = {"name": ranking.series.name, "period": ranking.period}
    for n, figure in enumerate(ranking.figures):
        zoomed = n == 0 and len(ranking.figures) > 1
        figure.caption = (_("The county's municipalities") if zoomed else _("All of Sweden's municipalities"))
        figure.caption += f": {ranking.series.name}, {ranking.period}"
        figure.source = table.source
        figure.alt = _("Map of Sweden's municipalities coloured by %(name)s, %(period)s; the table above gives the "
                       "members' values") % names
    return Section("statistik", heading, [table, *ranking.figures])
