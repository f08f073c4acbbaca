from django.urls import path

from .views import batches, pages, transfer

app_name = "incidents"

urlpatterns: list = [
    # --- reporting, list, detail, edit, status, map (views/pages.py) ---
    path("", pages.incident_list, name="list"),
    path("report/", pages.report, name="report"),
    path("weekly-report/", batches.batch_create, name="batch"),
    path("weekly-report/<int:pk>/", batches.batch_detail, name="batch_detail"),
    path("privacy-check/", pages.privacy_check, name="privacy_check"),
    path("bulk-status/", pages.bulk_status, name="bulk_status"),
    path("map/", pages.incident_map, name="map"),
    path("map/data/", pages.map_data, name="map_data"),
    path("map/areas/", pages.map_areas, name="map_areas"),
    path("<int:pk>/", pages.incident_detail, name="detail"),
    path("<int:pk>/edit/", pages.incident_edit, name="edit"),
    path("<int:pk>/status/", pages.incident_status, name="status"),
    path("<int:pk>/delete/", pages.incident_delete, name="delete"),
    path("<int:pk>/photo/", pages.incident_photo, name="photo"),
    path("<int:pk>/merge/", pages.incident_merge, name="merge"),
    path("contributions/<int:pk>/photo/", pages.contribution_photo, name="contribution_photo"),
    # --- import and export (views/transfer.py) ---
    path("import/", transfer.incident_import, name="import"),
    path("import/columns/", transfer.incident_import_mapping, name="import_mapping"),
    path("import/confirm/", transfer.incident_import_commit, name="import_commit"),
    path("export/", transfer.incident_export, name="export"),
]
