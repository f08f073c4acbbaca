from django.urls import path, re_path

from . import views

app_name = "county"
urlpatterns = [
    path("", views.region_list, name="list"),
    path("ny/", views.region_create, name="create"),
    path("<int:pk>/", views.dashboard, name="dashboard"),
    path("<int:pk>/installningar/", views.region_settings, name="settings"),
    path("<int:pk>/samverkan/", views.collaboration, name="collaboration"),
    path("<int:pk>/medlemmar/ny/", views.member_add, name="member_add"),
    path("medlem/<int:pk>/", views.member_sharing, name="member"),
    path("medlem/<int:pk>/ta-bort/", views.member_remove, name="member_remove"),
    path("medlem/<int:pk>/dela/", views.share_create, name="share"),
    path("delning/<int:pk>/aterkalla/", views.share_revoke, name="revoke"),
    path("<int:pk>/rad/ny/", views.council_create, name="council_create"),
    path("rad/<int:pk>/medlemmar/", views.council_members, name="council_members"),
    path("<int:pk>/lagesbild/ny/", views.picture_create, name="picture_create"),
    path("lagesbild/<int:pk>/", views.picture_detail, name="picture"),
    path("lagesbild/<int:pk>/andra/", views.picture_edit, name="picture_edit"),
    re_path(r"^lagesbild/(?P<pk>\d+)/(?P<step>submit|reopen)/$", views.picture_step, name="picture_step"),
    path("lagesbild/<int:pk>/faststall/", views.picture_adopt, name="picture_adopt"),
    re_path(r"^lagesbild/(?P<pk>\d+)/lanslagesbild\.(?P<fmt>pdf|docx)$", views.picture_download,
            name="picture_download"),
]
