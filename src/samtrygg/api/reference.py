"""Read-only lists beside the incidents: categories and areas the user can see, and the police's public events."""

import json

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from samtrygg.access import for_request
from samtrygg.areas import selectors as area_selectors
from samtrygg.areas.models import Area
from samtrygg.incidents import selectors
from samtrygg.incidents.filters import PoliceEventFilter
from samtrygg.incidents.models import Category, PoliceEvent

from . import geojson
from . import serializers as s
from .filters import ScopedFilterBackend
from .pagination import PoliceEventCursorPagination
from .renderers import GeoJSONListMixin, GeoJSONRenderer, wants_geojson


@extend_schema(summary="Categories: the national set and those of the organisations you can see")
class CategoryList(generics.ListAPIView):
    serializer_class = s.CategorySerializer
    pagination_class = None
    queryset = Category.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Category.objects.none()
        return selectors.categories_visible(for_request(self.request)).select_related("parent")


@extend_schema(summary="Areas you can see (?format=geojson adds the outlines)",
               responses=geojson.responses(s.AreaSerializer, geojson.AreaFeatureCollectionSerializer))
class AreaList(generics.ListAPIView):
    serializer_class = s.AreaSerializer
    pagination_class = None
    renderer_classes = [JSONRenderer, GeoJSONRenderer]
    queryset = Area.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Area.objects.none()
        return area_selectors.area_list(for_request(self.request))

    def list(self, request):
        areas = self.get_queryset()
        if not wants_geojson(request):
            return Response(self.get_serializer(areas, many=True).data)
        areas = areas.defer(None)  # the outlines too
        features = [
            {"type": "Feature", "id": a.pk, "geometry": json.loads(a.geometry),
             "properties": self.get_serializer(a).data}
            for a in areas
        ]
        return Response({"type": "FeatureCollection", "features": features})


@extend_schema(summary="The police's public events (polisen.se), newest first (cursor pages; ?format=geojson for "
                       "GeoJSON)",
               responses=geojson.responses(s.PoliceEventSerializer, geojson.PoliceEventFeatureCollectionSerializer))
class PoliceEventList(GeoJSONListMixin, generics.ListAPIView):
    serializer_class = s.PoliceEventSerializer
    pagination_class = PoliceEventCursorPagination
    filter_backends = [ScopedFilterBackend]
    filterset_class = PoliceEventFilter
    renderer_classes = [JSONRenderer, GeoJSONRenderer]
    queryset = PoliceEvent.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PoliceEvent.objects.none()
        return selectors.police_events()
