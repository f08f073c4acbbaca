from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from . import reference, views

app_name = "api"

router = SimpleRouter()
router.register("incidents", views.IncidentViewSet, basename="incident")

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("categories/", reference.CategoryList.as_view(), name="categories"),
    path("areas/", reference.AreaList.as_view(), name="areas"),
    path("police-events/", reference.PoliceEventList.as_view(), name="police_events"),
    *router.urls,
]
