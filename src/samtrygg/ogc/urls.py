"""/ogc/: OGC API – Features. The standard's paths have no trailing slash; one is tolerated."""

from django.urls import re_path

from . import views

app_name = "ogc"

urlpatterns = [
    re_path(r"^$", views.LandingView.as_view(), name="landing"),
    re_path(r"^conformance/?$", views.ConformanceView.as_view(), name="conformance"),
    re_path(r"^api/?$", views.OpenApiView.as_view(), name="openapi"),
    re_path(r"^collections/?$", views.CollectionsView.as_view(), name="collections"),
    re_path(r"^collections/(?P<collection_id>[^/]+)/?$", views.CollectionView.as_view(), name="collection"),
    re_path(r"^collections/(?P<collection_id>[^/]+)/items/?$", views.ItemsView.as_view(), name="items"),
    re_path(r"^collections/(?P<collection_id>[^/]+)/items/(?P<feature_id>[^/]+)/?$", views.ItemView.as_view(),
            name="item"),
    re_path(r"", views.NotFoundView.as_view(), name="not_found"),  # last: the standard's JSON 404
]
