from django.urls import path

from . import views

app_name = "background"

urlpatterns = [
    path("<uuid:pk>/", views.job_detail, name="job"),
    path("<uuid:pk>/fil/", views.job_file, name="file"),
]
