"""The start page's items: for the user, their API tokens that expire soon; for an organisation's administrator,
lockouts and failed logins of the last week, members without two-factor authentication."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from samtrygg.access import Access, Action
from samtrygg.audit.models import Action as AuditAction
from samtrygg.audit.models import AuditEntry
from samtrygg.ui.attention import Item

from .models import ApiToken, Membership, SignOnIdentity

SOON = timedelta(days=14)


def personal_items(access: Access) -> list[Item]:
    now = timezone.now()
    expiring = ApiToken.objects.filter(user=access.user, revoked_at__isnull=True, expires_at__gt=now,
                                       expires_at__lte=now + SOON).order_by("expires_at")
    return [Item(_("Your API token “%(name)s” stops working on %(date)s. Make a new one for the program that uses it.")
                 % {"name": token.name, "date": timezone.localdate(token.expires_at).isoformat()},
                 reverse("accounts:api_tokens"), urgent=token.expires_at - now < timedelta(days=3))
            for token in expiring]


def membership_items(access: Access, membership: Membership) -> list[Item]:
    org = membership.organisation
    if not access.can_in(Action.MANAGE_ORGANISATION, org):
        return []
    items = []
    week_ago = timezone.now() - timedelta(days=7)
    lockouts = AuditEntry.objects.filter(
        organisation=org, at__gte=week_ago, action__in=[AuditAction.LOCKOUT, AuditAction.LOGIN_FAILED]
    ).aggregate(
        locked=Count("id", filter=Q(action=AuditAction.LOCKOUT)),
        failed=Count("id", filter=Q(action=AuditAction.LOGIN_FAILED)),
    )
    if lockouts["locked"]:
        items.append(Item(
            ngettext("%(count)s lockout after repeated wrong passwords in the last 7 days.",
                     "%(count)s lockouts after repeated wrong passwords in the last 7 days.", lockouts["locked"])
            % {"count": lockouts["locked"]},
            reverse("audit:list") + f"?organisation={org.pk}&action=lockout", urgent=True,
        ))
    elif lockouts["failed"]:
        items.append(Item(
            ngettext("%(count)s failed login in the last 7 days.", "%(count)s failed logins in the last 7 days.",
                     lockouts["failed"]) % {"count": lockouts["failed"]},
            reverse("audit:list") + f"?organisation={org.pk}&action=login_failed",
        ))
    members = Membership.objects.filter(organisation=org).values_list("user_id", flat=True)
    with_second_factor = {
        *TOTPDevice.objects.filter(user__in=members, confirmed=True).values_list("user_id", flat=True),
        *SignOnIdentity.objects.filter(user__in=members, mfa=True).values_list("user_id", flat=True),
    }
    without = len(set(members) - with_second_factor)
    if without:
        text = ngettext("%(count)s member has no two-factor authentication.",
                        "%(count)s members have no two-factor authentication.", without) % {"count": without}
        if not org.require_2fa:
            text += " " + _("Consider requiring it for the organisation.")
        items.append(Item(text, reverse("accounts:organisation", args=[org.pk]), urgent=not org.require_2fa))
    return items
