from django import forms
from django.utils.translation import gettext_lazy as _

from samtrygg.guards.dates import within_calendar
from samtrygg.incidents.fields import CategoriesField
from samtrygg.incidents.taxonomy import category_label
from samtrygg.lib import days
from samtrygg.ui.forms import DATE, OwnerChoice

from .models import DeepeningKind, Lagesbild, Observation, Problem

TEXTAREA = forms.Textarea(attrs={"rows": 6})


def check_period(form, start: str, end: str) -> None:
    """A period that ends before it starts, or is longer than one reads at once (lib.days), is the end's error."""
    first, last = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if first and last and last < first:
        form.add_error(end, _("The period ends before it starts."))
    elif first and last and days.too_long(first, last):
        form.add_error(end, _("A period may be at most %(years)s years long.") % {
            "years": days.LONGEST_PERIOD_DAYS // 366})


class LagesbildForm(OwnerChoice, forms.ModelForm):
    """What a coordinator sets and writes in a draft; `owners` given for a new one (whose lägesbild it is)."""

    class Meta:
        model = Lagesbild
        fields = ["title", "area", "period_start", "period_end", "categories", "summary", "conclusions"]
        widgets = {
            "period_start": DATE, "period_end": DATE, "summary": TEXTAREA, "conclusions": TEXTAREA,
            "categories": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, owners=None, areas, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_owner_choice(owners)
        self.fields["area"].queryset = areas
        self.fields["categories"].queryset = categories
        self.fields["categories"].label_from_instance = category_label
        self.fields["categories"].required = False

    def clean(self):
        data = super().clean()
        check_period(self, "period_start", "period_end")
        return data


class ProblemForm(forms.ModelForm):
    class Meta:
        model = Problem
        fields = ["priority", "title", "description", "area"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["priority"].required = False


class ObservationForm(forms.ModelForm):
    class Meta:
        model = Observation
        fields = ["organisation", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0]


class AnalysisForm(forms.Form):
    """What to explore on the analysis page; kept in the URL."""

    area = forms.ModelChoiceField(label=_("Area"), queryset=None)
    period_from = forms.DateField(label=_("From"), widget=DATE, validators=[within_calendar])
    period_to = forms.DateField(label=_("To"), widget=DATE, validators=[within_calendar])
    category = CategoriesField(
        label=_("Categories"), queryset=None, required=False,
        help_text=_("Choose one category to test for near-repeats too."))
    compare_area = forms.ModelChoiceField(label=_("Compare with area"), queryset=None, required=False)

    def __init__(self, *args, areas, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["compare_area"].queryset = areas
        self.fields["category"].queryset = categories

    def clean(self):
        data = super().clean()
        check_period(self, "period_from", "period_to")
        return data


class AddToDraftForm(forms.Form):
    lagesbild = forms.ModelChoiceField(label=_("Draft situation picture"), queryset=None)
    kind = forms.ChoiceField(label=_("View"), choices=DeepeningKind.choices)
    title = forms.CharField(label=_("Heading"), max_length=200)

    def __init__(self, *args, drafts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lagesbild"].queryset = drafts
