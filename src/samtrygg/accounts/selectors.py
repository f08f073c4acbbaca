"""Scoped reads of organisations, people and memberships; a person's own API tokens."""

import hmac

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from samtrygg.access import Access, Action

from .models import ApiToken, Membership, Organisation, OrgType, SignOnGroup, SignOnIdentity, User


def organisation_list(access: Access) -> QuerySet[Organisation]:
    return access.organisations().select_related("parent")


def organisation_get(access: Access, pk: int, action: Action = Action.VIEW) -> Organisation:
    """The organisation, or 404 when the user may not `action` it (never a hint that it exists)."""
    org = get_object_or_404(organisation_list(access), pk=pk)
    if action != Action.VIEW and not access.can_in(action, org):
        from django.http import Http404

        raise Http404
    return org


def membership_list(access: Access, organisation: Organisation) -> QuerySet[Membership]:
    if organisation.pk not in access.roles:
        return Membership.objects.none()
    return Membership.objects.filter(organisation=organisation).select_related("user")


def membership_get(access: Access, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.filter(organisation__in=access.orgs_for(Action.MANAGE_ORGANISATION)).select_related(
            "user", "organisation"
        ),
        pk=pk,
    )


def member_candidate_get(access: Access, username: str) -> User | None:
    """An existing account that may be added to one of `access`'s organisations: only a member of an organisation
    the user administers. None for every other username, whether it exists elsewhere or not."""
    administered = access.orgs_for(Action.MANAGE_ORGANISATION)
    return User.objects.filter(username=username, memberships__organisation__in=administered).distinct().first()


def outside_members(access: Access, user_ids) -> set[int]:
    """Of `user_ids`, those who are also members of an organisation `access`'s user does not administer."""
    return set(
        Membership.objects.filter(user_id__in=user_ids)
        .exclude(organisation__in=access.orgs_for(Action.MANAGE_ORGANISATION))
        .values_list("user_id", flat=True)
    )


def administers_account(access: Access, user) -> bool:
    """True when `access`'s user administers every organisation `user` is a member of: only then may they set the
    account's password or deactivate it (otherwise an admin of one organisation could take over, or lock out, a
    person who also works for another). Never for one's own account (that has its own password page)."""
    return user.pk != access.user.pk and not outside_members(access, [user.pk])


def my_memberships(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation", "organisation__parent")


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _acting_organisations(user, access: Access | None = None) -> QuerySet[Organisation]:
    """The organisations whose login rules apply to `user`: those they are a member of, those below them (roles
    inherit downwards, see samtrygg.access), and those above them (a rule applies to the members of every
    organisation below). `access`: the user's own, when the caller has it (a request's: read once)."""
    access = access or Access(user)
    member_of = set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
    return Organisation.objects.filter(pk__in=set(access.roles) | member_of | access.ancestors(member_of))


def two_factor_required(user, access: Access | None = None) -> bool:
    """True when any organisation the user can act in requires two-factor authentication."""
    return _acting_organisations(user, access).filter(require_2fa=True).exists()


def password_login_allowed(user) -> bool:
    """False when any organisation the user can act in has turned samtrygg passwords off (single sign-on only)."""
    return not _acting_organisations(user).filter(allow_password_login=False).exists()


def has_second_factor(user) -> bool:
    """An authenticator app, or a latest single sign-on that carried the provider's multi-factor claim."""
    return has_confirmed_device(user) or SignOnIdentity.objects.filter(user=user, mfa=True).exists()


def api_token_refusal(user) -> str:
    """Why `user` may not use (or make) an API token now, or "": a deactivated account, a demo account outside the
    demo mode, or an account without the second factor one of its organisations requires."""
    if not user.is_active:
        return _("The account is deactivated.")
    if user.is_demo and not settings.DEMO_MODE:
        return _("Demo accounts can only be used while the demo mode is on.")
    if two_factor_required(user) and not has_second_factor(user):
        return _("Your organisation requires two-factor authentication: set it up before using API tokens.")
    return ""


def grantee_choices(access: Access, grantor: Organisation) -> QuerySet[Organisation]:
    """Organisations one may share with: any in the installation outside the grantor's own family."""
    family = access.descendants([grantor.pk]) | access.ancestors([grantor.pk])
    return Organisation.objects.exclude(pk__in=family).exclude(type=OrgType.NAMND).order_by("name")


def sign_on_groups(organisation: Organisation) -> QuerySet[SignOnGroup]:
    return SignOnGroup.objects.filter(organisation=organisation)


def sign_on_group_get(access: Access, pk: int) -> SignOnGroup:
    """A group mapping of an organisation `access`'s user administers, or 404."""
    return get_object_or_404(
        SignOnGroup.objects.filter(organisation__in=access.orgs_for(Action.MANAGE_ORGANISATION)), pk=pk)


def api_token_list(user) -> QuerySet[ApiToken]:
    """The user's own API tokens, newest first."""
    return ApiToken.objects.filter(user=user)


def member_api_tokens(access: Access, organisation: Organisation) -> QuerySet[ApiToken]:
    """The active tokens of the members of `organisation` (and of the organisations below it), for its admins, who
    may revoke them; none for anyone else."""
    if not access.can_in(Action.MANAGE_ORGANISATION, organisation):
        return ApiToken.objects.none()
    orgs = access.descendants([organisation.pk]) | {organisation.pk}
    return (ApiToken.objects.filter(user__memberships__organisation__in=orgs, revoked_at__isnull=True,
                                    expires_at__gt=timezone.now())
            .select_related("user").distinct().order_by("user__username", "-created_at"))


def member_api_token_get(access: Access, pk: int) -> ApiToken:
    """A member's active token that `access`'s user may revoke as their admin, or 404."""
    administered = access.orgs_for(Action.MANAGE_ORGANISATION)
    return get_object_or_404(
        ApiToken.objects.filter(user__memberships__organisation__in=administered).distinct(), pk=pk)


def api_token_get(user, pk: int) -> ApiToken:
    return get_object_or_404(api_token_list(user), pk=pk)


def api_token_for_secret(secret: str) -> ApiToken | None:
    """The active token whose digest matches `secret`, with its user. The lookup is by the SHA-256 digest (an
    index lookup that reveals nothing about the secret through timing), confirmed with a constant-time compare."""
    if not secret.startswith(ApiToken.SCHEME) or len(secret) > 200:
        return None
    digest = ApiToken.digest_of(secret)
    token = (ApiToken.objects.select_related("user")
             .filter(digest=digest, revoked_at__isnull=True, expires_at__gt=timezone.now()).first())
    if token is None or not hmac.compare_digest(token.digest, digest):
        return None
    return token
