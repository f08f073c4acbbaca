"""Action plan pages: the list, a new plan (from an adopted lägesbild), the plan's dashboard (goals against
targets, measures by status, overdue follow-ups, problems, conflicts, sub-plans, workflow), and the pages that
add and change its problems, goals, measures, follow-ups and goal conflicts."""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samtrygg.access import Action, for_request
from samtrygg.accounts.models import Organisation
from samtrygg.decisions.models import Status
from samtrygg.incidents import selectors as incident_selectors
from samtrygg.indicators import selectors as indicator_selectors
from samtrygg.lagesbild import selectors as lagesbild_selectors
from samtrygg.lagesbild.present import present
from samtrygg.publishing.document import Document, Section
from samtrygg.ui.render import form_page, save_form

from .. import selectors, services
from ..document import goal_figure, half_year, rag_label, state_label
from ..forms import ConflictForm, FollowUpForm, GoalForm, MeasureForm, PlanAdoptForm, PlanForm, ProblemForm, ReportForm
from ..models import ActionPlan, Rag

# --- what a coordinator may choose -------------------------------------------------------------------------------

def _owners(access):
    return Organisation.objects.filter(pk__in=access.orgs_for(Action.CHANGE)).order_by("name")


def _areas(access, owners):
    owner_ids = {getattr(o, "pk", o) for o in owners}
    return access.areas().filter(owner__in=owner_ids | access.ancestors(owner_ids)).defer("geometry").order_by("name")


def _plan_form(request, access, *, instance=None, initial=None) -> PlanForm:
    owners = None if instance else _owners(access)
    adopted = lagesbild_selectors.lagesbilder(access).filter(status=Status.ADOPTED).order_by("-period_end")
    parents = selectors.plans(access).filter(parent__isnull=True)
    if instance:
        parents = parents.exclude(pk=instance.pk)
    return PlanForm(request.POST or None, instance=instance, initial=initial, owners=owners,
                    areas=_areas(access, owners if owners is not None else [instance.owner]),
                    parents=parents.order_by("title"), lagesbilder=adopted)


def _responsible(access):
    """Who can be responsible for a measure or party to a conflict: the user's organisations, those above and
    below them, and their sharing partners."""
    return access.organisations().order_by("name")


# --- the plan ---------------------------------------------------------------------------------------------------

@login_required
def plan_list(request):
    access = for_request(request)
    found = (selectors.plans(access).select_related("owner", "area", "parent")
             .annotate(measure_count=Count("measures", distinct=True),
                       red=Count("measures", filter=Q(measures__status=Rag.RED), distinct=True),
                       superseded=Exists(ActionPlan.objects.filter(previous=OuterRef("pk")))))
    return render(request, "plans/plan_list.html", {"plans": found, "can_create": _owners(access).exists(),
                                                    "today": timezone.localdate()})


@login_required
def plan_create(request):
    access = for_request(request)
    if not _owners(access).exists():
        raise Http404
    initial = {}
    if request.GET.get("lagesbild", "").isdigit():
        source = lagesbild_selectors.lagesbild_get(access, int(request.GET["lagesbild"]))
        initial = {"lagesbild": source.pk, "area": source.area_id, "owner": source.owner_id,
                   "title": _("Action plan %(area)s") % {"area": source.area.name}}
    if request.GET.get("parent", "").isdigit():
        parent = selectors.plan_get(access, int(request.GET["parent"]))
        initial = {"parent": parent.pk, "area": parent.area_id, "period_start": parent.period_start,
                   "period_end": parent.period_end}
    form = _plan_form(request, access, initial=initial)
    response = save_form(
        request, form,
        lambda f: services.plan_create(actor=request.user, owner=f.cleaned_data["owner"], **f.service_fields()),
        _("The draft plan was created."), lambda plan: reverse("plans:plan_detail", args=[plan.pk]))
    return response or form_page(
        request, form, title=_("New action plan"), cancel=reverse("plans:plan_list"),
        intro=_("An action plan takes on the problems the situation picture prioritised: for each, its causes, "
                "goals and measures with who is responsible. A nämnd or company adds its sub-plan beneath the "
                "municipality's plan."))


@login_required
def plan_edit(request, pk):
    access = for_request(request)
    plan = selectors.plan_get(access, pk, Action.CHANGE)
    if plan.is_adopted:
        raise Http404
    form = _plan_form(request, access, instance=plan)
    response = save_form(request, form,
                         lambda f: services.plan_update(actor=request.user, plan=plan, **f.cleaned_data),
                         _("The changes were saved."), lambda p: reverse("plans:plan_detail", args=[p.pk]))
    return response or form_page(request, form, title=_("Edit %(plan)s") % {"plan": plan},
                                 cancel=reverse("plans:plan_detail", args=[plan.pk]))


def _goal_rows(goals):
    """Each goal with its progress and its chart (as in the report)."""
    rows = [{"goal": goal, "progress": prog} for goal, prog in goals]
    figures = [goal_figure(row["goal"], row["progress"]) for row in rows]
    charts = present(Document(title="", sections=[Section("mal", "", figures)]))[0]["blocks"] if figures else []
    for row, chart in zip(rows, charts, strict=True):
        row["chart"], row["state"] = chart, state_label(row["progress"].state)
    return rows


@login_required
def plan_detail(request, pk):
    """The plan's dashboard."""
    access = for_request(request)
    plan = selectors.plan_get(access, pk)
    can_change = selectors.plans(access, Action.CHANGE).filter(pk=pk).exists()
    today = timezone.localdate()
    state = selectors.follow_up_state(plan, today)
    for measure in state.measures:
        measure.rag = rag_label(measure.status)
    taken = set(plan.problems.exclude(source=None).values_list("source_id", flat=True))
    start, end = half_year(today)
    return render(request, "plans/plan_detail.html", {
        "plan": plan, "can_change": can_change, "editable": can_change and not plan.is_adopted,
        "revision_due": plan.is_adopted and plan.revise_by < today and not plan.next_versions.exists(),
        "goals": _goal_rows(state.goals),
        "measures": state.measures, "by_status": [(rag_label(s), s, n) for s, n in state.by_status.items()],
        "overdue": state.overdue,
        "problems": plan.problems.select_related("area", "source").annotate(
            measure_count=Count("measures", distinct=True), incident_count=Count("incidents", distinct=True)),
        "untaken": plan.lagesbild.problems.exclude(pk__in=taken) if plan.lagesbild_id and not plan.is_adopted
        else [],
        "conflicts": plan.conflicts.prefetch_related("parties"),
        "sub_plans": selectors.plans(access).filter(parent=plan).select_related("owner"),
        "versions": [v for v in [plan.previous] if v is not None and selectors.plans(access).filter(pk=v.pk).exists()],
        "later_versions": selectors.plans(access).filter(previous=plan),
        "adopt_form": PlanAdoptForm() if can_change and plan.status == Status.REVIEW else None,
        "report_form": ReportForm(initial={"half": f"{start.year}-{1 if start.month == 1 else 2}"}),
        "half_choices": _half_choices(plan, today),
    })


def _half_choices(plan, today) -> list[tuple[str, str]]:
    """The half-years from the plan's start to today (newest first), for the report."""
    choices, day = [], min(today, plan.period_end)
    while True:
        start, _end = half_year(day)
        half = 1 if start.month == 1 else 2
        choices.append((f"{start.year}-{half}", _("%(year)s, half-year %(half)s") % {"year": start.year, "half": half}))
        if start <= plan.period_start or len(choices) >= 10:
            return choices
        day = start - datetime.timedelta(days=1)


STEPS = {  # lazy: worded in the language of the request
    "submit": (services.plan_submit, gettext_lazy("The plan was sent for review.")),
    "reopen": (services.plan_reopen, gettext_lazy("The plan is a draft again.")),
    "new-version": (services.plan_new_version, gettext_lazy("A new version was started as a draft.")),
}


@login_required
@require_POST
def plan_step(request, pk, step):
    plan = selectors.plan_get(for_request(request), pk, Action.CHANGE)
    if step not in STEPS:
        raise Http404
    service, message = STEPS[step]
    try:
        result = service(actor=request.user, plan=plan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("plans:plan_detail", pk=plan.pk)
    messages.success(request, str(message))
    return redirect("plans:plan_detail", pk=result.pk)


@login_required
@require_POST
def plan_adopt(request, pk):
    plan = selectors.plan_get(for_request(request), pk, Action.CHANGE)
    form = PlanAdoptForm(request.POST)
    if form.is_valid():
        try:
            services.plan_adopt(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The plan was adopted. Its text is now frozen; the follow-up goes on."))
    else:
        messages.error(request, _("Give the decision date and the body that decided."))
    return redirect("plans:plan_detail", pk=plan.pk)


# --- problems ---------------------------------------------------------------------------------------------------

@login_required
@require_POST
def problem_take(request, pk, source_pk):
    """Take a prioritised problem of the plan's lägesbild into the plan."""
    access = for_request(request)
    plan = selectors.plan_get(access, pk, Action.CHANGE)
    if not plan.lagesbild_id:
        raise Http404
    source = get_object_or_404(plan.lagesbild.problems, pk=source_pk)
    try:
        problem = services.problem_from_lagesbild(actor=request.user, plan=plan, source=source)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("plans:plan_detail", pk=plan.pk)
    messages.success(request, _("The problem was taken into the plan. Now analyse its causes."))
    return redirect("plans:problem_edit", pk=problem.pk)


def _problem_page(request, plan, problem=None):
    access = for_request(request)
    form = ProblemForm(request.POST or None, instance=problem, areas=_areas(access, [plan.owner]),
                       series=indicator_selectors.series(access))
    response = save_form(
        request, form,
        lambda f: services.problem_save(actor=request.user, plan=plan, problem=problem, **f.cleaned_data),
        _("The problem and its cause analysis were saved."), lambda p: reverse("plans:plan_detail", args=[plan.pk]))
    return response or form_page(
        request, form, title=problem.title if problem else _("New problem"),
        cancel=reverse("plans:plan_detail", args=[plan.pk]),
        intro=_("Phrase the problem concretely (what, where, when), then analyse it with the crime triangle: what "
                "about the place, the offenders and the targets makes it happen, and who could control each side "
                "(place managers, guardians, handlers). Never write anything about identifiable people."))


@login_required
def problem_create(request, pk):
    return _problem_page(request, _editable_plan(request, pk))


@login_required
def problem_edit(request, pk):
    problem = get_object_or_404(selectors.problems(for_request(request), Action.CHANGE).select_related("plan"), pk=pk)
    if problem.plan.is_adopted:
        raise Http404
    return _problem_page(request, problem.plan, problem)


def _editable_plan(request, pk):
    plan = selectors.plan_get(for_request(request), pk, Action.CHANGE)
    if plan.is_adopted:
        raise Http404
    return plan


# --- goals ------------------------------------------------------------------------------------------------------

def _goal_page(request, plan, goal=None):
    access = for_request(request)
    form = GoalForm(request.POST or None, instance=goal, plan=plan, areas=_areas(access, [plan.owner]),
                    categories=incident_selectors.categories_visible(access).select_related("parent"),
                    series=indicator_selectors.series(access))
    response = save_form(request, form,
                         lambda f: services.goal_save(actor=request.user, plan=plan, goal=goal, **f.cleaned_data),
                         _("The goal was saved."), lambda g: reverse("plans:plan_detail", args=[plan.pk]))
    return response or form_page(
        request, form, title=goal.title if goal else _("New goal"), cancel=reverse("plans:plan_detail", args=[plan.pk]),
        intro=_("A good goal is specific, measurable, accepted, realistic and time-bound: where it stands now "
                "(baseline), where it shall be (target) and by when. Its values come from the incidents, from an "
                "indicator series or from what is entered at follow-ups."))


@login_required
def goal_create(request, pk):
    return _goal_page(request, _editable_plan(request, pk))


@login_required
def goal_edit(request, pk):
    goal = get_object_or_404(selectors.goals(for_request(request), Action.CHANGE).select_related("plan"), pk=pk)
    if goal.plan.is_adopted:
        raise Http404
    return _goal_page(request, goal.plan, goal)


# --- measures ---------------------------------------------------------------------------------------------------

def _measure_page(request, plan, measure=None):
    access = for_request(request)
    initial = {}
    if measure is None and request.GET.get("problem", "").isdigit():
        initial["problem"] = int(request.GET["problem"])
    form = MeasureForm(request.POST or None, instance=measure, initial=initial, plan=plan,
                       methods=selectors.methods(access), owners=_responsible(access),
                       holders=get_user_model().objects.filter(
                           memberships__organisation__in=list(access.roles)).distinct().order_by("username"),
                       areas=_areas(access, [plan.owner]))
    response = save_form(
        request, form,
        lambda f: services.measure_save(actor=request.user, plan=plan, measure=measure, **f.cleaned_data),
        _("The measure was saved."), lambda m: reverse("plans:measure_detail", args=[m.pk]))
    return response or form_page(
        request, form, title=measure.title if measure else _("New measure"),
        cancel=reverse("plans:plan_detail", args=[plan.pk]),
        intro=_("What is done against which cause, by which organisation and function (a role, not a person), "
                "when and with what resources. The method bank says what research knows about each kind of "
                "measure."))


@login_required
def measure_create(request, pk):
    return _measure_page(request, _editable_plan(request, pk))


@login_required
def measure_edit(request, pk):
    measure = get_object_or_404(selectors.measures(for_request(request), Action.CHANGE).select_related("plan"), pk=pk)
    if measure.plan.is_adopted:
        raise Http404
    return _measure_page(request, measure.plan, measure)


def _manual_goals(measure):
    return measure.goals.filter(source="manuell")


@login_required
def measure_detail(request, pk):
    access = for_request(request)
    measure = selectors.measure_get(access, pk)
    can_follow_up = selectors.measures(access, Action.REPORT).filter(pk=pk).exists()
    can_change = selectors.measures(access, Action.CHANGE).filter(pk=pk).exists()
    measure.next_due = selectors.next_follow_up(measure)
    return render(request, "plans/measure_detail.html", {
        "measure": measure, "plan": measure.plan, "rag": rag_label(measure.status),
        "can_change": can_change and not measure.plan.is_adopted,
        "follow_ups": measure.follow_ups.select_related("author").prefetch_related("goal_values__goal")
        .order_by("-date", "-pk"),
        "goals": measure.goals.all(), "areas": measure.areas.all(), "incident_count": measure.incidents.count(),
        "follow_up_form": FollowUpForm(goals=_manual_goals(measure), status=measure.status) if can_follow_up
        else None,
        "overdue": measure.next_due is not None and measure.next_due < timezone.localdate(),
    })


@login_required
def follow_up_add(request, pk):
    access = for_request(request)
    measure = selectors.measure_get(access, pk, Action.REPORT)
    form = FollowUpForm(request.POST or None, goals=_manual_goals(measure), status=measure.status)
    response = save_form(
        request, form,
        lambda f: services.follow_up_add(actor=request.user, measure=measure, **f.service_fields()),
        _("The follow-up was recorded."), lambda f: reverse("plans:measure_detail", args=[measure.pk]))
    return response or form_page(request, form, title=_("Follow up %(measure)s") % {"measure": measure.title},
                                  cancel=reverse("plans:measure_detail", args=[measure.pk]))


# --- goal conflicts ---------------------------------------------------------------------------------------------

def _conflict_page(request, plan, conflict=None):
    access = for_request(request)
    form = ConflictForm(request.POST or None, instance=conflict, plan=plan,
                        parties=_responsible(access))
    response = save_form(
        request, form,
        lambda f: services.conflict_save(actor=request.user, plan=plan, conflict=conflict, **f.cleaned_data),
        _("The goal conflict was saved."), lambda c: reverse("plans:plan_detail", args=[plan.pk]))
    return response or form_page(
        request, form, title=conflict.title if conflict else _("New goal conflict"),
        cancel=reverse("plans:plan_detail", args=[plan.pk]),
        intro=_("A goal conflict is a measure that runs against another goal or rule, e.g. clearing bushes for "
                "visibility against biodiversity rules. Record who is involved, where it was escalated and how it "
                "was resolved."))


@login_required
def conflict_create(request, pk):
    return _conflict_page(request, selectors.plan_get(for_request(request), pk, Action.CHANGE))


@login_required
def conflict_edit(request, pk):
    conflict = get_object_or_404(selectors.conflicts(for_request(request), Action.CHANGE).select_related("plan"),
                                 pk=pk)
    return _conflict_page(request, conflict.plan, conflict)
