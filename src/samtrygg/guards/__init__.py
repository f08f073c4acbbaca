"""Rules every write obeys, in one place: the privacy guard, which keeps personal data out of stored text (see
fields.py for which text falls under which rule and policy.py for what happens to each kind), and the period rule
(a period never ends before it starts), and the calendar rule (dates.py: every stored day and time lies in 1900–2999).

The guard runs on every save of every model (a pre_save receiver, apps.py) and, through `screen_instances`, before
each bulk write that sends no signal; the incident importer screens its rows itself with `screen_text`. It names
the kind of data refused, never the data."""

from functools import cache

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from samtrygg.lib import privacy
from samtrygg.lib.privacy.identity import identity_numbers

from .dates import check_dates
from .fields import COPIES, EXEMPT, FREE_TEXT, LOGS
from .policy import (
    DEFAULT_POLICY,
    IDENTITY_ONLY,
    KIND_NAMES,
    MARKERS,
    MASK,
    REFUSE,
    WARN,
    Policy,
    Screened,
    findings_in,
    policy_for,
    screen_text,
)

__all__ = [
    "DEFAULT_POLICY", "IDENTITY_ONLY", "KIND_NAMES", "MARKERS", "MASK", "REFUSE", "WARN", "PersonalDataRefused",
    "Policy", "Screened", "check_dates", "check_period", "fit", "map_strings", "owner_of", "policy_for",
    "privacy_errors", "refusal_messages", "screen_instance", "screen_instances", "screen_text",
]


class PersonalDataRefused(ValidationError):
    """Text the policy refuses: {field: [messages]} naming the kinds found, never the data."""


def privacy_errors(text: str, policy: Policy = IDENTITY_ONLY) -> list[str]:
    """Why `text` may not be stored under `policy` (one message per refused kind); [] when it may."""
    if not text:
        return []
    return refusal_messages(screen_text(text, policy).refused)


def refusal_messages(kinds) -> list[str]:
    return [
        _("The text contains personal data that may not be stored here (%(kind)s). Remove it.")
        % {"kind": KIND_NAMES[kind]}
        for kind in sorted(kinds)
    ]


def owner_of(instance, path: str | None):
    """The organisation at the end of `path` ("plan.owner") from a row; None where the chain breaks."""
    value = instance
    for step in path.split(".") if path else ():
        try:
            value = getattr(value, step)
        except ObjectDoesNotExist:
            return None
        if value is None:
            return None
    return value if path else None


@cache
def _text_fields(model) -> tuple[tuple[models.Field, bool], ...]:
    """(field, under the policy) for each CharField, TextField and JSONField (its strings) the guard looks at."""
    label = model._meta.label
    _path, policy_fields = FREE_TEXT.get(label, (None, ()))
    return tuple(
        (field, field.name in policy_fields)
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
        and f"{label}.{field.name}" not in EXEMPT
    )


def fit(text: str, max_length: int | None) -> str:
    return text if max_length is None or len(text) <= max_length else text[: max_length - 1] + "…"


def map_strings(value, clean):
    """value with every string in it (a JSON list or object at any depth) passed through clean."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list | tuple):
        return [map_strings(item, clean) for item in value]
    if isinstance(value, dict):
        return {key: map_strings(item, clean) for key, item in value.items()}
    return value


def screen_instance(instance, *, raw: bool = False) -> None:
    """Apply the guard to a row about to be written: masks in place what the policy masks, raises
    PersonalDataRefused for what it refuses. `raw` (fixtures): the default policy, no related rows looked up."""
    model = type(instance)
    label = model._meta.label
    log = label in LOGS
    path = FREE_TEXT.get(label, (None, ()))[0]
    policies: list[Policy] = []  # the owner's, looked up once and only when something was found
    errors: dict[str, list[str]] = {}
    for field, under_policy in _text_fields(model):
        value = getattr(instance, field.attname)
        if not value:
            continue
        refused: set[str] = set()
        copy = log or f"{label}.{field.name}" in COPIES

        def clean(text: str, under_policy=under_policy, refused=refused, copy=copy) -> str:
            if not text:
                return text
            if copy:  # a record of what happened is written all the same, identity numbers masked
                found = list(identity_numbers(text))
                return privacy.redact(text, found, by_kind=True) if found else text
            if not under_policy:  # identifiers and staff names: an identity number is refused, nothing else
                if privacy.has_identity_number(text):
                    refused.update(screen_text(text, IDENTITY_ONLY).refused)
                return text
            findings = findings_in(text)
            if not findings:
                return text
            if not policies:
                policies.append(DEFAULT_POLICY if raw else policy_for(owner_of(instance, path)))
            screened = screen_text(text, policies[0], findings)
            refused.update(screened.refused)
            return screened.text

        new = map_strings(value, clean)
        if refused:
            errors[field.name] = refusal_messages(refused)
        elif new != value:
            setattr(instance, field.attname, fit(new, field.max_length) if isinstance(new, str) else new)
    if errors:
        raise PersonalDataRefused(errors, code="personal_data")


def screen_instances(instances) -> list:
    """screen_instance for rows written in bulk (bulk_create and bulk_update send no signals)."""
    instances = list(instances)
    for instance in instances:
        check_dates(instance)
        screen_instance(instance)
    return instances


def check_period(start, end) -> None:
    if start and end and end < start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
