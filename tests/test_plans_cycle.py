"""The action-plan cycle through its services and selectors: problems from an adopted lägesbild with their cause
analysis, the privacy guard, the workflow (adoption freezes the document, follow-up goes on, a new version takes
the living parts over), measures from the method bank, follow-ups, and who sees what."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from identity_numbers import identity_number
from samtrygg.access import Access, Action
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import OrgType, Role
from samtrygg.audit.models import AuditEntry
from samtrygg.decisions.models import Status
from samtrygg.lagesbild import services as lagesbild_services
from samtrygg.plans import selectors, services
from samtrygg.plans.document import compose_plan
from samtrygg.plans.models import (
    ActionPlan,
    Agreement,
    FollowUp,
    Goal,
    GoalConflict,
    GoalValue,
    Measure,
    MethodEntry,
    Problem,
)
from samtrygg.publishing.document import Document, Table
from samtrygg.sharing import services as sharing

pytestmark = pytest.mark.django_db

PNR = identity_number(date(1990, 5, 17), 42)
DECIDED = date(2026, 2, 10)


# --- building blocks --------------------------------------------------------------------------------------------

def make_plan(world, owner=None, area=None, **fields) -> ActionPlan:
    fields.setdefault("title", "Åtgärdsplan Centrum 2026–2027")
    return services.plan_create(actor=world.alice, owner=owner or world.kommun_a, area=area or world.area_a,
                                period_start=date(2026, 1, 1), period_end=date(2027, 12, 31), **fields)


def make_goal(world, plan, **fields) -> Goal:
    fields = {"title": "Klottret på torget ska halveras till 2027", "indicator": "Klotter som rapporterats",
              "source": "manuell", "baseline": 100, "baseline_date": date(2025, 12, 31), "target": 50,
              "target_date": date(2027, 12, 31), **fields}
    return services.goal_save(actor=world.alice, plan=plan, **fields)


def make_measure(world, plan, **fields) -> Measure:
    fields = {"title": "Ny belysning i gångtunneln", "kind": "situationell", "owner": world.kommun_a,
              "owner_function": "Trygghetssamordnare", "start": date(2026, 1, 1), **fields}
    return services.measure_save(actor=world.alice, plan=plan, **fields)


def adopt(world, plan, decided_on=DECIDED, **extra) -> ActionPlan:
    services.plan_submit(actor=world.alice, plan=plan)
    return services.plan_adopt(actor=world.alice, plan=plan, decided_on=decided_on, decided_by="Kommunstyrelsen",
                               **extra)


def table(doc: Document, section: str) -> Table:
    return next(b for s in doc.sections if s.key == section for b in s.blocks if isinstance(b, Table))


def housing_company(world):
    """A housing company with a reporter (a caretaker), as accounts would set them up."""
    company = accounts.organisation_create(actor=None, name="Bostadsbolaget AB", type=OrgType.BOSTADSBOLAG,
                                           kommunkod="0180")
    reporter = accounts.user_create(actor=None, username="frida", password=None, organisation=company,
                                    role=Role.RAPPORTOR)
    return company, reporter


# --- problems from the lägesbild, cause analysis ----------------------------------------------------------------

def adopted_lagesbild(world):
    lagesbild = lagesbild_services.lagesbild_create(
        actor=world.alice, owner=world.kommun_a, area=world.area_a, title="Lägesbild Centrum 2025",
        period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
    # added out of order: the priority decides
    lagesbild_services.problem_save(actor=world.alice, lagesbild=lagesbild, priority=2, title="Cykelstölder",
                                    description="Vid stationen, dagtid")
    lagesbild_services.problem_save(actor=world.alice, lagesbild=lagesbild, priority=1, title="Klotter i Torget",
                                    description="Helgnätter, gångtunneln", area=world.area_a_sub)
    lagesbild_services.problem_save(actor=world.alice, lagesbild=lagesbild, priority=3, title="Nedskräpning")
    lagesbild_services.lagesbild_submit(actor=world.alice, lagesbild=lagesbild)
    return lagesbild_services.lagesbild_adopt(actor=world.alice, lagesbild=lagesbild, decided_on=date(2026, 1, 20),
                                              decided_by="Kommunstyrelsen")


def test_a_plan_from_an_adopted_lagesbild_takes_over_its_prioritised_problems(world):
    lagesbild = adopted_lagesbild(world)
    plan = make_plan(world, lagesbild=lagesbild)
    taken = list(plan.problems.order_by("priority"))
    assert [(p.priority, p.title) for p in taken] == [(1, "Klotter i Torget"), (2, "Cykelstölder"),
                                                      (3, "Nedskräpning")]
    assert [p.source for p in taken] == list(lagesbild.problems.order_by("priority"))
    assert taken[0].description == "Helgnätter, gångtunneln" and taken[0].area == world.area_a_sub
    # one more, taken by hand from the lägesbild into a plan that has a problem of its own: it goes last
    other = make_plan(world, title="Delplan")
    services.problem_save(actor=world.alice, plan=other, title="Ungdomar samlas vid kiosken")
    added = services.problem_from_lagesbild(actor=world.alice, plan=other, source=lagesbild.problems.get(priority=3))
    assert (added.priority, added.title, added.source.lagesbild) == (2, "Nedskräpning", lagesbild)
    assert AuditEntry.objects.filter(object_type="plans.problem", action="create").count() == 5


def test_the_cause_analysis_is_saved_and_shown_in_the_plan(world):
    plan = make_plan(world)
    analysis = {"place": "Mörk gångtunnel utan insyn", "offender": "Grupper av unga på helgnätter",
                "target": "Nymålade betongväggar", "place_managers": "Fastighetsskötare på Bostadsbolaget",
                "guardians": "Nattvandrare", "handlers": "Fältassistenter och skolan",
                "risk_factors": "Trasig belysning", "protective_factors": "Aktiv föreningsverksamhet",
                "evidence": "84 rapporter 2025, trygghetsvandring i maj"}
    problem = services.problem_save(actor=world.alice, plan=plan, title="Klotter i gångtunneln",
                                    description="Torget, helgnätter", **analysis)
    problem.refresh_from_db()
    assert {name: getattr(problem, name) for name in analysis} == analysis
    cause = table(compose_plan(plan), "problem")
    assert [row[1] for row in cause.rows] == list(analysis.values())  # in the triangle's order
    assert "Klotter i gångtunneln" in cause.caption
    services.problem_save(actor=world.alice, plan=plan, problem=problem, guardians="")
    assert "Nattvandrare" not in [row[1] for row in table(compose_plan(plan), "problem").rows]


# --- the privacy guard ------------------------------------------------------------------------------------------

def _problem_analysis(world, plan, measure, problem):
    services.problem_save(actor=world.alice, plan=plan, problem=problem, offender=f"Känd av polisen: {PNR}")


def _new_problem(world, plan, measure, problem):
    services.problem_save(actor=world.alice, plan=plan, title="Klotter", evidence=f"Anmälan av {PNR}")


def _goal_title(world, plan, measure, problem):
    make_goal(world, plan, title=f"Ingen ska utsätta {PNR}")


def _measure_description(world, plan, measure, problem):
    services.measure_save(actor=world.alice, plan=plan, measure=measure, description=f"Samtal med {PNR}")


def _follow_up(world, plan, measure, problem):
    services.follow_up_add(actor=world.alice, measure=measure, date=date(2026, 3, 1), status="gul",
                           process=f"Kontakt med {PNR} om klottret")


def _conflict(world, plan, measure, problem):
    services.conflict_save(actor=world.alice, plan=plan, title="Röjning mot biologisk mångfald",
                           description=f"Fastighetsägaren {PNR} motsätter sig", measures=[measure])


def _agreement_focus_area(world, plan, measure, problem):
    services.agreement_save(actor=world.alice, owner=world.kommun_a, parties=[world.police],
                            title="Samverkansöverenskommelse 2026", focus_areas=["Trygg centrummiljö", f"Ärende {PNR}"],
                            period_start=date(2026, 1, 1), period_end=date(2027, 12, 31))


@pytest.mark.parametrize("write", [_problem_analysis, _new_problem, _goal_title, _measure_description, _follow_up,
                                   _conflict, _agreement_focus_area])
def test_an_identity_number_in_any_text_is_refused_and_nothing_is_written(world, write):
    plan = make_plan(world)
    problem = services.problem_save(actor=world.alice, plan=plan, title="Klotter", offender="Okända")
    measure = make_measure(world, plan, problem=problem, description="Tio nya armaturer")
    models = (Problem, Goal, GoalValue, Measure, FollowUp, GoalConflict, Agreement, AuditEntry)
    before = {model: model.objects.count() for model in models}
    with pytest.raises(ValidationError) as refused:
        write(world, plan, measure, problem)
    assert PNR not in str(refused.value)  # the kind is named, the number never echoed
    assert {model: model.objects.count() for model in models} == before
    problem.refresh_from_db()
    measure.refresh_from_db()
    assert (problem.offender, measure.description, measure.status) == ("Okända", "Tio nya armaturer", "gron")


# --- the workflow -----------------------------------------------------------------------------------------------

def test_draft_review_adopt_with_the_decision_and_revision_date(world):
    plan = make_plan(world)
    with pytest.raises(ValidationError):  # a draft is not adopted directly
        services.plan_adopt(actor=world.alice, plan=plan, decided_on=DECIDED, decided_by="Kommunstyrelsen")
    services.plan_submit(actor=world.alice, plan=plan)
    services.plan_reopen(actor=world.alice, plan=plan)
    assert plan.status == Status.DRAFT
    services.plan_submit(actor=world.alice, plan=plan)
    with pytest.raises(ValidationError):  # who decided must be said
        services.plan_adopt(actor=world.alice, plan=plan, decided_on=DECIDED, decided_by="  ")
    with pytest.raises(ValidationError):  # later than two years on
        services.plan_adopt(actor=world.alice, plan=plan, decided_on=DECIDED, decided_by="Kommunstyrelsen",
                            revise_by=date(2028, 2, 11))
    with pytest.raises(ValidationError):  # before the decision
        services.plan_adopt(actor=world.alice, plan=plan, decided_on=DECIDED, decided_by="Kommunstyrelsen",
                            revise_by=date(2026, 1, 1))
    plan.refresh_from_db()
    assert plan.status == Status.REVIEW and plan.document is None
    services.plan_adopt(actor=world.alice, plan=plan, decided_on=DECIDED, decided_by="Kommunstyrelsen")
    plan.refresh_from_db()
    assert plan.status == Status.ADOPTED and plan.adopted_by == world.alice and plan.adopted_at is not None
    assert (plan.decided_on, plan.decided_by, plan.revise_by) == (DECIDED, "Kommunstyrelsen", date(2028, 2, 10))
    assert plan.document["title"] == plan.title
    assert any("Kommunstyrelsen" in value for _label, value in plan.document["meta"])
    steps = AuditEntry.objects.filter(object_type="plans.actionplan", action="update").order_by("pk")
    assert [entry.changes["status"] for entry in steps] == [
        ["utkast", "granskning"], ["granskning", "utkast"], ["utkast", "granskning"], ["granskning", "faststalld"]]


def test_revision_is_due_two_years_on_and_a_leap_day_becomes_28_february(world):
    assert services.revision_date(date(2024, 2, 29)) == date(2026, 2, 28)
    assert services.revision_date(date(2026, 6, 15)) == date(2028, 6, 15)
    plan = adopt(world, make_plan(world), decided_on=date(2024, 2, 29))
    assert plan.revise_by == date(2026, 2, 28)
    earlier = adopt(world, make_plan(world, title="Med tidigare revision"), revise_by=date(2027, 6, 30))
    assert earlier.revise_by == date(2027, 6, 30)


def test_after_adoption_the_plan_is_frozen_but_follow_up_goes_on(world):
    plan = make_plan(world)
    problem = services.problem_save(actor=world.alice, plan=plan, title="Klotter i gångtunneln")
    goal = make_goal(world, plan, problem=problem)
    measure = make_measure(world, plan, problem=problem, goals=[goal])
    adopt(world, plan)
    refused = [
        lambda: services.plan_update(actor=world.alice, plan=plan, summary="Ändrad"),
        lambda: services.problem_save(actor=world.alice, plan=plan, title="Nytt problem"),
        lambda: services.problem_save(actor=world.alice, plan=plan, problem=problem, place="Ändrad"),
        lambda: services.problem_delete(actor=world.alice, problem=problem),
        lambda: make_goal(world, plan, title="Nytt mål"),
        lambda: services.goal_save(actor=world.alice, plan=plan, goal=goal, target=40),
        lambda: services.goal_delete(actor=world.alice, goal=goal),
        lambda: make_measure(world, plan, title="Ny åtgärd"),
        lambda: services.measure_save(actor=world.alice, plan=plan, measure=measure, budget=90000),
        lambda: services.measure_delete(actor=world.alice, measure=measure),
    ]
    for change in refused:
        with pytest.raises(ValidationError):
            change()
    assert (plan.problems.count(), plan.goals.count(), plan.measures.count()) == (1, 1, 1)
    goal.refresh_from_db()
    assert goal.target == 50
    # the follow-up goes on
    follow_up = services.follow_up_add(actor=world.alice, measure=measure, date=date(2026, 6, 1), status="gul",
                                       production="Sex armaturer bytta", goal_values={goal: 80})
    services.goal_value_add(actor=world.alice, goal=goal, date=date(2026, 9, 1), value=70)
    conflict = services.conflict_save(actor=world.alice, plan=plan, title="Röjning mot biologisk mångfald",
                                      parties=[world.forvaltning_a], measures=[measure], escalated_to="KSAU")
    measure.refresh_from_db()
    assert measure.status == "gul" and follow_up.goal_values.get().value == 80
    assert list(goal.values.values_list("value", flat=True)) == [80, 70]
    assert conflict.escalated_to == "KSAU" and list(conflict.measures.all()) == [measure]


def test_a_new_version_takes_the_living_parts_over_and_the_adopted_document_stays(world):
    plan = make_plan(world)
    problem = services.problem_save(actor=world.alice, plan=plan, title="Klotter i gångtunneln")
    goal = make_goal(world, plan, problem=problem)
    measure = make_measure(world, plan, problem=problem, goals=[goal])
    conflict = services.conflict_save(actor=world.alice, plan=plan, title="Röjning mot biologisk mångfald")
    adopt(world, plan)
    services.follow_up_add(actor=world.alice, measure=measure, date=date(2026, 6, 1), status="gul",
                           production="Sex armaturer bytta", goal_values={goal: 80})
    frozen = plan.document
    assert [row[0] for row in table(Document.from_dict(frozen), "atgarder").rows] == ["Ny belysning i gångtunneln"]
    with pytest.raises(ValidationError):  # a draft has no new version
        services.plan_new_version(actor=world.alice, plan=make_plan(world, title="Utkast"))
    version = services.plan_new_version(actor=world.alice, plan=plan)
    assert version.status == Status.DRAFT and version.pk != plan.pk and version.title == plan.title
    for obj in (problem, goal, measure, conflict):
        obj.refresh_from_db()
        assert obj.plan_id == version.pk
    assert measure.follow_ups.count() == 1 and goal.values.get().value == 80  # the follow-up continues unbroken
    make_measure(world, version, title="Nattvandring fredagar", method=MethodEntry.objects.get(code="nattvandring"))
    services.measure_save(actor=world.alice, plan=version, measure=measure, status="rod", budget=120000)
    plan.refresh_from_db()
    assert plan.status == Status.ADOPTED and plan.document == frozen
    assert "Nattvandring fredagar" not in str(plan.document) and "120000" not in str(plan.document)
    assert plan.problems.count() == plan.measures.count() == 0
    living = table(compose_plan(version), "atgarder").rows
    assert sorted(row[0] for row in living) == ["Nattvandring fredagar", "Ny belysning i gångtunneln"]
    assert (version.previous, version.version) == (plan, 2)
    with pytest.raises(ValidationError):  # one newer version at a time: a second would start empty
        services.plan_new_version(actor=world.alice, plan=plan)
    services.conflict_save(actor=world.alice, plan=version, conflict=conflict, status="lost",
                           resolution="Gallring i stället för röjning")
    with pytest.raises(ValidationError):  # a resolved conflict is the plan's history
        services.conflict_delete(actor=world.alice, conflict=conflict)


# --- measures and the method bank -------------------------------------------------------------------------------

def test_a_method_from_the_bank_fills_in_kind_strategy_and_technique(world):
    plan = make_plan(world)
    camera = MethodEntry.objects.get(owner=None, code="kamerabevakning")
    measure = services.measure_save(actor=world.alice, plan=plan, method=camera, title="Kameror vid stationen",
                                    owner=world.kommun_a, owner_function="Säkerhetschef", start=date(2026, 3, 1))
    assert (measure.kind, measure.strategy, measure.technique) == ("situationell", "risk", 10)
    lighting = MethodEntry.objects.get(owner=None, code="forbattrad-gatubelysning")
    given = make_measure(world, plan, method=lighting, strategy="effort")  # what is given is kept
    assert (given.kind, given.strategy, given.technique) == ("situationell", "effort", 7)
    sspf = make_measure(world, plan, method=MethodEntry.objects.get(owner=None, code="sspf"), kind="")
    assert (sspf.kind, sspf.strategy, sspf.technique) == ("samverkan", "", 0)


def test_a_measure_serves_only_goals_of_its_own_plan(world):
    plan, other = make_plan(world), make_plan(world, title="Annan plan")
    own, foreign = make_goal(world, plan), make_goal(world, other)
    with pytest.raises(ValidationError):
        make_measure(world, plan, goals=[own, foreign])
    assert not Measure.objects.exists()
    measure = make_measure(world, plan, goals=[own])
    with pytest.raises(ValidationError):
        services.measure_save(actor=world.alice, plan=plan, measure=measure, goals=[foreign])
    assert list(measure.goals.all()) == [own]


def test_a_change_of_one_date_is_checked_against_the_other_and_an_indicator_goal_needs_its_series(world):
    plan = make_plan(world)
    measure = make_measure(world, plan, start=date(2026, 3, 1))
    goal = make_goal(world, plan)
    with pytest.raises(ValidationError):
        services.measure_save(actor=world.alice, plan=plan, measure=measure, end=date(2026, 1, 1))
    with pytest.raises(ValidationError):
        services.goal_save(actor=world.alice, plan=plan, goal=goal, target_date=date(2025, 6, 1))
    with pytest.raises(ValidationError):
        make_goal(world, plan, title="Tryggheten ska öka", source="indikator")
    measure.refresh_from_db()
    goal.refresh_from_db()
    assert measure.end is None and goal.target_date == date(2027, 12, 31) and plan.goals.count() == 1


# --- follow-ups -------------------------------------------------------------------------------------------------

def test_a_follow_up_sets_the_status_records_goal_values_and_is_audited(world):
    plan = make_plan(world)
    manual = make_goal(world, plan)
    measure = make_measure(world, plan, goals=[manual])
    follow_up = services.follow_up_add(
        actor=world.alice, measure=measure, date=date(2026, 5, 4), status="rod", production="Två vandringar",
        process="Svårt att få deltagare", effect="Ingen märkbar skillnad än", goal_values={manual: 92.5})
    measure.refresh_from_db()
    assert measure.status == "rod" and follow_up.author == world.alice
    value = GoalValue.objects.get()
    assert (value.goal, value.date, value.value, value.follow_up) == (manual, date(2026, 5, 4), 92.5, follow_up)
    audited = set(AuditEntry.objects.filter(actor=world.alice).values_list("action", "object_type"))
    assert {("create", "plans.followup"), ("create", "plans.goalvalue"), ("update", "plans.measure")} <= audited
    status_change = AuditEntry.objects.get(action="update", object_type="plans.measure")
    assert status_change.changes["status"] == ["gron", "rod"]
    owners = set(AuditEntry.objects.filter(object_type__in=["plans.followup", "plans.goalvalue"])
                 .values_list("organisation", flat=True)) | {status_change.organisation_id}
    assert owners == {measure.owner_id}  # the whole follow-up in the responsible organisation's log


def test_a_follow_up_in_the_future_or_with_another_plans_goal_is_refused(world):
    plan, other = make_plan(world), make_plan(world, title="Annan plan")
    measure = make_measure(world, plan)
    foreign = make_goal(world, other)
    before = AuditEntry.objects.count()
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError):
        services.follow_up_add(actor=world.alice, measure=measure, date=tomorrow, status="gul")
    with pytest.raises(ValidationError):
        services.follow_up_add(actor=world.alice, measure=measure, date=date(2026, 5, 4), status="gul",
                               goal_values={foreign: 3})
    assert not FollowUp.objects.exists() and not GoalValue.objects.exists()
    assert AuditEntry.objects.count() == before
    measure.refresh_from_db()
    assert measure.status == "gron"
    services.follow_up_add(actor=world.alice, measure=measure, date=timezone.localdate(), status="gul")
    assert FollowUp.objects.count() == 1


# --- who sees what ----------------------------------------------------------------------------------------------

def test_plans_are_seen_by_their_organisation_those_above_and_through_a_plans_grant(world):
    plan = make_plan(world)
    sub_plan = make_plan(world, owner=world.forvaltning_a, area=world.area_a_sub, title="Socialförvaltningens plan",
                         parent=plan)
    north = make_plan(world, area=world.area_a2, title="Plan Norr")

    def seen(user, action=Action.VIEW):
        return set(selectors.plans(Access(user), action).values_list("title", flat=True))

    assert seen(world.alice) == seen(world.bob) == {plan.title, sub_plan.title, north.title}
    assert seen(world.erik) == {sub_plan.title}  # a förvaltning does not see the municipality's plan
    assert seen(world.carol) == seen(world.dave) == set()
    assert seen(world.bob, Action.CHANGE) == set() and seen(world.erik, Action.CHANGE) == {sub_plan.title}
    with pytest.raises(Http404):
        selectors.plan_get(Access(world.carol), plan.pk)
    sharing.grant_create(actor=world.alice, grantor=world.kommun_a, grantee=world.police, kind="incidents",
                         access="read", areas=[world.area_a])
    assert seen(world.dave) == set()  # incidents are not plans
    grant = sharing.grant_create(actor=world.alice, grantor=world.kommun_a, grantee=world.police, kind="plans",
                                 access="read", areas=[world.area_a])
    assert seen(world.dave) == {plan.title, sub_plan.title}  # Centrum and Torget inside it, not Norr
    assert seen(world.dave, Action.CHANGE) == set()
    assert selectors.goals(Access(world.dave)).count() == 0
    make_goal(world, plan)
    assert selectors.goals(Access(world.dave)).count() == 1 and selectors.goals(Access(world.carol)).count() == 0
    sharing.grant_revoke(actor=world.alice, grant=grant)
    assert seen(world.dave) == set()


def test_the_responsible_organisation_sees_its_measures_and_its_reporter_may_follow_them_up(world):
    company, frida = housing_company(world)
    plan = make_plan(world)
    theirs = make_measure(world, plan, title="Röjning av buskar", owner=company, owner_function="Områdeschef")
    ours = make_measure(world, plan, title="Fältassistenter kvällstid")

    def measures(user, action=Action.VIEW):
        return set(selectors.measures(Access(user), action).values_list("title", flat=True))

    assert measures(frida) == measures(frida, Action.REPORT) == {theirs.title}
    assert measures(frida, Action.CHANGE) == set()
    assert not selectors.plans(Access(frida)).exists()  # the measure, not the plan
    assert measures(world.alice, Action.CHANGE) == measures(world.alice, Action.REPORT) == {theirs.title, ours.title}
    assert measures(world.bob, Action.REPORT) == {ours.title}  # the municipality's reporter, its own measure
    assert measures(world.carol) == measures(world.dave) == set()
    with pytest.raises(Http404):
        selectors.measure_get(Access(frida), ours.pk)
    with pytest.raises(Http404):
        selectors.measure_get(Access(frida), theirs.pk, Action.CHANGE)
    measure = selectors.measure_get(Access(frida), theirs.pk, Action.REPORT)
    services.follow_up_add(actor=frida, measure=measure, date=date(2026, 4, 2), status="gul",
                           production="Buskarna vid lekplatsen röjda")
    assert AuditEntry.objects.filter(actor=frida, object_type="plans.followup", organisation=company).exists()


def test_agreements_are_seen_by_every_party_and_changed_by_the_municipality(world):
    agreement = services.agreement_save(
        actor=world.alice, owner=world.kommun_a, parties=[world.police, world.kommun_a], title="Samverkan 2026",
        focus_areas=["Trygg centrummiljö", " ", "Ungdomar"], period_start=date(2026, 1, 1),
        period_end=date(2027, 12, 31))
    assert agreement.focus_areas == ["Trygg centrummiljö", "Ungdomar"]
    assert list(agreement.parties.all()) == [world.police]  # the municipality is the owner, not a party
    assert selectors.agreements(Access(world.dave)).filter(pk=agreement.pk).exists()
    assert not selectors.agreements(Access(world.dave), Action.CHANGE).exists()
    assert not selectors.agreements(Access(world.carol)).exists()
    assert selectors.agreement_get(Access(world.alice), agreement.pk, Action.CHANGE) == agreement
    with pytest.raises(ValidationError):  # a commitment by someone who is no party
        services.commitment_save(actor=world.alice, agreement=agreement, party=world.kommun_b, text="Mer ljus")
    commitment = services.commitment_save(actor=world.alice, agreement=agreement, party=world.police,
                                          focus_area="Ungdomar", text="Kontaktpolis i skolorna")
    assert commitment.party == world.police
