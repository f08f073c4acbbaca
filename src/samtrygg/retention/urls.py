from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("<int:pk>/", views.retention_rule, name="rule"),
    path("<int:pk>/remove/", views.retention_rule_remove, name="rule_remove"),
]
