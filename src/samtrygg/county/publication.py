"""What a region may see of its members' incidents: a fixed table per calendar year — the county's total, each
sharing member's total (and per 1,000 residents), its counts per main category and per own top-level area —
with every count below the region's k hidden, and the counts that would give one back hidden too
(`samtrygg.analysis.disclosure`). The table is fixed on purpose: no free choice of area or period, so no two
queries overlap; the trend is the same table's member totals, year by year. The county's total is shown only when
every member's is, so a member joining or leaving cannot be differenced out of it."""

from dataclasses import dataclass, field

from samtrygg.analysis.disclosure import Relation, suppress
from samtrygg.areas.models import Area
from samtrygg.incidents.models import Category
from samtrygg.incidents.taxonomy import translated_name
from samtrygg.reference import population

from . import gather
from .models import Region, ShareKind
from .selectors import sharing_members

COUNTY = ("county",)
YEARS_BACK = 10  # the years a region can look at: this one and nine before (dashboard, lägesbild, API)


def years(today) -> list[int]:
    """The calendar years offered, newest first."""
    return list(range(today.year, today.year - YEARS_BACK, -1))


@dataclass
class MemberRow:
    name: str
    kommunkod: str
    total: int | None
    population: int | None
    categories: list[int | None]
    areas: list[tuple[str, int | None]]
    trend: list[int | None] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        """Incidents per 1,000 residents; None where the count is hidden or the population unknown."""
        if self.total is None or not self.population:
            return None
        return 1000 * self.total / self.population


@dataclass
class Publication:
    year: int
    k: int
    county_total: int | None
    categories: list[str]
    members: list[MemberRow]
    hidden: int  # how many numbers are hidden
    not_sharing: int  # members that do not share their counts
    years: list[int] = field(default_factory=list)
    county_trend: list[int | None] = field(default_factory=list)


def tables(values: dict, members: list[int], counts: dict[int, gather.MemberCounts]) -> list[Relation]:
    relations = [Relation(COUNTY, tuple(("member", m) for m in members))]
    for m in members:
        relations.append(Relation(("member", m), tuple(("category", m, c) for c in counts[m].categories)))
        relations.append(Relation(("member", m), tuple(("area", m, a) for a in counts[m].areas)))
    return relations


def values_for(members: list[int], counts: dict[int, gather.MemberCounts]) -> dict:
    values = {COUNTY: sum(counts[m].total for m in members)}
    for m in members:
        values[("member", m)] = counts[m].total
        values.update({("category", m, c): n for c, n in counts[m].categories.items()})
        values.update({("area", m, a): n for a, n in counts[m].areas.items()})
    return values


def year_table(region: Region, year: int) -> tuple[dict, set, dict[int, gather.MemberCounts], list]:
    """(values, hidden keys, counts per municipality id, the sharing members) of one year's table."""
    shared = list(sharing_members(region, ShareKind.AREA_COUNTS))
    ids = [m.municipality_id for m in shared]
    period = gather.year_period(year)
    counts = {m: gather.member_counts(m, period) for m in ids}
    values = values_for(ids, counts)
    hidden = suppress(values, tables(values, ids, counts), region.min_count)
    if any(("member", m) in hidden for m in ids):
        # the sharing members change over time: a county total shown before and after a member with a hidden
        # total starts or stops sharing would give that total back as the difference
        hidden.add(COUNTY)
    return values, hidden, counts, shared


def _shown(values: dict, hidden: set, key) -> int | None:
    return None if key in hidden else values.get(key, 0)


def publish(region: Region, year: int, *, trend_years: int = 5, reader_names: bool = False) -> Publication:
    """The region's table for the year. Categories by their stored (Swedish) names, as the documents and the API
    give them; with `reader_names`, as the page's reader reads them (English names of the national ones in English)."""
    values, hidden, counts, shared = year_table(region, year)
    category_ids = sorted({c for m in counts.values() for c in m.categories})
    names = {pk: translated_name(code, name, national=owner is None) if reader_names else name
             for pk, code, name, owner in Category.objects.filter(pk__in=category_ids)
             .values_list("id", "code", "name", "owner_id")}
    category_ids.sort(key=lambda c: names.get(c, ""))
    area_ids = {a for m in counts.values() for a in m.areas}
    area_names = dict(Area.objects.filter(pk__in=area_ids).values_list("id", "name"))
    people = population()
    rows = []
    for member in shared:
        m = member.municipality_id
        areas = sorted(counts[m].areas, key=lambda a: (a == gather.NO_AREA, area_names.get(a, "")))
        rows.append(MemberRow(
            name=member.municipality.name, kommunkod=member.municipality.kommunkod,
            total=_shown(values, hidden, ("member", m)),
            population=people.get(member.municipality.kommunkod) or gather.own_population(m),
            categories=[_shown(values, hidden, ("category", m, c)) if c in counts[m].categories else 0
                        for c in category_ids],
            areas=[(area_names.get(a, ""), _shown(values, hidden, ("area", m, a))) for a in areas],
        ))
    publication = Publication(
        year=year, k=region.min_count, county_total=_shown(values, hidden, COUNTY),
        categories=[names.get(c, "") for c in category_ids], members=rows, hidden=len(hidden),
        not_sharing=region.members.count() - len(shared),
    )
    publication.years = list(range(year - trend_years + 1, year + 1))
    by_id = {member.municipality_id: row for member, row in zip(shared, rows, strict=True)}
    for y in publication.years:
        y_values, y_hidden, _counts, _shared = (values, hidden, counts, shared) if y == year else year_table(region, y)
        publication.county_trend.append(_shown(y_values, y_hidden, COUNTY))
        for m, row in by_id.items():
            row.trend.append(_shown(y_values, y_hidden, ("member", m)))
    return publication
