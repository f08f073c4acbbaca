"""Kolada's KPI catalogue and the recommended safety KPIs (recommended.py): what a coordinator searches and
adds for their municipality, its county and Sweden, and what the installation fetches on a schedule for every
municipality, county and Sweden (`samtrygg run-jobs`, when SAMTRYGG_KOLADA_URL is set).

    found = search("brott")                                    # Kolada's /kpi?title=… online, else the list
    result = add_for_municipality(user=anna, kpi="N07403", kommunkod="0180")
    report = fetch_recommended(today=date.today())             # the job

Fetching goes through formats.load (every page, the KPI's name from its metadata), writing through
services.import_national (all or nothing per KPI, audited)."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import gettext as _

from . import formats, regions, selectors, services
from . import recommended as recommended_list
from .formats import fetch, kolada

PUBLIC_API = "https://api.kolada.se/v3"  # shown offline: where to download a file to upload
YEARS = 6  # fetched: this year and the six before it
MAX_SEARCH_PAGES = 3
MAX_HITS = 60
RETRY_AFTER = timedelta(hours=6)  # after a failed scheduled fetch, before the next try
KPI_ID = re.compile(r"^[A-Za-z0-9]{1,20}$")


@dataclass(frozen=True)
class Kpi:
    id: str
    title: str
    description: str = ""
    why: str = ""
    evidence: str = ""
    recommended: bool = False


@dataclass(frozen=True)
class BraCrime:
    crime: str
    why: str


@dataclass
class SearchResult:
    kpis: list[Kpi]
    online: bool  # searched in Kolada's catalogue (else in the recommended list)
    error: str = ""  # why Kolada could not be searched (the recommended list was searched instead)


@dataclass
class FetchReport:
    imported: dict[str, dict] = field(default_factory=dict)  # {kpi: ImportResult.counts()}
    failed: dict[str, str] = field(default_factory=dict)  # {kpi: why}


def recommended() -> list[Kpi]:
    """The recommended Kolada KPIs, in the list's order."""
    return [Kpi(k["id"], k["title"], why=str(k["why"]), evidence=k["evidence"], recommended=True)
            for k in recommended_list.KOLADA]


def bra_crimes() -> list[BraCrime]:
    """Brå's crime groups recommended for a lägesbild (imported from Brå's files, which have no open API)."""
    return [BraCrime(c["crime"], str(c["why"])) for c in recommended_list.BRA]


def base_url() -> str:
    """Kolada's API (SAMTRYGG_KOLADA_URL), or "" when the installation is offline."""
    return settings.SAMTRYGG_KOLADA_URL


def years(today: date) -> list[int]:
    return list(range(today.year - YEARS, today.year + 1))


def data_url(base: str, kpi: str, years: list[int], places: list[str] | None = None) -> str:
    """Kolada's data URL: every municipality, county and Sweden, or only `places` (Kolada's ids)."""
    if not KPI_ID.match(kpi):
        raise ValueError(f"not a KPI id: {kpi!r}")
    where = f"/municipality/{','.join(places)}" if places else ""
    return f"{base}/data/kpi/{kpi}{where}/year/{','.join(str(y) for y in years)}"


def kolada_places(kommunkod: str) -> list[str]:
    """The municipality, its county and Sweden as Kolada names them: ["0180", "0001", "0000"]."""
    return [kommunkod, "00" + selectors.municipality(kommunkod).county_code, "0000"]


def download_url(kpi: str, kommunkod: str, today: date) -> str:
    """Where an offline installation's coordinator downloads a KPI's file to upload (Kolada's public API)."""
    return data_url(PUBLIC_API, kpi, years(today), kolada_places(kommunkod))


# --- search ---------------------------------------------------------------------------------------------------

def search(query: str, *, base: str | None = None) -> SearchResult:
    """KPIs whose title holds the query: Kolada's catalogue when online (recommended ones marked), else (or when
    Kolada cannot be reached, with the reason) the recommended list; the whole list for an empty query."""
    base = base_url() if base is None else base
    query = " ".join(query.split())[:100]
    offline = [k for k in recommended() if not query or query.casefold() in f"{k.id} {k.title}".casefold()]
    if not base or not query:
        return SearchResult(offline, online=False)
    try:
        return SearchResult(_search_kolada(base, query), online=True)
    except formats.FormatError as exc:
        return SearchResult(offline, online=False, error=str(exc))


def _search_kolada(base: str, query: str) -> list[Kpi]:
    marked = {k.id: k for k in recommended()}
    found: list[Kpi] = []
    url: str | None = f"{base}/kpi?{urlencode({'title': query})}"
    for _page in range(MAX_SEARCH_PAGES):
        doc = kolada.load_json(fetch.read(url), url)
        if not kolada.is_data(doc):
            raise formats.FormatError(url, None, "values", _("not Kolada's catalogue: no list of KPIs."))
        for record in doc["values"]:
            if not isinstance(record, dict):
                continue
            kpi, title = record.get("id"), record.get("title")
            if not isinstance(kpi, str) or not KPI_ID.match(kpi) or not isinstance(title, str):
                continue
            description = record.get("description") if isinstance(record.get("description"), str) else ""
            known = marked.get(kpi)
            found.append(Kpi(kpi, " ".join(title.split())[:300], description[:1000], why=known.why if known else "",
                             evidence=known.evidence if known else "", recommended=known is not None))
        url = kolada.next_page(doc)
        if not url or not fetch.is_url(url) or len(found) >= MAX_HITS:
            break
    return sorted(found[:MAX_HITS], key=lambda k: (not k.recommended, k.title.casefold()))


# --- fetching -------------------------------------------------------------------------------------------------

def add_for_municipality(*, user, kpi: str, kommunkod: str, today: date,
                         base: str | None = None) -> services.ImportResult:
    """Fetch one KPI for the municipality, its county and Sweden (this year and the YEARS before) from Kolada and
    import those values for `user`; FormatError when it cannot be fetched or holds no value."""
    base = base_url() if base is None else base
    if not base:
        raise formats.FormatError(kpi, None, "", _("this installation does not fetch from Kolada (offline)."))
    parsed = formats.load(data_url(base, kpi, years(today), kolada_places(kommunkod)), "kolada")
    allowed = {kommunkod, regions.county(selectors.municipality(kommunkod).county_code), regions.RIKET}
    return services.import_national(parsed, user=user, region_codes=allowed)


def fetch_due(now: datetime, days: int) -> bool:
    """Whether the scheduled fetch should run: none succeeded within `days` days, and none failed within
    RETRY_AFTER (so a Kolada that is down is not asked every quarter of an hour)."""
    succeeded = selectors.last_kolada_fetch(succeeded=True)
    if succeeded is not None and now - succeeded.at < timedelta(days=days):
        return False
    last = selectors.last_kolada_fetch()
    return last is None or last == succeeded or now - last.at >= RETRY_AFTER


def fetch_recommended(*, today: date, base: str | None = None) -> FetchReport:
    """The scheduled fetch: each recommended KPI for every municipality, county and Sweden, this year and the
    YEARS before it, imported on its own (a KPI that fails is reported, the others are still imported); the run is
    recorded in the audit log."""
    base = base_url() if base is None else base
    report = FetchReport()
    for kpi in recommended():
        try:
            parsed = formats.load(data_url(base, kpi.id, years(today)), "kolada")
            report.imported[kpi.id] = services.import_national(parsed, user=None, region_codes=None).counts()
        except formats.FormatError as exc:
            report.failed[kpi.id] = str(exc)[:500]
    services.kolada_fetch_record(base_url=base, imported=report.imported, failed=report.failed)
    return report
