"""The meetings' calendar: a meeting's invitation and the user's feed are iCalendar files that keep Stockholm's
wall time across daylight-saving changes; a cancelled or changed meeting replaces the calendar's copy; the feed
is reached without login by its secret address alone (stored only as a digest), lists only the meetings of the
user's own groups and stops when revoked or replaced; invitations go by e-mail to the group's function holders;
the e-mail settings come from the environment."""

import hashlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from samtrygg.accounts.models import Role, User
from samtrygg.meetings import services
from samtrygg.meetings.mail import send_invitations
from samtrygg.meetings.models import CalendarFeed, GroupKind
from test_meetings import EstWorld

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MARCH = datetime(2026, 3, 20, 12, tzinfo=UTC)  # "now" for the feed: both meetings ahead


@pytest.fixture
def est(db):
    return EstWorld()


def meeting_at(est, when, title="EST-möte", group=None, actor=None):
    return services.meeting_create(actor=actor or est.alice, group=group or est.group, title=title, starts_at=when,
                                   ends_at=when + timedelta(hours=1), location="Medborgarhuset")


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(cal: Calendar) -> dict:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def uid(meeting) -> str:
    return f"meeting-{meeting.pk}@samtrygg"


def test_an_invitation_keeps_stockholm_wall_time_across_the_change_to_summer_time(est, login):
    winter = meeting_at(est, datetime(2026, 3, 24, 9, tzinfo=STOCKHOLM))  # CET, UTC+1
    summer = meeting_at(est, datetime(2026, 3, 31, 9, tzinfo=STOCKHOLM))  # CEST, UTC+2
    client = login(est.alice)
    for meeting, utc_hour in ((winter, 8), (summer, 7)):
        response = client.get(reverse("meetings:invitation", args=[meeting.pk]))
        day = timezone.localdate(meeting.starts_at).isoformat()
        assert response["Content-Disposition"] == f'attachment; filename="mote-{day}.ics"'
        cal = parse(response)
        assert str(cal["PRODID"]) == "-//samtrygg//samtrygg//SV" and str(cal["VERSION"]) == "2.0"
        assert str(cal["METHOD"]) == "PUBLISH" and str(cal["X-WR-TIMEZONE"]) == "Europe/Stockholm"
        assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
        (event,) = cal.walk("VEVENT")
        assert str(event["UID"]) == uid(meeting)
        assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
        assert event["DTEND"].params["TZID"] == "Europe/Stockholm"
        start = event.decoded("DTSTART")
        assert (start.hour, start.minute) == (9, 0)
        assert start.astimezone(UTC) == datetime(start.year, start.month, start.day, utc_hour, tzinfo=UTC)
        assert f"DTSTART;TZID=Europe/Stockholm:{start:%Y%m%d}T090000" in response.content.decode()
        assert str(event["SUMMARY"]) == "EST Centrum: EST-möte"
        assert str(event["LOCATION"]) == "Medborgarhuset"
        page = f"http://testserver{reverse('meetings:meeting_detail', args=[meeting.pk])}"
        assert str(event["URL"]) == page and page in str(event["DESCRIPTION"])
        assert event.decoded("DTSTAMP").tzinfo is not None
        assert int(event["SEQUENCE"]) == 0 and str(event["STATUS"]) == "CONFIRMED"


def test_a_changed_or_cancelled_meeting_replaces_the_calendars_copy(est, login):
    meeting = meeting_at(est, timezone.now() + timedelta(days=3))
    client = login(est.alice)
    url = reverse("meetings:invitation", args=[meeting.pk])
    services.meeting_update(actor=est.alice, meeting=meeting, location="Stadshuset")
    (event,) = parse(client.get(url)).walk("VEVENT")
    assert int(event["SEQUENCE"]) == 1 and str(event["LOCATION"]) == "Stadshuset"
    services.meeting_cancel(actor=est.alice, meeting=meeting)
    (event,) = parse(client.get(url)).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 2
    assert str(event["UID"]) == uid(meeting)  # the same event, so calendars replace it


def test_another_organisations_user_gets_404_for_an_invitation(est, login, client):
    meeting = meeting_at(est, timezone.now() + timedelta(days=3))
    url = reverse("meetings:invitation", args=[meeting.pk])
    assert client.get(url).status_code == 302  # to the login page
    assert login(est.carol).get(url).status_code == 404
    assert login(est.dave).get(url).status_code == 200  # a member organisation's reader sees the meeting


def _create_feed(client) -> str:
    response = client.post(reverse("meetings:feed_page"), {"action": "create"})
    assert response.status_code == 200
    url = response.context["feed_url"]
    assert url.startswith("http://testserver/") and url in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    return url.removeprefix("http://testserver")


def test_the_feed_lists_the_users_meetings_without_login_and_stops_when_replaced_or_revoked(
        est, login, client, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: MARCH)
    winter = meeting_at(est, datetime(2026, 3, 24, 9, tzinfo=STOCKHOLM))
    summer = meeting_at(est, datetime(2026, 3, 31, 9, tzinfo=STOCKHOLM))
    past = meeting_at(est, MARCH - timedelta(days=60))
    meeting_at(est, MARCH - timedelta(days=120))  # older than the feed reaches
    meeting_at(est, MARCH + timedelta(days=500))  # further ahead than it reaches
    # A group of Alice's own kommun in which she holds no function, and another municipality's group.
    steering = services.group_save(actor=est.alice, owner=est.kommun_a, kind=GroupKind.STEERING, name="Styrgrupp",
                                   area=est.area_a)
    meeting_at(est, MARCH + timedelta(days=2), group=steering)
    grannstad = services.group_save(actor=est.carol, owner=est.kommun_b, kind=GroupKind.EST, name="EST Grannstad",
                                    area=est.area_b)
    services.function_save(actor=est.carol, group=grannstad, organisation=est.kommun_b, title="Samordnare",
                           holder=est.carol)
    meeting_at(est, MARCH + timedelta(days=2), group=grannstad, actor=est.carol)

    path = _create_feed(login(est.alice))
    secret = path.rsplit("/", 1)[1].removesuffix(".ics")
    stored = CalendarFeed.objects.get(user=est.alice)
    assert stored.digest == hashlib.sha256(secret.encode()).hexdigest() and secret not in stored.digest

    client.logout()
    response = client.get(path)
    assert response["Cache-Control"] == "private, no-store"
    cal = parse(response)
    assert set(events(cal)) == {uid(winter), uid(summer), uid(past)}
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    for meeting, utc_hour in ((winter, 8), (summer, 7)):
        start = events(cal)[uid(meeting)].decoded("DTSTART")
        assert (start.hour, start.tzinfo.key) == (9, "Europe/Stockholm")
        assert start.astimezone(UTC).hour == utc_hour

    assert client.get(path.replace(secret, secret[:-1] + ("A" if secret[-1] != "A" else "B"))).status_code == 404
    newer = _create_feed(login(est.alice))
    client.logout()
    assert client.get(path).status_code == 404  # the new address stops the old one
    assert client.get(newer).status_code == 200

    User.objects.filter(pk=est.alice.pk).update(is_active=False)
    assert client.get(newer).status_code == 404
    User.objects.filter(pk=est.alice.pk).update(is_active=True)
    assert client.get(newer).status_code == 200

    page = login(est.alice).post(reverse("meetings:feed_page"), {"action": "revoke"})
    assert page.status_code == 302 and not CalendarFeed.objects.filter(user=est.alice).exists()
    client.logout()
    assert client.get(newer).status_code == 404


def test_the_feed_page_shows_whether_the_user_has_a_feed(est, login):
    client = login(est.bob)
    url = reverse("meetings:feed_page")
    response = client.get(url)
    assert response.status_code == 200 and response.context["feed"] is None
    html = response.content.decode()
    assert "<h1>" in html and 'value="create"' in html and 'value="revoke"' not in html
    assert response.context["feed_url"] is None
    _create_feed(client)
    response = client.get(url)
    assert response.context["feed"] is not None and response.context["feed_url"] is None  # shown only once
    assert 'value="revoke"' in response.content.decode()
    # Someone who holds no function gets a feed too, only empty.
    assert client.get(url).status_code == 200


def test_invitations_go_to_each_function_holder_with_an_e_mail_address(est, mailoutbox, settings):
    User.objects.filter(pk=est.alice.pk).update(email="alice@exempelstad.se")
    User.objects.filter(pk=est.polis.pk).update(email="polis@polisen.se")  # the bovärd has no address
    services.function_save(actor=est.alice, group=est.group, organisation=est.kommun_a, title="Ordförande",
                           holder=est.alice)  # a second function: still one message
    mute = EstWorld.user("tyst", est.kommun_a, Role.LASARE)
    User.objects.filter(pk=mute.pk).update(email="tyst@exempelstad.se", is_active=False)
    services.function_save(actor=est.alice, group=est.group, organisation=est.kommun_a, title="Sekreterare",
                           holder=mute)  # an inactive account gets nothing
    meeting = meeting_at(est, datetime(2026, 3, 31, 9, tzinfo=STOCKHOLM))
    page = "https://samtrygg.example/meetings/1/"

    assert send_invitations(meeting, page) == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["alice@exempelstad.se", "polis@polisen.se"]
    for mail in mailoutbox:
        assert len(mail.to) == 1 and mail.from_email == settings.DEFAULT_FROM_EMAIL
        assert "EST Centrum" in mail.subject and "2026-03-31 09:00" in mail.subject
        assert page in mail.body and "Medborgarhuset" in mail.body
        parts = [p for p in message_from_bytes(mail.message().as_bytes()).walk()
                 if p.get_content_type() == "text/calendar"]
        assert len(parts) == 1 and parts[0].get_param("method") == "PUBLISH"
        assert parts[0].get_filename() == "mote-2026-03-31.ics"
        (event,) = Calendar.from_ical(parts[0].get_payload(decode=True)).walk("VEVENT")
        assert str(event["UID"]) == uid(meeting) and str(event["URL"]) == page
        assert event.decoded("DTSTART").astimezone(UTC) == datetime(2026, 3, 31, 7, tzinfo=UTC)

    mailoutbox.clear()
    services.meeting_cancel(actor=est.alice, meeting=meeting)
    assert send_invitations(meeting, page) == 2
    part = next(p for p in message_from_bytes(mailoutbox[0].message().as_bytes()).walk()
                if p.get_content_type() == "text/calendar")
    (event,) = Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1


def _mailer(tmp_path, **variables) -> dict:
    """The default mailer that the settings make from these variables, as Django builds it (unknown or
    conflicting options would raise), in a fresh interpreter: the test run replaces MAILERS with its outbox."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAMTRYGG_", "DJANGO_"))}
    env.update(SAMTRYGG_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="samtrygg.settings", **variables)
    code = ("import django, json; django.setup(); from django.conf import settings; "
            "from django.core.mail import mailers; m = mailers.default; "
            "print(json.dumps({'backend': type(m).__module__, 'from': settings.DEFAULT_FROM_EMAIL, **{k: getattr(m, k) "
            "for k in ('host', 'port', 'username', 'password', 'use_tls', 'timeout') if hasattr(m, k)}}))")
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)


def test_e_mail_goes_through_the_configured_smtp_server(tmp_path):
    smtp = "django.core.mail.backends.smtp"
    assert _mailer(tmp_path, SAMTRYGG_DEBUG="1") == {"backend": "django.core.mail.backends.console",
                                                     "from": "samtrygg <noreply@localhost>"}
    assert _mailer(tmp_path) == {"backend": smtp, "from": "samtrygg <noreply@localhost>", "host": "localhost",
                                 "port": 587, "username": "", "password": "", "use_tls": True, "timeout": 10}
    password = tmp_path / "mail-password"
    password.write_text("hemligt\n", encoding="utf-8")
    configured = _mailer(tmp_path, SAMTRYGG_DEBUG="1", SAMTRYGG_EMAIL_HOST="smtp.kommun.se", SAMTRYGG_EMAIL_PORT="25",
                         SAMTRYGG_EMAIL_USER="samtrygg", SAMTRYGG_EMAIL_PASSWORD_FILE=str(password),
                         SAMTRYGG_EMAIL_TLS="0", SAMTRYGG_EMAIL_FROM="samtrygg <noreply@kommun.se>")
    assert configured == {"backend": smtp, "from": "samtrygg <noreply@kommun.se>", "host": "smtp.kommun.se",
                          "port": 25, "username": "samtrygg", "password": "hemligt", "use_tls": False,
                          "timeout": 10}
