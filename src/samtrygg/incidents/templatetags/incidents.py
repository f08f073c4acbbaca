"""`{% load incidents %}`: a category in the reader's language (`{{ incident.category|category_label }}`, see
taxonomy.category_label) and the export form of the incident list (`{% export_form as form %}`)."""

from django import template

from ..forms import ExportForm
from ..taxonomy import category_label as _category_label
from ..taxonomy import category_name as _category_name

register = template.Library()


@register.filter
def category_label(category) -> str:
    return _category_label(category) if category is not None else ""


@register.filter
def category_name(category) -> str:
    return _category_name(category) if category is not None else ""


@register.simple_tag(takes_context=True)
def export_form(context) -> ExportForm:
    """The export's choices, carrying the list's current filters (request.GET) as hidden fields."""
    return ExportForm(query=context["request"].GET)
