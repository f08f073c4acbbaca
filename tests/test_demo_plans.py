"""The demo's action plan: a coordinator opening the demo finds an adopted, lived-in plan (samtrygg.demo.plans)."""

from datetime import date

import pytest

from samtrygg.access import Access, OrganisationAccess
from samtrygg.accounts.models import User
from samtrygg.areas.models import areas_within
from samtrygg.audit.models import AuditEntry
from samtrygg.demo.builder import build_demo
from samtrygg.incidents.query import Period
from samtrygg.lagesbild.gather import Scope, incidents_for
from samtrygg.plans import selectors
from samtrygg.plans.document import compose_report, half_year
from samtrygg.plans.models import ActionPlan, Agreement, CitizenPromise, FollowUp, GoalValue
from samtrygg.plans.selectors.progress import progress

UNTIL = date(2026, 11, 2)  # fixed, so the plan's decision falls on 21 May


@pytest.mark.django_db
def test_demo_builds_an_adopted_action_plan_with_its_follow_up():
    build_demo(seed=7, incidents=600, until=UNTIL)
    plan = ActionPlan.objects.get(owner__kommunkod="9901", parent=None)
    assert plan.is_adopted and plan.decided_by == "Kommunfullmäktige" and plan.adopted_by.username == "samordnare"
    assert plan.decided_on == date(2026, 5, 21) and plan.lagesbild.is_adopted
    assert (plan.period_start, plan.period_end) == (date(2026, 1, 1), date(2027, 12, 31))
    assert plan.revise_by == date(2028, 5, 21)
    frozen = {section["key"]: section for section in plan.document["sections"]}
    assert {"sammanfattning", "problem", "mal", "atgarder"} <= set(frozen)
    assert "Kamerabevakning vid resecentrum" in repr(frozen["atgarder"])

    # the lägesbild's problems, each with a full cause analysis and example incidents in its district
    problems = list(plan.problems.order_by("priority"))
    assert [p.source.title for p in problems] == [p.title for p in plan.lagesbild.problems.order_by("priority")]
    for problem in problems:
        assert problem.area and problem.place and problem.offender and problem.place_managers and problem.evidence
        # (in the district, or in the housing company's estate inside it, whose reports it shares)
        inside = areas_within({problem.area.pk})
        assert problem.incidents.exists() and not problem.incidents.exclude(area__in=inside).exists()

    # three goals; the incident goal's baseline is the count of the 12 whole months before the decision
    goals = {goal.source: goal for goal in plan.goals.all()}
    assert set(goals) == {"handelser", "indikator", "manuell"}
    damage = goals["handelser"]
    scope = Scope(OrganisationAccess(plan.owner), damage.area, Period(date(2025, 5, 1), date(2026, 4, 30)),
                  [c.pk for c in damage.categories.all()], "9901")
    assert damage.baseline_date == date(2026, 4, 30) and damage.area.name == "Stationsområdet"
    assert damage.baseline == incidents_for(scope, scope.period).count() > 0
    assert damage.target == round(damage.baseline * 0.7)
    assert progress(damage, UNTIL).state != "no_values"
    assert [v.value for v in goals["manuell"].values.all()] == [68, 79, 86]
    assert goals["indikator"].series.name.startswith("Andel som känner sig otrygga")

    # seven measures of five organisations, followed up; the SSPF one is overdue
    state = selectors.follow_up_state(plan, UNTIL)
    measures = state.measures
    assert len(measures) == 7 and len({m.owner_id for m in measures}) == 5
    assert {m.kind for m in measures} >= {"situationell", "social"} and sum(bool(m.method_id) for m in measures) >= 5
    assert {m.status for m in measures} == {"gron", "gul"}  # the red one turned yellow after the conflict
    assert all(m.follow_ups.exists() for m in measures)
    assert FollowUp.objects.filter(measure__plan=plan, status="rod").count() == 1
    assert all(plan.decided_on < f.date <= UNTIL for f in FollowUp.objects.filter(measure__plan=plan))
    assert [m.title for m in state.overdue] == ["SSPF för unga i riskzon i centrum och Söderby"]
    assert GoalValue.objects.filter(goal__plan=plan, follow_up__isnull=False).count() == 3

    # the goal conflict, resolved after escalation; a förvaltning's draft sub-plan
    conflict = plan.conflicts.get()
    assert conflict.status == "lost" and conflict.escalated_to == "Miljö- och byggnadsnämnden" and conflict.resolved_on
    assert conflict.measures.get().title.startswith("Ny belysning")
    sub = plan.sub_plans.get()
    assert sub.owner.name == "Socialförvaltningen" and sub.status == "utkast" and sub.measures.count() == 2
    coordinator, police = (Access(User.objects.get(username=name)) for name in ("samordnare", "polis"))
    assert set(selectors.plans(coordinator)) == {plan, sub}
    assert selectors.measures(police).get().title == "Kamerabevakning vid resecentrum"  # the police's own measure

    # the agreement with the police, its commitments carried by measures, the medborgarlöften under it
    agreement = Agreement.objects.get(owner=plan.owner)
    assert [p.name for p in agreement.parties.all()] == ["Lokalpolisområde Exempelby"]
    assert {c.party.name for c in agreement.commitments.all()} == {"Exempelby kommun", "Lokalpolisområde Exempelby"}
    assert all(c.measures.exists() for c in agreement.commitments.all())
    assert CitizenPromise.objects.filter(agreement=agreement).count() == CitizenPromise.objects.count() == 3

    # everything went through the audited services
    assert AuditEntry.objects.filter(object_type__endswith="followup").count() >= 13

    report = compose_report(plan, *half_year(UNTIL), UNTIL)
    text = repr(report.to_dict())
    assert "SSPF för unga i riskzon" in text and "Röjning av buskage" in text and "Socialförvaltningens delplan" in text
