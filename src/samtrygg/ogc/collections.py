"""The feature collections the service offers, in one list: their ids, titles, whether they are public, how
their extent is found and which selectors read their items."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import selectors


@dataclass(frozen=True)
class Collection:
    id: str
    title: Promise
    description: Promise
    features: Callable  # (access, Query) -> selectors.Page
    item: Callable  # (access, feature id, Query) -> feature; Http404 when not there for this caller
    numeric_ids: bool = False  # feature ids are integers (the row's id)
    public: bool = False  # readable without a token
    temporal: Callable | None = None  # (access) -> [start, end] of the data, for the extent
    extent: Callable | None = None  # (access) -> bbox
    parameters: tuple[str, ...] = ()  # query parameters beyond limit, offset, bbox and datetime


COLLECTIONS = (
    Collection(
        "areas", _("Areas"),
        _("The areas you can see: your organisations' own, those of the organisations above them and those "
          "shared with you. Each area's name, kind, parent area, owner, police classification, population and SCB "
          "code (DeSO, RegSO)."),
        selectors.area_features, selectors.area_item, numeric_ids=True,
        extent=selectors.areas_extent),
    Collection(
        "incidents-by-area", _("Incidents per area"),
        _("How many of the incidents you can see occurred in each area (with its sub-areas) in the period "
          "given by datetime (all time without it), in total and per main category. Never single incidents."),
        selectors.incidents_by_area_features, selectors.incidents_by_area_item, numeric_ids=True,
        temporal=selectors.incidents_interval, extent=selectors.areas_extent),
    Collection(
        "incidents-by-hexagon", _("Incidents per hexagon"),
        _("How many of the incidents you can see occurred in each H3 hexagon in the period given by datetime "
          "(all time without it). The parameter resolution chooses the hexagons' size (0–10, default 8: about "
          "0.7 km²). Only hexagons with incidents are listed. Never single incidents."),
        selectors.hexagon_features, selectors.hexagon_item,
        temporal=selectors.incidents_interval, extent=selectors.areas_extent, parameters=("resolution",)),
    Collection(
        "hotspots", _("Hot spots of adopted situation pictures"),
        _("The hot spot hexagons (Getis-Ord Gi* at the 90, 95 or 99 percent level) of the adopted situation "
          "pictures (lägesbilder) you can see, as frozen at adoption. datetime selects the situation pictures "
          "whose period it overlaps."),
        selectors.hotspot_features, selectors.hotspot_item,
        temporal=selectors.hotspots_interval, extent=selectors.areas_extent),
    Collection(
        "medborgarloften", _("Citizen promises (medborgarlöften)"),
        _("The citizen promises the municipalities have published for residents, with their area, period, "
          "status and activities. Public: no token needed. kommunkod selects one municipality; datetime the "
          "promises whose period it overlaps."),
        selectors.promise_features, selectors.promise_item, numeric_ids=True, public=True,
        temporal=lambda access: selectors.promises_interval(), extent=lambda access: selectors.promises_extent(),
        parameters=("kommunkod",)),
)

BY_ID = {collection.id: collection for collection in COLLECTIONS}
