"""Exempelby's year for the demo (årshjul): the standard duties of this year and the next, those due before
`until` marked done a few days after their date, except the latest EST prioritisation, left overdue so the start
page and the wheel show what an overdue duty looks like. Built through the rhythm services (audited)."""

from datetime import date, timedelta

from samtrygg.accounts.models import User
from samtrygg.rhythm import services
from samtrygg.rhythm.models import Duty, DutyKind


def build(orgs: dict, until: date) -> None:
    coordinator = User.objects.get(username="samordnare", is_demo=True)
    exempelby = orgs["Exempelby kommun"]
    for year in (until.year, until.year + 1):
        services.wheel_seed(actor=coordinator, owner=exempelby, year=year)
    past = Duty.objects.filter(owner=exempelby, due__lt=until, done_on__isnull=True).order_by("due", "pk")
    overdue = past.filter(kind=DutyKind.EST_PRIORITISATION).last()
    for duty in past:
        if duty != overdue:
            services.duty_done(actor=coordinator, duty=duty, done_on=min(duty.due + timedelta(days=3), until))
