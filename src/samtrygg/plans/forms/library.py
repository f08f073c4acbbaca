from django import forms
from django.utils.translation import gettext_lazy as _

from samtrygg.ui.forms import DATE, OwnerChoice

from ..models import CitizenPromise, Evidence, MethodEntry, MethodKind, PromiseActivity, Strategy


class MethodFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds"))] + MethodKind.choices)
    strategy = forms.ChoiceField(label=_("Strategy"), required=False,
                                 choices=[("", _("All strategies"))] + Strategy.choices)
    evidence = forms.ChoiceField(label=_("Evidence"), required=False,
                                 choices=[("", _("Any evidence"))] + Evidence.choices)
    q = forms.CharField(label=_("Search"), required=False)


class PromiseForm(OwnerChoice, forms.ModelForm):
    owner_label = _("Municipality")

    class Meta:
        model = CitizenPromise
        fields = ["title", "description", "area", "partners", "agreement", "period_start", "period_end", "status",
                  "public"]
        widgets = {"period_start": DATE, "period_end": DATE, "description": forms.Textarea(attrs={"rows": 4}),
                   "partners": forms.SelectMultiple(attrs={"size": 5})}

    def __init__(self, *args, owners=None, areas, partners, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_owner_choice(owners)
        self.fields["area"].queryset = areas
        self.fields["partners"].queryset = partners
        self.fields["partners"].required = False
        self.fields["agreement"].queryset = agreements
        self.fields["agreement"].help_text = _("The collaboration agreement the promise is part of, if any.")


class ActivityForm(forms.ModelForm):
    class Meta:
        model = PromiseActivity
        fields = ["description", "status"]


class MethodForm(OwnerChoice, forms.ModelForm):
    """An organisation's own entry in the method bank (seen by it and those below; by everyone when shared)."""

    class Meta:
        model = MethodEntry
        fields = ["name", "code", "kind", "strategy", "technique", "description", "evidence", "evidence_note",
                  "shared"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "evidence_note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"code": _("A short name for links and imports, e.g. “trygga-skolvagar”.")}

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].initial = Evidence.NONE  # a municipality's own method is rarely evaluated yet
        self.add_owner_choice(owners)
