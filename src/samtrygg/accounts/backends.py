"""Password authentication with the demo-account rule, and the validator that keeps the demo password
out of real accounts."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import selectors

DEMO_PASSWORD = "demo-samtrygg"  # noqa: S105 - the published password of the fictional demo users


class PasswordBackend(ModelBackend):
    """Django's own password check; demo accounts may only log in while the demo mode is on, and nobody whose
    organisation has turned samtrygg passwords off (single sign-on only) logs in with one."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not selectors.password_login_allowed(user):
            return None
        return user

    def user_can_authenticate(self, user) -> bool:
        if getattr(user, "is_demo", False) and not settings.DEMO_MODE:
            return False
        return super().user_can_authenticate(user)


class DemoPasswordValidator:
    def validate(self, password, user=None):
        if password == DEMO_PASSWORD and not getattr(user, "is_demo", False):
            raise ValidationError(_("The demo password cannot be used for a real account."), code="demo_password")

    def get_help_text(self):
        return _("The published demo password cannot be used.")
