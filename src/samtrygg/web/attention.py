"""The start page: per membership, what needs the user's attention, by role."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from samtrygg.access import Access, Action
from samtrygg.accounts.models import Membership, Role
from samtrygg.areas.models import Area, AreaKind
from samtrygg.audit.models import Action as AuditAction
from samtrygg.audit.models import AuditEntry
from samtrygg.sharing.models import Grant


@dataclass
class Item:
    text: str
    url: str
    urgent: bool = False


@dataclass
class Panel:
    membership: Membership
    items: list[Item] = field(default_factory=list)


def start_panels(access: Access) -> list[Panel]:
    panels = []
    memberships = Membership.objects.filter(user=access.user).select_related("organisation")
    for m in memberships:
        org, panel = m.organisation, Panel(m)
        if access.can_in(Action.MANAGE_ORGANISATION, org):
            _admin_items(panel, org)
        if access.can_in(Action.MANAGE_AREAS, org):
            _coordinator_items(panel, org)
        received = Grant.objects.active().filter(grantee=org).count()
        if received:
            panel.items.append(Item(
                ngettext("%(count)s sharing grant gives your organisation access to partners' data.",
                         "%(count)s sharing grants give your organisation access to partners' data.", received)
                % {"count": received},
                reverse("sharing:list"),
            ))
        if m.role in {Role.RAPPORTOR, Role.LASARE} or not panel.items:
            areas = access.areas().count()
            text = ngettext("You can see %(count)s area.", "You can see %(count)s areas.", areas) % {"count": areas}
            panel.items.append(Item(text, reverse("areas:list")))
        panels.append(panel)
    return panels


def _admin_items(panel: Panel, org) -> None:
    week_ago = timezone.now() - timedelta(days=7)
    lockouts = AuditEntry.objects.filter(
        organisation=org, at__gte=week_ago, action__in=[AuditAction.LOCKOUT, AuditAction.LOGIN_FAILED]
    ).aggregate(
        locked=Count("id", filter=Q(action=AuditAction.LOCKOUT)),
        failed=Count("id", filter=Q(action=AuditAction.LOGIN_FAILED)),
    )
    if lockouts["locked"]:
        panel.items.append(Item(
            ngettext("%(count)s lockout after repeated wrong passwords in the last 7 days.",
                     "%(count)s lockouts after repeated wrong passwords in the last 7 days.", lockouts["locked"])
            % {"count": lockouts["locked"]},
            reverse("audit:list") + f"?organisation={org.pk}&action=lockout", urgent=True,
        ))
    elif lockouts["failed"]:
        panel.items.append(Item(
            ngettext("%(count)s failed login in the last 7 days.", "%(count)s failed logins in the last 7 days.",
                     lockouts["failed"]) % {"count": lockouts["failed"]},
            reverse("audit:list") + f"?organisation={org.pk}&action=login_failed",
        ))
    members = Membership.objects.filter(organisation=org).values_list("user_id", flat=True)
    without = len(set(members) - set(TOTPDevice.objects.filter(user__in=members, confirmed=True)
                                     .values_list("user_id", flat=True)))
    if without:
        text = ngettext("%(count)s member has no two-factor authentication.",
                        "%(count)s members have no two-factor authentication.", without) % {"count": without}
        if not org.require_2fa:
            text += " " + _("Consider requiring it for the organisation.")
        panel.items.append(Item(text, reverse("accounts:organisation", args=[org.pk]), urgent=not org.require_2fa))


def _coordinator_items(panel: Panel, org) -> None:
    areas = Area.objects.filter(owner=org)
    total = areas.count()
    if not total:
        panel.items.append(Item(_("Your organisation has no areas yet: import them from GeoJSON."),
                                reverse("areas:import"), urgent=True))
        return
    missing = areas.filter(population__isnull=True).exclude(kind=AreaKind.PLATS).count()
    if missing:
        panel.items.append(Item(
            ngettext("%(count)s of %(total)s areas lacks a population (needed for rates per 1,000 residents).",
                     "%(count)s of %(total)s areas lack a population (needed for rates per 1,000 residents).", missing)
            % {"count": missing, "total": total}, reverse("areas:list"),
        ))
    given = Grant.objects.active().filter(grantor=org).count()
    panel.items.append(Item(
        ngettext("Your organisation shares data through %(count)s active grant.",
                     "Your organisation shares data through %(count)s active grants.", given) % {"count": given},
        reverse("sharing:list"),
    ))
