"""Action plans through the REST API: the UI's authorization (404 for what one cannot see, 403 for what one sees
but may not change), follow-ups by the responsible organisation's reporters, the privacy guard's 422, adoption
freezing the plan, the dashboard, the audit trail, agreements, promises, the method bank and the schema."""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from identity_numbers import identity_number
from personas import World
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import OrgType, Role
from samtrygg.audit.models import AuditEntry
from samtrygg.plans import services
from samtrygg.plans.document import half_year
from samtrygg.plans.models import ActionPlan, FollowUp, Goal, GoalValue, Measure, MethodEntry

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PERSONNUMMER = identity_number(TODAY.replace(year=1985, day=1), 123)


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()  # the throttle counts in the cache
    yield
    cache.clear()


class Api:
    """A test client that sends one user's bearer token."""

    def __init__(self, client, secret):
        self.client, self.headers = client, {"Authorization": f"Bearer {secret}"}

    def get(self, url, params=None):
        return self.client.get(url, params, headers=self.headers)

    def send(self, method, url, data=None):
        return getattr(self.client, method)(url, data=json.dumps(data), content_type="application/json",
                                            headers=self.headers)

    def post(self, url, data=None):
        return self.send("post", url, data)

    def patch(self, url, data=None):
        return self.send("patch", url, data)


@pytest.fixture
def api(client):
    def _api(user):
        _, secret = accounts.api_token_create(actor=user, user=user, name="test")
        return Api(client, secret)

    return _api


class Town(World):
    """The personas, plus Exempelstad's housing company (a municipal bolag) with a reporter, a reader of the
    municipality, and a draft action plan with a problem, a manual goal, a measure the bolag is responsible for
    and a goal conflict."""

    def __init__(self):
        super().__init__()
        self.bolag = accounts.organisation_create(actor=None, name="Exempelstads Bostäder AB",
                                                  type=OrgType.BOSTADSBOLAG, kommunkod="0180", parent=self.kommun_a)
        self.hanna = self.user("hanna", self.bolag, Role.RAPPORTOR)
        self.lena = self.user("lena", self.kommun_a, Role.LASARE)
        self.plan = services.plan_create(actor=self.alice, owner=self.kommun_a, title="Trygghetsplan 2026–2027",
                                         area=self.area_a, period_start=TODAY - timedelta(days=30),
                                         period_end=TODAY + timedelta(days=700))
        self.problem = services.problem_save(actor=self.alice, plan=self.plan, title="Klotter vid torget",
                                             place="Skymd gångtunnel")
        self.goal = services.goal_save(actor=self.alice, plan=self.plan, problem=self.problem,
                                       title="Klottret ska halveras", indicator="Anmält klotter", unit="st",
                                       baseline=100, baseline_date=TODAY - timedelta(days=365), target=50,
                                       target_date=TODAY + timedelta(days=365))
        self.measure = services.measure_save(actor=self.alice, plan=self.plan, problem=self.problem,
                                             goals=[self.goal], title="Snabbsanering", kind="situationell",
                                             strategy="provocations", owner=self.bolag,
                                             owner_function="Förvaltare", start=TODAY - timedelta(days=30))
        self.conflict = services.conflict_save(actor=self.alice, plan=self.plan, title="Röjning mot biologisk mångfald")


@pytest.fixture
def town(db):
    return Town()


def ids(response):
    return {row["id"] for row in response.json()}


ITEMS = ("problems", "goals", "measures", "conflicts")


def items(town):
    return {"problems": town.problem, "goals": town.goal, "measures": town.measure, "conflicts": town.conflict}


# --- create, read, update -------------------------------------------------------------------------------------

def test_alice_builds_a_plan_through_the_api(town, api):
    alice = api(town.alice)
    created = alice.post("/api/v1/plans/", {
        "owner": town.kommun_a.pk, "area": town.area_a_sub.pk, "title": "Torgets plan",
        "period_start": str(TODAY), "period_end": str(TODAY + timedelta(days=365)), "summary": "Torget först.",
    })
    assert created.status_code == 201, created.json()
    plan = created.json()
    assert plan["status"] == "utkast" and plan["owner_name"] == "Exempelstad kommun" and plan["document"] is None
    problem = alice.post("/api/v1/problems/", {"plan": plan["id"], "title": "Bilbränder", "offender": "Unga män",
                                               "area": town.area_a_sub.pk}).json()
    assert problem["priority"] == 1 and problem["offender"] == "Unga män"
    goal = alice.post("/api/v1/goals/", {
        "plan": plan["id"], "problem": problem["id"], "title": "Inga bilbränder", "indicator": "Bilbränder",
        "baseline": 12, "baseline_date": str(TODAY - timedelta(days=90)), "target": 0,
        "target_date": str(TODAY + timedelta(days=300)),
    })
    assert goal.status_code == 201, goal.json()
    camera = MethodEntry.objects.get(owner=None, code="kamerabevakning")
    measure = alice.post("/api/v1/measures/", {
        "plan": plan["id"], "problem": problem["id"], "goals": [goal.json()["id"]], "method": camera.pk,
        "title": "Kamera i garaget", "owner": town.bolag.pk, "owner_function": "Säkerhetschef",
        "start": str(TODAY), "budget": 250000, "areas": [town.area_a_sub.pk],
    })
    assert measure.status_code == 201, measure.json()
    row = measure.json()
    assert row["kind"] == camera.kind and row["method_name"] == camera.name  # filled in from the method bank
    assert row["goals"] == [goal.json()["id"]] and row["owner_name"] == "Exempelstads Bostäder AB"
    changed = alice.patch(f"/api/v1/measures/{row['id']}/", {"status": "gul", "hours": 40})
    assert changed.status_code == 200 and changed.json()["status"] == "gul"
    assert Measure.objects.get(pk=row["id"]).hours == 40
    renamed = alice.patch(f"/api/v1/plans/{plan['id']}/", {"title": "Torgets trygghetsplan"})
    assert renamed.json()["title"] == "Torgets trygghetsplan"
    assert ids(alice.get("/api/v1/plans/")) == {town.plan.pk, plan["id"]}
    assert ids(alice.get("/api/v1/measures/", {"plan": plan["id"]})) == {row["id"]}
    assert alice.get("/api/v1/measures/", {"plan": "x"}).status_code == 400
    conflict = alice.post("/api/v1/conflicts/", {"plan": plan["id"], "title": "Kameror mot integritet",
                                                 "measures": [row["id"]], "parties": [town.bolag.pk]})
    assert conflict.status_code == 201
    resolved = alice.patch(f"/api/v1/conflicts/{conflict.json()['id']}/", {"status": "lost"})
    assert resolved.status_code == 400 and "resolution" in resolved.json()  # the service's rule
    assert alice.send("delete", f"/api/v1/conflicts/{conflict.json()['id']}/").status_code == 204
    assert alice.send("delete", f"/api/v1/goals/{goal.json()['id']}/").status_code == 204
    assert not Goal.objects.filter(pk=goal.json()["id"]).exists()


def test_ids_the_user_cannot_see_are_refused_by_field(town, api):
    alice = api(town.alice)
    foreign = services.plan_create(actor=town.carol, owner=town.kommun_b, title="Grannstads plan",
                                   area=town.area_b, period_start=TODAY, period_end=TODAY + timedelta(days=30))
    base = {"plan": town.plan.pk, "title": "Belysning", "kind": "situationell", "owner": town.kommun_a.pk,
            "owner_function": "Gatuchef", "start": str(TODAY)}
    for field, value in [("areas", [town.area_b.pk]), ("owner", town.kommun_b.pk), ("plan", foreign.pk),
                         ("goals", [999999])]:
        response = alice.post("/api/v1/measures/", {**base, field: value})
        assert response.status_code == 400 and field in response.json(), (field, response.json())
    other_goal = services.goal_save(actor=town.carol, plan=foreign, title="Mål", indicator="x", baseline=1,
                                    baseline_date=TODAY - timedelta(days=1), target=0, target_date=TODAY)
    assert "goals" in alice.post("/api/v1/measures/", {**base, "goals": [other_goal.pk]}).json()
    assert alice.post("/api/v1/measures/", base).status_code == 201


# --- authorization --------------------------------------------------------------------------------------------

def test_another_municipality_gets_404_on_every_plan_item_and_empty_lists(town, api):
    carol = api(town.carol)
    assert carol.get("/api/v1/plans/").json() == []
    for resource in ITEMS:
        assert carol.get(f"/api/v1/{resource}/").json() == []
    plan = f"/api/v1/plans/{town.plan.pk}/"
    for url in (plan, plan + "dashboard/", f"/api/v1/measures/{town.measure.pk}/follow-ups/"):
        assert carol.get(url).status_code == 404, url
    for step in ("submit", "reopen", "adopt", "new-version"):
        assert carol.post(plan + f"{step}/", {}).status_code == 404
    assert carol.patch(plan, {"title": "x"}).status_code == 404
    for resource, obj in items(town).items():
        url = f"/api/v1/{resource}/{obj.pk}/"
        assert carol.get(url).status_code == 404
        assert carol.patch(url, {"title": "x"}).status_code == 404
        assert carol.send("delete", url).status_code == 404
    refused = carol.post("/api/v1/problems/", {"plan": town.plan.pk, "title": "x"})
    assert refused.status_code == 400 and "plan" in refused.json()  # no such plan, for her
    assert carol.post(f"/api/v1/measures/{town.measure.pk}/follow-ups/",
                      {"date": str(TODAY), "status": "rod"}).status_code == 404
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize(("who", "follow_up"), [("bob", 201), ("lena", 403)])
def test_readers_and_reporters_of_the_municipality_see_but_get_403_on_writes(town, api, who, follow_up):
    """Bob reports in the municipality and so in its bolag below it: he may follow up the bolag's measure."""
    user = api(getattr(town, who))
    plan = f"/api/v1/plans/{town.plan.pk}/"
    assert user.get(plan).status_code == 200 and user.get(plan + "dashboard/").status_code == 200
    for resource, obj in items(town).items():
        assert user.get(f"/api/v1/{resource}/{obj.pk}/").status_code == 200
        assert user.patch(f"/api/v1/{resource}/{obj.pk}/", {"title": "x"}).status_code == 403
        assert user.send("delete", f"/api/v1/{resource}/{obj.pk}/").status_code == 403
    assert user.post("/api/v1/plans/", {"owner": town.kommun_a.pk}).status_code == 403
    assert user.patch(plan, {"title": "x"}).status_code == 403
    assert user.post(plan + "submit/").status_code == 403
    assert user.post("/api/v1/problems/", {"plan": town.plan.pk, "title": "x"}).status_code == 403
    assert user.post(f"/api/v1/measures/{town.measure.pk}/follow-ups/",
                     {"date": str(TODAY), "status": "rod"}).status_code == follow_up
    town.plan.refresh_from_db()
    assert town.plan.status == "utkast" and town.plan.title == "Trygghetsplan 2026–2027"


def test_the_housing_company_reports_follow_ups_of_its_measure_but_cannot_change_the_plan(town, api):
    hanna = api(town.hanna)
    theirs = f"/api/v1/measures/{town.measure.pk}/"
    assert ids(hanna.get("/api/v1/measures/")) == {town.measure.pk}
    assert hanna.get("/api/v1/plans/").json() == [] and hanna.get(f"/api/v1/plans/{town.plan.pk}/").status_code == 404
    posted = hanna.post(theirs + "follow-ups/", {
        "date": str(TODAY), "status": "gul", "production": "12 saneringar", "effect": "Mindre nytt klotter",
        "goal_values": {str(town.goal.pk): 70},
    })
    assert posted.status_code == 201, posted.json()
    assert posted.json()["goal_values"] == {str(town.goal.pk): 70.0}
    assert hanna.get(theirs + "follow-ups/").json()[0]["production"] == "12 saneringar"
    town.measure.refresh_from_db()
    assert town.measure.status == "gul"  # the follow-up sets the measure's status
    assert hanna.patch(theirs, {"title": "Annat"}).status_code == 403
    assert hanna.send("delete", theirs).status_code == 403
    assert hanna.post("/api/v1/goals/", {"plan": town.plan.pk, "title": "x"}).status_code == 403
    wrong_goal = hanna.post(theirs + "follow-ups/", {"date": str(TODAY), "status": "gul", "goal_values": {"99999": 1}})
    assert wrong_goal.status_code == 400 and "goal_values" in wrong_goal.json()
    future = hanna.post(theirs + "follow-ups/", {"date": str(TODAY + timedelta(days=3)), "status": "gul"})
    assert future.status_code == 400 and "date" in future.json()
    others = services.measure_save(actor=town.alice, plan=town.plan, title="Belysning", kind="situationell",
                                   owner=town.kommun_a, owner_function="Gatuchef", start=TODAY)
    assert hanna.post(f"/api/v1/measures/{others.pk}/follow-ups/",
                      {"date": str(TODAY), "status": "rod"}).status_code == 404
    assert FollowUp.objects.count() == 1


# --- privacy --------------------------------------------------------------------------------------------------

def test_a_personnummer_in_a_measure_description_gives_422_and_nothing_is_written(town, api):
    alice = api(town.alice)
    entries, measures = AuditEntry.objects.count(), Measure.objects.count()
    payload = {"plan": town.plan.pk, "title": "Samtal", "kind": "social", "owner": town.kommun_a.pk,
               "owner_function": "Fältassistent", "start": str(TODAY),
               "description": f"Samtal med pojken {PERSONNUMMER} och hans föräldrar"}
    refused = alice.post("/api/v1/measures/", payload)
    assert refused.status_code == 422
    assert refused.json()["code"] == "personal_data" and "description" in refused.json()["errors"]
    assert PERSONNUMMER not in refused.content.decode()
    patched = alice.patch(f"/api/v1/measures/{town.measure.pk}/", {"description": f"Gäller {PERSONNUMMER}"})
    assert patched.status_code == 422
    follow_up = alice.post(f"/api/v1/measures/{town.measure.pk}/follow-ups/",
                           {"date": str(TODAY), "status": "gul", "process": f"Ringde {PERSONNUMMER}"})
    assert follow_up.status_code == 422 and "process" in follow_up.json()["errors"]
    agreement = alice.post("/api/v1/agreements/", {
        "owner": town.kommun_a.pk, "title": "Samverkan", "period_start": str(TODAY),
        "period_end": str(TODAY + timedelta(days=365)), "focus_areas": ["Torget", f"Ärende {PERSONNUMMER}"]})
    assert agreement.status_code == 422 and "focus_areas" in agreement.json()["errors"]
    assert (AuditEntry.objects.count(), Measure.objects.count()) == (entries, measures)
    town.measure.refresh_from_db()
    assert PERSONNUMMER not in town.measure.description and not FollowUp.objects.exists()


# --- adoption, the dashboard ----------------------------------------------------------------------------------

def test_adopting_over_the_api_freezes_the_plan(town, api):
    alice = api(town.alice)
    plan = f"/api/v1/plans/{town.plan.pk}/"
    early = alice.post(plan + "adopt/", {"decided_on": str(TODAY), "decided_by": "Kommunstyrelsen"})
    assert early.status_code == 400  # a draft is first reviewed
    assert alice.post(plan + "submit/").json()["status"] == "granskning"
    assert alice.post(plan + "reopen/").json()["status"] == "utkast"
    alice.post(plan + "submit/")
    adopted = alice.post(plan + "adopt/", {"decided_on": str(TODAY), "decided_by": "Kommunstyrelsen"})
    assert adopted.status_code == 200, adopted.json()
    row = adopted.json()
    assert row["status"] == "faststalld" and row["decided_by"] == "Kommunstyrelsen"
    assert row["revise_by"] == str(services.revision_date(TODAY))
    assert row["document"] and "Klottret ska halveras" in json.dumps(row["document"], ensure_ascii=False)
    refused = alice.patch(f"/api/v1/goals/{town.goal.pk}/", {"target": 10})
    assert refused.status_code == 400
    assert alice.post("/api/v1/problems/", {"plan": town.plan.pk, "title": "Nytt"}).status_code == 400
    assert alice.send("delete", f"/api/v1/measures/{town.measure.pk}/").status_code == 400
    assert alice.patch(plan, {"title": "Ny titel"}).status_code == 400
    town.goal.refresh_from_db()
    assert town.goal.target == 50
    followed = alice.post(f"/api/v1/measures/{town.measure.pk}/follow-ups/", {"date": str(TODAY), "status": "gron"})
    assert followed.status_code == 201  # the follow-up goes on
    version = alice.post(plan + "new-version/")
    assert version.status_code == 201 and version.json()["status"] == "utkast"
    assert ActionPlan.objects.get(pk=town.plan.pk).document == row["document"]
    assert alice.patch(f"/api/v1/goals/{town.goal.pk}/", {"target": 40}).status_code == 200  # in the new draft


def test_the_dashboard_reflects_a_follow_up_and_a_manual_goal_value(town, api):
    alice = api(town.alice)
    url = f"/api/v1/plans/{town.plan.pk}/dashboard/"
    before = alice.get(url).json()
    assert before["goals"][0]["state"] == "no_values" and before["goals"][0]["latest"] is None
    assert before["measures_by_status"] == {"gron": 1, "gul": 0, "rod": 0}
    alice.post(f"/api/v1/measures/{town.measure.pk}/follow-ups/",
               {"date": str(TODAY), "status": "rod", "goal_values": {str(town.goal.pk): 60}})
    after = alice.get(url).json()
    assert after["measures_by_status"] == {"gron": 0, "gul": 0, "rod": 1}
    assert after["measures"][0]["last_follow_up"] == str(TODAY)
    goal = after["goals"][0]
    assert goal["latest"] == {"date": str(TODAY), "value": 60.0}
    assert goal["baseline"] == {"date": str(TODAY - timedelta(days=365)), "value": 100.0}
    assert goal["expected"] == pytest.approx(75.0)  # halfway from 100 to 50
    assert goal["state"] == "on_track" and [p["value"] for p in goal["points"]] == [100.0, 60.0]
    assert GoalValue.objects.get().follow_up.measure == town.measure


def test_the_dashboard_lists_overdue_follow_ups(town, api):
    late = services.measure_save(actor=town.alice, plan=town.plan, title="Nattvandring", kind="social",
                                 owner=town.kommun_a, owner_function="Fritidschef",
                                 start=TODAY - timedelta(days=400), follow_up_months=6)
    overdue = api(town.lena).get(f"/api/v1/plans/{town.plan.pk}/dashboard/").json()["overdue"]
    assert [row["measure"] for row in overdue] == [late.pk]
    assert overdue[0]["due"] < str(TODAY)


# --- the audit trail ------------------------------------------------------------------------------------------

def test_every_write_leaves_an_audit_entry(town, api):
    alice = api(town.alice)

    def audited(method, url, data=None, status=200):
        count = AuditEntry.objects.count()
        response = alice.send(method, url, data)
        assert response.status_code == status, (url, response.json())
        assert AuditEntry.objects.count() > count, url
        return response.json() if response.content else None

    plan = audited("post", "/api/v1/plans/", {"owner": town.kommun_a.pk, "area": town.area_a.pk, "title": "P",
                                              "period_start": str(TODAY), "period_end": str(TODAY)}, 201)
    audited("patch", f"/api/v1/plans/{plan['id']}/", {"summary": "Kort"})
    problem = audited("post", "/api/v1/problems/", {"plan": plan["id"], "title": "Problem"}, 201)
    audited("patch", f"/api/v1/problems/{problem['id']}/", {"guardians": "Fastighetsvärdar"})
    goal = audited("post", "/api/v1/goals/", {"plan": plan["id"], "title": "Mål", "indicator": "Antal", "baseline": 5,
                                              "baseline_date": str(TODAY - timedelta(days=10)), "target": 1,
                                              "target_date": str(TODAY + timedelta(days=10))}, 201)
    measure = audited("post", "/api/v1/measures/", {"plan": plan["id"], "title": "Åtgärd", "kind": "social",
                                                    "owner": town.kommun_a.pk, "owner_function": "Samordnare",
                                                    "start": str(TODAY), "goals": [goal["id"]]}, 201)
    audited("patch", f"/api/v1/measures/{measure['id']}/", {"budget": 1000})
    audited("post", f"/api/v1/measures/{measure['id']}/follow-ups/", {"date": str(TODAY), "status": "gron"}, 201)
    conflict = audited("post", "/api/v1/conflicts/", {"plan": plan["id"], "title": "Konflikt"}, 201)
    audited("patch", f"/api/v1/conflicts/{conflict['id']}/", {"escalated_to": "Kommunstyrelsen"})
    audited("delete", f"/api/v1/conflicts/{conflict['id']}/", status=204)
    audited("delete", f"/api/v1/measures/{measure['id']}/", status=204)
    audited("delete", f"/api/v1/goals/{goal['id']}/", status=204)
    audited("delete", f"/api/v1/problems/{problem['id']}/", status=204)
    audited("post", f"/api/v1/plans/{plan['id']}/submit/")
    audited("post", f"/api/v1/plans/{plan['id']}/reopen/")
    audited("post", f"/api/v1/plans/{plan['id']}/submit/")
    audited("post", f"/api/v1/plans/{plan['id']}/adopt/", {"decided_on": str(TODAY), "decided_by": "KS"})
    audited("post", f"/api/v1/plans/{plan['id']}/new-version/", status=201)
    agreement = audited("post", "/api/v1/agreements/", {
        "owner": town.kommun_a.pk, "parties": [town.police.pk], "title": "Samverkan", "period_start": str(TODAY),
        "period_end": str(TODAY + timedelta(days=365)), "focus_areas": ["Torget"]}, 201)
    audited("patch", f"/api/v1/agreements/{agreement['id']}/", {"signed_on": str(TODAY)})
    audited("post", f"/api/v1/agreements/{agreement['id']}/commitments/",
            {"party": town.police.pk, "text": "Synlig polis på torget", "measures": [town.measure.pk]}, 201)
    promise = audited("post", "/api/v1/promises/", {"owner": town.kommun_a.pk, "title": "Tryggare torg",
                                                    "period_start": str(TODAY), "period_end": str(TODAY),
                                                    "partners": [town.police.pk], "public": True}, 201)
    audited("patch", f"/api/v1/promises/{promise['id']}/", {"status": "pagaende"})
    refused = alice.send("delete", f"/api/v1/agreements/{agreement['id']}/")
    assert refused.status_code == 400  # a signed agreement stays on record
    audited("patch", f"/api/v1/agreements/{agreement['id']}/", {"signed_on": None})
    audited("delete", f"/api/v1/agreements/{agreement['id']}/", status=204)
    assert set(AuditEntry.objects.filter(actor=town.alice).values_list("object_type", flat=True)) >= {
        "plans.actionplan", "plans.problem", "plans.goal", "plans.measure", "plans.followup", "plans.goalconflict",
        "plans.agreement", "plans.commitment", "plans.citizenpromise"}


# --- agreements, promises, methods ----------------------------------------------------------------------------

def test_agreements_and_promises_are_seen_by_their_parties_and_changed_by_the_municipality(town, api):
    alice, dave, carol = api(town.alice), api(town.dave), api(town.carol)
    agreement = alice.post("/api/v1/agreements/", {
        "owner": town.kommun_a.pk, "parties": [town.police.pk], "title": "Samverkan 2026",
        "period_start": str(TODAY), "period_end": str(TODAY + timedelta(days=365)), "focus_areas": ["Torget", " "],
    }).json()
    assert agreement["focus_areas"] == ["Torget"]
    commitment = alice.post(f"/api/v1/agreements/{agreement['id']}/commitments/",
                            {"party": town.police.pk, "text": "Fotpatrull fredagar"})
    assert commitment.status_code == 201
    not_party = alice.post(f"/api/v1/agreements/{agreement['id']}/commitments/",
                           {"party": town.bolag.pk, "text": "Något"})
    assert not_party.status_code == 400 and "party" in not_party.json()
    seen = dave.get(f"/api/v1/agreements/{agreement['id']}/").json()  # the police, a party
    assert [c["text"] for c in seen["commitments"]] == ["Fotpatrull fredagar"]
    assert dave.patch(f"/api/v1/agreements/{agreement['id']}/", {"title": "x"}).status_code == 403
    assert carol.get(f"/api/v1/agreements/{agreement['id']}/").status_code == 404
    assert carol.get("/api/v1/agreements/").json() == []
    promise = alice.post("/api/v1/promises/", {"owner": town.kommun_a.pk, "title": "Tryggare torg",
                                               "period_start": str(TODAY), "period_end": str(TODAY),
                                               "partners": [town.police.pk], "agreement": agreement["id"]}).json()
    assert dave.get(f"/api/v1/promises/{promise['id']}/").json()["title"] == "Tryggare torg"
    assert dave.patch(f"/api/v1/promises/{promise['id']}/", {"public": True}).status_code == 403
    assert carol.get(f"/api/v1/promises/{promise['id']}/").status_code == 404
    assert alice.patch(f"/api/v1/promises/{promise['id']}/", {"public": True}).json()["public"] is True


def test_the_method_bank_is_read_only(town, api):
    bob = api(town.bob)
    risk = bob.get("/api/v1/methods/", {"strategy": "risk"}).json()
    assert risk and all(row["strategy"] == "risk" for row in risk)
    camera = MethodEntry.objects.get(owner=None, code="kamerabevakning")
    assert "76" in bob.get(f"/api/v1/methods/{camera.pk}/").json()["evidence_note"]
    assert bob.post("/api/v1/methods/", {"name": "x"}).status_code == 405


def test_the_schema_lists_the_plan_paths(db, client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = json.loads(response.content)["paths"]
    assert {
        "/api/v1/plans/", "/api/v1/plans/{id}/", "/api/v1/plans/{id}/adopt/", "/api/v1/plans/{id}/dashboard/",
        "/api/v1/plans/{id}/new-version/", "/api/v1/problems/", "/api/v1/goals/{id}/", "/api/v1/measures/",
        "/api/v1/measures/{id}/follow-ups/", "/api/v1/conflicts/", "/api/v1/agreements/{id}/commitments/",
        "/api/v1/promises/", "/api/v1/methods/",
    } <= set(paths)
    assert paths["/api/v1/plans/{id}/dashboard/"]["get"]["summary"].startswith("Follow-up dashboard")
    assert {"get", "post"} <= set(paths["/api/v1/measures/{id}/follow-ups/"])


# --- the report and the effect ----------------------------------------------------------------------------------

def test_the_half_year_report_and_the_effect_view_through_the_api(town, api):
    services.follow_up_add(actor=town.alice, measure=town.measure, date=TODAY, status="gul",
                           production="Sanering inom 24 timmar på torget", goal_values={town.goal: 80})
    start, _end = half_year(TODAY)
    half = f"{start.year}-{1 if start.month == 1 else 2}"
    document = api(town.lena).get(f"/api/v1/plans/{town.plan.pk}/report/", {"half": half}).json()
    assert document["title"] == "Uppföljning av Trygghetsplan 2026–2027"  # the report is written in Swedish
    assert "Sanering inom 24 timmar på torget" in json.dumps(document, ensure_ascii=False)
    assert api(town.lena).get(f"/api/v1/plans/{town.plan.pk}/report/", {"half": "2026-3"}).status_code == 400
    assert api(town.carol).get(f"/api/v1/plans/{town.plan.pk}/report/", {"half": half}).status_code == 404

    url = f"/api/v1/measures/{town.measure.pk}/effect/"
    found = api(town.lena).get(url, {"control_area": town.area_a2.pk, "months_before": 6}).json()
    assert found["control_area"] == town.area_a2.pk and found["treated_areas"] == [town.area_a.pk]
    assert found["effect"]["verdict"] == "too_little_data"  # no incidents at all
    assert len(found["months"]) == len(found["treated"]) == len(found["control"])
    overlapping = api(town.lena).get(url, {"control_area": town.area_a_sub.pk})  # inside the measure's area
    assert overlapping.status_code == 400 and "control_area" in overlapping.json()
    assert api(town.carol).get(url, {"control_area": town.area_b.pk}).status_code == 404


def test_promise_activities_and_removing_a_commitment_through_the_api(town, api):
    alice = api(town.alice)
    promise = alice.post("/api/v1/promises/", {"owner": town.kommun_a.pk, "title": "Tryggare torg",
                                               "period_start": str(TODAY), "period_end": str(TODAY),
                                               "public": True}).json()
    added = alice.post(f"/api/v1/promises/{promise['id']}/activities/", {"description": "Fotpatrull fredagar"})
    assert added.status_code == 201 and added.json()["status"] == "planerat"
    assert alice.get(f"/api/v1/promises/{promise['id']}/").json()["activities"][0]["description"] == \
        "Fotpatrull fredagar"
    assert api(town.lena).post(f"/api/v1/promises/{promise['id']}/activities/",
                               {"description": "Läsare får inte"}).status_code == 403
    refused = alice.post(f"/api/v1/promises/{promise['id']}/activities/",
                         {"description": f"Kontakta {PERSONNUMMER}"})
    assert refused.status_code == 422 and PERSONNUMMER not in refused.content.decode()
    agreement = alice.post("/api/v1/agreements/", {
        "owner": town.kommun_a.pk, "parties": [town.police.pk], "title": "Samverkan", "period_start": str(TODAY),
        "period_end": str(TODAY + timedelta(days=365))}).json()
    commitment = alice.post(f"/api/v1/agreements/{agreement['id']}/commitments/",
                            {"party": town.police.pk, "text": "Synlig polis på torget"}).json()
    url = f"/api/v1/agreements/{agreement['id']}/commitments/{commitment['id']}/"
    assert api(town.lena).send("delete", url).status_code == 403
    assert alice.send("delete", url).status_code == 204
    assert alice.get(f"/api/v1/agreements/{agreement['id']}/").json()["commitments"] == []
