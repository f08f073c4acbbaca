"""`{% filter_panel filter %}`: the incident filters' panel (incidents/_filters.html: the summary of the active
filters and the form), shared by the list, the map and a plan's linked incidents. Its HTML is kept per user, language,
chosen filters and incidents.selectors.choices_version (ui.pagecache.cached_part): with about a hundred choices it was
a third of building the list's page, and paging, the map and the list show the same panel for the same filters.
`{% chosen_filters filter as chosen %}`: the active filters for the summary."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from samtrygg.access import for_request
from samtrygg.ui.pagecache import cached_part

from .. import selectors
from ..filters import chosen_filters as _chosen_filters
from ..filters import filter_query

register = template.Library()


@register.simple_tag(takes_context=True)
def filter_panel(context, filterset):
    def build():
        return render_to_string("incidents/_filters.html", {"filter": filterset})

    if filterset.is_bound and not filterset.form.is_valid():  # errors are shown once, never kept
        return mark_safe(build())  # noqa: S308 (rendered by the template engine)
    request = context["request"]
    chosen = filter_query(filterset.data) if filterset.is_bound else None
    return cached_part(request, ("incident-filters", chosen), selectors.choices_version(for_request(request)), build)


@register.simple_tag
def chosen_filters(filterset):
    return _chosen_filters(filterset)
