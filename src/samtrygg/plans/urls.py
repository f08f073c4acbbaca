from django.urls import path

from . import views

app_name = "plans"

urlpatterns: list = [
    path("methods/", views.method_list, name="method_list"),
    path("methods/<int:pk>/", views.method_detail, name="method_detail"),
    path("promises/", views.promise_list, name="promise_list"),
    path("promises/new/", views.promise_create, name="promise_create"),
    path("promises/<int:pk>/", views.promise_detail, name="promise_detail"),
    path("promises/<int:pk>/edit/", views.promise_edit, name="promise_edit"),
    path("promises/<int:pk>/activities/", views.activity_add, name="activity_add"),
    path("promises/<int:pk>/activities/<int:activity_pk>/status/", views.activity_status, name="activity_status"),
]
