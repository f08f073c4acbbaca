"""Outside statistics for the county: one national series (Kolada, Brå) for every member side by side, ranked,
with the change since the period before, beside the county and Sweden, and drawn as a choropleth over all of
Sweden's municipalities (the members outlined). Public data: every signed-in user reads it
(`indicators.selectors`)."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from samtrygg.access import Access
from samtrygg.indicators import regions
from samtrygg.indicators.models import IndicatorSeries
from samtrygg.indicators.selectors import municipality, series, values
from samtrygg.publishing.document import Figure
from samtrygg.reference import boundaries

from .models import Region


def national_series(access: Access) -> QuerySet[IndicatorSeries]:
    """Public series with values for municipalities."""
    return (series(access).filter(owner__isnull=True, values__region_code__regex=r"^\d{4}$")
            .distinct().order_by("name"))


@dataclass
class RankRow:
    rank: int | None
    name: str
    kommunkod: str
    value: float | None
    previous: float | None

    @property
    def change(self) -> float | None:
        return None if self.value is None or self.previous is None else self.value - self.previous


@dataclass
class Ranking:
    series: IndicatorSeries
    period: str = ""
    previous_period: str = ""
    rows: list[RankRow] = field(default_factory=list)
    county_name: str = ""
    county: float | None = None
    riket: float | None = None
    figures: list[Figure] = field(default_factory=list)  # the county's part of the map, then all of Sweden


def ranking(access: Access, region: Region, chosen: IndicatorSeries, members: list) -> Ranking:
    """The members (organisations) ranked by the series' latest period with values for any of them, highest first;
    the choropleth of that period over every municipality with a value."""
    found = Ranking(chosen)
    codes = [m.kommunkod for m in members if m.kommunkod]
    county_code = region.county_code or next(
        (k.county_code for code in codes if (k := municipality(code)) is not None), "")
    county = regions.county(county_code) if county_code else ""
    found.county_name = regions.label(county) if county else ""
    latest = values(access, chosen, region_codes=codes).order_by("-period_start").first()
    if latest is None:
        return found
    found.period = latest.period
    every = {v.region_code: v.value for v in values(access, chosen).filter(period=latest.period)}
    earlier = values(access, chosen, region_codes=codes).filter(period_start__lt=latest.period_start)
    before = earlier.order_by("-period_start").first()
    found.previous_period = before.period if before else ""
    old = {v.region_code: v.value for v in earlier.filter(period=found.previous_period)} if before else {}
    rows = [RankRow(None, m.name, m.kommunkod, every.get(m.kommunkod), old.get(m.kommunkod)) for m in members]
    ranked = sorted((r for r in rows if r.value is not None), key=lambda r: -r.value)
    for rank, row in enumerate(ranked, start=1):
        row.rank = rank
    found.rows = ranked + [r for r in rows if r.value is None]
    found.county, found.riket = every.get(county), every.get(regions.RIKET)
    member_codes = set(codes)
    data = {"regions": [{"geometry": geometry, "value": every.get(code), "highlight": code in member_codes}
                        for code, geometry in sorted(boundaries().items())], "unit": chosen.unit, "decimals": 1}
    frames = ("highlight", "all") if member_codes & set(boundaries()) else ("all",)
    found.figures = [Figure("choropleth", {**data, "frame": frame}, alt="") for frame in frames]
    return found
