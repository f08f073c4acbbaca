"""Forms of collaboration agreements: the agreement (focus areas one per line) and a party's commitment."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samtrygg.accounts.models import Organisation
from samtrygg.ui.forms import DATE, OwnerChoice

from ..models import Agreement, Commitment


class AgreementForm(OwnerChoice, forms.ModelForm):
    owner_label = _("Municipality")
    focus_areas = forms.CharField(label=_("Focus areas"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text=_("One per line, e.g. “Trygg centrummiljö”."))

    class Meta:
        model = Agreement
        fields = ["title", "description", "parties", "period_start", "period_end", "signed_on"]
        widgets = {"period_start": DATE, "period_end": DATE, "signed_on": DATE,
                   "description": forms.Textarea(attrs={"rows": 4}), "parties": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, owners=None, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_owner_choice(owners)
        self.fields["parties"].queryset = parties
        self.order_fields(["owner", "title", "description", "parties", "focus_areas"])
        if self.instance.pk:
            self.initial["focus_areas"] = "\n".join(self.instance.focus_areas)

    def clean_focus_areas(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["focus_areas"].splitlines() if line.strip()]


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["party", "focus_area", "text", "measures"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "measures": forms.SelectMultiple(attrs={"size": 5})}

    def __init__(self, *args, agreement, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = Organisation.objects.filter(
            Q(pk=agreement.owner_id) | Q(pk__in=agreement.parties.values("pk"))).order_by("name")
        self.fields["focus_area"] = forms.ChoiceField(
            label=_("Focus area"), required=False,
            choices=[("", "—")] + [(area, area) for area in agreement.focus_areas])
        self.fields["measures"].queryset = measures
        self.fields["measures"].required = False
