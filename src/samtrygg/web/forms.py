"""What several apps' forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
