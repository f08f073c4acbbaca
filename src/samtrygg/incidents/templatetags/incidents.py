"""`{% load incidents %}`: a category in the reader's language (`{{ incident.category|category_label }}`, see
taxonomy.category_label), the incident list's rows (`{% incident_rows page changeable choosing %}`) and the export
form of the incident list (`{% export_form as form %}`)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

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


@register.simple_tag
def incident_rows(page, changeable: set[int], choosing) -> str:
    """The list's table rows: when it happened (Swedish time, linked to the incident), category, area, organisation,
    source and status; with `choosing`, a checkbox first for the incidents in `changeable`. Written in Python: fifty
    rows through the template engine's nodes were a quarter of the list page's time (bench list)."""
    head, tail = reverse("incidents:detail", args=[0]).rsplit("0", 1)
    return format_html_join("", "{}", ((_row(incident, f"{head}{incident.pk}{tail}", changeable, choosing),)
                                       for incident in page))


def _row(incident, url: str, changeable: set[int], choosing: bool) -> str:
    when = localtime(incident.occurred_from).strftime("%Y-%m-%d %H:%M")
    label = category_label(incident.category)
    pick = ""
    if choosing:
        box = format_html('<input type="checkbox" name="ids" value="{}" id="pick-{}" aria-label="{}">', incident.pk,
                          incident.pk, _("Choose %(name)s, %(when)s") % {"name": label, "when": when}) \
            if incident.pk in changeable else ""
        pick = format_html("<td>{}</td>", box)
    return format_html(
        "\n  <tr>\n    {}\n    <td><a href=\"{}\">{}</a></td>\n    <td>{}</td>\n    <td>{}</td>\n    <td>{}</td>\n"
        "    <td>{}</td>\n    <td>{}</td>\n  </tr>",
        pick, url, when, label, incident.area.name if incident.area_id else "–", incident.owner.name,
        incident.get_source_display(), incident.get_status_display())


@register.simple_tag(takes_context=True)
def export_form(context) -> ExportForm:
    """The export's choices, carrying the list's current filters (request.GET) as hidden fields."""
    return ExportForm(query=context["request"].GET)
