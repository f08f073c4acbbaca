"""Logins, logouts, failed logins and lockouts go to the audit log (Django's and django-axes' signals)."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import Action
from .services import audit_record


def _client_ip(request):
    return getattr(request, "axes_ip_address", None) or (request.META.get("REMOTE_ADDR") if request else None)


def _home_org(user):
    membership = user.memberships.order_by("id").select_related("organisation").first() if user else None
    return membership.organisation if membership else None


def _user_named(username):
    return get_user_model().objects.filter(username=username).first() if username else None


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    audit_record(actor=user, action=Action.LOGIN, organisation=_home_org(user), ip=_client_ip(request))


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action=Action.LOGOUT, organisation=_home_org(user), ip=_client_ip(request))


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "")[:150]
    audit_record(
        actor=None, actor_name=username, action=Action.LOGIN_FAILED,
        organisation=_home_org(_user_named(username)), ip=_client_ip(request),
    )


@receiver(user_locked_out)
def on_locked_out(sender, request, username, ip_address, **kwargs):
    audit_record(
        actor=None, actor_name=(username or "")[:150], action=Action.LOCKOUT,
        organisation=_home_org(_user_named(username)), ip=ip_address,
    )
