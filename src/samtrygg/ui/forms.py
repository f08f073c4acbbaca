"""What several apps' forms share: the date widget, the owner choice, forms in named groups."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # the browser's date picker, ISO in the URL


class Chips(forms.CheckboxSelectMultiple):
    """Several choices as rows of tappable chips (checkboxes, styled in samtrygg.css), not a list box that needs
    Ctrl; grouped choices each in a fieldset under the group's name.

    Written in Python, as the HTML Django's option templates give: the incident list's filters hold about a hundred
    chips, and rendering each through three included templates took half of the list page's time (bench list)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group, options, _index in widget["optgroups"]:
            chips = mark_safe("".join(format_html("<div>\n    {}</div>", _option(option)) for option in options))  # noqa: S308
            parts.append(format_html('\n  <fieldset class="chip-group"><legend>{}</legend><div class="chips">{}</div>'
                                     "</fieldset>", group, chips) if group else chips)
        own_id = widget["attrs"].get("id")
        return format_html('<div{} class="chips">{}\n</div>', format_html(' id="{}"', own_id) if own_id else "",
                           mark_safe("".join(parts)))  # noqa: S308 - each part built by format_html


def _attrs(attrs: dict) -> str:
    return mark_safe("".join(format_html(" {}", key) if value is True else format_html(' {}="{}"', key, value)  # noqa: S308
                             for key, value in attrs.items() if value is not False))


def _option(option: dict) -> str:
    """django/forms/widgets/input_option.html and input.html, for one checkbox."""
    value = format_html(' value="{}"', option["value"]) if option["value"] is not None else ""
    box = format_html('<input type="{}" name="{}"{}{}>', option["type"], option["name"], value, _attrs(option["attrs"]))
    if not option["wrap_label"]:
        return box
    label_for = format_html(' for="{}"', option["attrs"]["id"]) if option["attrs"].get("id") else ""
    return format_html("<label{}>{} {}</label>", label_for, box, option["label"])


CHIPS = Chips()


INTEGERS = range(-(2**63), 2**63)  # what a database key can be (SQLite's INTEGER, PostgreSQL's bigint)


class ModelChoices(forms.ModelMultipleChoiceField):
    """Several rows chosen by key, where a key no database integer can hold is one more choice that does not exist
    (Django looks the keys up with IN, which SQLite refuses to bind and PostgreSQL's bigint cannot compare: a
    crash on a hand-written URL such as ?area=10000000000000000000)."""

    def _check_values(self, value):
        for raw in value:
            try:
                beyond = int(str(raw).strip()) not in INTEGERS
            except ValueError:  # not a number: Django's own check says so
                beyond = False
            if beyond:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                      params={"value": raw})
        return super()._check_values(value)


class OwnerChoice:
    """A form whose object is created for one of the user's organisations: `owners` given (a queryset) adds the
    choice, preselected when there is only one; None (editing) leaves it out. `service_fields()` is the cleaned
    data without it, for a service that takes `owner` separately."""

    owner_label = _("Organisation")

    def add_owner_choice(self, owners) -> None:
        if owners is None:
            return
        self.fields["owner"] = forms.ModelChoiceField(label=self.owner_label, queryset=owners)
        self.order_fields(["owner", *self.fields])
        if len(owners) == 1:
            self.fields["owner"].initial = owners[0]

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("owner", None)
        return data


class Fieldsets:
    """A long form in named groups: `fieldsets = [(legend, [field names])]`; fields not named come last, without
    a group. ui/_form.html renders each group as a <fieldset> with its <legend>."""

    fieldsets: list[tuple[str, list[str]]] = []

    def groups(self) -> list[tuple[str, list]]:
        named = {name for _legend, names in self.fieldsets for name in names}
        groups = [(legend, [self[name] for name in names if name in self.fields]) for legend, names in self.fieldsets]
        rest = [field for field in self.visible_fields() if field.name not in named]
        return [(legend, fields) for legend, fields in groups if fields] + ([("", rest)] if rest else [])
