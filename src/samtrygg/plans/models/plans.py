"""The action plan (åtgärdsplan) and what it is built from, after Brå's template: problem → cause (orsaksanalys)
→ measure → operational goal → when → who → follow-up (green/yellow/red).

A municipality's plan covers a period; nämnder and bolag hang their sub-plans beneath it. Problems, goals and
measures belong to one plan. Adopting a plan freezes its text (every problem, goal and measure as decided) in
the row; the follow-up goes on afterwards: measures change status, follow-ups and goal values are recorded.
A plan is due for revision at least every second year after adoption."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samtrygg.decisions.models import Adoptable, Status, period_in_order

from .methods import MethodKind, Strategy

REVISION_YEARS = 2


class ActionPlan(Adoptable):
    owner = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="plans"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="sub_plans",
        help_text=_("A nämnd's or company's sub-plan hangs beneath the municipality's plan."),
    )
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    lagesbild = models.ForeignKey(
        "lagesbild.Lagesbild", verbose_name=_("based on situation picture"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="plans",
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    summary = models.TextField(_("summary"), blank=True)
    revise_by = models.DateField(_("to be revised by"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_end", "title", "-version"]
        verbose_name = _("action plan (åtgärdsplan)")
        verbose_name_plural = _("action plans (åtgärdsplaner)")
        constraints = [
            period_in_order("plan_period"),
            models.CheckConstraint(
                condition=~Q(status=Status.ADOPTED) | Q(document__isnull=False, decided_on__isnull=False,
                                                        revise_by__isnull=False),
                name="adopted_plan_is_frozen",
            ),
        ]

class Problem(models.Model):
    """A problem the plan takes on, phrased concretely (what, where, when), with its cause analysis: the crime
    triangle (place, offender, target), those who control each side (place managers, guardians, handlers), risk
    and protective factors, and the evidence."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="problems")
    source = models.ForeignKey(
        "lagesbild.Problem", verbose_name=_("from the situation picture"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="plan_problems",
    )
    priority = models.PositiveSmallIntegerField(_("priority"), default=1)
    title = models.CharField(_("problem"), max_length=200)
    description = models.TextField(_("what, where, when"), blank=True)
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.TextField(_("place"), blank=True, help_text=_("What about the place makes it possible?"))
    offender = models.TextField(_("offender"), blank=True,
                                help_text=_("Who commits it, and why there and then? (no names)"))
    target = models.TextField(_("victim or target"), blank=True, help_text=_("Who or what is hit, and why?"))
    place_managers = models.TextField(_("place managers"), blank=True,
                                      help_text=_("Who is responsible for the place (owner, caretaker)?"))
    guardians = models.TextField(_("guardians"), blank=True,
                                 help_text=_("Who could protect the target (staff, neighbours, guards)?"))
    handlers = models.TextField(_("handlers"), blank=True,
                                help_text=_("Who has influence over the offenders (parents, school, social services)?"))
    risk_factors = models.TextField(_("risk factors"), blank=True)
    protective_factors = models.TextField(_("protective factors"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True,
                                help_text=_("What the analysis rests on: statistics, observations, analyses."))
    indicators = models.ManyToManyField("indicators.IndicatorSeries", verbose_name=_("indicators"), blank=True,
                                        related_name="+")
    incidents = models.ManyToManyField("incidents.Incident", verbose_name=_("incidents"), blank=True,
                                       related_name="plan_problems")

    class Meta:
        ordering = ["plan", "priority", "pk"]
        verbose_name = _("problem")
        verbose_name_plural = _("problems")

    def __str__(self) -> str:
        return self.title


class GoalSource(models.TextChoices):
    INCIDENTS = "handelser", _("Incidents (counted over 12 months)")
    INDICATOR = "indikator", _("Indicator series")
    MANUAL = "manuell", _("Values entered at follow-up")


class Goal(models.Model):
    """An operational goal with its indicator: from a baseline to a target by a date. Incident goals count the
    incidents of their categories in their area over the 12 months up to each date; indicator goals read the
    series for the plan's municipality (or the area); manual goals take the values recorded at follow-ups."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    problem = models.ForeignKey(Problem, verbose_name=_("problem"), null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="goals")
    title = models.CharField(_("goal"), max_length=300,
                             help_text=_("Specific, measurable, accepted, realistic and time-bound, e.g. "
                                         "“Insecurity in the centre shall be halved by 2027”."))
    indicator = models.CharField(_("measured as"), max_length=200)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    source = models.CharField(_("source of values"), max_length=20, choices=GoalSource.choices,
                              default=GoalSource.MANUAL)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    categories = models.ManyToManyField("incidents.Category", verbose_name=_("categories"), blank=True,
                                        related_name="+")
    series = models.ForeignKey("indicators.IndicatorSeries", verbose_name=_("indicator series"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="+")
    baseline = models.FloatField(_("baseline"))
    baseline_date = models.DateField(_("baseline measured"))
    target = models.FloatField(_("target"))
    target_date = models.DateField(_("target date"))

    class Meta:
        ordering = ["plan", "target_date", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(condition=Q(target_date__gt=models.F("baseline_date")), name="goal_dates"),
            models.CheckConstraint(condition=~Q(source="indikator") | Q(series__isnull=False),
                                   name="indicator_goal_has_series"),
        ]

    def __str__(self) -> str:
        return self.title


class GoalValue(models.Model):
    """A measured value of a goal's indicator, entered by hand (usually at a follow-up)."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="values")
    date = models.DateField(_("measured"))
    value = models.FloatField(_("value"))
    follow_up = models.ForeignKey("plans.FollowUp", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="goal_values")

    class Meta:
        ordering = ["goal", "date", "pk"]
        verbose_name = _("goal value")
        verbose_name_plural = _("goal values")

    def __str__(self) -> str:
        return f"{self.goal}: {self.value} ({self.date})"


class Rag(models.TextChoices):
    GREEN = "gron", _("Green: going to plan")
    YELLOW = "gul", _("Yellow: delayed or uncertain")
    RED = "rod", _("Red: stopped or off course")


class Addresses(models.TextChoices):
    PLACE = "plats", _("The place")
    OFFENDER = "garningsperson", _("The offenders")
    TARGET = "mal", _("The victims or targets")
    CONTROLLERS = "kontroll", _("Place managers, guardians or handlers")
    FACTORS = "faktorer", _("Risk or protective factors")


class Measure(models.Model):
    """A measure (åtgärd): what is done against which cause, by which organisation and function, when, with what
    resources, and how it is going. Owned by a function, not a person: the current holder changes."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="measures")
    problem = models.ForeignKey(Problem, verbose_name=_("problem"), null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="measures")
    addresses = models.CharField(_("works on"), max_length=20, choices=Addresses.choices, blank=True)
    goals = models.ManyToManyField(Goal, verbose_name=_("goals"), blank=True, related_name="measures")
    method = models.ForeignKey("plans.MethodEntry", verbose_name=_("method"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="measures")
    title = models.CharField(_("measure"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=MethodKind.choices)
    strategy = models.CharField(_("strategy"), max_length=40, choices=Strategy.choices, blank=True)
    technique = models.PositiveSmallIntegerField(_("technique (1–25)"), default=0)
    owner = models.ForeignKey("accounts.Organisation", verbose_name=_("responsible organisation"),
                              on_delete=models.PROTECT, related_name="measures")
    owner_function = models.CharField(_("responsible function"), max_length=200,
                                      help_text=_("A role, not a person, e.g. “Trygghetssamordnare”."))
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("current holder"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    budget = models.PositiveIntegerField(_("budget (SEK)"), null=True, blank=True)
    hours = models.PositiveIntegerField(_("hours"), null=True, blank=True)
    ordinary_work = models.BooleanField(_("part of ordinary work"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Rag.choices, default=Rag.GREEN)
    follow_up_months = models.PositiveSmallIntegerField(_("follow up every (months)"), default=6)
    areas = models.ManyToManyField("areas.Area", verbose_name=_("areas"), blank=True, related_name="+")
    incidents = models.ManyToManyField("incidents.Incident", verbose_name=_("incidents"), blank=True,
                                       related_name="measures")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "start", "pk"]
        verbose_name = _("measure (åtgärd)")
        verbose_name_plural = _("measures (åtgärder)")
        constraints = [
            period_in_order("measure_period", "start", "end", open_end=True),
            models.CheckConstraint(condition=Q(technique__lte=25), name="measure_technique_1_25"),
            models.CheckConstraint(condition=Q(follow_up_months__gte=1), name="measure_follow_up_interval"),
        ]

    def __str__(self) -> str:
        return self.title


class FollowUp(models.Model):
    """One follow-up of a measure: what was produced, how the work went, what changed, and its status then."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=10, choices=Rag.choices)
    production = models.TextField(_("done (production)"), blank=True,
                                  help_text=_("What was delivered: walks held, lamps replaced, hours."))
    process = models.TextField(_("how it went (process)"), blank=True)
    effect = models.TextField(_("what changed (effect)"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure", "date", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.measure}: {self.date}"


class ConflictStatus(models.TextChoices):
    OPEN = "oppen", _("Unresolved")
    ESCALATED = "eskalerad", _("Escalated")
    RESOLVED = "lost", _("Settled")


class GoalConflict(models.Model):
    """A goal conflict (målkonflikt): a measure that runs against another rule or goal, e.g. clearing bushes vs.
    biodiversity rules; who is involved, where it was escalated, and how it was resolved."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="conflicts")
    title = models.CharField(_("conflict"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    parties = models.ManyToManyField("accounts.Organisation", verbose_name=_("parties"), blank=True,
                                     related_name="+")
    measures = models.ManyToManyField(Measure, verbose_name=_("measures"), blank=True, related_name="conflicts")
    escalated_to = models.CharField(_("escalated to (body)"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ConflictStatus.choices,
                              default=ConflictStatus.OPEN)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_on = models.DateField(_("resolved"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "status", "pk"]
        verbose_name = _("goal conflict (målkonflikt)")
        verbose_name_plural = _("goal conflicts (målkonflikter)")
        constraints = [
            models.CheckConstraint(condition=~Q(status="lost") | Q(resolved_on__isnull=False),
                                   name="resolved_conflict_has_date"),
        ]

    def __str__(self) -> str:
        return self.title
