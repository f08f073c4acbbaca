from django.urls import path

app_name = "rhythm"

urlpatterns: list = []
