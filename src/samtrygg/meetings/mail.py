"""Meeting invitations by e-mail: one message to each holder of a function in the meeting's group, with the
meeting as an .ics attachment (the same event as the invitation download, so a calendar that imported one
replaces it with the other).

Sent in the installation's language, like the protocol. Call it after the transaction that changed the meeting
has committed (`transaction.on_commit`), so no one is invited to a meeting that was rolled back; a failing mail
server raises, as Django's mail does."""

from email.message import MIMEPart

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import selectors
from .calendar import calendar_of, summary
from .models import Meeting


def _recipients(meeting: Meeting) -> list:
    """The group's function holders with an e-mail address and an active account, each once."""
    holders = {f.holder.pk: f.holder for f in selectors.functions(meeting.group) if f.holder is not None}
    return [user for user in holders.values() if user.is_active and user.email]


def _attachment(ics: str, filename: str) -> MIMEPart:
    part = MIMEPart()
    part.set_content(ics, subtype="calendar", charset="utf-8", params={"method": "PUBLISH"},
                     disposition="attachment", filename=filename)
    return part


def _texts(meeting: Meeting, url: str) -> tuple[str, str]:
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    until = f"{end:%H:%M}" if start.date() == end.date() else f"{end:%Y-%m-%d %H:%M}"
    when = f"{start:%Y-%m-%d %H:%M}–{until}"
    values = {"summary": summary(meeting), "when": when, "place": meeting.location or "–", "url": url}
    if meeting.cancelled:
        subject = _("Cancelled: %(summary)s, %(when)s") % values
        lead = _("The meeting has been cancelled.")
    else:
        subject = _("Invitation: %(summary)s, %(when)s") % values
        lead = _("You are invited to a meeting of a group in which you hold a function.")
    body = _("%(lead)s\n\n%(summary)s\nWhen: %(when)s\nWhere: %(place)s\n\nThe meeting's page: %(url)s\n\n"
             "Open the attached file to add the meeting to your calendar, or to update it there.") % {
        **values, "lead": lead}
    return subject, body


def send_invitations(meeting: Meeting, url: str) -> int:
    """Send the meeting (`url`: the absolute address of its page) to every function holder of its group who has
    an e-mail address; returns the number of messages sent."""
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _texts(meeting, url)
        ics = calendar_of([meeting], summary(meeting), lambda _meeting: url).decode()
        filename = f"mote-{timezone.localdate(meeting.starts_at).isoformat()}.ics"
        messages = []
        for user in _recipients(meeting):
            message = EmailMessage(subject, body, to=[user.email])
            message.attach(_attachment(ics, filename))
            messages.append(message)
    if not messages:
        return 0
    return mailers.default.send_messages(messages) or 0
