from django import forms
from django.utils.translation import gettext_lazy as _

from samtrygg.ui.forms import ModelChoices

from .models import Access, DataKind


class GrantForm(forms.Form):
    grantor = forms.ModelChoiceField(label=_("Shared by"), queryset=None)
    grantee = forms.ModelChoiceField(label=_("Shared with"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind of data"), choices=DataKind.choices)
    access = forms.ChoiceField(label=_("Access"), choices=Access.choices, initial=Access.READ)
    areas = ModelChoices(
        label=_("Areas"), queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text=_("Data in these areas and their sub-areas is shared."),
    )
    note = forms.CharField(label=_("Note (e.g. the agreement this rests on)"), max_length=300, required=False)

    def __init__(self, *args, grantors, grantees, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grantor"].queryset = grantors
        self.fields["grantee"].queryset = grantees
        self.fields["areas"].queryset = areas
        if grantors.count() == 1:
            self.fields["grantor"].initial = grantors.first()
