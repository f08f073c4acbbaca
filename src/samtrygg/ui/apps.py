from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "samtrygg.ui"
    label = "ui"
