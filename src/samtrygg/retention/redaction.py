"""Cleaning text already stored (`samtrygg redact-personal-data`): every field under the privacy policy
(samtrygg.guards.fields.FREE_TEXT: incident descriptions, status notes, police events, areas, lägesbilder, plans,
meetings, duties ...) is looked at again under its owner's policy as it is now, and what the policy refuses or masks
is replaced by its marker ("[telefonnummer]"). Text stored before a policy was made stricter, or before the guard
knew a format, is so brought in line; adopted documents too (data protection goes before the freeze).

Each changed row gets one audit entry naming the fields and kinds, never the old text. Rows are read in chunks
by primary key, so no cursor stays open over a table being written."""

from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.db.models import Q

from samtrygg import guards
from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_record
from samtrygg.guards.fields import FREE_TEXT
from samtrygg.lib import privacy

CHUNK = 1000


@dataclass
class Redaction:
    rows: Counter = field(default_factory=Counter)  # model label -> rows changed (or that would be)
    kinds: Counter = field(default_factory=Counter)  # kind -> findings replaced


def redact_stored(*, kinds=None, dry_run: bool = False, organisation=None) -> Redaction:
    """Mask, in every stored text under the policy, what its owner's policy refuses or masks (or, with `kinds`,
    every finding of those kinds, whatever the policy). `organisation`: only text it owns (by the guard's path)."""
    result = Redaction()
    policies: dict = {}
    for label, (path, fields) in FREE_TEXT.items():
        model = apps.get_model(label)
        queryset = model.objects.exclude(Q(**dict.fromkeys(fields, "")))
        if organisation is not None:
            if path is None:
                continue
            queryset = queryset.filter(**{path.replace(".", "__"): organisation})
        pks = list(queryset.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), CHUNK):
            rows = model.objects.filter(pk__in=pks[start : start + CHUNK]).order_by("pk")
            for obj in rows.select_related(path.replace(".", "__")) if path else rows:  # owners in the same query
                owner = guards.owner_of(obj, path)
                key = getattr(owner, "pk", None)
                if key not in policies:
                    policies[key] = _masking(owner, kinds)
                _redact_row(obj, fields, policies[key], owner, dry_run, result)
    return result


def _masking(owner, kinds) -> guards.Policy:
    if kinds is not None:
        return guards.Policy({kind: guards.MASK if kind in kinds else guards.WARN for kind in privacy.KINDS})
    return guards.policy_for(owner).masking()


@transaction.atomic
def _redact_row(obj, fields, policy: guards.Policy, owner, dry_run: bool, result: Redaction) -> None:
    changes, new = {}, {}
    for name in fields:
        value = getattr(obj, name)
        if not value:
            continue
        counts: Counter = Counter()

        def clean(text: str, counts=counts) -> str:
            screened = guards.screen_text(text, policy)
            counts.update(f.kind for f in screened.findings if f.kind in screened.masked)
            return screened.text

        cleaned = guards.map_strings(value, clean)  # a JSON list of texts (focus areas) too
        if counts:
            result.kinds.update(counts)
            changes[name] = [", ".join(sorted(counts)), "redacted"]
            max_length = obj._meta.get_field(name).max_length
            new[name] = guards.fit(cleaned, max_length) if isinstance(cleaned, str) else cleaned
    if not changes:
        return
    result.rows[obj._meta.label] += 1
    if dry_run:
        return
    type(obj).objects.filter(pk=obj.pk).update(**new)  # the text is clean: no need to run save() and its guard
    audit_record(actor=None, action=Action.UPDATE, organisation=owner, obj=obj, changes=changes)
