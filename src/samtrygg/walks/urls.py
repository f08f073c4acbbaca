from django.urls import path

from .views import walks

app_name = "walks"
urlpatterns = [
    path("", walks.walk_list, name="list"),
    path("ny/", walks.walk_create, name="create"),
    path("<int:pk>/", walks.walk_detail, name="detail"),
    path("<int:pk>/andra/", walks.walk_edit, name="edit"),
    path("<int:pk>/genomford/", walks.walk_done, name="done"),
    path("<int:pk>/deltagare/", walks.participants, name="participants"),
    path("deltagare/<int:pk>/ta-bort/", walks.participant_remove, name="participant_remove"),
    path("<int:pk>/iakttagelse/", walks.observation_create, name="observation_create"),
    path("iakttagelse/<int:pk>/", walks.observation_edit, name="observation_edit"),
    path("iakttagelse/<int:pk>/ta-bort/", walks.observation_delete, name="observation_delete"),
    path("iakttagelse/<int:pk>/foto/", walks.observation_photo, name="observation_photo"),
    path("iakttagelse/<int:pk>/handelse/", walks.observation_to_incident, name="observation_incident"),
    path("iakttagelse/<int:pk>/atgard/", walks.observation_to_measure, name="observation_measure"),
    path("<int:pk>/rapport/", walks.report, name="report"),
    path("<int:pk>/rapport.<str:fmt>", walks.report_document, name="report_document"),
]
