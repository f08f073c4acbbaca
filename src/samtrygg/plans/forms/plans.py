"""Forms of the action plan: the plan, a problem with its cause analysis, a goal, a measure, a follow-up, a goal
conflict, the adoption, the report's half-year and the effect view's control area. Each offers only what the
user may choose (passed in by the view from the selectors)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samtrygg.decisions.forms import AdoptForm
from samtrygg.incidents.taxonomy import category_label
from samtrygg.ui.forms import DATE, Fieldsets, OwnerChoice

from ..document import half_year_named
from ..models import ActionPlan, FollowUp, Goal, GoalConflict, GoalSource, Measure, MethodEntry, Problem, Rag

TEXTAREA = {"rows": 3}


class PlanForm(OwnerChoice, forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "area", "parent", "lagesbild", "period_start", "period_end", "summary"]
        widgets = {"period_start": DATE, "period_end": DATE, "summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, owners=None, areas, parents, lagesbilder, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_owner_choice(owners)
        self.fields["area"].queryset = areas
        self.fields["parent"].queryset = parents
        self.fields["lagesbild"].queryset = lagesbilder
        self.fields["lagesbild"].help_text = _("Its prioritised problems are taken into the plan.")
        if self.instance.pk:
            del self.fields["lagesbild"]  # problems are taken over when the plan is created


class PlanAdoptForm(AdoptForm):
    revise_by = forms.DateField(label=_("To be revised by"), widget=DATE, required=False,
                                help_text=_("At the latest two years after the decision (the default)."))


class ProblemForm(Fieldsets, forms.ModelForm):
    fieldsets = [
        (_("The problem"), ["title", "description", "area"]),
        (_("The crime triangle"), ["place", "offender", "target"]),
        (_("Who could control each side"), ["place_managers", "guardians", "handlers"]),
        (_("Factors and evidence"), ["risk_factors", "protective_factors", "evidence", "indicators"]),
    ]

    class Meta:
        model = Problem
        fields = ["title", "description", "area", "place", "offender", "target", "place_managers", "guardians",
                  "handlers", "risk_factors", "protective_factors", "evidence", "indicators"]
        widgets = {**{name: forms.Textarea(attrs=TEXTAREA) for name in fields[3:12] + ["description"]},
                   "indicators": forms.SelectMultiple(attrs={"size": 5})}
        help_texts = {"indicators": _("Statistics the analysis rests on (Kolada, Brå, own surveys).")}

    def __init__(self, *args, areas, series, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["indicators"].queryset = series


class GoalForm(Fieldsets, forms.ModelForm):
    fieldsets = [
        (_("The goal"), ["title", "problem"]),
        (_("How it is measured"), ["indicator", "unit", "source", "area", "categories", "series"]),
        (_("From where, to where, by when"), ["baseline", "baseline_date", "target", "target_date"]),
    ]

    class Meta:
        model = Goal
        fields = ["title", "problem", "indicator", "unit", "source", "area", "categories", "series", "baseline",
                  "baseline_date", "target", "target_date"]
        widgets = {"baseline_date": DATE, "target_date": DATE, "categories": forms.SelectMultiple(attrs={"size": 6})}
        help_texts = {
            "indicator": _("What is counted or measured, e.g. “Share who feel unsafe in the centre at night”."),
            "baseline": _("Where it stands now: the value the goal starts from. For an incident goal, leave it "
                          "empty to count the incidents of the 12 months up to the baseline date."),
            "categories": _("For incident goals: the categories counted (none: all)."),
            "series": _("For indicator goals: the series read (its values for the area, else the municipality)."),
        }

    def __init__(self, *args, plan, areas, categories, series, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem"].queryset = plan.problems.all()
        self.fields["area"].queryset = areas
        self.fields["categories"].queryset = categories
        self.fields["categories"].label_from_instance = category_label
        self.fields["series"].queryset = series
        self.fields["baseline"].required = False  # an incident goal's is counted (services.goal_save)

    def clean(self):
        data = super().clean()
        if data.get("source") == GoalSource.INDICATOR and not data.get("series"):
            self.add_error("series", _("Choose the indicator series the goal is measured by."))
        return data


class MeasureForm(Fieldsets, forms.ModelForm):
    fieldsets = [
        (_("What, against which cause"), ["title", "problem", "addresses", "goals", "description"]),
        (_("Kind of measure"), ["method", "kind", "strategy", "technique"]),
        (_("Who is responsible"), ["owner", "owner_function", "holder"]),
        (_("When and with what"), ["start", "end", "budget", "hours", "ordinary_work", "areas"]),
        (_("Follow-up"), ["status", "follow_up_months"]),
    ]

    class Meta:
        model = Measure
        fields = ["title", "problem", "addresses", "method", "kind", "strategy", "technique", "description", "goals",
                  "owner", "owner_function", "holder", "start", "end", "budget", "hours", "ordinary_work", "status",
                  "follow_up_months", "areas"]
        widgets = {"start": DATE, "end": DATE, "description": forms.Textarea(attrs=TEXTAREA),
                   "goals": forms.CheckboxSelectMultiple, "areas": forms.SelectMultiple(attrs={"size": 5})}
        help_texts = {
            "method": _("From the method bank: what research says about it. Kind and strategy follow from it."),
        }

    def __init__(self, *args, plan, methods, owners, holders, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem"].queryset = plan.problems.all()
        self.fields["goals"].queryset = plan.goals.all()
        self.fields["method"].queryset = methods
        self.fields["owner"].queryset = owners
        self.fields["holder"].queryset = holders
        self.fields["areas"].queryset = areas
        self.fields["kind"].required = False  # taken from the method when left out
        techniques = MethodEntry.objects.filter(owner__isnull=True, technique__gte=1).order_by("technique")
        self.fields["technique"] = forms.TypedChoiceField(
            label=self.fields["technique"].label, coerce=int, required=False, empty_value=0,
            choices=[(0, "—")] + [(m.technique, f"{m.technique}. {m.name}") for m in techniques],
            help_text=_("One of Clarke & Cornish's 25 techniques of situational prevention, if one fits."))

    def clean(self):
        data = super().clean()
        if not data.get("kind") and not data.get("method"):
            self.add_error("kind", _("Choose the kind of measure, or a method from the method bank."))
        return data


class FollowUpForm(forms.ModelForm):
    """A follow-up, with one value field per manual goal the measure serves (named goal_<pk>); the status starts
    at `status`, the measure's current one."""

    class Meta:
        model = FollowUp
        fields = ["date", "status", "production", "process", "effect"]
        widgets = {"date": DATE, "production": forms.Textarea(attrs=TEXTAREA),
                   "process": forms.Textarea(attrs=TEXTAREA), "effect": forms.Textarea(attrs=TEXTAREA)}

    def __init__(self, *args, goals=(), status: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate  # today in Stockholm, not on the server's clock
        if status:  # the measure's current status, the likeliest answer, instead of an empty choice
            self.fields["status"].choices = Rag.choices
            self.fields["status"].initial = status
        self.goals = {f"goal_{goal.pk}": goal for goal in goals}
        for name, goal in self.goals.items():
            unit = f" ({goal.unit})" if goal.unit else ""
            self.fields[name] = forms.FloatField(label=f"{goal.indicator}{unit}", required=False,
                                                 help_text=_("Measured value for the goal “%(goal)s”.") % {
                                                     "goal": goal.title})

    def service_fields(self) -> dict:
        data = {key: value for key, value in self.cleaned_data.items() if key not in self.goals}
        data["goal_values"] = {goal: self.cleaned_data.get(name) for name, goal in self.goals.items()}
        return data


class ConflictForm(forms.ModelForm):
    class Meta:
        model = GoalConflict
        fields = ["title", "description", "parties", "measures", "escalated_to", "status", "resolution",
                  "resolved_on"]
        widgets = {"description": forms.Textarea(attrs=TEXTAREA), "resolution": forms.Textarea(attrs=TEXTAREA),
                   "resolved_on": DATE, "parties": forms.SelectMultiple(attrs={"size": 5}),
                   "measures": forms.CheckboxSelectMultiple}

    def __init__(self, *args, plan, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = parties
        self.fields["measures"].queryset = plan.measures.all()


class ReportForm(forms.Form):
    """Which half-year the follow-up report covers ("2026-1": January–June, "2026-2": July–December)."""

    half = forms.RegexField(label=_("Half-year"), regex=r"^(19|2\d)\d{2}-[12]$")  # in the calendar (lib.days)

    def period(self) -> tuple[datetime.date, datetime.date]:
        return half_year_named(self.cleaned_data["half"])


class EffectForm(forms.Form):
    control_area = forms.ModelChoiceField(label=_("Comparison area"), queryset=None,
                                          help_text=_("An area like the measure's, where it was not carried out."))
    months_before = forms.IntegerField(label=_("Months before"), min_value=3, max_value=60, initial=12)
    months_after = forms.IntegerField(label=_("Months after"), min_value=3, max_value=60, initial=12)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["control_area"].queryset = areas
