"""The background jobs' command: every reminder is sent once, however often the command runs."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from samtrygg.meetings import services
from samtrygg.notify.models import Notification
from test_meetings import EstWorld

FEED = Path(__file__).parent / "data" / "police" / "feed.json"


@pytest.fixture
def est(db):
    est = EstWorld()
    for user in (est.alice, est.polis, est.bovard):
        user.email = f"{user.username}@example.se"
        user.save()
    return est


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):
    def run() -> str:
        out = StringIO()
        # the mails go after commit, as in production; the police feed's line is read in English
        with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
            call_command("run-jobs", stdout=out)
        return out.getvalue()

    return run


def test_running_the_jobs_twice_sends_each_reminder_once(est, mailoutbox, run_jobs):
    now = timezone.now()
    meeting = services.meeting_create(actor=est.alice, group=est.group, title="EST Centrum",
                                      starts_at=now + timedelta(hours=20), ends_at=now + timedelta(hours=21))
    earlier = services.meeting_create(actor=est.alice, group=est.group, title="EST Centrum",
                                      starts_at=now - timedelta(days=7), ends_at=now - timedelta(days=7, hours=-1))
    services.task_create(actor=est.alice, item=earlier.items.get(number=5), function=est.f_bovard,
                         title="Sanera klottret", due=timezone.localdate())
    services.group_save(actor=est.alice, group=est.group, weekly_reporting=True)
    first = run_jobs()
    assert "meeting_reminders: 3" in first and "task_reminders: 1" in first
    assert "weekly_report_reminders: 3" in first and "duty_reminders: 0" in first
    sent = sorted((m.to[0], m.subject) for m in mailoutbox)
    assert len(sent) == 7
    second = run_jobs()
    assert "meeting_reminders: 0" in second and "task_reminders: 0" in second and "weekly_report_reminders: 0" in second
    assert len(mailoutbox) == 7
    assert Notification.objects.count() == 7
    # A meeting that moves is a new reminder; a holder without e-mail gets none (and nothing is recorded).
    services.meeting_update(actor=est.alice, meeting=meeting, starts_at=meeting.starts_at + timedelta(hours=1),
                            ends_at=meeting.ends_at + timedelta(hours=1))
    assert "meeting_reminders: 3" in run_jobs()
    assert len(mailoutbox) == 10


def test_the_jobs_import_the_police_feed_when_configured_and_a_second_run_adds_nothing(db, settings, run_jobs):
    from samtrygg.incidents.models import PoliceEvent

    settings.SAMTRYGG_POLICE_FEED_URL = str(FEED)
    first = run_jobs()
    count = PoliceEvent.objects.count()
    assert count > 0 and f"police_feed: created {count}," in first
    assert "police_feed: created 0, updated 0" in run_jobs()
    assert PoliceEvent.objects.count() == count
