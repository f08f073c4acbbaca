"""Single sign-on with OpenID Connect (Microsoft Entra ID or any standard provider), through mozilla-django-oidc.

The library runs the authorization-code flow (state, nonce, PKCE) and verifies the ID token's signature against the
provider's keys; this module decides who may come in, from the verified ID token's claims:

- the issuer (`iss`) must be one of SAMTRYGG_OIDC_ISSUERS (for Entra ID, one per tenant:
  https://login.microsoftonline.com/<tenant id>/v2.0), and the audience must be our client id;
- the person's groups (the SAMTRYGG_OIDC_GROUPS_CLAIM claim) give roles in organisations through the organisations'
  SignOnGroup mappings; memberships given this way follow the groups at every sign-in (added, changed, removed), and
  memberships an admin gave by hand stay; someone with no role anywhere is refused;
- the provider's multi-factor claim (`amr`, `acr` or Entra ID's `acrs` holding one of SAMTRYGG_OIDC_MFA_METHODS)
  satisfies an organisation's two-factor requirement for this session.

A person is known by issuer and subject (`SignOnIdentity`), never by e-mail address, so an account made with a
password is never taken over by someone whose provider reports the same address."""

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_record

from . import services
from .models import Membership, Organisation, Role, SignOnGroup, SignOnIdentity, User
from .two_factor import PROVIDER_MFA

ROLE_ORDER = list(Role.values)  # strongest first


class SignOnRefused(SuspiciousOperation):
    """A verified sign-in that samtrygg does not accept; the message is shown to the person."""


def enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


def _mapped_roles(issuer: str, groups: list[str]) -> dict[int, str]:
    """{organisation id: strongest role} that the person's groups give."""
    roles: dict[int, str] = {}
    for mapping in SignOnGroup.objects.filter(issuer=issuer, group__in=groups):
        current = roles.get(mapping.organisation_id)
        if current is None or ROLE_ORDER.index(mapping.role) < ROLE_ORDER.index(current):
            roles[mapping.organisation_id] = mapping.role
    return roles


def _claim_list(claims: dict, name: str) -> list[str]:
    value = claims.get(name) or []
    if isinstance(value, str):
        value = [value]
    return [str(item) for item in value if isinstance(item, str | int)] if isinstance(value, list) else []


def _new_username(claims: dict) -> str:
    wanted = str(claims.get("preferred_username") or claims.get("email") or claims["sub"])
    base = re.sub(r"[^\w.@+-]", "", wanted)[:140] or "sso"
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


@transaction.atomic
def sign_on(*, claims: dict) -> User:
    """The account for the verified ID token `claims`, created or updated, with memberships following the
    person's groups; raises SignOnRefused (with the reason to show) when samtrygg does not accept them."""
    issuer, subject = str(claims.get("iss", "")), str(claims.get("sub", ""))
    if issuer not in settings.SAMTRYGG_OIDC_ISSUERS or not subject:
        raise SignOnRefused(_("Your organisation's sign-in service is not connected to samtrygg."))
    audience = claims.get("aud")
    if settings.OIDC_RP_CLIENT_ID not in (audience if isinstance(audience, list) else [audience]):
        raise SignOnRefused(_("The sign-in was meant for another application."))
    roles = _mapped_roles(issuer, _claim_list(claims, settings.SAMTRYGG_OIDC_GROUPS_CLAIM))
    identity = SignOnIdentity.objects.select_for_update().select_related("user").filter(
        issuer=issuer, subject=subject).first()
    if identity is None and not roles:
        raise SignOnRefused(_("You have no role in samtrygg. Ask your organisation's administrator to add the "
                              "group you belong to."))
    created = identity is None
    if created:
        user = User.objects.create_user(_new_username(claims), email=str(claims.get("email") or "")[:254])
        user.set_unusable_password()
        user.save(update_fields=["password"])
        identity = SignOnIdentity(user=user, issuer=issuer, subject=subject)
    user = identity.user
    if not user.is_active:
        raise SignOnRefused(_("Your account is deactivated."))
    _sync_memberships(user, roles)
    if created:
        for org in Organisation.objects.filter(pk__in=roles):
            audit_record(actor=user, action=Action.CREATE, organisation=org, obj=user,
                         changes={"username": [None, user.username], "sign_on": [None, issuer]})
    if not user.memberships.exists():
        raise SignOnRefused(_("You have no role in samtrygg. Ask your organisation's administrator to add the "
                              "group you belong to."))
    user.first_name = str(claims.get("given_name") or user.first_name)[:150]
    user.last_name = str(claims.get("family_name") or user.last_name)[:150]
    user.save(update_fields=["first_name", "last_name"])
    methods = {*_claim_list(claims, "amr"), *_claim_list(claims, "acrs"), *_claim_list(claims, "acr")}
    identity.mfa = bool(methods & set(settings.SAMTRYGG_OIDC_MFA_METHODS))
    identity.last_sign_on_at = timezone.now()
    identity.save()
    user.sign_on_mfa = identity.mfa
    return user


def _sync_memberships(user: User, roles: dict[int, str]) -> None:
    """Memberships given by groups follow the groups; those an admin gave by hand stay as they are."""
    existing = {m.organisation_id: m for m in Membership.objects.filter(user=user)}
    for org_id, role in roles.items():
        membership = existing.get(org_id)
        if membership is not None and not membership.via_sign_on:
            continue
        if membership is None or membership.role != role:
            membership = services.membership_set(
                actor=user, user=user, organisation=Organisation.objects.get(pk=org_id), role=role)
            if not membership.via_sign_on:
                Membership.objects.filter(pk=membership.pk).update(via_sign_on=True)
    for org_id, membership in existing.items():
        if membership.via_sign_on and org_id not in roles:
            services.membership_delete(actor=user, membership=membership)


class SignOnBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with samtrygg's rules (above); inactive until SAMTRYGG_OIDC_CLIENT_ID is set."""

    def __init__(self, *args, **kwargs):
        if enabled():
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not enabled() or request is None or "nonce" not in kwargs:
            return None  # a password login, or no single sign-on configured
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token, id_token, payload):
        """`payload` is the ID token, its signature and nonce verified by the library: the issuer, groups and
        multi-factor claims are read from it, never from the userinfo response."""
        try:
            return sign_on(claims=payload)
        except SignOnRefused as exc:
            self.request.sign_on_refusal = str(exc)
            audit_record(actor=None, action=Action.LOGIN_FAILED,
                         actor_name=str(payload.get("preferred_username") or payload.get("sub") or "")[:150],
                         changes={"sign_on": [None, str(payload.get("iss", ""))[:200]], "reason": [None, str(exc)]})
            raise

    def get_user(self, user_id):
        user = User.objects.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


class SignOnCallbackView(OIDCAuthenticationCallbackView):
    """The provider's redirect back: a refused sign-in gets a page that says why (403); an accepted one with the
    provider's multi-factor claim counts as the second factor for this session."""

    def login_failure(self):
        reason = getattr(self.request, "sign_on_refusal", "") or _("The sign-in did not succeed. Try again.")
        return render(self.request, "accounts/sign_on_refused.html", {"reason": reason}, status=403)

    def login_success(self):
        response = super().login_success()
        if getattr(self.user, "sign_on_mfa", False):
            self.request.session[PROVIDER_MFA] = True
        messages.success(self.request, _("You are signed in through your organisation's single sign-on."))
        return response
