"""What every map needs, passed to map.js as data- attributes: tiles, attribution, a starting extent (the bounding
box of `areas`, else all of Sweden) and where to fetch the area outlines (none on a public page)."""

from django.conf import settings
from django.db.models import Max, Min

SWEDEN = "11.0,55.3,24.2,69.1"


def map_config(areas, areas_url: str = "") -> dict:
    box = areas.order_by().aggregate(Min("min_lon"), Min("min_lat"), Max("max_lon"), Max("max_lat"))
    extent = [box["min_lon__min"], box["min_lat__min"], box["max_lon__max"], box["max_lat__max"]]
    return {
        "tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION,
        "extent": ",".join(f"{v:.5f}" for v in extent) if extent[0] is not None else SWEDEN,
        "areas_url": areas_url,
    }
