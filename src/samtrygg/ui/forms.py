"""What several apps' forms share: the date widget, the owner choice, forms in named groups."""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # the browser's date picker, ISO in the URL


class Chips(forms.CheckboxSelectMultiple):
    """Several choices as rows of tappable chips (checkboxes, styled in samtrygg.css), not a list box that needs
    Ctrl; grouped choices each in a fieldset under the group's name."""

    template_name = "ui/widgets/chips.html"


CHIPS = Chips()


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
