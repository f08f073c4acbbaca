"""`{% chosen_filters filter as chosen %}`: the active incident filters for the summary above the results
(incidents/_filters.html, shared by the list, the map and a plan's linked incidents)."""

from django import template

from ..filters import chosen_filters as _chosen_filters

register = template.Library()


@register.simple_tag
def chosen_filters(filterset):
    return _chosen_filters(filterset)
