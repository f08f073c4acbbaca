"""TOTP (authenticator app) enrolment and verification with django-otp; audited."""

import base64

import segno
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_change

from .selectors import has_confirmed_device, my_memberships

PROVIDER_MFA = "samtrygg_provider_mfa"  # session key: the second factor was passed at the identity provider


def second_factor_passed(request) -> bool:
    """In this session: a code from the authenticator app, or a single sign-on with the provider's multi-factor
    claim (accounts.sign_on)."""
    return request.user.is_verified() or bool(getattr(request, "session", {}).get(PROVIDER_MFA))


def may_enrol(request) -> bool:
    """Enrolling a device is the first enrolment (no confirmed device yet, e.g. after an admin's reset), or a
    replacement by someone who has passed the second factor with the current device in this session. After the
    password alone, a user with a device must verify it first: otherwise the password would be enough to swap in
    an authenticator of one's own and pass the second factor."""
    return second_factor_passed(request) or not has_confirmed_device(request.user)


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed device (created on first call), whose secret the setup page shows."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="samtrygg", confirmed=False)


def secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def qr_svg_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, title=settings.OTP_TOTP_ISSUER)


@transaction.atomic
def two_factor_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    """Confirm the pending `device` with a code from it; it replaces any other device of the user."""
    if not may_enrol(request):
        raise PermissionDenied
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    otp_login(request, device)
    organisations = [membership.organisation for membership in my_memberships(request.user)] or [None]
    audit_change(actor=request.user, action=Action.TWO_FACTOR, organisation=organisations, obj=request.user,
                 changes={"totp": [None, "on"]})  # in each of the person's organisations, as a deactivation is
    return True


def two_factor_verify(*, request, token: str) -> bool:
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(token):
            otp_login(request, device)
            return True
    return False


@transaction.atomic
def two_factor_reset(*, actor, user, organisation) -> None:
    """An admin removes a member's authenticator (lost phone); the member sets up a new one at next login."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    audit_change(actor=actor, action=Action.TWO_FACTOR, organisation=organisation, obj=user,
                 changes={"totp": ["on" if deleted else None, None]})
