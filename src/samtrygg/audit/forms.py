from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Action


class AuditFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False,
                                          empty_label=_("All my organisations"))
    action = forms.ChoiceField(label=_("Action"), choices=[("", _("All actions"))] + Action.choices, required=False)
    actor = forms.CharField(label=_("User"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
