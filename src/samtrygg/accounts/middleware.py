"""Enforces the second factor: a user with a TOTP device must enter a code after the password, and a member
of an organisation that requires two-factor authentication must set one up before anything else."""

from django.shortcuts import redirect
from django.urls import resolve
from django_otp.plugins.otp_totp.models import TOTPDevice

from .selectors import two_factor_required

EXEMPT = {"accounts:two_factor", "accounts:two_factor_setup", "accounts:logout", "set_language"}


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not self._exempt(request):
            if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
                return redirect("accounts:two_factor")
            if two_factor_required(user):
                return redirect("accounts:two_factor_setup")
        return self.get_response(request)

    @staticmethod
    def _exempt(request) -> bool:
        if request.path.startswith("/static/"):
            return True
        match = resolve(request.path_info) if request.path_info else None
        return match is not None and match.view_name in EXEMPT
