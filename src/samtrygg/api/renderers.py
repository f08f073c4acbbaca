"""GeoJSON output (RFC 7946, WGS 84): `?format=geojson` or `Accept: application/geo+json`."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

GEOMETRY_FIELDS = ("lat", "lon")


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class FormatNegotiation(DefaultContentNegotiation):
    """?format= names one of the view's formats (json, and geojson where offered); another is a 400 naming the
    parameter (DRF's default answers 404, as for a missing object)."""

    def filter_renderers(self, renderers, format):
        chosen = [renderer for renderer in renderers if renderer.format == format]
        if not chosen:
            formats = ", ".join(renderer.format for renderer in renderers)
            raise ValidationError({"format": [_("Choose one of: %(formats)s.") % {"formats": formats}]})
        return chosen


def wants_geojson(request) -> bool:
    renderer = getattr(request, "accepted_renderer", None)
    return renderer is not None and renderer.format == GeoJSONRenderer.format


def feature(row: dict) -> dict:
    """An incident (or police event) as a GeoJSON Feature; the point as geometry (null when only an area)."""
    properties = {k: v for k, v in row.items() if k not in GEOMETRY_FIELDS}
    lat, lon = row.get("lat"), row.get("lon")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": row.get("id"), "geometry": geometry, "properties": properties}


def feature_collection(rows, **members) -> dict:
    return {"type": "FeatureCollection", **members, "features": [feature(r) for r in rows]}


class GeoJSONListMixin:
    """A paginated list as JSON, or as one GeoJSON FeatureCollection page with its next/previous links."""

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        data = self.get_serializer(page, many=True).data
        if wants_geojson(request):
            return Response(feature_collection(
                data, next=self.paginator.get_next_link(), previous=self.paginator.get_previous_link()
            ))
        return self.get_paginated_response(data)
