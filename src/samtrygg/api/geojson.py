"""What `?format=geojson` (or `Accept: application/geo+json`) answers, for the OpenAPI document: a Feature for one
incident, a FeatureCollection page (with next/previous) for the incident and police-event lists, a FeatureCollection
of outlines for the areas. The views build the GeoJSON with renderers.feature(); these only describe it."""

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from . import serializers as s
from .renderers import GEOMETRY_FIELDS

GEOJSON = "application/geo+json"
JSON = "application/json"
POSITION = {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2,
            "description": "[longitude, latitude] in WGS 84"}
RING = {"type": "array", "items": POSITION}


def constant(value: str) -> serializers.CharField:
    """A string member that is always `value` ("Feature", "FeatureCollection")."""
    field_class = type(f"{value}Field", (serializers.CharField,), {"__module__": __name__})
    return extend_schema_field({"type": "string", "pattern": f"^{value}$"})(field_class)()  # no enum component


@extend_schema_field({
    "type": "object", "nullable": True,
    "properties": {"type": {"type": "string", "enum": ["Point"]}, "coordinates": POSITION},
    "required": ["type", "coordinates"],
    "description": "The point; null when the incident is placed only by its area.",
})
class PointField(serializers.JSONField):
    pass


@extend_schema_field({
    "oneOf": [
        {"type": "object", "properties": {"type": {"type": "string", "enum": ["Polygon"]},
                                          "coordinates": {"type": "array", "items": RING}},
         "required": ["type", "coordinates"]},
        {"type": "object", "properties": {"type": {"type": "string", "enum": ["MultiPolygon"]},
                                          "coordinates": {"type": "array", "items": {"type": "array",
                                                                                      "items": RING}}},
         "required": ["type", "coordinates"]},
    ],
    "description": "The outline.",
})
class OutlineField(serializers.JSONField):
    pass


def _without_geometry(serializer_class):
    """The serializer's fields less lat and lon (which are the geometry), as a Feature's properties."""
    meta = type("Meta", (serializer_class.Meta,), {
        "fields": [f for f in serializer_class.Meta.fields if f not in GEOMETRY_FIELDS],
    })
    return type(f"{serializer_class.__name__.removesuffix('Serializer')}PropertiesSerializer", (serializer_class,),
                {"Meta": meta, "__module__": __name__})


IncidentPropertiesSerializer = _without_geometry(s.IncidentSerializer)
PoliceEventPropertiesSerializer = _without_geometry(s.PoliceEventSerializer)


class IncidentFeatureSerializer(serializers.Serializer):
    type = constant("Feature")
    id = serializers.IntegerField()
    geometry = PointField()
    properties = IncidentPropertiesSerializer()


class PoliceEventFeatureSerializer(serializers.Serializer):
    type = constant("Feature")
    id = serializers.IntegerField()
    geometry = PointField()
    properties = PoliceEventPropertiesSerializer()


class AreaFeatureSerializer(serializers.Serializer):
    type = constant("Feature")
    id = serializers.IntegerField()
    geometry = OutlineField()
    properties = s.AreaSerializer()


class PageLinks(serializers.Serializer):
    next = serializers.URLField(allow_null=True, help_text="The next page, or null on the last.")
    previous = serializers.URLField(allow_null=True, help_text="The previous page, or null on the first.")


@extend_schema_serializer(many=False)
class IncidentFeatureCollectionSerializer(PageLinks):
    type = constant("FeatureCollection")
    features = IncidentFeatureSerializer(many=True)


@extend_schema_serializer(many=False)
class PoliceEventFeatureCollectionSerializer(PageLinks):
    type = constant("FeatureCollection")
    features = PoliceEventFeatureSerializer(many=True)


@extend_schema_serializer(many=False)
class AreaFeatureCollectionSerializer(serializers.Serializer):
    type = constant("FeatureCollection")
    features = AreaFeatureSerializer(many=True)


def responses(json, geojson, code: int = 200, **more) -> dict:
    """`responses=` for an operation that answers JSON or GeoJSON by the request's format."""
    return {(code, JSON): json, (code, GEOJSON): geojson, **more}
