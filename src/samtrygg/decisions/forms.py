"""The decision's form: the date and the body that decided (kommunstyrelsen, the strategic council)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samtrygg.ui.forms import DATE


class AdoptForm(forms.Form):
    decided_on = forms.DateField(label=_("Decision date"), widget=DATE)
    decided_by = forms.CharField(label=_("Decided by (body)"), max_length=200,
                                 help_text=_("For example kommunstyrelsen or the strategic council."))
