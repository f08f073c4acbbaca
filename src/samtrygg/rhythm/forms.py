"""Forms of the årshjul: a duty, marking it done, seeding a year, choosing the municipality, and the compliance
rule."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samtrygg.ui.forms import DATE

from .models import ComplianceRule, Duty

FIRST_YEAR = 2023  # the law came into force on 1 July 2023


class FunctionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} – {obj.group.name} ({obj.organisation.name})"


class DutyForm(forms.ModelForm):
    owner_function = FunctionChoice(label=_("Responsible function"), queryset=None, required=False,
                                    help_text=Duty._meta.get_field("owner_function").help_text)

    class Meta:
        model = Duty
        fields = ["kind", "title", "due", "every_months", "owner_function", "owner_title", "note"]
        widgets = {"due": DATE, "note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"title": _("Leave empty to use the kind's name.")}

    def __init__(self, *args, functions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["owner_function"].queryset = functions


class DoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()


class SeedForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, str(y)) for y in range(max(FIRST_YEAR, this_year - 1), this_year + 3)]
        # from October on, the next year is the one to plan
        self.fields["year"].initial = this_year + 1 if timezone.localdate().month >= 10 else this_year


class MunicipalityForm(forms.Form):
    """The municipality whose year (or compliance) is shown: ?kommun=<id>."""

    kommun = forms.ModelChoiceField(label=_("Municipality"), queryset=None, empty_label=None)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kommun"].queryset = municipalities


class RuleForm(forms.ModelForm):
    class Meta:
        model = ComplianceRule
        fields = ["lagesbild_max_months"]
        widgets = {"lagesbild_max_months": forms.NumberInput(attrs={"min": 1, "max": 60})}
