"""Meetings as iCalendar (RFC 5545): one meeting's invitation and a user's subscribable feed.

Times are written as local wall time with TZID=Europe/Stockholm (the installation's time zone) and the calendar
carries that zone's VTIMEZONE, so a 09:00 meeting stays 09:00 across daylight-saving changes in every calendar
program. An event says only what the meeting page's heading says (group, title, place, time) and links to the
page: no agenda, no incident data and no names, since a calendar is copied to phones and mail servers outside
samtrygg. Reads only; nothing here writes."""

from collections.abc import Callable, Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from .models import Meeting

PRODID = "-//samtrygg//samtrygg//SV"


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def summary(meeting: Meeting) -> str:
    """"Group: title", or only the group's name where the title repeats it (a series' meetings)."""
    name = meeting.group.name
    return name if meeting.title in ("", name) else f"{name}: {meeting.title}"


def meeting_event(meeting: Meeting, url: str, stamp: datetime | None = None) -> Event:
    """The meeting as a VEVENT. UID stays the same for the meeting's life and SEQUENCE grows with each change,
    so a calendar replaces its copy (and shows a cancelled meeting as cancelled) instead of adding another."""
    zone = _zone()
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@samtrygg")
    event.add("dtstamp", stamp or timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", summary(meeting))
    if meeting.location:
        event.add("location", meeting.location)
    event.add("description", _("The meeting's page in samtrygg: %(url)s") % {"url": url})
    event.add("url", url)
    event.add("sequence", meeting.sequence)
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    return event


def _vtimezone(meetings: list[Meeting]) -> Timezone:
    """The zone's rules for the years the meetings fall in (a year either side), rather than icalendar's
    default of 1970–2038, which lists every daylight-saving change of seven decades."""
    years = [m.starts_at.year for m in meetings] + [m.ends_at.year for m in meetings] or [timezone.now().year]
    return Timezone.from_tzinfo(_zone(), tzid=settings.TIME_ZONE, first_date=date(min(years) - 1, 1, 1),
                                last_date=date(max(years) + 2, 1, 1))


def calendar_of(meetings: Iterable[Meeting], name: str, url_for: Callable[[Meeting], str]) -> bytes:
    """A VCALENDAR (METHOD:PUBLISH) named `name` with the zone and one VEVENT per meeting; `url_for(meeting)`
    gives the absolute address of its page."""
    meetings = list(meetings)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add_component(_vtimezone(meetings))
    stamp = timezone.now()
    for meeting in meetings:
        cal.add_component(meeting_event(meeting, url_for(meeting), stamp))
    return cal.to_ical()
