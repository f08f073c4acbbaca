"""Exempelby's retention rule (gallring) for the demo: descriptions removed 24 months after the incident, photos
after 12, set by its administrator (audited), and applied once as of `until`, so the oldest demo incidents show
"The description was removed …" and the page under the organisation's settings shows the last run. Its
förvaltningar have no rule of their own and follow the kommun's."""

import datetime

from django.utils import timezone

from samtrygg.accounts.models import User
from samtrygg.retention import selectors, services

DESCRIPTION_MONTHS = 24
PHOTO_MONTHS = 12


def build(orgs: dict, until: datetime.date) -> None:
    admin = User.objects.get(username="admin", is_demo=True)
    services.retention_rule_save(actor=admin, owner=orgs["Exempelby kommun"], description_months=DESCRIPTION_MONTHS,
                                 photo_months=PHOTO_MONTHS)
    end_of_day = timezone.make_aware(datetime.datetime.combine(until, datetime.time(23, 59)))
    now = min(timezone.now(), end_of_day)
    for plan in selectors.plans(now):
        if plan.organisation.is_demo:  # only the demo's organisations, whatever else the installation holds
            services.retention_apply_plan(plan=plan, now=now)
