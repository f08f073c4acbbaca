from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("", views.series_list, name="series_list"),
    path("import/", views.indicator_import, name="import"),
    path("katalog/", views.catalogue, name="catalogue"),
    path("katalog/lagg-till/", views.catalogue_add, name="catalogue_add"),
    path("<int:pk>/", views.series_detail, name="series_detail"),
]
