"""Writes for retention: an organisation's rule (set or removed by its admin, audited with old and new values), and
the job that applies every rule (`retention_apply`, run by `samtrygg run-jobs` and `samtrygg apply-retention`).

The job empties the description and removes the photo of each incident older than its organisation's cut-off, with
a timestamp on the incident (`description_removed_at`, `photo_removed_at`) so its page and the API can say so. The
incident itself stays; its contributions (duplicate reports stored with it) lose theirs at the same time. It works
set-wise, never row by row in Python: per organisation, the due incidents are read as keys in batches along the
(owner, occurred_from) index, each batch changed with one UPDATE. One organisation is one transaction, with one
`RetentionRun` row and one audit entry holding the counts and the cut-offs (never the text); photo files are deleted
from storage once it is committed. A second run finds nothing and writes nothing."""

import logging
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_record, diff, snapshot
from samtrygg.incidents.models import Contribution, Incident

from . import selectors
from .models import RetentionRule, RetentionRun

logger = logging.getLogger(__name__)

BATCH = 2000  # incidents per UPDATE


@transaction.atomic
def retention_rule_save(*, actor, owner, description_months: int | None, photo_months: int | None) -> RetentionRule:
    """Set the organisation's own rule (None months: keep). Audited with the old and the new values."""
    rule = RetentionRule.objects.select_for_update().filter(owner=owner).first()
    before = snapshot(rule) if rule else None
    rule = rule or RetentionRule(owner=owner)
    rule.description_months = description_months
    rule.photo_months = photo_months
    rule.full_clean(validate_unique=False)
    changes = {key: change for key, change in diff(before, snapshot(rule)).items() if key != "updated_at"}
    if before is not None and not changes:
        return rule  # the same rule again: nothing to write or record
    rule.save()
    audit_record(actor=actor, action=Action.CREATE if before is None else Action.UPDATE, organisation=owner,
                 obj=rule, changes=diff(before, snapshot(rule)) if before is None else changes)
    return rule


@transaction.atomic
def retention_rule_delete(*, actor, owner) -> None:
    """Remove the organisation's own rule: it then follows the rule of the organisation above it (if any)."""
    rule = RetentionRule.objects.select_for_update().filter(owner=owner).first()
    if rule is None:
        raise ValidationError(_("The organisation has no retention rule of its own."))
    audit_record(actor=actor, action=Action.DELETE, organisation=owner, obj=rule, before=snapshot(rule))
    rule.delete()


def retention_apply(*, actor=None, now=None) -> list[RetentionRun]:
    """Apply every organisation's rule at `now` (default: the present); the runs that removed something, one per
    organisation. Each organisation is its own transaction: a failure stops the run but keeps what was done for
    the organisations before it (the next run goes on from there)."""
    now = now or timezone.now()
    return [run for plan in selectors.plans(now) if (run := retention_apply_plan(actor=actor, plan=plan, now=now))]


@transaction.atomic
def retention_apply_plan(*, actor=None, plan: selectors.Plan, now) -> RetentionRun | None:
    """Apply one organisation's plan: the run with its counts, audited, or None when nothing was due."""
    org = plan.organisation.pk
    descriptions = photos = 0
    if plan.description_cutoff:
        for rows in _batches(selectors.descriptions_due(org, plan.description_cutoff)):
            descriptions += Incident.objects.filter(pk__in=[pk for _at, pk in rows]).exclude(description="").update(
                description="", description_removed_at=now, updated_at=now)
    if plan.photo_cutoff:
        storage = Incident._meta.get_field("photo").storage
        for rows in _batches(selectors.photos_due(org, plan.photo_cutoff), "photo"):
            photos += Incident.objects.filter(pk__in=[pk for _at, pk, _name in rows]).exclude(photo="").update(
                photo="", photo_removed_at=now, updated_at=now)
            names = [name for _at, _pk, name in rows]
            transaction.on_commit(lambda names=names: _delete_files(storage, names))
    descriptions, photos = (
        descriptions + _contribution_descriptions(org, plan, now), photos + _contribution_photos(org, plan, now))
    if not descriptions and not photos:
        return None
    rule = plan.rule
    run = RetentionRun.objects.create(
        organisation=plan.organisation, rule_owner_id=rule.owner_id, at=now,
        description_months=rule.description_months, photo_months=rule.photo_months,
        description_cutoff=plan.description_cutoff, photo_cutoff=plan.photo_cutoff,
        descriptions=descriptions, photos=photos,
    )
    audit_record(actor=actor, action=Action.DELETE, organisation=plan.organisation, obj=run, after=snapshot(run),
                 object_repr=_("Retention: %(descriptions)s descriptions and %(photos)s photos removed") % {
                     "descriptions": descriptions, "photos": photos})
    return run


def _contribution_descriptions(org: int, plan: selectors.Plan, now) -> int:
    """The descriptions of the contributions (duplicate reports) of the incidents whose descriptions are due:
    they go with the incident's (few rows per incident, one UPDATE)."""
    if not plan.description_cutoff:
        return 0
    due = selectors.contribution_descriptions_due(org, plan.description_cutoff)
    return Contribution.objects.filter(pk__in=list(due.values_list("pk", flat=True))).update(
        description="", description_removed_at=now)


def _contribution_photos(org: int, plan: selectors.Plan, now) -> int:
    if not plan.photo_cutoff:
        return 0
    rows = list(selectors.contribution_photos_due(org, plan.photo_cutoff).values_list("pk", "photo"))
    if not rows:
        return 0
    storage = Contribution._meta.get_field("photo").storage
    names = [name for _pk, name in rows]
    transaction.on_commit(lambda: _delete_files(storage, names))
    return Contribution.objects.filter(pk__in=[pk for pk, _name in rows]).update(photo="", photo_removed_at=now)


def _batches(queryset: QuerySet[Incident], *fields: str) -> Iterator[list[tuple]]:
    """The queryset's rows as (occurred_from, pk, *fields) in batches, walking the (owner, occurred_from) index
    from the oldest: each batch starts after the last key of the one before, so no row is visited twice however
    many there are. Rows are locked (PostgreSQL) so that two runs at once do not count the same incident twice."""
    after = None
    while True:
        page = queryset
        if after is not None:
            # ">=" lets the index start at the last moment (an OR alone would be a filter over every row before)
            page = page.filter(Q(occurred_from__gt=after[0]) | Q(pk__gt=after[1]), occurred_from__gte=after[0])
        rows = list(page.select_for_update().order_by("occurred_from", "pk")
                    .values_list("occurred_from", "pk", *fields)[:BATCH])
        if not rows:
            return
        yield rows
        after = rows[-1][:2]


def _delete_files(storage, names: list[str]) -> None:
    """Delete photo files after the commit; a file that cannot be deleted is logged (its row is already clear)."""
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("retention: could not delete the photo file %s", name)
