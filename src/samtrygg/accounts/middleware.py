"""Enforces the second factor: a user with a TOTP device must enter a code after the password, and a member
of an organisation that requires two-factor authentication must set one up before anything else."""

from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from samtrygg.access import for_request

from .selectors import has_confirmed_device, two_factor_required
from .two_factor import second_factor_passed

VERIFY, SETUP = "accounts:two_factor", "accounts:two_factor_setup"
EXEMPT = {"accounts:logout", "set_language", "meetings:feed"}  # the feed: a calendar program, no session


class SecondFactorMiddleware:
    """Until the second factor is passed in this session:

    - a user with a confirmed device reaches only the code prompt (not enrolment: replacing the device needs the
      current one first, see two_factor.may_enrol), logout and the language switch;
    - a user without one reaches enrolment, the code prompt, logout and the language switch, and, unless one of
      the organisations they can act in requires two-factor authentication, everything else too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.path.startswith("/static/") and not second_factor_passed(request):
            view_name = self._view_name(request)
            if view_name not in EXEMPT:
                if has_confirmed_device(user):
                    if view_name != VERIFY:
                        return redirect(VERIFY)
                elif view_name not in {VERIFY, SETUP} and two_factor_required(user, for_request(request)):
                    return redirect(SETUP)
        return self.get_response(request)

    @staticmethod
    def _view_name(request) -> str | None:
        try:
            return resolve(request.path_info).view_name
        except Resolver404:
            return None
