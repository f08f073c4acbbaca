"""Writes of the tips. A resident's tip (`tip_submit`, no account) and its optional e-mail; the moderators' decision:
approve as an incident on the map or as an observation in a draft lägesbild (`tip_approve`), or reject with a reason
(`tip_reject`); either way the tip and its e-mail are deleted, after the reply if one was written. The tip page's
settings (`channel_save`). Each write is audited in the municipality's log; a tip's text never goes into the log
(a rejected one is gone for good), and the privacy guard screens it under the municipality's policy on save."""

import hashlib
import hmac
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_change, audit_create, audit_save
from samtrygg.incidents import services as incidents
from samtrygg.incidents.models import Category, Source
from samtrygg.lagesbild import services as lagesbild

from .models import DEFAULT_CATEGORIES, Channel, Outcome, OutcomeStatus, Quota, Tip, TipContact


# --- the tip page --------------------------------------------------------------------------------------------
@transaction.atomic
def channel_save(*, actor, municipality, open: bool | None = None, introduction: str | None = None,
                 categories=None) -> Channel:
    """Set up or change a municipality's tip page; a new page offers the default categories for residents."""
    channel = Channel.objects.filter(municipality=municipality).first()
    created = channel is None
    channel = channel or Channel(municipality=municipality)
    with audit_save(actor=actor, organisation=municipality, obj=channel):
        if open is not None:
            channel.open = open
        if introduction is not None:
            channel.introduction = introduction.strip()
        channel.save()
        if categories is not None:
            channel.categories.set(categories)
        elif created:
            channel.categories.set(Category.objects.filter(owner__isnull=True, code__in=DEFAULT_CATEGORIES))
    return channel


# --- the limit per address ------------------------------------------------------------------------------------
def quota_take(address: str, *, limit: int, now=None) -> bool:
    """Count one tip from `address` in the current hour; False when the address has sent `limit` already. Only a
    keyed digest of the address and the hour is stored, and rows older than a day are removed."""
    now = now or timezone.now()
    hour = now.replace(minute=0, second=0, microsecond=0)
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{hour.isoformat()}|{address}".encode(),
                      hashlib.sha256).hexdigest()
    with transaction.atomic():
        Quota.objects.filter(hour__lt=hour - timedelta(days=1)).delete()
        quota, _created = Quota.objects.select_for_update().get_or_create(digest=digest, hour=hour)
        if quota.count >= limit:
            return False
        Quota.objects.filter(pk=quota.pk).update(count=F("count") + 1)
    return True


# --- a resident's tip -----------------------------------------------------------------------------------------
@transaction.atomic
def tip_submit(*, channel: Channel, category, lat=None, lon=None, place: str = "", description: str = "",
               photo: bytes | None = None, email: str = "", actor=None) -> Tip:
    """A tip from the public page (no actor; the page is only there while open) or through Open311 (the api_key's
    user). `photo` is a JPEG already stripped of its metadata (lib.photos.clean_photo)."""
    if not channel.categories.filter(pk=category.pk).exists():
        raise ValidationError({"category": _("Choose one of the listed categories.")})
    if (lat is None or lon is None) and not place.strip():
        raise ValidationError({"place": _("Mark the place on the map or write an address or the place's name.")})
    tip = Tip(channel=channel, category=category, lat=lat, lon=lon, place=place.strip(),
              description=description.strip())
    if photo:
        tip.photo.save(f"{uuid.uuid4().hex}.jpg", ContentFile(photo), save=False)
    tip.save()
    if email:
        TipContact.objects.create(tip=tip, email=email)
    audit_create(actor=actor, organisation=channel.municipality, obj=tip, after=_facts(tip))
    return tip


def _facts(tip: Tip) -> dict:
    """What the audit log keeps of a tip: never its text, place or e-mail."""
    return {"category": str(tip.category), "received_at": tip.received_at.isoformat() if tip.received_at else None,
            "positioned": tip.lat is not None, "photo": bool(tip.photo)}


# --- the moderators' decision ----------------------------------------------------------------------------------
@transaction.atomic
def tip_approve(*, actor, tip: Tip, category=None, lat=None, lon=None, occurred_from=None, description=None,
                lagesbild_draft=None, reply: str = ""):
    """Approve the tip: as an incident of the municipality (source: a resident's tip) with what the moderator
    corrected, or, given `lagesbild_draft`, as an observation in that draft. Then the tip goes; returns what it
    became."""
    municipality = tip.channel.municipality
    description = tip.description if description is None else description.strip()
    if lagesbild_draft is not None:
        if lagesbild_draft.owner_id != municipality.pk:
            raise ValidationError({"lagesbild_draft": _("Choose one of the municipality's draft situation pictures.")})
        where = f" ({tip.place})" if tip.place else ""
        text = _("Tip from a resident: %(category)s%(where)s. %(text)s") % {
            "category": (category or tip.category).name, "where": where, "text": description}
        made = lagesbild.observation_add(actor=actor, lagesbild=lagesbild_draft, organisation=municipality,
                                         text=text.strip())
    else:
        photo = None
        if tip.photo:
            with tip.photo.open("rb") as file:
                photo = file.read()
        made = incidents.incident_create(
            actor=actor, owner=municipality, photo=photo, source=Source.TIP, category=category or tip.category,
            lat=tip.lat if lat is None else lat, lon=tip.lon if lon is None else lon,
            occurred_from=occurred_from or tip.received_at, description=description)
    _decide(actor, tip, OutcomeStatus.APPROVED, {"approved_as": [None, f"{made._meta.label}#{made.pk}"]}, reply)
    return made


@transaction.atomic
def tip_reject(*, actor, tip: Tip, reason: str, reply: str = "") -> None:
    """Reject the tip: it is deleted; the reason (and the category and day, never the text) stays in the log."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the tip is rejected.")})
    _decide(actor, tip, OutcomeStatus.REJECTED, {"rejected": [None, reason]}, reply)


def _decide(actor, tip: Tip, status: str, decision: dict, reply: str) -> None:
    contact = getattr(tip, "contact", None)
    if reply.strip() and contact is None:
        raise ValidationError({"reply": _("The resident left no e-mail address to reply to.")})
    if reply.strip():
        address, subject, body = contact.email, _("Your tip to %(name)s") % {
            "name": tip.channel.municipality.name}, reply.strip()
        transaction.on_commit(lambda: send_mail(subject, body, None, [address], fail_silently=False))
    changes = {key: [None, value] for key, value in _facts(tip).items()} | decision
    audit_change(actor=actor, organisation=tip.channel.municipality, obj=tip, changes=changes, action=Action.DELETE,
                 object_repr=str(tip.category))
    outcome = Outcome.objects.create(reference=tip.reference, channel=tip.channel, category=tip.category,
                                     status=status, received_at=tip.received_at)
    audit_create(actor=actor, organisation=tip.channel.municipality, obj=outcome)
    photo = tip.photo.name if tip.photo else ""
    tip.delete()  # the contact with it
    if photo:
        storage = tip.photo.storage
        transaction.on_commit(lambda: storage.delete(photo))
