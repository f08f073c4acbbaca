"""Open311 GeoReport v2 at /open311/v2/, every resource as .json or .xml."""

from django.urls import path, re_path

from . import views

app_name = "open311"
FORMAT = r"\.(?P<fmt>json|xml)$"
urlpatterns = [
    path("discovery.json", views.discovery, name="discovery"),
    re_path(r"^services" + FORMAT, views.services, name="services"),
    re_path(r"^services/(?P<code>[\w.-]+)" + FORMAT, views.service_definition, name="service"),
    re_path(r"^requests" + FORMAT, views.requests, name="requests"),
    re_path(r"^requests/(?P<reference>[0-9a-f]{1,32})" + FORMAT, views.request_detail, name="request"),
]
