from django.urls import path

from . import views
from .views import app

app_name = "web"
urlpatterns = [
    path("", views.start, name="start"),
    path("manifest.webmanifest", app.manifest, name="manifest"),
    path("sw.js", app.service_worker, name="service_worker"),
]
