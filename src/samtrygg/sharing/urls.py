from django.urls import path

from . import views

app_name = "sharing"
urlpatterns = [
    path("", views.grant_list, name="list"),
    path("new/", views.grant_create, name="create"),
    path("<int:pk>/revoke/", views.grant_revoke, name="revoke"),
]
