from django import forms
from django.utils.translation import gettext_lazy as _

from samtrygg.incidents.filters import DATE

from .models import CitizenPromise, Evidence, MethodKind, PromiseActivity, Strategy


class MethodFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds"))] + MethodKind.choices)
    strategy = forms.ChoiceField(label=_("Strategy"), required=False,
                                 choices=[("", _("All strategies"))] + Strategy.choices)
    evidence = forms.ChoiceField(label=_("Evidence"), required=False,
                                 choices=[("", _("Any evidence"))] + Evidence.choices)
    q = forms.CharField(label=_("Search"), required=False)


class PromiseForm(forms.ModelForm):
    owner = forms.ModelChoiceField(label=_("Municipality"), queryset=None)

    class Meta:
        model = CitizenPromise
        fields = ["owner", "title", "description", "area", "partners", "period_start", "period_end", "status",
                  "public"]
        widgets = {"period_start": DATE, "period_end": DATE, "description": forms.Textarea(attrs={"rows": 4}),
                   "partners": forms.SelectMultiple(attrs={"size": 5})}

    def __init__(self, *args, owners=None, areas, partners, **kwargs):
        super().__init__(*args, **kwargs)
        if owners is None:
            del self.fields["owner"]
        else:
            self.fields["owner"].queryset = owners
            if len(owners) == 1:
                self.fields["owner"].initial = owners[0]
        self.fields["area"].queryset = areas
        self.fields["partners"].queryset = partners
        self.fields["partners"].required = False

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("owner", None)
        return data


class ActivityForm(forms.ModelForm):
    class Meta:
        model = PromiseActivity
        fields = ["description", "status"]
