"""Writes for organisations, people and memberships. Each is atomic and audited; callers have checked the
actor's right with samtrygg.access first (views) or act as the installation's operator (commands)."""

import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg import guards
from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_change, audit_create, audit_delete, audit_record, audit_save
from samtrygg.reference import kommuner

from . import selectors
from .models import ApiToken, Membership, Organisation, OrgType, SignOnGroup, User

KOMMUNKOD = re.compile(r"^\d{4}$")
FICTIONAL_KOMMUNKOD = re.compile(r"^99(0[1-9]|[1-9]\d)$")  # 9901–9999: no Swedish county has the number 99


def validate_kommunkod(*, kommunkod: str, org_type: str, is_demo: bool) -> None:
    """A kommun needs a kommunkod; any code given must be one of Sweden's 290, or, for a demo organisation only,
    a fictional one from 9901 to 9999."""
    if not kommunkod:
        if org_type == OrgType.KOMMUN:
            raise ValidationError({"kommunkod": _("A municipality needs its municipality code.")})
        return
    if not KOMMUNKOD.match(kommunkod):
        raise ValidationError({"kommunkod": _("A municipality code has four digits.")})
    if kommunkod in kommuner() or (is_demo and FICTIONAL_KOMMUNKOD.match(kommunkod)):
        return
    if is_demo:
        raise ValidationError({"kommunkod": _(
            "%(code)s is not a Swedish municipality code. Demo organisations may use the fictional codes 9901–9999."
        ) % {"code": kommunkod}})
    raise ValidationError({"kommunkod": _("%(code)s is not a Swedish municipality code.") % {"code": kommunkod}})


def validate_parent(*, org: Organisation | None, parent: Organisation | None) -> None:
    node = parent
    while node is not None:
        if org is not None and node.pk == org.pk:
            raise ValidationError({"parent": _("An organisation cannot be placed under itself.")})
        node = node.parent


@transaction.atomic
def organisation_create(
    *, actor, name: str, type: str, kommunkod: str = "", parent: Organisation | None = None,
    is_demo: bool = False, require_2fa: bool = False,
) -> Organisation:
    validate_kommunkod(kommunkod=kommunkod, org_type=type, is_demo=is_demo)
    if type == OrgType.KOMMUN and Organisation.objects.filter(type=OrgType.KOMMUN, kommunkod=kommunkod).exists():
        raise ValidationError({"kommunkod": _("This municipality already exists.")})
    org = Organisation(
        name=name, type=type, kommunkod=kommunkod, parent=parent, is_demo=is_demo, require_2fa=require_2fa
    )
    org.full_clean()
    org.save()
    audit_create(actor=actor, organisation=org, obj=org)
    return org


ORG_FIELDS = {"name", "type", "kommunkod", "parent", "require_2fa", "allow_password_login"}


@transaction.atomic
def organisation_update(*, actor, organisation: Organisation, **fields) -> Organisation:
    unknown = set(fields) - ORG_FIELDS
    if unknown:
        raise TypeError(f"cannot update {sorted(unknown)}")
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if fields.get("allow_password_login") is False and org.allow_password_login:
        validate_sign_on_only(org)
    with audit_save(actor=actor, organisation=org, obj=org, always=True):
        for key, value in fields.items():
            setattr(org, key, value)
        validate_kommunkod(kommunkod=org.kommunkod, org_type=org.type, is_demo=org.is_demo)
        validate_parent(org=org, parent=org.parent)
        org.full_clean()
        org.save()
    return org


@transaction.atomic
def organisation_set_privacy_policy(*, actor, organisation: Organisation, actions: dict[str, str]) -> Organisation:
    """The organisation's own action per kind of personal data (kinds left out follow the organisation above, else
    the default); audited with the old and new policy. Identity numbers can only be refused or masked."""
    cleaned = guards.policy.valid_actions(actions)
    if len(cleaned) != len(actions):
        raise ValidationError(_("Choose refuse, mask or warn for each kind (identity numbers: refuse or mask)."))
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    with audit_save(actor=actor, organisation=org, obj=org):
        org.privacy_policy = cleaned
        org.save(update_fields=["privacy_policy"])
    organisation.privacy_policy = cleaned  # the caller's copy too: its rows are screened under the new policy
    return org


@transaction.atomic
def user_create(
    *, actor, username: str, password: str | None, organisation: Organisation, role: str,
    first_name: str = "", last_name: str = "", email: str = "", is_demo: bool = False,
) -> User:
    """A new person with a first membership. password None leaves the account without a usable password."""
    user = User(username=username, first_name=first_name, last_name=last_name, email=email, is_demo=is_demo)
    user.full_clean(exclude=["password"])
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.error_list}) from exc
        user.set_password(password)
    user.save()
    audit_create(actor=actor, organisation=organisation, obj=user)
    membership_set(actor=actor, user=user, organisation=organisation, role=role)
    return user


def _user_organisations(user: User, fallback: Organisation | None = None) -> list[Organisation]:
    """Where an account change is recorded: every organisation the person is a member of, so that each one's
    admins see it in their log."""
    orgs = [m.organisation for m in Membership.objects.filter(user=user).select_related("organisation")]
    return orgs or [fallback]


@transaction.atomic
def user_set_password(*, actor, user: User, password: str, organisation: Organisation | None = None) -> None:
    """A new password, chosen by the person (actor is the user) or set by an admin (`organisation` is the one the
    admin acted in; by default the person's first organisation). Other sessions of the user end, since Django
    checks the password hash stored in each session; the caller keeps its own with update_session_auth_hash."""
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    if organisation is None:
        organisation = _user_organisations(user)[0]
    audit_change(actor=actor, organisation=organisation, obj=user, changes={"password": ["***", "***"]})


def _set_active(*, actor, user: User, active: bool, organisation: Organisation | None) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    if getattr(actor, "pk", None) == user.pk and not active:
        raise ValidationError(_("You cannot deactivate your own account."))
    with audit_save(actor=actor, organisation=_user_organisations(user, organisation), obj=user, always=True):
        user.is_active = active
        user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def user_deactivate(*, actor, user: User, organisation: Organisation | None = None) -> User:
    """The person can no longer log in, and their open sessions end (Django's ModelBackend refuses inactive
    users, also when it loads the user of a session). Memberships and the audit trail stay. Callers check that
    the actor administers every organisation the person is a member of (selectors.administers_account)."""
    return _set_active(actor=actor, user=user, active=False, organisation=organisation)


@transaction.atomic
def user_reactivate(*, actor, user: User, organisation: Organisation | None = None) -> User:
    return _set_active(actor=actor, user=user, active=True, organisation=organisation)


@transaction.atomic
def membership_set(*, actor, user: User, organisation: Organisation, role: str) -> Membership:
    """Give `user` the `role` in `organisation` (creating or changing the membership)."""
    membership = Membership.objects.select_for_update().filter(user=user, organisation=organisation).first()
    membership = membership or Membership(user=user, organisation=organisation)
    with audit_save(actor=actor, organisation=organisation, obj=membership, always=True):
        membership.role = role
        membership.full_clean()
        membership.save()
    return membership


@transaction.atomic
def membership_delete(*, actor, membership: Membership) -> None:
    audit_delete(actor=actor, organisation=membership.organisation, obj=membership)


def validate_sign_on_only(org: Organisation) -> None:
    """Passwords can be turned off only where single sign-on can let people in: it is configured, and the
    organisation (or one above it) maps at least one group to a role here."""
    if not settings.OIDC_RP_CLIENT_ID:
        raise ValidationError({"allow_password_login": _(
            "Single sign-on is not configured on this server, so passwords cannot be turned off.")})
    if not SignOnGroup.objects.filter(organisation=org).exists():
        raise ValidationError({"allow_password_login": _(
            "Map at least one group of your identity provider to a role (Single sign-on) before turning "
            "passwords off.")})


@transaction.atomic
def sign_on_group_add(*, actor, organisation: Organisation, issuer: str, group: str, role: str) -> SignOnGroup:
    """Members of `group` at `issuer` get `role` in `organisation` when they sign in."""
    issuer, group = issuer.strip(), group.strip()
    if issuer not in settings.SAMTRYGG_OIDC_ISSUERS:
        raise ValidationError({"issuer": _("Choose one of the identity providers configured on this server.")})
    mapping = SignOnGroup(organisation=organisation, issuer=issuer, group=group, role=role)
    mapping.full_clean()
    with audit_save(actor=actor, organisation=organisation, obj=mapping):
        mapping.save()
    return mapping


@transaction.atomic
def sign_on_group_remove(*, actor, mapping: SignOnGroup) -> None:
    """The group no longer gives the role; people who had it through the group lose it at their next sign-in."""
    audit_delete(actor=actor, organisation=mapping.organisation, obj=mapping)


API_TOKEN_USE_INTERVAL = timedelta(minutes=1)


@transaction.atomic
def api_token_create(*, actor, user: User, name: str, scope: str = ApiToken.Scope.WRITE,
                     days: int = ApiToken.DEFAULT_LIFETIME) -> tuple[ApiToken, str]:
    """A new API token for `user`, valid for `days` (one of ApiToken.LIFETIMES), reading only or reading and
    writing: returns the stored token and the secret, which exists only in this return value (the database keeps
    its SHA-256 digest and a short prefix), so the caller shows it once. Audited in each of the user's
    organisations, without the digest. Refused where the user could not use it (see api_token_refusal)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("Choose read only or read and write.")})
    if days not in ApiToken.LIFETIMES:
        raise ValidationError({"days": _("A token lives 30, 90, 180 or 365 days.")})
    refusal = selectors.api_token_refusal(user)
    if refusal:
        raise ValidationError(refusal)
    random_part = secrets.token_urlsafe(32)  # 256 bits
    secret = ApiToken.SCHEME + random_part
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=secret[: len(ApiToken.SCHEME) + 6], digest=ApiToken.digest_of(secret),
        scope=scope, expires_at=timezone.now() + timedelta(days=days),
    )
    for org in _user_organisations(user):
        audit_record(actor=actor, action=Action.CREATE, organisation=org, obj=token, after=_token_record(token))
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """The token stops working at once; the row stays (name, prefix, dates) as a record."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    before = _token_record(token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    for org in _user_organisations(token.user):
        audit_record(actor=actor, action=Action.UPDATE, organisation=org, obj=token, before=before,
                     after=_token_record(token))
    return token


def api_token_mark_used(*, token: ApiToken, now=None) -> None:
    """Record that the token was used, at most once per API_TOKEN_USE_INTERVAL (one conditional UPDATE, so busy
    clients do not write on every request). Usage is not an audited change."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < API_TOKEN_USE_INTERVAL:
        return
    ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - API_TOKEN_USE_INTERVAL)
    ).update(last_used_at=now)
    token.last_used_at = now


def _token_record(token: ApiToken) -> dict:
    """What the audit log keeps of a token: never the digest."""
    return {
        "user": token.user_id, "name": token.name, "prefix": token.prefix, "scope": token.scope,
        "expires_at": token.expires_at.isoformat(),
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
    }
