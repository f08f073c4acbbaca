"""Groups and their meetings: the generated agenda reads only what every organisation of the group may read, a
decision hands a task to a function (which keeps it when its holder changes), the protocol is justerat by two
members and then frozen; series keep their local time across daylight-saving changes."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from personas import World, make_area
from reporting import NORR, TORGET, report
from samtrygg.access import Access, Action
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import OrgType, Role
from samtrygg.areas.models import AreaKind
from samtrygg.audit.models import AuditEntry
from samtrygg.decisions.models import Status
from samtrygg.meetings import agenda, selectors, services
from samtrygg.meetings.models import GroupKind, ItemKind, Meeting, TaskStatus
from samtrygg.sharing import services as sharing
from samtrygg.sharing.models import Access as GrantAccess
from samtrygg.sharing.models import DataKind

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class EstWorld(World):
    """World plus a housing company; an EST group for Centrum convened by kommun A with the police and the
    housing company; Exempelstad and the company share their incidents in Centrum with each other and the police."""

    def __init__(self):
        super().__init__()
        self.housing = accounts.organisation_create(actor=None, name="Exempelbostäder AB", type=OrgType.BOSTADSBOLAG)
        self.bovard = self.user("bovard", self.housing, Role.RAPPORTOR)
        self.polis = self.user("polis", self.police, Role.SAMORDNARE)
        self.estate = make_area(self.housing, "Torgets bostäder", (17.621, 59.191, 17.629, 59.199),
                                kind=AreaKind.OMRADE)  # the company's own estate, inside Torget
        for grantor, grantee in ((self.kommun_a, self.police), (self.kommun_a, self.housing)):
            sharing.grant_create(actor=None, grantor=grantor, grantee=grantee, kind=DataKind.INCIDENTS,
                                 access=GrantAccess.READ, areas=[self.area_a])
        self.group = services.group_save(actor=self.alice, owner=self.kommun_a, kind=GroupKind.EST,
                                         name="EST Centrum", area=self.area_a)
        self.f_samordnare = services.function_save(actor=self.alice, group=self.group, organisation=self.kommun_a,
                                                   title="Trygghetssamordnare", holder=self.alice)
        self.f_polis = services.function_save(actor=self.alice, group=self.group, organisation=self.police,
                                              title="Kommunpolis", holder=self.polis)
        self.f_bovard = services.function_save(actor=self.alice, group=self.group, organisation=self.housing,
                                               title="Bovärd", holder=self.bovard)


@pytest.fixture
def est(db):
    return EstWorld()


def meeting_at(est, when, title="EST-möte"):
    return services.meeting_create(actor=est.alice, group=est.group, title=title, starts_at=when,
                                   ends_at=when + timedelta(hours=1))


def test_a_new_meeting_has_the_standard_agenda_and_an_est_part(est):
    meeting = meeting_at(est, timezone.now() + timedelta(days=1))
    kinds = [i.kind for i in meeting.items.order_by("number")]
    assert kinds == [ItemKind.AGENDA, ItemKind.PREVIOUS, ItemKind.ADJUSTERS, ItemKind.REPORTS, ItemKind.SITUATION,
                     ItemKind.TASKS, ItemKind.OTHER, ItemKind.NEXT]
    item = services.item_save(actor=est.alice, meeting=meeting, title="Belysning i gångtunneln",
                              summary="Trasig belysning.", proposal="Kommunen byter armaturer.")
    assert item.number == 7
    numbers = {i.kind: i.number for i in meeting.items.all()}
    assert numbers[ItemKind.OTHER] == 8 and numbers[ItemKind.NEXT] == 9
    services.item_delete(actor=est.alice, item=item)
    assert [i.number for i in meeting.items.order_by("number")] == list(range(1, 9))


def test_the_generated_agenda_lists_exactly_what_every_organisation_of_the_group_may_read(est):
    now = timezone.now()
    previous = meeting_at(est, now - timedelta(days=7))
    meeting = meeting_at(est, now + timedelta(hours=1))
    seen = [report(est, TORGET, hours_ago=h) for h in (5, 30)]
    seen.append(report(est, TORGET, hours_ago=50, actor=est.bovard, owner=est.housing))
    report(est, TORGET, hours_ago=24 * 8)  # before the previous meeting
    report(est, NORR, hours_ago=3)  # outside the group's area
    hidden = report(est, TORGET, hours_ago=4, actor=est.carol, owner=est.kommun_b)  # Grannstad's, not shared
    # The housing company's report (in its estate) is not shared with the kommun or the police: not for the
    # group either.
    assert seen[2].area == est.estate
    found = agenda.situation(meeting)
    assert {i.pk for i in found.incidents} == {i.pk for i in seen[:2]}
    assert found.total == 2
    assert found.since == previous.starts_at and found.until == meeting.starts_at
    # Once the company shares with the kommun and the police, the group sees its report too.
    for grantee in (est.kommun_a, est.police):
        sharing.grant_create(actor=None, grantor=est.housing, grantee=grantee, kind=DataKind.INCIDENTS,
                             access=GrantAccess.READ, areas=[est.estate])
    found = agenda.situation(meeting)
    assert {i.pk for i in found.incidents} == {i.pk for i in seen}
    assert hidden.pk not in {i.pk for i in found.incidents}


def test_counts_are_held_against_the_usual_level(est):
    now = timezone.now()
    meeting_at(est, now - timedelta(days=7))
    meeting = meeting_at(est, now + timedelta(hours=1))
    for h in range(1, 9):
        report(est, TORGET, hours_ago=h * 10)
    found = agenda.situation(meeting)
    klotter = next(c for c in found.by_category if c.count)
    assert klotter.count == 8 and klotter.usual == 0 and klotter.above_usual


def test_a_decision_hands_a_task_to_a_function_which_keeps_it_when_the_holder_changes(est):
    first = meeting_at(est, timezone.now() - timedelta(days=7))
    item = services.item_save(actor=est.alice, meeting=first, title="Klotter vid torget")
    task = services.task_create(actor=est.alice, item=item, function=est.f_bovard, title="Sanera klottret",
                                due=timezone.localdate() + timedelta(days=3), place="Torget")
    assert task.function == est.f_bovard and task.status == TaskStatus.OPEN
    other = World.user("bovard2", est.housing, Role.RAPPORTOR)
    services.function_save(actor=est.alice, group=est.group, function=est.f_bovard, title="Bovärd", holder=other)
    assert list(selectors.my_tasks(other)) == [task]
    assert not selectors.my_tasks(est.bovard).exists()
    # The new holder reports on it; the next meeting follows it up.
    services.task_update(actor=other, task=selectors.task_get(Access(other), task.pk, Action.CHANGE),
                         status=TaskStatus.DONE, outcome="Sanerat.")
    nxt = meeting_at(est, timezone.now() + timedelta(hours=2))
    assert list(selectors.tasks_to_follow_up(nxt)) == [task]
    with pytest.raises(ValidationError):
        services.function_remove(actor=est.alice, function=est.f_bovard)


def test_the_holder_must_belong_to_the_functions_organisation(est):
    with pytest.raises(ValidationError):
        services.function_save(actor=est.alice, group=est.group, organisation=est.police, title="Områdespolis",
                               holder=est.bob)


def test_the_protocol_is_justerat_by_the_two_adjusters_and_then_frozen(est):
    meeting = meeting_at(est, timezone.now() - timedelta(hours=2))
    report(est, TORGET, hours_ago=30)
    with pytest.raises(ValidationError):
        services.protocol_submit(actor=est.alice, meeting=meeting)  # no adjusters chosen
    with pytest.raises(ValidationError):
        services.adjusters_set(actor=est.alice, meeting=meeting, users=[est.polis, est.carol])  # not a member
    services.adjusters_set(actor=est.alice, meeting=meeting, users=[est.polis, est.bovard])
    services.protocol_submit(actor=est.alice, meeting=meeting)
    with pytest.raises(ValidationError):
        services.item_save(actor=est.alice, meeting=meeting, title="För sent")
    with pytest.raises(ValidationError):
        services.protocol_sign(actor=est.alice, meeting=meeting, verified=True)  # not an adjuster
    with pytest.raises(ValidationError):
        services.protocol_sign(actor=est.polis, meeting=meeting, verified=False)  # second factor required
    services.protocol_sign(actor=est.polis, meeting=meeting, verified=True)
    meeting.refresh_from_db()
    assert meeting.status == Status.REVIEW and meeting.document is None
    with pytest.raises(ValidationError):
        services.protocol_sign(actor=est.polis, meeting=meeting, verified=True)  # twice
    services.protocol_sign(actor=est.bovard, meeting=meeting, verified=True)
    meeting.refresh_from_db()
    assert meeting.status == Status.ADOPTED
    assert "polis" in meeting.decided_by and "bovard" in meeting.decided_by
    headings = [s["heading"] for s in meeting.document["sections"]]
    assert "§ 5 Händelser sedan föregående möte" in headings
    text = str(meeting.document)
    assert "Justerat av polis och bovard" in text
    # A report after justering does not change the frozen protocol.
    report(est, TORGET, hours_ago=3, description="Ny skada efter justeringen")
    meeting.refresh_from_db()
    assert "Ny skada efter justeringen" not in str(meeting.document)
    assert AuditEntry.objects.filter(object_type="meetings.meeting", object_id=str(meeting.pk),
                                     organisation=est.kommun_a).count() >= 4


def test_who_sees_a_group_and_who_changes_it(est):
    assert selectors.groups(Access(est.bovard)).filter(pk=est.group.pk).exists()  # member organisation
    assert selectors.groups(Access(est.dave)).filter(pk=est.group.pk).exists()  # the police's reader
    assert not selectors.groups(Access(est.carol)).exists()  # Grannstad
    assert selectors.groups(Access(est.alice), Action.CHANGE).filter(pk=est.group.pk).exists()
    assert not selectors.groups(Access(est.polis), Action.CHANGE).exists()
    assert not selectors.groups(Access(est.bob), Action.CHANGE).exists()


def test_a_weekly_series_keeps_its_local_time_across_daylight_saving(est):
    first = datetime(2026, 3, 17, 9, 0, tzinfo=STOCKHOLM)  # CET; summer time from 29 March
    series = services.series_create(actor=est.alice, group=est.group, first_start=first, duration_minutes=90,
                                    interval_weeks=1, until=date(2026, 4, 7), location="Stadshuset")
    starts = [timezone.localtime(m.starts_at, STOCKHOLM) for m in series.meetings.order_by("starts_at")]
    assert [s.date() for s in starts] == [date(2026, 3, 17), date(2026, 3, 24), date(2026, 3, 31), date(2026, 4, 7)]
    assert {(s.hour, s.minute) for s in starts} == {(9, 0)}
    assert [s.utcoffset() for s in starts] == [timedelta(hours=1)] * 2 + [timedelta(hours=2)] * 2
    assert Meeting.objects.filter(series=series).count() == 4
    assert all(m.items.count() == 8 for m in series.meetings.all())


def test_a_decision_puts_a_measure_into_a_draft_action_plan(est):
    from samtrygg.plans import services as plans
    from samtrygg.plans.models import MethodKind

    plan = plans.plan_create(actor=est.alice, owner=est.kommun_a, area=est.area_a, title="Åtgärdsplan",
                             period_start=date(2026, 1, 1), period_end=date(2027, 12, 31))
    meeting = meeting_at(est, timezone.now())
    item = services.item_save(actor=est.alice, meeting=meeting, title="Belysning i gångtunneln",
                              decision="Kommunen byter armaturerna.")
    measure = services.measure_from_item(actor=est.alice, item=item, plan=plan, title=item.title,
                                         description=item.decision, kind=MethodKind.SITUATIONAL, owner=est.kommun_a,
                                         owner_function="Gatuchef", start=timezone.localdate())
    item.refresh_from_db()
    assert item.measure == measure and measure.plan == plan
    other = plans.plan_create(actor=est.carol, owner=est.kommun_b, area=est.area_b, title="Grannstads plan",
                              period_start=date(2026, 1, 1), period_end=date(2027, 12, 31))
    with pytest.raises(ValidationError):
        services.measure_from_item(actor=est.alice, item=item, plan=other, title="X", kind=MethodKind.SOCIAL,
                                   owner=est.kommun_a, owner_function="X", start=timezone.localdate())
