from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "samtrygg.demo"
    verbose_name = "Demo data"
