"""Reads for incidents, always scoped by the permission resolver: the user's organisations' own incidents and
those in areas shared with them for incidents."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samtrygg.access import Access, Action
from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import STATISTICAL_KINDS, Area
from samtrygg.lib import geo
from samtrygg.sharing.models import DataKind
from samtrygg.sharing.selectors import grants_version

from . import changes
from .models import Batch, Category, Contribution, Incident, PoliceEvent, Tally


def _self_and_above(org) -> list[int]:
    ids = []
    while org is not None:
        ids.append(org.pk)
        org = org.parent
    return ids


def categories_for(owner) -> QuerySet[Category]:
    """Active categories an organisation may use: the national set, its own and those of the organisations above."""
    return Category.objects.filter(active=True).filter(
        Q(owner__isnull=True) | Q(owner__in=_self_and_above(owner))
    )


def area_locator(owner) -> geo.AreaLocator:
    """Locates points among the areas an organisation reports in: its own and those of the organisations above.
    SCB's statistical areas (DeSO, RegSO) are left out: they overlay the organisation's own districts, and an
    incident filed under a DeSO would drop out of the district's counts (they are counted by place instead)."""
    areas = Area.objects.filter(owner__in=_self_and_above(owner)).exclude(kind__in=STATISTICAL_KINDS)
    areas = areas.only("id", "geometry")
    return geo.AreaLocator([(a.pk, a.shape) for a in areas])


def reporting_owners(access: Access) -> QuerySet[Organisation]:
    """The organisations the user may report incidents for, by name."""
    return Organisation.objects.filter(pk__in=access.orgs_for(Action.REPORT)).order_by("name")


def default_owner(owners) -> Organisation | None:
    """Whom to report for unless another is chosen: the only one of `owners` not below another of them (the
    membership's own organisation before its nämnder); None when that is not clear."""
    ids = {owner.pk for owner in owners}
    top = [owner for owner in owners if owner.parent_id not in ids]
    return top[0] if len(top) == 1 else None


def incidents(access: Access, action: Action = Action.VIEW) -> QuerySet[Incident]:
    return access.scope(Incident.objects.all(), action=action, kind=DataKind.INCIDENTS)


def tallies(access: Access, model: type[Tally], action: Action = Action.VIEW) -> QuerySet[Tally]:
    """The rows of a tally (models.Tally) the user may count: scoped exactly as `incidents`, by owner and area."""
    return access.scope(model.objects.all(), action=action, kind=DataKind.INCIDENTS)


def seen_version(access: Access) -> tuple:
    """Values that change whenever an incident this access may see is written, or the sharing that decides which it
    sees changes: the incidents of the organisations it sees and of those below them (an incident it sees is its
    organisations' own or in an area shared with them, and an area's incidents are its organisation's or those below
    it), the grants between those organisations, and the names of categories, areas and organisations. What is built
    from the incidents (the list's page, a lägesbild draft's document) is current while these are the same."""
    seen = access.organisation_ids()
    return changes.version(access.descendants(seen)), grants_version(seen), changes.names_version()


def incidents_version(access: Access) -> tuple:
    """Values that change whenever anything an incident page shows this user could change (ui.pagecache): what the
    filters offer them (choices_version) and the incidents they see."""
    return *choices_version(access), changes.version(access.descendants(access.organisation_ids()))


def choices_version(access: Access) -> tuple:
    """Values that change whenever the incident filters' choices for this user could change (ui.pagecache): their
    roles, the grants between the organisations they see, the names of categories, areas and organisations, and the
    day (grants end with it)."""
    return (tuple(sorted(access.roles.items())), grants_version(access.organisation_ids()), changes.names_version(),
            timezone.localdate().isoformat())


def incident_list(access: Access) -> QuerySet[Incident]:
    return incidents(access).select_related("category", "category__parent", "area", "owner")


def incident_get(access: Access, pk: int, action: Action = Action.VIEW) -> Incident:
    """The incident, or 404 when the user may not `action` it (never 403: nothing hints that it exists)."""
    return get_object_or_404(incidents(access, action).select_related("category", "area", "owner"), pk=pk)


def contribution_get(access: Access, pk: int) -> Contribution:
    """A contribution of an incident the user may see, or 404."""
    return get_object_or_404(Contribution.objects.filter(incident__in=incidents(access)), pk=pk)


def categories_visible(access: Access) -> QuerySet[Category]:
    """Categories for filtering: the national set and those of every organisation the user can see."""
    return Category.objects.filter(Q(owner__isnull=True) | Q(owner__in=access.organisations()))


def batches(access: Access) -> QuerySet[Batch]:
    """Weekly reports of the organisations the user may see incidents of (each incident in one is scoped again)."""
    return Batch.objects.filter(owner__in=access.orgs_for(Action.VIEW)).select_related("owner", "reported_by")


def batch_get(access: Access, pk: int) -> Batch:
    return get_object_or_404(batches(access), pk=pk)


def categories_for_reporting(owner) -> QuerySet[Category]:
    return categories_for(owner).select_related("parent").order_by("sort", "name")


def categories_for_owners(owners) -> QuerySet[Category]:
    """The categories a user may report in for any of `owners` (the organisations they report for)."""
    owners = list(owners)
    categories = categories_for_reporting(owners[0])
    for owner in owners[1:]:
        categories = categories | categories_for_reporting(owner)
    return categories.distinct()


def police_events() -> QuerySet[PoliceEvent]:
    """The police's public events (public data, so every signed-in user may read them; no organisation owns them).
    Callers narrow by period, municipality (kommunkod) or map extent."""
    return PoliceEvent.objects.select_related("category")


def police_events_in(*, kommunkod: str = "", start=None, end=None, bbox=None, county_level: bool | None = None,
                     events: QuerySet[PoliceEvent] | None = None) -> QuerySet[PoliceEvent]:
    """The police's events of one municipality (kommunkod; all when empty; never a county-level event) in
    [start, end), within bbox (min_lon, min_lat, max_lon, max_lat) when given, only or no county-level events
    when county_level is True or False. The one narrowing of the police's events: the lägesbild's count, the
    map's layer and the API (filters.PoliceEventFilter) all go through it, so they count alike."""
    events = police_events() if events is None else events
    if kommunkod:
        events = events.filter(kommunkod=kommunkod, county_level=False)
    if county_level is not None:
        events = events.filter(county_level=county_level)
    if start is not None:
        events = events.filter(occurred_at__gte=start)
    if end is not None:
        events = events.filter(occurred_at__lt=end)
    if bbox is not None:
        min_lon, min_lat, max_lon, max_lat = bbox
        events = events.filter(lon__gte=min_lon, lon__lte=max_lon, lat__gte=min_lat, lat__lte=max_lat)
    return events
