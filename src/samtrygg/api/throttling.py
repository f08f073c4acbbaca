"""Requests per user and time unit (SAMTRYGG_API_RATE, e.g. "1000/hour"), read at each request so tests and
operators can change it without a restart of the settings machinery."""

from django.conf import settings
from rest_framework.throttling import UserRateThrottle


class ApiUserRateThrottle(UserRateThrottle):
    scope = "user"

    def get_rate(self) -> str:
        return settings.SAMTRYGG_API_RATE
