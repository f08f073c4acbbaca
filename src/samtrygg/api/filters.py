"""Query parameters of the API: the UI's filters (samtrygg.incidents.filters: IncidentFilter, built with the
request's Access, and PoliceEventFilter)."""

from django_filters.rest_framework import DjangoFilterBackend

from samtrygg.access import for_request


class ScopedFilterBackend(DjangoFilterBackend):
    """DjangoFilterBackend for filter sets that take the user's Access (IncidentFilter). Without any of the
    filter's parameters the queryset passes untouched (no choice lists are built, so aggregates stay thin)."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        if "access" in getattr(view, "filterset_kwargs", ()):
            kwargs["access"] = for_request(request)
        return kwargs

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        names = set(filterset_class.base_filters)
        if not any(key in names for key in request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)
