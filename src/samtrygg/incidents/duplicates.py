"""Possible duplicates (issue 18 point 4): the incidents a new report may be the same as — nearby, of the same main
category, at about the same time and reported recently. Reads only, always through the scoped selectors, so a user
is offered only incidents they may see.

    candidates(access, category=category, lat=59.195, lon=17.625, occurred_from=when)

A box around the point narrows the rows in SQL (with the scope, the category and the times); the exact distance
(haversine) is then computed for the few rows left, in Python."""

import math
from datetime import datetime, timedelta

from django.utils import timezone

from samtrygg.access import Access, Action

from . import selectors
from .models import Category, Incident
from .query import descendant_ids

RADIUS_M = 150  # how near an incident must be to be offered as the same
WINDOW = timedelta(hours=3)  # how far apart in time the two may have occurred
RECENT = timedelta(hours=24)  # only incidents reported (created) this recently
LIMIT = 5  # at most this many, nearest first
PREFILTER = 200  # rows read for the exact distance at most (a box of 300 m rarely holds more)
EARTH_RADIUS_M = 6_371_008.8
METRES_PER_DEGREE = math.pi * EARTH_RADIUS_M / 180


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def main_category_ids(category: Category) -> set[int]:
    """The category's main category and every category below it."""
    return descendant_ids(Category, [category.parent_id or category.pk])


def candidates(access: Access, *, category: Category, lat: float | None, lon: float | None,
               occurred_from: datetime, exclude: int | None = None, action: Action = Action.VIEW,
               now: datetime | None = None) -> list[Incident]:
    """The incidents the user may `action` (VIEW, or CHANGE for merging) that may be the same as a report of
    `category` at (lat, lon) at `occurred_from`: the same main category, within RADIUS_M, occurred within WINDOW
    and reported within RECENT of `now` (the present on submit; the incident's own report time when merging, so a
    coordinator finds the duplicates of an older report); nearest first, at most LIMIT. Each has `distance_m`
    set. Without a point: none."""
    if lat is None or lon is None or category is None or occurred_from is None:
        return []
    now = now or timezone.now()
    dlat = RADIUS_M / METRES_PER_DEGREE
    dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
    rows = (
        selectors.incidents(access, action)
        .filter(category_id__in=main_category_ids(category),
                lat__gte=lat - dlat, lat__lte=lat + dlat, lon__gte=lon - dlon, lon__lte=lon + dlon,
                occurred_from__gte=occurred_from - WINDOW, occurred_from__lte=occurred_from + WINDOW,
                created_at__gte=now - RECENT, created_at__lte=now + RECENT)
        .select_related("category", "category__parent", "area", "owner")
        .order_by("-created_at")[:PREFILTER]
    )
    found = []
    for incident in rows:
        if incident.pk == exclude:
            continue
        incident.distance_m = distance_m(lat, lon, incident.lat, incident.lon)
        if incident.distance_m <= RADIUS_M:
            found.append(incident)
    found.sort(key=lambda incident: (incident.distance_m, -incident.pk))
    return found[:LIMIT]
