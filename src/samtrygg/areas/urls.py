from django.urls import path

from . import views

app_name = "areas"
urlpatterns = [
    path("", views.area_list, name="list"),
    path("import/", views.area_import, name="import"),
    path("import/scb/", views.scb_import, name="import-scb"),
    path("import/scb/population/", views.scb_population, name="import-scb-population"),
    path("<int:pk>/", views.area_detail, name="detail"),
    path("<int:pk>/edit/", views.area_edit, name="edit"),
    path("<int:pk>/delete/", views.area_delete, name="delete"),
]
