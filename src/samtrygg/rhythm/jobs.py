"""The årshjul's scheduled job: remind of duties that fall due within two weeks, or are overdue, by e-mail (plain
text, in the installation's language), once per duty and due date. Run by `samtrygg run-jobs`.

Each reminder is recorded (`DutyReminder`, unique per duty and due date) in the same transaction as its e-mails are
handed to the mail server: a failing server rolls the record back, so the reminder goes out on the next run; a
second run (or two at once) finds it recorded and sends nothing. One failing reminder does not stop the others."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import selectors, services
from .models import Duty

logger = logging.getLogger(__name__)


def _texts(duty: Duty, today: datetime.date, url: str) -> tuple[str, str]:
    values = {"title": duty.title, "date": duty.due.isoformat(), "municipality": duty.owner.name,
              "who": duty.responsible or "–", "url": url}
    if duty.due < today:
        subject = _("Overdue: %(title)s (due %(date)s)") % values
    else:
        subject = _("Reminder: %(title)s is due %(date)s") % values
    body = _("A duty in the year's crime-prevention work of %(municipality)s falls due.\n\n%(title)s\nDue: %(date)s\n"
             "Responsible: %(who)s\n\nThe year's work in samtrygg: %(url)s\n\nWhen it is done, mark it done there; "
             "a recurring duty then gets its next date.") % values
    return subject, body


def send_duty_reminders(today: datetime.date, base_url: str = "") -> int:
    """Send every reminder due on `today` (selectors.reminders_due) that was not sent before, one e-mail to each
    recipient with an address; returns the number of e-mails sent. `base_url` ("https://samtrygg.example.se")
    makes the link in the message absolute."""
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for duty, people in selectors.reminders_due(today):
            addresses = sorted({person.email for person in people if person.email})
            if not addresses:
                continue  # nobody to tell yet: tried again on the next run
            url = f"{base_url.rstrip('/')}{reverse('rhythm:wheel')}?kommun={duty.owner_id}"
            subject, body = _texts(duty, today, url)
            try:
                with transaction.atomic():
                    if not services.reminder_record(duty=duty, recipients=len(addresses)):
                        continue
                    count = sum(send_mail(subject, body, None, [address]) for address in addresses)
            except OSError:  # the mail server (smtplib's errors are OSErrors): not recorded, tried again next run
                logger.exception("The reminder of duty %s could not be sent", duty.pk)
                continue
            sent += count
    return sent
