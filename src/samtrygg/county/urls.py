from django.urls import path

from . import views

app_name = "county"
urlpatterns = [
    path("", views.region_list, name="list"),
    path("ny/", views.region_create, name="create"),
    path("<int:pk>/", views.dashboard, name="dashboard"),
    path("<int:pk>/installningar/", views.region_settings, name="settings"),
    path("<int:pk>/medlemmar/ny/", views.member_add, name="member_add"),
    path("medlem/<int:pk>/", views.member_sharing, name="member"),
    path("medlem/<int:pk>/ta-bort/", views.member_remove, name="member_remove"),
    path("medlem/<int:pk>/dela/", views.share_create, name="share"),
    path("delning/<int:pk>/aterkalla/", views.share_revoke, name="revoke"),
]
