from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "samtrygg.jobs"
    verbose_name = "Background jobs"
