"""Writes for groups and their meetings: the group and its functions, meeting series and meetings (with the
standard agenda), agenda items and their decisions (which may hand a task to a function), tasks, the adjusters
and the protocol's workflow (out for justering, signed by both adjusters, then frozen like every decided
document), and the calendar feed's secret.

Every write is audited in the same transaction, in the convening organisation's log; free text passes the same
privacy guard as incidents."""

import hashlib
import os
import secrets
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Membership
from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_change, audit_create, audit_delete, audit_save, snapshot
from samtrygg.decisions import workflow
from samtrygg.decisions.models import Status
from samtrygg.guards import check_dates, screen_instances
from samtrygg.plans import services as plan_services

from .document import build_protocol
from .models import (
    AgendaItem,
    Attachment,
    CalendarFeed,
    Function,
    Group,
    GroupKind,
    ItemKind,
    Meeting,
    MeetingSeries,
    Signature,
    Task,
    TaskStatus,
)

GROUP_FIELDS = {"kind", "name", "area", "description", "weekly_reporting"}
MEETING_FIELDS = {"title", "starts_at", "ends_at", "location"}
ITEM_TEXT = ("title", "summary", "proposal", "basis", "notes", "decision")
MAX_SERIES = 120  # meetings one series creates at most (two years of weekly meetings)
ADJUSTERS = 2

# The standard agenda, in order; an EST meeting adds the incidents since the previous meeting and the follow-up
# of tasks, a county council or network the standing item for inter-municipal matters and the follow-up of tasks.
# New ärenden go before "Övriga frågor".
OPENING = [ItemKind.AGENDA, ItemKind.PREVIOUS, ItemKind.ADJUSTERS, ItemKind.REPORTS]
STANDING = {GroupKind.EST: [ItemKind.SITUATION, ItemKind.TASKS],
            GroupKind.INTERMUNICIPAL: [ItemKind.INTERMUNICIPAL, ItemKind.TASKS]}
CLOSING = [ItemKind.OTHER, ItemKind.NEXT]


# --- groups -----------------------------------------------------------------------------------------------
@transaction.atomic
def group_save(*, actor, group: Group | None = None, owner=None, **fields) -> Group:
    unknown = set(fields) - GROUP_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    group = group or Group(owner=owner)
    with audit_save(actor=actor, organisation=group.owner, obj=group):
        for key, value in fields.items():
            setattr(group, key, value)
        group.clean()
        group.save()
    return group


def _check_holder(organisation, holder) -> None:
    if holder is None:
        return
    org_ids, org = set(), organisation
    while org is not None:
        org_ids.add(org.pk)
        org = org.parent
    if not Membership.objects.filter(user=holder, organisation__in=org_ids).exists():
        raise ValidationError({"holder": _("The holder must be a member of the function's organisation.")})


@transaction.atomic
def function_save(*, actor, group: Group, function: Function | None = None, organisation=None, title: str,
                  holder=None) -> Function:
    """Add a function to the group, or change its title or holder (its tasks stay with it)."""
    title = title.strip()
    organisation = organisation if function is None else function.organisation
    _check_holder(organisation, holder)
    if Function.objects.filter(group=group, organisation=organisation, title__iexact=title).exclude(
            pk=getattr(function, "pk", None)).exists():
        raise ValidationError({"title": _("The group already has this function for this organisation.")})
    function = function or Function(group=group, organisation=organisation)
    with audit_save(actor=actor, organisation=group.owner, obj=function):
        function.title, function.holder = title, holder
        function.save()
    return function


@transaction.atomic
def function_remove(*, actor, function: Function) -> None:
    if function.tasks.filter(status=TaskStatus.OPEN).exists():
        raise ValidationError(_("The function still has open tasks: close them or hand the function to someone "
                                "else instead."))
    if function.tasks.exists():
        raise ValidationError(_("The function has tasks in the group's history: give it another holder instead."))
    audit_delete(actor=actor, organisation=function.group.owner, obj=function)


# --- meetings ---------------------------------------------------------------------------------------------
def _standard_items(group: Group, meetings: list[Meeting]) -> None:
    """The standard items of the group's new meetings, titled in the installation's language (the protocol's),
    whoever creates them; in one bulk insert, covered by the meeting's (or the series') entry."""
    kinds = OPENING + STANDING.get(group.kind, []) + CLOSING
    with translation.override(settings.LANGUAGE_CODE):
        AgendaItem.objects.bulk_create(screen_instances(
            AgendaItem(meeting=meeting, number=n, kind=kind, title=str(ItemKind(kind).label))
            for meeting in meetings for n, kind in enumerate(kinds, start=1)
        ))


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    check_dates(Meeting(starts_at=starts_at, ends_at=ends_at))  # before any arithmetic (also checked on save)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting ends before it starts.")})


@transaction.atomic
def meeting_create(*, actor, group: Group, title: str, starts_at: datetime, ends_at: datetime,
                   location: str = "") -> Meeting:
    _check_times(starts_at, ends_at)
    meeting = Meeting.objects.create(group=group, title=title, starts_at=starts_at, ends_at=ends_at,
                                     location=location)
    _standard_items(group, [meeting])
    audit_create(actor=actor, organisation=group.owner, obj=meeting)
    return meeting


def _check_editable(meeting: Meeting) -> None:
    if meeting.status != Status.DRAFT:
        raise ValidationError(_("The protocol is out for justering or justerat: it cannot be changed. Reopen it "
                                "first if it is not yet justerat."))


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, **fields) -> Meeting:
    unknown = set(fields) - MEETING_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_editable(meeting)
    changed = {key: value for key, value in fields.items() if getattr(meeting, key) != value}
    with audit_save(actor=actor, organisation=meeting.group.owner, obj=meeting):
        for key, value in changed.items():
            setattr(meeting, key, value)
        _check_times(meeting.starts_at, meeting.ends_at)
        if changed:
            meeting.sequence += 1  # calendars replace their copy of the invitation
            meeting.save()
    return meeting


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting) -> Meeting:
    _check_editable(meeting)
    with audit_save(actor=actor, organisation=meeting.group.owner, obj=meeting, always=True):
        meeting.cancelled, meeting.sequence = True, meeting.sequence + 1
        meeting.save()
    return meeting


@transaction.atomic
def invitations_recorded(*, actor, meeting: Meeting, sent: int) -> None:
    """The invitation was e-mailed to `sent` members (mail.send_invitations): on record in the group's log."""
    audit_change(actor=actor, organisation=meeting.group.owner, obj=meeting, changes={"invitations_sent": [None, sent]})


def occurrences(first_start: datetime, interval_weeks: int, until) -> list[datetime]:
    """The starts of a series: the same local wall-clock time every `interval_weeks` weeks up to `until`
    (inclusive), across daylight-saving changes (09:00 stays 09:00 in Stockholm)."""
    tz = timezone.get_current_timezone()
    local = timezone.localtime(first_start, tz)
    starts, k = [], 0
    while len(starts) < MAX_SERIES:
        day = local.date() + timedelta(weeks=interval_weeks * k)
        if day > until:
            break
        starts.append(datetime.combine(day, local.time().replace(tzinfo=None), tz))
        k += 1
    return starts


@transaction.atomic
def series_create(*, actor, group: Group, first_start: datetime, duration_minutes: int, interval_weeks: int,
                  until, location: str = "", title: str = "") -> MeetingSeries:
    """A series and its meetings (at most MAX_SERIES), each with the standard agenda, written in bulk; one audit
    entry, the series', names how many."""
    if interval_weeks < 1 or duration_minutes < 1:
        raise ValidationError(_("A series needs a length and an interval of at least one week."))
    check_dates(MeetingSeries(first_start=first_start, until=until))  # before the calendar arithmetic
    if until < timezone.localdate(first_start):
        raise ValidationError({"until": _("The series ends before its first meeting.")})
    series = MeetingSeries.objects.create(group=group, first_start=first_start, duration_minutes=duration_minutes,
                                          interval_weeks=interval_weeks, until=until, location=location)
    starts = occurrences(first_start, interval_weeks, until)
    meetings = Meeting.objects.bulk_create(screen_instances(
        Meeting(group=group, series=series, title=title or group.name, starts_at=start,
                ends_at=start + timedelta(minutes=duration_minutes), location=location)
        for start in starts
    ))
    _standard_items(group, meetings)
    audit_create(actor=actor, organisation=group.owner, obj=series, object_repr=f"{group.name}: {len(starts)}",
                 after={**snapshot(series), "meetings": len(starts)})
    return series


# --- the agenda and the minutes ---------------------------------------------------------------------------
@transaction.atomic
def item_save(*, actor, meeting: Meeting, item: AgendaItem | None = None, **fields) -> AgendaItem:
    """Add an ärende (numbered before "Övriga frågor" and "Nästa sammanträde") or change an item's texts."""
    _check_editable(meeting)
    unknown = set(fields) - set(ITEM_TEXT)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if item is None:
        items = list(meeting.items.select_for_update().order_by("number"))
        closing = [i for i in items if i.kind in CLOSING]
        number = closing[0].number if closing else len(items) + 1
        for later in sorted(closing, key=lambda i: -i.number):  # from the end, so numbers stay unique
            AgendaItem.objects.filter(pk=later.pk).update(number=later.number + 1)
        item = AgendaItem(meeting=meeting, number=number, kind=ItemKind.MATTER)
    with audit_save(actor=actor, organisation=meeting.group.owner, obj=item):
        for key, value in fields.items():
            setattr(item, key, value)
        item.save()
    return item


@transaction.atomic
def item_delete(*, actor, item: AgendaItem) -> None:
    meeting = item.meeting
    _check_editable(meeting)
    if item.kind != ItemKind.MATTER:
        raise ValidationError(_("Only ärenden can be removed; the standard items belong to every meeting."))
    if item.tasks.exists():
        raise ValidationError(_("Tasks were decided under this item: remove them first."))
    number, stored = item.number, [a.file.name for a in item.attachments.all()]
    audit_delete(actor=actor, organisation=meeting.group.owner, obj=item)
    transaction.on_commit(lambda: [default_storage.delete(name) for name in stored])
    for later in meeting.items.filter(number__gt=number).order_by("number"):
        AgendaItem.objects.filter(pk=later.pk).update(number=later.number - 1)


ATTACHMENT_TYPES = {".pdf", ".docx", ".doc", ".odt", ".xlsx", ".xls", ".ods", ".pptx", ".odp", ".txt", ".csv",
                    ".png", ".jpg", ".jpeg"}


@transaction.atomic
def attachment_add(*, actor, item: AgendaItem, name: str, content: bytes) -> Attachment:
    """A document of the ärende's basis for decision, stored under a random name (the original name is kept as
    its label). Office documents, PDF, text and images only."""
    _check_editable(item.meeting)
    name = os.path.basename(name.replace("\\", "/")).strip()[:200]
    if not name or os.path.splitext(name)[1].lower() not in ATTACHMENT_TYPES:
        raise ValidationError({"file": _("Attach a PDF, an office document, a text file or an image.")})
    if not content:
        raise ValidationError({"file": _("The file is empty.")})
    attachment = Attachment(item=item, name=name, size=len(content), uploaded_by=actor)
    attachment.file.save(f"{uuid.uuid4().hex}{os.path.splitext(name)[1].lower()}", ContentFile(content), save=False)
    attachment.save()
    audit_create(actor=actor, organisation=item.meeting.group.owner, obj=attachment)
    return attachment


@transaction.atomic
def attachment_delete(*, actor, attachment: Attachment) -> None:
    _check_editable(attachment.item.meeting)
    stored = attachment.file.name
    audit_delete(actor=actor, organisation=attachment.item.meeting.group.owner, obj=attachment)
    transaction.on_commit(lambda: default_storage.delete(stored))


@transaction.atomic
def task_create(*, actor, item: AgendaItem, function: Function, title: str, due, place: str = "",
                area=None) -> Task:
    """A decision under `item` hands a short-term action to a function of the group, with a deadline."""
    meeting = item.meeting
    _check_editable(meeting)
    if function.group_id != meeting.group_id:
        raise ValidationError({"function": _("Choose one of the group's functions.")})
    task = Task.objects.create(group=meeting.group, meeting=meeting, item=item, function=function, title=title,
                               due=due, place=place, area=area)
    audit_create(actor=actor, organisation=meeting.group.owner, obj=task)
    return task


@transaction.atomic
def measure_from_item(*, actor, item: AgendaItem, plan, **fields):
    """A decision under `item` puts a measure into a draft action plan of the convening organisation (through the
    plans' own service, which audits it in the plan's log); the item remembers it."""
    meeting = item.meeting
    _check_editable(meeting)
    if plan.owner_id != meeting.group.owner_id:
        raise ValidationError({"plan": _("Choose an action plan of the group's convening organisation.")})
    measure = plan_services.measure_save(actor=actor, plan=plan, **fields)
    with audit_save(actor=actor, organisation=meeting.group.owner, obj=item, always=True):
        item.measure = measure
        item.save()
    return measure


@transaction.atomic
def task_update(*, actor, task: Task, status: str, outcome: str = "") -> Task:
    """Report on a task: done (with what was done), cancelled, or open again."""
    if status not in TaskStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    with audit_save(actor=actor, organisation=task.group.owner, obj=task):
        task.status, task.outcome = status, outcome
        task.closed_at = None if status == TaskStatus.OPEN else (task.closed_at or timezone.now())
        task.save()
    return task


# --- justering --------------------------------------------------------------------------------------------
@transaction.atomic
def adjusters_set(*, actor, meeting: Meeting, users) -> Meeting:
    """Val av justerare: two of the group's function holders."""
    _check_editable(meeting)
    users = list(dict.fromkeys(users))
    holders = set(meeting.group.functions.exclude(holder=None).values_list("holder_id", flat=True))
    if len(users) != ADJUSTERS or any(u.pk not in holders for u in users):
        raise ValidationError({"adjusters": _("Choose two of the group's members to adjust the minutes.")})
    old = sorted(meeting.adjusters.values_list("username", flat=True))
    meeting.adjusters.set(users)
    new = sorted(u.username for u in users)
    if old != new:
        audit_change(actor=actor, organisation=meeting.group.owner, obj=meeting, changes={"adjusters": [old, new]})
    return meeting


@transaction.atomic
def protocol_submit(*, actor, meeting: Meeting) -> Meeting:
    """The minutes are written: out to the two adjusters for justering."""
    if meeting.adjusters.count() != ADJUSTERS:
        raise ValidationError(_("Choose the two adjusters first (val av justerare)."))
    return workflow.submit(actor, meeting, build_protocol)


@transaction.atomic
def protocol_reopen(*, actor, meeting: Meeting) -> Meeting:
    """Back from justering to the secretary; the signatures given so far no longer count."""
    meeting.signatures.all().delete()
    return workflow.reopen(actor, meeting, build_protocol)


@transaction.atomic
def protocol_sign(*, actor, meeting: Meeting, verified: bool) -> Meeting:
    """An adjuster signs with their own login (`verified`: their second factor in this session, where their
    organisation requires one). The second signature justerar the protocol: it is frozen as a document."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Status.REVIEW:
        raise ValidationError(_("Only minutes out for justering can be signed."))
    if not meeting.adjusters.filter(pk=actor.pk).exists():
        raise ValidationError(_("Only the chosen adjusters sign the minutes."))
    if not verified:
        raise ValidationError(_("Sign in with your second factor before you sign."))
    if meeting.signatures.filter(user=actor).exists():
        raise ValidationError(_("You have already signed these minutes."))
    signature = Signature.objects.create(meeting=meeting, user=actor, name=actor.get_full_name() or actor.username)
    audit_change(actor=actor, organisation=meeting.group.owner, obj=meeting,
                 changes={"signed_by": [None, signature.name]})
    if meeting.signatures.count() < ADJUSTERS:
        return meeting
    names = [s.name for s in meeting.signatures.order_by("signed_at", "pk")]
    decided_by = _("Adjusted by %(names)s") % {"names": _(" and ").join(names)}
    return workflow.adopt(actor, meeting, build_protocol, decided_on=timezone.localdate(), decided_by=decided_by)


# --- the calendar feed ------------------------------------------------------------------------------------
def _home(user):
    """The organisation a personal change is recorded in: the user's first membership's."""
    membership = Membership.objects.filter(user=user).select_related("organisation").order_by("pk").first()
    return membership.organisation if membership else None


def feed_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def calendar_feed_create(*, actor) -> str:
    """A new secret for the user's calendar feed (an earlier one stops working); returned once, never stored."""
    secret = secrets.token_urlsafe(32)
    feed, _created = CalendarFeed.objects.update_or_create(user=actor, defaults={"digest": feed_digest(secret)})
    # the row itself, never its digest
    audit_change(actor=actor, action=Action.CREATE, organisation=_home(actor), obj=feed, changes={},
                 object_repr=f"calendar feed of {actor.username}")
    return secret


@transaction.atomic
def calendar_feed_revoke(*, actor) -> None:
    feed = CalendarFeed.objects.filter(user=actor).first()
    if feed is not None:
        audit_change(actor=actor, action=Action.DELETE, organisation=_home(actor), obj=feed, changes={},
                     object_repr=f"calendar feed of {actor.username}")
        feed.delete()
