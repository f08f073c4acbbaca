"""The cross-organisation isolation walk. Two municipalities each get one object of every kind, made through the
services; then every URL pattern of the project (the pages and the REST API, enumerated from the URL resolver) is
requested by Alice, administrator of the first, with the ids of the second's objects in its path. Each must
answer 404 — the object does not exist for her — on GET, and 404 or 405 on POST (and PUT, PATCH, DELETE in the
API), and nothing in the database may change. A route with several objects is also walked with her own objects
in every place but one, so a view that checks only the first id is caught.

The walk is complete by construction: a URL pattern whose path parameters are not mapped to a kind in ROUTES (or
listed in EXCEPTIONS with its reason) fails the test, as does a mapping for a route that no longer exists.

Exceptions, on purpose: the public medborgarlöften page (/p/<kommunkod>/…) is public by design, and the calendar
feed's secret is itself the credential (a guessed secret answers 404 like any unknown one; tested in
test_meetings_calendar.py); neither takes an object id."""

import datetime
import io
import json
import re
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from PIL import Image

import reporting
from reporting import GRANNSTAD, TORGET
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import Membership, OrgType, Role
from samtrygg.county import services as county
from samtrygg.county.models import ShareKind
from samtrygg.incidents import export_job
from samtrygg.incidents import services as incident_services
from samtrygg.incidents.models import Incident
from samtrygg.indicators import formats
from samtrygg.indicators.models import IndicatorSeries
from samtrygg.indicators.services import import_indicators
from samtrygg.lagesbild import services as lagesbild
from samtrygg.meetings import services as meetings
from samtrygg.meetings.models import GroupKind
from samtrygg.plans import services as plans
from samtrygg.retention import services as retention
from samtrygg.rhythm import services as rhythm
from samtrygg.rhythm.models import DutyKind
from samtrygg.sharing import services as sharing
from samtrygg.sharing.models import Access as GrantAccess
from samtrygg.sharing.models import DataKind
from samtrygg.surveys import services as surveys
from samtrygg.surveys.models import Kind as SurveyKind
from samtrygg.tips import services as tips
from samtrygg.walks import services as walks

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ISSUER = "https://login.example.se/tenant/v2.0"

# Route name → {path parameter: kind of object, or a fixed value for a parameter that names no object}.
ROUTES: dict[str, dict[str, str]] = {
    # accounts
    "accounts:sign_on_groups": {"pk": "organisation"},
    "accounts:privacy_policy": {"pk": "organisation"},
    "accounts:sign_on_group_remove": {"pk": "sign_on_group"},
    "accounts:api_token_revoke": {"pk": "api_token"},
    "accounts:organisation": {"pk": "organisation"},
    "accounts:organisation_settings": {"pk": "organisation"},
    "accounts:member_api_tokens": {"pk": "organisation"},
    "accounts:member_api_token_revoke": {"pk": "organisation", "token_pk": "api_token"},
    "accounts:suborganisation_create": {"pk": "organisation"},
    "accounts:member_add": {"pk": "organisation"},
    "accounts:member_attach": {"pk": "organisation"},
    "accounts:member_role": {"pk": "membership"},
    "accounts:member_remove": {"pk": "membership"},
    "accounts:member_password": {"pk": "membership"},
    "accounts:member_deactivate": {"pk": "membership"},
    "accounts:member_reactivate": {"pk": "membership"},
    "accounts:member_reset_two_factor": {"pk": "membership"},
    # areas, sharing
    "areas:detail": {"pk": "area"},
    "areas:edit": {"pk": "area"},
    "areas:delete": {"pk": "area"},
    "sharing:revoke": {"pk": "grant"},
    # incidents
    "background:job": {"pk": "job"},
    "background:file": {"pk": "job"},
    "incidents:detail": {"pk": "incident"},
    "incidents:edit": {"pk": "incident"},
    "incidents:status": {"pk": "incident"},
    "incidents:delete": {"pk": "incident"},
    "incidents:photo": {"pk": "incident"},
    "incidents:merge": {"pk": "incident"},
    "incidents:batch_detail": {"pk": "batch"},
    "incidents:contribution_photo": {"pk": "contribution"},
    # lägesbild
    "lagesbild:detail": {"pk": "lagesbild"},
    "lagesbild:edit": {"pk": "lagesbild"},
    "lagesbild:problem_add": {"pk": "lagesbild"},
    "lagesbild:problem_delete": {"pk": "lagesbild", "problem_pk": "lagesbild_problem"},
    "lagesbild:deepening_delete": {"pk": "lagesbild", "deepening_pk": "deepening"},
    "lagesbild:observation_add": {"pk": "lagesbild"},
    "lagesbild:observation_drop": {"pk": "lagesbild", "observation_pk": "lagesbild_observation"},
    "lagesbild:step": {"pk": "lagesbild", "step": "=submit"},
    "lagesbild:adopt": {"pk": "lagesbild"},
    "lagesbild:new_version": {"pk": "lagesbild"},
    "lagesbild:pdf": {"pk": "lagesbild"},
    "lagesbild:figure": {"pk": "lagesbild", "number": "=1", "fmt": "=png"},
    "lagesbild:docx": {"pk": "lagesbild"},
    "lagesbild:compare": {"pk": "lagesbild", "other_pk": "lagesbild"},
    # statistics
    "indicators:series_detail": {"pk": "series"},
    # plans
    "plans:plan_detail": {"pk": "plan"},
    "plans:plan_edit": {"pk": "plan"},
    "plans:plan_step": {"pk": "plan", "step": "=submit"},
    "plans:plan_adopt": {"pk": "plan"},
    "plans:plan_document": {"pk": "plan", "fmt": "=pdf"},
    "plans:plan_report": {"pk": "plan", "fmt": "=pdf"},
    "plans:problem_create": {"pk": "plan"},
    "plans:problem_take": {"pk": "plan", "source_pk": "lagesbild_problem"},
    "plans:problem_edit": {"pk": "plan_problem"},
    "plans:problem_incidents": {"pk": "plan_problem"},
    "plans:goal_create": {"pk": "plan"},
    "plans:goal_edit": {"pk": "goal"},
    "plans:measure_create": {"pk": "plan"},
    "plans:measure_detail": {"pk": "measure"},
    "plans:measure_edit": {"pk": "measure"},
    "plans:measure_incidents": {"pk": "measure"},
    "plans:follow_up_add": {"pk": "measure"},
    "plans:measure_effect": {"pk": "measure"},
    "plans:conflict_create": {"pk": "plan"},
    "plans:conflict_edit": {"pk": "conflict"},
    "plans:agreement_detail": {"pk": "agreement"},
    "plans:agreement_edit": {"pk": "agreement"},
    "plans:commitment_add": {"pk": "agreement"},
    "plans:commitment_delete": {"pk": "agreement", "commitment_pk": "commitment"},
    "plans:method_detail": {"pk": "method"},
    "plans:promise_detail": {"pk": "promise"},
    "plans:promise_edit": {"pk": "promise"},
    "plans:activity_add": {"pk": "promise"},
    "plans:activity_status": {"pk": "promise", "activity_pk": "activity"},
    # meetings
    "meetings:group_detail": {"pk": "group"},
    "meetings:group_edit": {"pk": "group"},
    "meetings:function_create": {"pk": "group"},
    "meetings:function_edit": {"pk": "function"},
    "meetings:meeting_create": {"pk": "group"},
    "meetings:series_create": {"pk": "group"},
    "meetings:meeting_detail": {"pk": "meeting"},
    "meetings:meeting_edit": {"pk": "meeting"},
    "meetings:item_create": {"pk": "meeting"},
    "meetings:item_edit": {"pk": "item"},
    "meetings:task_create": {"pk": "item"},
    "meetings:measure_create": {"pk": "item"},
    "meetings:attachment_add": {"pk": "item"},
    "meetings:attachment": {"pk": "attachment"},
    "meetings:attachment_delete": {"pk": "attachment"},
    "meetings:task_edit": {"pk": "task"},
    "meetings:adjusters": {"pk": "meeting"},
    "meetings:protocol_step": {"pk": "meeting", "step": "=submit"},
    "meetings:protocol_document": {"pk": "meeting", "fmt": "=pdf"},
    "meetings:invitation": {"pk": "meeting"},
    # the year's work, the law at a glance, retention
    "rhythm:duty_edit": {"pk": "duty"},
    "rhythm:duty_done": {"pk": "duty"},
    "rhythm:duty_delete": {"pk": "duty"},
    "rhythm:seed": {"pk": "organisation"},
    "rhythm:compliance_pdf": {"pk": "organisation"},
    "rhythm:compliance_rule": {"pk": "organisation"},
    "retention:rule": {"pk": "organisation"},
    "retention:rule_remove": {"pk": "organisation"},
    # the county level and its surveys
    "county:dashboard": {"pk": "region"},
    "county:settings": {"pk": "region"},
    "county:member_add": {"pk": "region"},
    "county:member": {"pk": "region_member"},
    "county:member_remove": {"pk": "region_member"},
    "county:share": {"pk": "region_member"},
    "county:revoke": {"pk": "aggregate_share"},
    "county:collaboration": {"pk": "region"},
    "county:council_create": {"pk": "region"},
    "tips:detail": {"pk": "tip"},
    "tips:photo": {"pk": "tip"},
    "tips:settings": {"pk": "organisation"},
    "walks:detail": {"pk": "walk"},
    "walks:edit": {"pk": "walk"},
    "walks:done": {"pk": "walk"},
    "walks:participants": {"pk": "walk"},
    "walks:participant_remove": {"pk": "walk_participant"},
    "walks:observation_create": {"pk": "walk"},
    "walks:observation_edit": {"pk": "walk_observation"},
    "walks:observation_delete": {"pk": "walk_observation"},
    "walks:observation_photo": {"pk": "walk_observation"},
    "walks:observation_incident": {"pk": "walk_observation"},
    "walks:observation_measure": {"pk": "walk_observation"},
    "walks:report": {"pk": "walk"},
    "walks:report_document": {"pk": "walk", "fmt": "=pdf"},
    "county:council_members": {"pk": "council"},
    "county:picture_create": {"pk": "region"},
    "county:picture": {"pk": "county_picture"},
    "county:picture_edit": {"pk": "county_picture"},
    "county:picture_step": {"pk": "county_picture", "step": "=submit"},
    "county:picture_adopt": {"pk": "county_picture"},
    "county:picture_download": {"pk": "county_picture", "fmt": "=pdf"},
    "surveys:list": {"region": "region"},
    "surveys:create": {"region": "region"},
    "surveys:detail": {"pk": "survey"},
    "surveys:edit": {"pk": "survey"},
    "surveys:open": {"pk": "survey"},
    "surveys:close": {"pk": "survey"},
    "surveys:question_add": {"pk": "survey"},
    "surveys:question_edit": {"pk": "question"},
    "surveys:question_move": {"pk": "question", "direction": "=upp"},
    "surveys:question_delete": {"pk": "question"},
    "surveys:answer": {"pk": "survey", "municipality": "organisation"},
    "surveys:results": {"pk": "survey"},
    "surveys:download": {"pk": "survey", "fmt": "=xlsx"},
    # the REST API
    "api:compliance": {"pk": "organisation"},
    "api:incident-detail": {"pk": "incident"},
    "api:plan-detail": {"pk": "plan"},
    "api:plan-adopt": {"pk": "plan"},
    "api:plan-dashboard": {"pk": "plan"},
    "api:plan-new-version": {"pk": "plan"},
    "api:plan-reopen": {"pk": "plan"},
    "api:plan-report": {"pk": "plan"},
    "api:plan-submit": {"pk": "plan"},
    "api:problem-detail": {"pk": "plan_problem"},
    "api:goal-detail": {"pk": "goal"},
    "api:measure-detail": {"pk": "measure"},
    "api:measure-effect": {"pk": "measure"},
    "api:measure-follow-ups": {"pk": "measure"},
    "api:conflict-detail": {"pk": "conflict"},
    "api:agreement-detail": {"pk": "agreement"},
    "api:agreement-commitment": {"pk": "agreement", "commitment_pk": "commitment"},
    "api:agreement-commitments": {"pk": "agreement"},
    "api:promise-detail": {"pk": "promise"},
    "api:promise-activities": {"pk": "promise"},
    "api:method-detail": {"pk": "method"},
    "api:group-detail": {"pk": "group"},
    "api:group-functions": {"pk": "group"},
    "api:meeting-detail": {"pk": "meeting"},
    "api:meeting-adjusters": {"pk": "meeting"},
    "api:meeting-agenda": {"pk": "meeting"},
    "api:meeting-items": {"pk": "meeting"},
    "api:meeting-protocol": {"pk": "meeting"},
    "api:meeting-reopen": {"pk": "meeting"},
    "api:meeting-submit": {"pk": "meeting"},
    "api:item-detail": {"pk": "item"},
    "api:item-tasks": {"pk": "item"},
    "api:task-detail": {"pk": "task"},
    "api:duty-detail": {"pk": "duty"},
    "api:duty-done": {"pk": "duty"},
    "api:region-detail": {"pk": "region"},
    "api:region-counts": {"pk": "region"},
    "api:region-hotspots": {"pk": "region"},
    "api:region-member-shares": {"pk": "region_member"},
    "api:share-revoke": {"pk": "aggregate_share"},
    "api:survey-detail": {"pk": "survey"},
    "api:survey-results": {"pk": "survey"},
    "api:survey-answers": {"pk": "survey"},
    "api:tip-detail": {"pk": "tip"},
    "api:tip-approve": {"pk": "tip"},
    "api:tip-reject": {"pk": "tip"},
    "api:weekly-report-detail": {"pk": "batch"},
    "api:incident-duplicates": {"pk": "incident"},
    "api:incident-contributions": {"pk": "incident"},
    "api:incident-merge": {"pk": "incident"},
    "api:walk-detail": {"pk": "walk"},
    "api:walk-participants": {"pk": "walk"},
    "api:walk-observations": {"pk": "walk"},
    "api:walk-done": {"pk": "walk"},
    "api:walk-observation-incident": {"pk": "walk_observation"},
    "api:walk-observation-measure": {"pk": "walk_observation"},
    # OGC API – Features (bearer tokens, like the REST API)
    "ogc:item": {"collection_id": "=areas", "feature_id": "area"},
}

# Routes with path parameters that name no object of an organisation: why they are not walked.
EXCEPTIONS = {
    "public:promises": "public by design: a municipality's public medborgarlöften, by kommunkod, for anyone",
    "open311:services": "Open311: a jurisdiction's services by kommunkod and format; no object id",
    "open311:service": "Open311: a service code (a category code) and a format; no object id",
    "open311:requests": "Open311: reading tells status and times only; posting is authorised by the api_key alone "
                        "(test_open311.py)",
    "open311:request": "Open311: a random reference; status and times only, never content (test_open311.py)",
    "tips_public:form": "public by design: residents send tips to a municipality by kommunkod; no object id",
    "tips_public:thanks": "public by design: the thank-you page after a tip, by kommunkod; no object id",
    "meetings:feed": "the secret is the credential (only its digest is stored); no object id",
    "ogc:collection": "a collection's id is a fixed name, not an object; what it reads is scoped (test_ogc.py)",
    "ogc:items": "a collection's id is a fixed name, not an object; what it reads is scoped (test_ogc.py)",
}

# What may change while the walk reads: a session's own bookkeeping and a token's last use.
VOLATILE = {"sessions.session": None, "accounts.apitoken": {"last_used_at"}, "accounts.user": {"last_login"}}


# --- the two worlds -------------------------------------------------------------------------------------------

@dataclass
class Side:
    """One municipality's objects, by kind."""

    ids: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, obj) -> None:
        self.ids[kind] = obj.pk


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    return buffer.getvalue()


def build(*, kommun, admin, area, where, partner) -> Side:
    """One object of every kind for `kommun`, made by its administrator through the services."""
    side = Side()
    side.add("organisation", kommun)
    side.add("area", area)
    member = accounts.user_create(actor=None, username=f"member-{kommun.pk}", password="correct horse battery",
                                  organisation=kommun, role=Role.LASARE)
    side.add("membership", Membership.objects.get(user=member, organisation=kommun))
    side.add("api_token", accounts.api_token_create(actor=admin, user=admin, name="walk")[0])
    side.add("sign_on_group", accounts.sign_on_group_add(actor=admin, organisation=kommun, issuer=ISSUER,
                                                         group=f"group-{kommun.pk}", role=Role.LASARE))
    side.add("grant", sharing.grant_create(actor=admin, grantor=kommun, grantee=partner, kind=DataKind.INCIDENTS,
                                           access=GrantAccess.READ, areas=[area]))
    incident = reporting.report(None, where, actor=admin, owner=kommun, photo=jpeg())
    side.add("incident", incident)
    side.add("job", export_job.start(user=admin, incidents=Incident.objects.filter(owner=kommun), fmt="csv",
                                     sweref=False, filters={}, back="/incidents/"))
    side.add("contribution", incident_services.contribution_add(
        actor=admin, incident=incident, owner=kommun, occurred_from=incident.occurred_from, photo=jpeg()))
    side.add("batch", incident_services.batch_create(
        actor=admin, owner=kommun, period_start=TODAY - datetime.timedelta(days=7), period_end=TODAY, events=[
            {"category": incident.category, "area": area, "occurred_from": incident.occurred_from, "count": 2}]))
    period = {"period_start": TODAY - datetime.timedelta(days=90), "period_end": TODAY}
    picture = lagesbild.lagesbild_create(actor=admin, owner=kommun, area=area, title="Lägesbild", **period)
    side.add("lagesbild", picture)
    side.add("lagesbild_problem", lagesbild.problem_save(actor=admin, lagesbild=picture, title="Klotter"))
    side.add("lagesbild_observation", lagesbild.observation_add(actor=admin, lagesbild=picture, organisation=kommun,
                                                                text="Trasig belysning"))
    side.add("deepening", lagesbild.deepening_add(actor=admin, lagesbild=picture, kind="handelser", title="Klotter",
                                                  area=area, **period))
    table = f"indikator;område;år;värde\nAndel otrygga;{area.name};2025;31,5\n".encode()
    import_indicators(formats.parse(table, "trygghet.csv", "table"), user=admin, owner=kommun)
    side.add("series", IndicatorSeries.objects.get(owner=kommun))
    plan = plans.plan_create(actor=admin, owner=kommun, title="Trygghetsplan", area=area,
                             period_start=TODAY - datetime.timedelta(days=30),
                             period_end=TODAY + datetime.timedelta(days=700))
    side.add("plan", plan)
    problem = plans.problem_save(actor=admin, plan=plan, title="Klotter vid torget")
    side.add("plan_problem", problem)
    goal = plans.goal_save(actor=admin, plan=plan, problem=problem, title="Halvera klottret", indicator="Klotter",
                           unit="st", baseline=100, baseline_date=TODAY - datetime.timedelta(days=365), target=50,
                           target_date=TODAY + datetime.timedelta(days=365))
    side.add("goal", goal)
    measure = plans.measure_save(actor=admin, plan=plan, problem=problem, goals=[goal], title="Snabbsanering",
                                 kind="situationell", strategy="provocations", owner=kommun,
                                 owner_function="Samordnare", start=TODAY - datetime.timedelta(days=20))
    side.add("measure", measure)
    side.add("conflict", plans.conflict_save(actor=admin, plan=plan, title="Röjning mot naturvård"))
    agreement = plans.agreement_save(actor=admin, owner=kommun, parties=[partner], title="Samverkan", **period)
    side.add("agreement", agreement)
    side.add("commitment", plans.commitment_save(actor=admin, agreement=agreement, party=partner, text="Mer ljus"))
    side.add("method", plans.method_create(actor=admin, owner=kommun, code=f"egen-{kommun.pk}", name="Egen metod",
                                           kind="situationell", description="Belysning.", evidence="saknas"))
    promise = plans.promise_create(actor=admin, owner=kommun, title="Tryggare torg", **period)
    side.add("promise", promise)
    side.add("activity", plans.activity_add(actor=admin, promise=promise, description="Mer belysning"))
    group = meetings.group_save(actor=admin, owner=kommun, kind=GroupKind.EST, name="EST", area=area)
    side.add("group", group)
    function = meetings.function_save(actor=admin, group=group, organisation=kommun, title="Samordnare",
                                      holder=admin)
    side.add("function", function)
    start = timezone.now() + datetime.timedelta(days=2)
    meeting = meetings.meeting_create(actor=admin, group=group, title="EST-möte", starts_at=start,
                                      ends_at=start + datetime.timedelta(hours=1))
    side.add("meeting", meeting)
    item = meetings.item_save(actor=admin, meeting=meeting, title="Belysning", summary="Trasig belysning.")
    side.add("item", item)
    side.add("attachment", meetings.attachment_add(actor=admin, item=item, name="underlag.txt", content=b"Text"))
    side.add("task", meetings.task_create(actor=admin, item=item, function=function, title="Byt armaturer",
                                          due=TODAY + datetime.timedelta(days=14)))
    side.add("duty", rhythm.duty_save(actor=admin, owner=kommun, kind=DutyKind.OTHER, title="Enkät",
                                      due=TODAY + datetime.timedelta(days=30), every_months=12))
    retention.retention_rule_save(actor=admin, owner=kommun, description_months=24, photo_months=12)
    forbund = accounts.organisation_create(actor=None, name=f"Förbundet {kommun.name}", type=OrgType.KOMMUNALFORBUND)
    accounts.membership_set(actor=None, user=admin, organisation=forbund, role=Role.ADMIN)
    region = county.region_save(actor=admin, organisation=forbund)
    side.add("region", region)
    member = county.member_add(actor=admin, region=region, municipality=kommun)
    side.add("region_member", member)
    side.add("aggregate_share", county.share_create(actor=admin, member=member, kind=ShareKind.AREA_COUNTS))
    channel = tips.channel_save(actor=admin, municipality=kommun, open=True)
    side.add("tip", tips.tip_submit(channel=channel, category=reporting.category("skadegorelse.klotter"),
                                    place="Tunneln", description="Klotter", photo=jpeg()))
    walk = walks.walk_save(actor=admin, owner=kommun, area=area, title="Trygghetsvandring",
                           starts_at=timezone.now() - datetime.timedelta(hours=2))
    side.add("walk", walk)
    side.add("walk_participant", walks.participant_add(actor=admin, walk=walk, organisation=partner,
                                                       function="Kommunpolis"))
    side.add("walk_observation", walks.observation_add(
        actor=admin, walk=walk, category=reporting.category("fysisk-miljo.belysning"), lat=where[0], lon=where[1],
        unsafe=4, description="Trasig lampa", suggested_measure="Byt lampan", photo=jpeg()))
    side.add("council", county.council_create(actor=admin, region=region, name="Länsnätverk", title="Samordnare"))
    side.add("county_picture", county.picture_save(actor=admin, region=region, title="Länets lägesbild",
                                                   year=TODAY.year - 1))
    survey = surveys.survey_save(actor=admin, region=region, title="Kartläggning")
    side.add("survey", survey)
    side.add("question", surveys.question_save(actor=admin, survey=survey, text="Finns en lägesbild?",
                                               kind=SurveyKind.YES_NO))
    return side


class Worlds:
    def __init__(self, world):
        self.world = world
        kommun_a, kommun_b = world.kommun_a, world.kommun_b
        accounts.membership_set(actor=None, user=world.carol, organisation=kommun_b, role=Role.ADMIN)
        self.mine = build(kommun=kommun_a, admin=world.alice, area=world.area_a, where=TORGET, partner=world.police)
        self.theirs = build(kommun=kommun_b, admin=world.carol, area=world.area_b, where=GRANNSTAD,
                            partner=world.police)


@pytest.fixture
def worlds(world):
    with override_settings(SAMTRYGG_OIDC_ISSUERS=[ISSUER]):
        yield Worlds(world)


# --- the URL patterns -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Route:
    name: str
    parameters: tuple[str, ...]


def routes() -> list[Route]:
    """Every named URL pattern of the project, with the names of its path parameters."""
    found: list[Route] = []

    def walk(resolver, namespaces, converters):
        for entry in resolver.url_patterns:
            pattern = entry.pattern
            names = set(getattr(pattern, "converters", {})) | set(re.compile(str(pattern.regex.pattern)).groupindex)
            if isinstance(entry, URLResolver):
                walk(entry, namespaces + ([entry.namespace] if entry.namespace else []), converters | names)
            elif isinstance(entry, URLPattern):
                name = ":".join(namespaces + [entry.name or "?"])
                found.append(Route(name, tuple(sorted(converters | names))))

    walk(get_resolver(), [], set())
    return found


def test_every_url_pattern_with_parameters_is_mapped_to_kinds():
    """A new route with a path parameter must say what kind of object it takes (or why it is an exception)."""
    problems = []
    present = {}
    for route in routes():
        present[route.name] = route
        if not route.parameters or route.name in EXCEPTIONS:
            continue
        if route.name not in ROUTES:
            problems.append(f"{route.name}: parameters {route.parameters} not mapped (add it to ROUTES)")
        elif set(ROUTES[route.name]) != set(route.parameters):
            problems.append(f"{route.name}: parameters {route.parameters}, mapped {sorted(ROUTES[route.name])}")
    problems += [f"{name}: mapped, but there is no such route" for name in set(ROUTES) | set(EXCEPTIONS)
                 if name not in present]
    assert not problems, "\n".join(problems)


# --- the walk -------------------------------------------------------------------------------------------------

def snapshot() -> dict[str, list]:
    """Every row of every table (small in a test), less what VOLATILE names."""
    rows = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        skip = VOLATILE.get(label, set())
        if skip is None:
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.name not in skip]
        rows[label] = list(model._base_manager.order_by("pk").values_list(*fields))
    return rows


def combinations(mapping: dict[str, str], mine: Side, theirs: Side):
    """Path kwargs with the other municipality's objects: all of them, and (with several) one at a time."""
    objects = [name for name, kind in mapping.items() if not kind.startswith("=")]

    def kwargs(foreign: set[str]):
        values = {}
        for name, kind in mapping.items():
            if kind.startswith("="):
                values[name] = kind[1:]
            else:
                values[name] = (theirs if name in foreign else mine).ids[kind]
        return values

    yield kwargs(set(objects))
    if len(objects) > 1:
        for name in objects:
            yield kwargs({name})


def test_alice_reaches_nothing_of_the_other_municipality(worlds, client):
    world = worlds.world
    client.force_login(world.alice, backend="samtrygg.accounts.backends.PasswordBackend")
    _, secret = accounts.api_token_create(actor=world.alice, user=world.alice, name="walk")
    bearer = {"Authorization": f"Bearer {secret}"}
    failures, walked = [], 0

    def request(method, url, is_api):
        cache.clear()  # the API's throttle counts in the cache
        if not is_api:
            return getattr(client, method)(url)
        if method == "get":
            return client.get(url, headers=bearer)
        return getattr(client, method)(url, data=json.dumps({}), content_type="application/json", headers=bearer)

    # A route that refuses GET whatever the object (POST only) may refuse it for the other's objects too; asked
    # with Alice's own objects first (a download of her own is audited: before the snapshot).
    walk = [route for route in routes() if route.name in ROUTES]
    get_refused = set()
    for route in walk:
        is_api = route.name.startswith(("api:", "ogc:"))
        own = reverse(route.name, kwargs=next(combinations(ROUTES[route.name], worlds.mine, worlds.mine)))
        if request("get", own, is_api).status_code == 405:
            get_refused.add(route.name)
    before = snapshot()
    for route in walk:
        is_api = route.name.startswith(("api:", "ogc:"))
        methods = ("get", "post", "put", "patch", "delete") if is_api else ("get", "post")
        for kwargs in combinations(ROUTES[route.name], worlds.mine, worlds.theirs):
            url = reverse(route.name, kwargs=kwargs)
            for method in methods:
                response = request(method, url, is_api)
                walked += 1
                allowed = {404, 405} if method != "get" or route.name in get_refused else {404}
                if response.status_code not in allowed:
                    failures.append(f"{method.upper()} {url} ({route.name}, {kwargs}): {response.status_code}")
    after = snapshot()
    changed = {label: [row for row in after[label] if row not in before[label]][:5]
               for label in before if before[label] != after[label]}
    assert walked > 400
    assert not failures, f"{len(failures)} of {walked} requests reached the other municipality:\n" + \
        "\n".join(failures)
    assert not changed, f"the walk changed {changed}"


def test_the_walk_would_see_a_leak(worlds, client):
    """The same requests with Alice's own objects answer (so the 404s above are about the other municipality,
    not about routes that always fail)."""
    world = worlds.world
    client.force_login(world.alice, backend="samtrygg.accounts.backends.PasswordBackend")
    reached = 0
    for route in routes():
        mapping = ROUTES.get(route.name)
        if not mapping or route.name.startswith("api:"):
            continue
        kwargs = {name: kind[1:] if kind.startswith("=") else worlds.mine.ids[kind] for name, kind in mapping.items()}
        if client.get(reverse(route.name, kwargs=kwargs)).status_code in {200, 302}:
            reached += 1
    assert reached > 50
