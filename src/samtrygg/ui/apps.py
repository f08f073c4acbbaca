from django.apps import AppConfig

FIGURE_SECONDS = 7 * 24 * 3600  # a drawn figure is named by all it depends on; kept a week after it was drawn


class _Figures:
    """The web pages' drawn figures (publishing.figures.svg_data_uri) in the "documents" cache, which every
    process and server shares (settings.CACHES)."""

    def get(self, key):
        from django.core.cache import caches

        return caches["documents"].get(key)

    def set(self, key, value):
        from django.core.cache import caches

        caches["documents"].set(key, value, FIGURE_SECONDS)


class UiConfig(AppConfig):
    name = "samtrygg.ui"
    label = "ui"

    def ready(self):
        from samtrygg.publishing import figures

        figures.cache = _Figures()
