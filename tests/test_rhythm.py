"""The årshjul and the law at a glance: each compliance check green and red (the lägesbild turning red when older
than the municipality's rule and green again once a new one is adopted, the clock moved by passing `today`), the
one-page PDF for kommunstyrelsen, the standard year seeded idempotently, a recurring duty's next occurrence,
who sees and changes a municipality's year, and reminders sent once however often the job runs."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from pdf_pixels import pages
from samtrygg.access import Access
from samtrygg.accounts.models import Role
from samtrygg.audit.models import AuditEntry
from samtrygg.lagesbild import services as lagesbild_services
from samtrygg.lib import months
from samtrygg.meetings import services as meeting_services
from samtrygg.meetings.models import GroupKind
from samtrygg.plans import services as plan_services
from samtrygg.publishing.pdf import render_pdf
from samtrygg.rhythm import compliance, selectors, services, start
from samtrygg.rhythm.document import compose_compliance
from samtrygg.rhythm.jobs import send_duty_reminders
from samtrygg.rhythm.models import Duty, DutyKind, DutyReminder

pytestmark = pytest.mark.django_db

STOCKHOLM = timezone.get_default_timezone()
KEYS = ["lagesbild", "plan", "agreement", "forum", "coordinator"]


def status(world, key, today, municipality=None):
    found = {c.key: c for c in compliance.checks(municipality or world.kommun_a, today)}
    assert list(found) == KEYS
    return found[key].status


def adopt_lagesbild(world, decided_on, title="Lägesbild Centrum"):
    lagesbild = lagesbild_services.lagesbild_create(
        actor=world.alice, owner=world.kommun_a, area=world.area_a, title=title,
        period_start=decided_on - timedelta(days=365), period_end=decided_on - timedelta(days=30))
    lagesbild_services.lagesbild_submit(actor=world.alice, lagesbild=lagesbild)
    return lagesbild_services.lagesbild_adopt(actor=world.alice, lagesbild=lagesbild, decided_on=decided_on,
                                              decided_by="Kommunstyrelsen")


def adopt_plan(world, decided_on, lagesbild=None, measure_start=None):
    plan = plan_services.plan_create(actor=world.alice, owner=world.kommun_a, area=world.area_a,
                                     title="Åtgärdsplan Centrum", lagesbild=lagesbild,
                                     period_start=date(2025, 1, 1), period_end=date(2027, 12, 31))
    if measure_start:
        plan_services.measure_save(actor=world.alice, plan=plan, title="Belysning i gångtunneln",
                                   kind="situationell", owner=world.kommun_a, owner_function="Trygghetssamordnare",
                                   start=measure_start)
    plan_services.plan_submit(actor=world.alice, plan=plan)
    return plan_services.plan_adopt(actor=world.alice, plan=plan, decided_on=decided_on, decided_by="KS")


def strategic_council(world, kind=GroupKind.COUNCIL):
    return meeting_services.group_save(actor=world.alice, owner=world.kommun_a, kind=kind,
                                       name="Brottsförebyggande rådet", area=world.area_a)


def meeting_on(world, group, day, cancelled=False):
    start = datetime(day.year, day.month, day.day, 13, tzinfo=STOCKHOLM)
    meeting = meeting_services.meeting_create(actor=world.alice, group=group, title="Rådets möte", starts_at=start,
                                              ends_at=start + timedelta(hours=2))
    if cancelled:
        meeting_services.meeting_cancel(actor=world.alice, meeting=meeting)
    return meeting


# --- the law at a glance ------------------------------------------------------------------------------------------

def test_the_lagesbild_turns_red_when_older_than_the_rule_and_green_after_a_new_adoption(world):
    assert status(world, "lagesbild", date(2025, 6, 1)) == "red"  # none at all
    adopt_lagesbild(world, date(2025, 1, 10))
    assert status(world, "lagesbild", date(2025, 6, 1)) == "green"
    assert status(world, "lagesbild", date(2025, 12, 1)) == "yellow"  # its last two months
    assert status(world, "lagesbild", date(2026, 1, 10)) == "yellow"  # twelve months to the day: still current
    assert status(world, "lagesbild", date(2026, 3, 1)) == "red"
    services.rule_save(actor=world.alice, owner=world.kommun_a, lagesbild_max_months=18)
    assert status(world, "lagesbild", date(2026, 3, 1)) == "green"
    services.rule_save(actor=world.alice, owner=world.kommun_a, lagesbild_max_months=12)
    assert status(world, "lagesbild", date(2026, 3, 1)) == "red"
    newer = adopt_lagesbild(world, date(2026, 2, 20), title="Lägesbild Centrum 2026")
    check = compliance.checks(world.kommun_a, date(2026, 3, 1))[0]
    assert check.status == "green"
    assert check.evidence.url == reverse("lagesbild:detail", args=[newer.pk])
    assert AuditEntry.objects.filter(object_type="rhythm.compliancerule", organisation=world.kommun_a).count() == 2


def test_the_action_plan_check(world):
    assert status(world, "plan", date(2026, 3, 1)) == "red"  # no plan
    lagesbild = adopt_lagesbild(world, date(2025, 1, 10))
    plan = adopt_plan(world, date(2025, 3, 1), lagesbild=lagesbild)
    assert plan.revise_by == date(2027, 3, 1)
    assert status(world, "plan", date(2026, 3, 1)) == "green"
    assert status(world, "plan", date(2027, 1, 15)) == "yellow"  # revision within three months
    assert status(world, "plan", date(2027, 3, 2)) == "red"  # past revise_by
    version = plan_services.plan_new_version(actor=world.alice, plan=plan)
    assert status(world, "plan", date(2026, 3, 1)) == "green"  # a draft of the next version replaces nothing yet
    plan_services.plan_submit(actor=world.alice, plan=version)
    plan_services.plan_adopt(actor=world.alice, plan=version, decided_on=date(2025, 6, 1), decided_by="KS")
    check = compliance.checks(world.kommun_a, date(2026, 3, 1))[1]
    assert check.status == "green"  # the adopted new version replaces the first, with the same lägesbild
    assert check.evidence.url == reverse("plans:plan_detail", args=[version.pk])
    assert status(world, "plan", date(2027, 3, 2)) == "yellow"  # the new version: revised by 2027-06-01


def test_a_plan_that_names_no_lagesbild_is_yellow(world):
    adopt_plan(world, date(2025, 3, 1))
    with translation.override("en"):
        check = compliance.checks(world.kommun_a, date(2025, 6, 1))[1]
    assert check.status == "yellow" and "does not name the situation picture" in check.explanation


def test_an_overdue_follow_up_makes_the_plan_yellow(world):
    lagesbild = adopt_lagesbild(world, date(2025, 1, 10))
    adopt_plan(world, date(2025, 3, 1), lagesbild=lagesbild, measure_start=date(2025, 3, 1))
    assert status(world, "plan", date(2025, 8, 1)) == "green"  # first follow-up due 2025-09-01
    check = compliance.checks(world.kommun_a, date(2025, 10, 1))[1]
    assert check.status == "yellow"
    with translation.override("en"):
        explanation = compliance.checks(world.kommun_a, date(2025, 10, 1))[1].explanation
    assert "1 measure is overdue for follow-up." in explanation


def test_the_agreement_check(world):
    assert status(world, "agreement", date(2026, 3, 1)) == "red"
    agreement = plan_services.agreement_save(actor=world.alice, owner=world.kommun_a, title="Samverkan 2025–2026",
                                             period_start=date(2025, 1, 1), period_end=date(2026, 12, 31),
                                             parties=[world.police])
    assert status(world, "agreement", date(2026, 3, 1)) == "yellow"  # not signed
    plan_services.agreement_save(actor=world.alice, agreement=agreement, signed_on=date(2025, 1, 15))
    assert status(world, "agreement", date(2026, 3, 1)) == "green"
    assert status(world, "agreement", date(2026, 11, 1)) == "yellow"  # ends within three months
    assert status(world, "agreement", date(2027, 1, 10)) == "red"  # over


def test_the_strategic_forum_check(world):
    assert status(world, "forum", date(2026, 3, 1)) == "red"  # no council
    council = strategic_council(world)
    est = meeting_services.group_save(actor=world.alice, owner=world.kommun_a, kind=GroupKind.EST, name="EST Centrum",
                                      area=world.area_a)
    meeting_on(world, est, date(2026, 2, 1))  # an EST meeting is no strategic forum
    assert status(world, "forum", date(2026, 3, 1)) == "red"
    meeting_on(world, council, date(2026, 2, 20), cancelled=True)
    assert status(world, "forum", date(2026, 3, 1)) == "red"
    meeting_on(world, council, date(2026, 4, 1))  # not held yet on 1 March
    assert status(world, "forum", date(2026, 3, 1)) == "red"
    held = meeting_on(world, council, date(2025, 11, 5))
    check = compliance.checks(world.kommun_a, date(2026, 3, 1))[3]
    assert check.status == "green" and check.evidence.url == reverse("meetings:meeting_detail", args=[held.pk])
    assert status(world, "forum", date(2026, 9, 1)) == "green"  # the April meeting
    assert status(world, "forum", date(2026, 12, 1)) == "yellow"
    assert status(world, "forum", date(2027, 4, 2)) == "red"  # more than a year after it


def test_the_coordinator_check(world):
    today = date(2026, 3, 1)
    assert status(world, "coordinator", today) == "red"  # Alice is admin, Bob reporter; Erik coordinates below
    assert status(world, "coordinator", today, world.kommun_b) == "green"  # Carol is samordnare of Grannstad
    council = strategic_council(world)
    meeting_services.function_save(actor=world.alice, group=council, organisation=world.kommun_a,
                                   title="Brottsförebyggande samordnare", holder=None)
    assert status(world, "coordinator", today) == "red"  # a function nobody holds
    function = meeting_services.function_save(actor=world.alice, group=council, organisation=world.kommun_a,
                                              title="Kommunens Samordnare", holder=world.alice)
    check = compliance.checks(world.kommun_a, today)[4]
    assert check.status == "green" and function.title in check.explanation


def fulfil_everything(world, name="Centrum"):
    """Exempelstad meets every requirement on 1 March 2026 (`name` makes every title longer)."""
    lagesbild = adopt_lagesbild(world, date(2026, 1, 10), title=f"Lägesbild {name}")
    adopt_plan(world, date(2026, 2, 1), lagesbild=lagesbild)
    plan_services.agreement_save(actor=world.alice, owner=world.kommun_a, title=f"Samverkan {name}",
                                 parties=[world.police], period_start=date(2026, 1, 1), period_end=date(2027, 12, 31),
                                 signed_on=date(2026, 1, 20))
    council = meeting_services.group_save(actor=world.alice, owner=world.kommun_a, kind=GroupKind.STEERING,
                                          name=f"Styrgruppen {name}", area=world.area_a)
    meeting_on(world, council, date(2026, 2, 10))
    meeting_services.function_save(actor=world.alice, group=council, organisation=world.kommun_a,
                                   title=f"Trygghetssamordnare {name}", holder=world.alice)


def test_a_municipality_meeting_everything_is_all_green(world):
    fulfil_everything(world)
    assert [c.status for c in compliance.checks(world.kommun_a, date(2026, 3, 1))] == ["green"] * 5


def test_the_pdf_for_kommunstyrelsen(world, login):
    fulfil_everything(world, name="för centrala staden, stationsområdet och de norra stadsdelarna 2026–2027")
    pdf = render_pdf(compose_compliance(world.kommun_a, date(2026, 3, 1)))
    assert pdf.startswith(b"%PDF")
    found = pages(pdf)
    assert len(found) == 1
    text = " ".join(found[0]["text"].split())
    assert "Exempelstad kommun" in text
    with translation.override("sv"):
        for heading in compliance.headings().values():
            assert heading in text
    response = login(world.alice).get(reverse("rhythm:compliance_pdf", args=[world.kommun_a.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    entry = AuditEntry.objects.get(action="export", object_type="rhythm.compliance")
    assert entry.organisation_id == world.kommun_a.pk and entry.actor == world.alice


def test_the_compliance_page(world, login):
    client = login(world.bob)
    response = client.get(reverse("rhythm:compliance"))
    assert response.status_code == 200 and response.context["municipality"] == world.kommun_a
    assert [c.key for c in response.context["checks"]] == KEYS
    assert response.context["counts"]["red"] == 5
    assert reverse("rhythm:compliance_pdf", args=[world.kommun_a.pk]) in response.content.decode()
    assert reverse("rhythm:compliance_rule", args=[world.kommun_a.pk]) not in response.content.decode()
    assert client.get(reverse("rhythm:compliance_rule", args=[world.kommun_a.pk])).status_code == 404
    client = login(world.alice)
    url = reverse("rhythm:compliance_rule", args=[world.kommun_a.pk])
    assert url in client.get(reverse("rhythm:compliance")).content.decode()
    assert client.post(url, {"lagesbild_max_months": 0}).status_code == 200  # refused: at least one month
    assert client.post(url, {"lagesbild_max_months": 24}).status_code == 302
    assert selectors.rule_of(world.kommun_a).lagesbild_max_months == 24
    carol = login(world.carol)
    assert carol.get(reverse("rhythm:compliance") + f"?kommun={world.kommun_a.pk}").status_code == 404
    assert carol.get(reverse("rhythm:compliance_pdf", args=[world.kommun_a.pk])).status_code == 404
    assert carol.get(reverse("rhythm:compliance")).context["municipality"] == world.kommun_b
    assert login(world.dave).get(reverse("rhythm:compliance")).context["municipality"] is None


# --- the årshjul --------------------------------------------------------------------------------------------------

def test_seeding_the_standard_year_is_idempotent(world):
    created = services.wheel_seed(actor=world.alice, owner=world.kommun_a, year=2026)
    kinds = {duty.kind for duty in created}
    assert kinds == set(DutyKind.values) - {DutyKind.OTHER}
    assert sum(1 for d in created if d.kind == DutyKind.EST_PRIORITISATION) == 4
    assert sorted(d.due.month for d in created if d.kind == DutyKind.HALF_YEAR_REPORT) == [2, 8]
    assert services.wheel_seed(actor=world.alice, owner=world.kommun_a, year=2026) == []
    assert Duty.objects.filter(owner=world.kommun_a).count() == len(created)
    # the recurrence of a seeded duty lands on the next seeded one: nothing twice
    first_est = min((d for d in created if d.kind == DutyKind.EST_PRIORITISATION), key=lambda d: d.due)
    assert services.duty_done(actor=world.alice, duty=first_est, done_on=date(2026, 1, 20)) is None
    # the next year: the every-second-year duties are not due again yet
    following = services.wheel_seed(actor=world.alice, owner=world.kommun_a, year=2027)
    assert {d.kind for d in following} == kinds - {DutyKind.PLAN_REVISION, DutyKind.AGREEMENT_REVISION}
    assert AuditEntry.objects.filter(object_type="rhythm.duty", action="create").count() == 2
    with pytest.raises(Exception):  # noqa: B017 - a nämnd has no year of its own
        services.wheel_seed(actor=world.alice, owner=world.forvaltning_a, year=2026)


def test_a_recurring_duty_done_creates_the_next_one(world):
    survey = services.duty_save(actor=world.alice, owner=world.kommun_a, kind=DutyKind.SURVEY, title="",
                                due=date(2025, 10, 1), every_months=12, owner_title="Trygghetssamordnaren",
                                note="Enkät till alla hushåll")
    assert survey.title == str(DutyKind.SURVEY.label)
    following = services.duty_done(actor=world.alice, duty=survey, done_on=date(2025, 10, 20))
    survey.refresh_from_db()
    assert survey.done_on == date(2025, 10, 20)
    assert following.due == date(2026, 10, 1) and following.done_on is None
    assert (following.kind, following.title, following.owner_title, following.note) == (
        survey.kind, survey.title, survey.owner_title, survey.note)
    with pytest.raises(Exception):  # noqa: B017 - done once only
        services.duty_done(actor=world.alice, duty=survey, done_on=date(2025, 10, 21))
    once = services.duty_save(actor=world.alice, owner=world.kommun_a, kind=DutyKind.OTHER, title="Workshop",
                              due=date(2025, 5, 1), every_months=0)
    assert services.duty_done(actor=world.alice, duty=once, done_on=date(2025, 5, 2)) is None
    with pytest.raises(Exception):  # noqa: B017 - not done in the future
        services.duty_done(actor=world.alice, duty=following, done_on=timezone.localdate() + timedelta(days=1))


def test_due_soon_and_overdue(world):
    today = date(2026, 3, 1)
    for due in (date(2026, 2, 1), date(2026, 3, 10), date(2026, 3, 31), date(2026, 5, 1)):
        services.duty_save(actor=world.alice, owner=world.kommun_a, kind=DutyKind.OTHER, title=f"Uppgift {due}",
                           due=due, every_months=0)
    access = Access(world.bob)
    assert [d.due for d in selectors.due_soon(access, today)] == [date(2026, 3, 10), date(2026, 3, 31)]
    assert [d.due for d in selectors.overdue(access, today)] == [date(2026, 2, 1)]
    assert selectors.due_soon(Access(world.carol), today).count() == 0


def test_who_sees_and_changes_the_year(world, login):
    duty = services.duty_save(actor=world.alice, owner=world.kommun_a, kind=DutyKind.LAGESBILD, title="Lägesbild",
                              due=timezone.localdate() + timedelta(days=20), every_months=12)
    assert selectors.duties(Access(world.erik)).filter(pk=duty.pk).exists()  # a förvaltning below reads it
    assert not selectors.duties(Access(world.erik), "change").exists()
    assert not selectors.duties(Access(world.carol)).exists()
    carol = login(world.carol)
    for name in ("duty_edit", "duty_done"):
        assert carol.get(reverse(f"rhythm:{name}", args=[duty.pk])).status_code == 404
    assert carol.post(reverse("rhythm:duty_delete", args=[duty.pk])).status_code == 404
    assert carol.post(reverse("rhythm:seed", args=[world.kommun_a.pk]), {"year": 2026}).status_code == 404
    assert carol.get(reverse("rhythm:wheel") + f"?kommun={world.kommun_a.pk}").status_code == 404
    assert carol.get(reverse("rhythm:wheel")).context["municipality"] == world.kommun_b
    bob = login(world.bob)
    page = bob.get(reverse("rhythm:wheel"))
    assert page.status_code == 200 and page.context["municipality"] == world.kommun_a
    html = page.content.decode()
    assert "Lägesbild" in html and "<svg" in html and 'role="img"' in html
    assert reverse("rhythm:duty_edit", args=[duty.pk]) not in html
    assert reverse("rhythm:duty_create") not in html
    assert bob.get(reverse("rhythm:duty_edit", args=[duty.pk])).status_code == 404
    alice = login(world.alice)
    html = alice.get(reverse("rhythm:wheel")).content.decode()
    assert reverse("rhythm:duty_edit", args=[duty.pk]) in html
    assert reverse("rhythm:duty_done", args=[duty.pk]) in html
    assert reverse("rhythm:seed", args=[world.kommun_a.pk]) in html


def test_the_pages_that_change_the_year(world, login):
    client = login(world.alice)
    create = reverse("rhythm:duty_create") + f"?kommun={world.kommun_a.pk}"
    assert client.get(create).status_code == 200
    due = timezone.localdate() + timedelta(days=40)
    response = client.post(create, {"kind": DutyKind.DIALOGUE, "title": "Dialog i Norr", "due": due.isoformat(),
                                    "every_months": 12, "owner_title": "Kultur- och fritidschefen", "note": ""})
    assert response.status_code == 302
    duty = Duty.objects.get(title="Dialog i Norr")
    assert duty.owner == world.kommun_a
    assert client.post(reverse("rhythm:duty_edit", args=[duty.pk]), {
        "kind": DutyKind.DIALOGUE, "title": "Dialog i Norr", "due": (due + timedelta(days=1)).isoformat(),
        "every_months": 6, "owner_title": "", "note": "Med polisen"}).status_code == 302
    duty.refresh_from_db()
    assert duty.every_months == 6 and duty.note == "Med polisen"
    response = client.post(reverse("rhythm:duty_done", args=[duty.pk]), {"done_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert Duty.objects.get(title="Dialog i Norr", done_on__isnull=True).due == months.add(due + timedelta(days=1), 6)
    assert client.post(reverse("rhythm:seed", args=[world.kommun_a.pk]), {"year": timezone.localdate().year}
                       ).status_code == 302
    assert Duty.objects.filter(owner=world.kommun_a, kind=DutyKind.EST_PRIORITISATION).count() == 4
    assert client.post(reverse("rhythm:duty_delete", args=[duty.pk])).status_code == 302
    assert not Duty.objects.filter(pk=duty.pk).exists()
    erik = login(world.erik)
    assert erik.get(create).status_code == 404


# --- reminders ----------------------------------------------------------------------------------------------------

def test_reminders_are_sent_once(world, mailoutbox):
    today = date(2026, 3, 1)
    world.alice.email = "alice@exempelstad.se"
    world.alice.save()
    world.erik.email = "erik@exempelstad.se"
    world.erik.save()
    accounts_user = world.user("frida", world.kommun_a, Role.SAMORDNARE)
    accounts_user.email = "frida@exempelstad.se"
    accounts_user.save()
    council = strategic_council(world)
    function = meeting_services.function_save(actor=world.alice, group=council, organisation=world.forvaltning_a,
                                              title="Socialtjänstens samordnare", holder=world.erik)
    by_function = services.duty_save(actor=world.alice, owner=world.kommun_a, kind=DutyKind.OTHER,
                                     title="Rapport från socialtjänsten", due=date(2026, 3, 10), every_months=0,
                                     owner_function=function)
    services.duty_save(actor=world.alice, owner=world.kommun_a, kind=DutyKind.LAGESBILD, title="Lägesbild",
                       due=date(2026, 2, 1), every_months=12)  # overdue: the admins and coordinators
    services.duty_save(actor=world.alice, owner=world.kommun_a, kind=DutyKind.SURVEY, title="Trygghetsmätning",
                       due=date(2026, 4, 1), every_months=12)  # more than 14 days off
    due = {d.title: sorted(u.username for u in people) for d, people in selectors.reminders_due(today)}
    assert due == {"Lägesbild": ["alice", "frida"], "Rapport från socialtjänsten": ["erik"]}
    assert send_duty_reminders(today, base_url="https://samtrygg.example.se") == 3
    assert send_duty_reminders(today) == 0
    assert len(mailoutbox) == 3
    assert sorted(m.to[0] for m in mailoutbox) == ["alice@exempelstad.se", "erik@exempelstad.se",
                                                   "frida@exempelstad.se"]
    assert all(f"https://samtrygg.example.se/arshjul/?kommun={world.kommun_a.pk}" in m.body for m in mailoutbox)
    assert DutyReminder.objects.count() == 2
    services.duty_save(actor=world.alice, duty=by_function, due=date(2026, 3, 12))  # moved: reminded again
    assert send_duty_reminders(today) == 1
    assert send_duty_reminders(today + timedelta(days=1)) == 0
    assert len(mailoutbox) == 4


def test_a_failing_mail_server_leaves_the_reminder_for_the_next_run(world, mailoutbox, monkeypatch):
    world.alice.email = "alice@exempelstad.se"
    world.alice.save()
    services.duty_save(actor=world.alice, owner=world.kommun_a, kind=DutyKind.LAGESBILD, title="Lägesbild",
                       due=date(2026, 3, 5), every_months=12)

    def refused(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("samtrygg.rhythm.jobs.send_mail", refused)
    assert send_duty_reminders(date(2026, 3, 1)) == 0
    assert not DutyReminder.objects.exists()
    monkeypatch.undo()
    assert send_duty_reminders(date(2026, 3, 1), base_url="https://samtrygg.example.se") == 1
    assert len(mailoutbox) == 1
    assert DutyReminder.objects.get().due == date(2026, 3, 5)


def test_the_start_page_items(world):
    today = timezone.localdate()
    membership = world.alice.memberships.get(organisation=world.kommun_a)
    access = Access(world.alice)
    with translation.override("en"):
        [item] = start.membership_items(access, membership)  # nothing planned yet
    assert "standard year" in item.text and not item.urgent
    services.duty_save(actor=world.alice, owner=world.kommun_a, kind=DutyKind.OTHER, title="Sen",
                       due=today - timedelta(days=3), every_months=0)
    services.duty_save(actor=world.alice, owner=world.kommun_a, kind=DutyKind.OTHER, title="Snart",
                       due=today + timedelta(days=3), every_months=0)
    items = start.membership_items(Access(world.alice), membership)
    assert [i.urgent for i in items] == [True, False]
    assert all(i.url == reverse("rhythm:wheel") + f"?kommun={world.kommun_a.pk}" for i in items)
    police = world.dave.memberships.get()
    assert start.membership_items(Access(world.dave), police) == []


def test_every_standard_duty_is_worded_in_swedish():
    from django.utils import translation

    from samtrygg.rhythm.services import STANDARD_YEAR

    with translation.override("sv"):
        titles = {str(title) for *_rest, title in STANDARD_YEAR}
    assert "Uppdatera lägesbilden och låt fastställa den" in titles
    with translation.override("en"):
        english = {str(title) for *_rest, title in STANDARD_YEAR}
    assert not titles & english, titles & english
