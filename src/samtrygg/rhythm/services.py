"""Writes for the årshjul: a duty (create, change, mark done, delete), the standard year for a municipality, the
municipality's compliance rule, the record that a duty's reminder was sent, and the audit entry of a compliance
PDF.

The callers check the user's right first, through the selectors. Every write is audited in the same transaction,
in the municipality's log; free text passes the privacy guard. Marking a recurring duty done creates its next
occurrence `every_months` after its due date, unless the year already holds one there (a seeded one), so the
standard year and the recurrences never duplicate each other."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samtrygg.accounts.models import Organisation, OrgType
from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_create, audit_delete, audit_record, audit_save
from samtrygg.guards import screen_instances
from samtrygg.lib import months

from .models import ComplianceRule, Duty, DutyKind, DutyReminder
from .selectors import municipality_ids

DUTY_FIELDS = {"kind", "title", "due", "every_months", "owner_function", "owner_title", "note"}

# The standard year (the law's and practice's): (kind, month, day, recurrence in months, title). Days are at most
# the 28th so a recurrence lands on the same day every time (months.add keeps the day when the month has it).
STANDARD_YEAR = [
    (DutyKind.EST_PRIORITISATION, 1, 15, 3, gettext_lazy("EST quarterly prioritisation")),
    (DutyKind.HALF_YEAR_REPORT, 2, 15, 6, gettext_lazy("Half-year report to kommunstyrelsen")),
    (DutyKind.LAGESBILD, 3, 15, 12, gettext_lazy("Update the situation picture and have it adopted")),
    (DutyKind.EST_PRIORITISATION, 4, 15, 3, gettext_lazy("EST quarterly prioritisation")),
    (DutyKind.DIALOGUE, 5, 10, 12, gettext_lazy("Citizen dialogue (medborgardialog)")),
    (DutyKind.PLAN_ADOPTION, 6, 10, 12,
     gettext_lazy("Adopt the action plan, or confirm it, after the situation picture")),
    (DutyKind.EST_PRIORITISATION, 7, 15, 3, gettext_lazy("EST quarterly prioritisation")),
    (DutyKind.HALF_YEAR_REPORT, 8, 15, 6, gettext_lazy("Half-year report to kommunstyrelsen")),
    (DutyKind.AGREEMENT_REVISION, 9, 15, 24, gettext_lazy("Revise the collaboration agreement with the police")),
    (DutyKind.SURVEY, 10, 1, 12, gettext_lazy("Safety survey (trygghetsmätning)")),
    (DutyKind.EST_PRIORITISATION, 10, 15, 3, gettext_lazy("EST quarterly prioritisation")),
    (DutyKind.PLAN_REVISION, 11, 15, 24, gettext_lazy("Revise the action plan (at least every second year)")),
]


def _check_municipality(owner) -> None:
    if owner is None or owner.type != OrgType.KOMMUN:
        raise ValidationError(_("The year's duties belong to a municipality."))


def _check_function(owner: Organisation, function) -> None:
    if function is not None and function.group.owner_id not in municipality_ids(owner):
        raise ValidationError({"owner_function": _("Choose a function in one of the municipality's groups.")})


def slot_taken(owner, kind: str, due: datetime.date, every_months: int, title: str = "", exclude=None) -> bool:
    """Whether the municipality already has a duty of this kind near `due`: within half the recurrence on either
    side (at least a month), so a duty moved a little is still the same occurrence. "Other" duties are told apart
    by their title too."""
    half = max(every_months // 2, 1)
    found = Duty.objects.filter(owner=owner, kind=kind, due__gte=months.add(due, -half),
                                due__lt=months.add(due, half))
    if kind == DutyKind.OTHER:
        found = found.filter(title__iexact=title)
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    return found.exists()


@transaction.atomic
def duty_save(*, actor, owner=None, duty: Duty | None = None, **fields) -> Duty:
    """Create (with owner, a municipality) or change a duty. A blank title becomes the kind's name."""
    unknown = set(fields) - DUTY_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if duty is None:
        _check_municipality(owner)
        duty = Duty(owner=owner)
    if "title" in fields or duty.pk is None:
        kind = fields.get("kind", duty.kind)
        fields["title"] = (fields.get("title") or "").strip() or str(DutyKind(kind).label)
    _check_function(duty.owner, fields.get("owner_function", duty.owner_function if duty.pk else None))
    stored = duty if duty.pk is None else Duty.objects.select_for_update().get(pk=duty.pk)
    with audit_save(actor=actor, organisation=duty.owner, obj=stored):
        for key, value in fields.items():
            setattr(stored, key, value)
        stored.full_clean(validate_unique=False, validate_constraints=False)
        stored.save()
    return stored


@transaction.atomic
def duty_done(*, actor, duty: Duty, done_on: datetime.date) -> Duty | None:
    """Mark the duty done on `done_on` (not in the future). A recurring duty gets its next occurrence
    `every_months` after this due date, with the same kind, title, owner and note; returned (None when it does not
    recur or the year already holds that occurrence)."""
    duty = Duty.objects.select_for_update().select_related("owner").get(pk=duty.pk)
    if duty.done_on is not None:
        raise ValidationError(_("The duty is already marked done."))
    if done_on is None or done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Give the day it was done (not a future day).")})
    with audit_save(actor=actor, organisation=duty.owner, obj=duty, always=True):
        duty.done_on = done_on
        duty.save()
    if not duty.every_months:
        return None
    due = months.add(duty.due, duty.every_months)
    if slot_taken(duty.owner, duty.kind, due, duty.every_months, duty.title, exclude=duty):
        return None
    following = Duty.objects.create(owner=duty.owner, kind=duty.kind, title=duty.title, due=due,
                                    every_months=duty.every_months, owner_function=duty.owner_function,
                                    owner_title=duty.owner_title, note=duty.note)
    audit_create(actor=actor, organisation=following.owner, obj=following)
    return following


@transaction.atomic
def duty_delete(*, actor, duty: Duty) -> None:
    audit_delete(actor=actor, organisation=duty.owner, obj=duty)


@transaction.atomic
def wheel_seed(*, actor, owner, year: int) -> list[Duty]:
    """The standard year's duties (STANDARD_YEAR) for the municipality, titled in the installation's language;
    a duty whose place in the year is already taken (seeded before, or created by a recurrence) is skipped, so
    running it twice creates nothing new. One audit entry names how many were created."""
    _check_municipality(owner)
    created = []
    with translation.override(settings.LANGUAGE_CODE):
        for kind, month, day, every, title in STANDARD_YEAR:
            due = datetime.date(year, month, day)
            if slot_taken(owner, kind, due, every, str(title)):
                continue
            created.append(Duty(owner=owner, kind=kind, title=str(title), due=due, every_months=every))
    created = Duty.objects.bulk_create(screen_instances(created))  # in bulk: the one entry below names them
    if created:
        audit_record(actor=actor, action=Action.CREATE, organisation=owner, object_type="rhythm.duty",
                     object_repr=f"{owner.name} {year}: {len(created)}",
                     after={"year": year, "duties": [d.pk for d in created]})
    return created


@transaction.atomic
def rule_save(*, actor, owner, lagesbild_max_months: int) -> ComplianceRule:
    _check_municipality(owner)
    rule = ComplianceRule.objects.select_for_update().filter(owner=owner).first() or ComplianceRule(owner=owner)
    with audit_save(actor=actor, organisation=owner, obj=rule):
        rule.lagesbild_max_months = lagesbild_max_months
        rule.full_clean(validate_unique=False)
        rule.save()
    return rule


@transaction.atomic
def reminder_record(*, duty: Duty, recipients: int) -> bool:
    """Record that the duty's reminder for its present due date is being sent; False if it already was (another
    run got there first), so the caller sends nothing. Audited as the system's."""
    reminder, created = DutyReminder.objects.get_or_create(duty=duty, due=duty.due,
                                                           defaults={"recipients": recipients})
    if created:
        audit_create(actor=None, organisation=duty.owner, obj=reminder)
    return created


@transaction.atomic(durable=True)
def compliance_exported(*, actor, municipality) -> None:
    """The compliance PDF was downloaded: recorded (and committed) before the file is handed out."""
    audit_record(actor=actor, action=Action.EXPORT, organisation=municipality, obj=municipality,
                 object_type="rhythm.compliance", object_repr=_("The law at a glance: %(name)s") % {
                     "name": municipality.name})

