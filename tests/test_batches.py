"""Several events in one report (the weekly report): each event is stored as incidents of their own (an event
counted 3 is three incidents) linked to one report; all or nothing; days outside the period are refused; a day
without a time is the whole day; the report is read back only by those who see the organisation's incidents."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reporting import category
from samtrygg.audit.models import AuditEntry
from samtrygg.incidents import services
from samtrygg.incidents.models import Batch, Incident

pytestmark = pytest.mark.django_db


def monday() -> date:
    today = timezone.localdate()
    return today - timedelta(days=today.weekday() + 7)


def rows(world, *events):
    """Form data for the weekly report: the head, then one row per (code, area, day offset, time, count)."""
    data = {"owner": world.kommun_a.pk, "period_start": monday().isoformat(),
            "period_end": (monday() + timedelta(days=6)).isoformat(), "note": "Veckans ronder.",
            "event-TOTAL_FORMS": "6", "event-INITIAL_FORMS": "0", "event-MIN_NUM_FORMS": "0",
            "event-MAX_NUM_FORMS": "50"}
    for i in range(6):
        data[f"event-{i}-count"] = "1"
    for i, (code, area, offset, at, count) in enumerate(events):
        data.update({f"event-{i}-category": category(code).pk, f"event-{i}-area": area.pk,
                     f"event-{i}-day": (monday() + timedelta(days=offset)).isoformat(), f"event-{i}-time": at,
                     f"event-{i}-count": str(count), f"event-{i}-description": ""})
    return data


def test_a_weekly_report_stores_each_event_as_incidents(world, login):
    client = login(world.bob)
    assert client.get(reverse("incidents:batch")).status_code == 200
    response = client.post(reverse("incidents:batch"), rows(
        world, ("skadegorelse.klotter", world.area_a_sub, 0, "21:30", 3),
        ("nedskrapning.skrap", world.area_a2, 4, "", 1)))
    assert response.status_code == 302, response.content.decode()[:3000]
    batch = Batch.objects.get()
    incidents = list(batch.incidents.order_by("occurred_from", "pk"))
    assert len(incidents) == 4 and batch.owner == world.kommun_a and batch.note == "Veckans ronder."
    klotter, skrap = incidents[0], incidents[3]
    assert klotter.category.code == "skadegorelse.klotter" and klotter.area == world.area_a_sub
    assert timezone.localtime(klotter.occurred_from).strftime("%H:%M") == "21:30" and klotter.occurred_to is None
    start, end = timezone.localtime(skrap.occurred_from), timezone.localtime(skrap.occurred_to)
    assert (start.hour, start.minute, end.hour, end.minute) == (0, 0, 23, 59)  # a day without a time: the whole day
    assert AuditEntry.objects.filter(object_type="incidents.batch", action="create").count() == 1
    assert AuditEntry.objects.filter(object_type="incidents.incident", action="create").count() == 4
    page = client.get(response["Location"]).content.decode()
    assert "4 händelser" in page and "Klotter" in page


def test_all_or_nothing(world):
    at = timezone.make_aware(timezone.datetime.combine(monday(), timezone.datetime.min.time()))
    good = {"category": category("skadegorelse.klotter"), "area": world.area_a,
            "occurred_from": at + timedelta(hours=9), "count": 2}
    outside = dict(good, occurred_from=at + timedelta(days=9))
    with pytest.raises(ValidationError, match="Händelse 2"):
        services.batch_create(actor=world.bob, owner=world.kommun_a, period_start=monday(),
                              period_end=monday() + timedelta(days=6), events=[good, outside])
    with pytest.raises(ValidationError):
        services.batch_create(actor=world.bob, owner=world.kommun_a, period_start=monday(),
                              period_end=monday() + timedelta(days=6), events=[dict(good, count=51)])
    with pytest.raises(ValidationError):
        services.batch_create(actor=world.bob, owner=world.kommun_a, period_start=monday(),
                              period_end=monday() + timedelta(days=6), events=[])
    assert not Batch.objects.exists() and not Incident.objects.exists()


def test_an_empty_report_is_refused_on_the_page(world, login):
    response = login(world.bob).post(reverse("incidents:batch"), rows(world))
    assert response.status_code == 200 and not Batch.objects.exists()
    assert "Lägg till minst en händelse." in response.content.decode()


def test_a_report_covers_at_most_a_month_and_no_day_ahead(world, login):
    client = login(world.bob)
    event = ("skadegorelse.klotter", world.area_a, 0, "10:00", 1)
    long = dict(rows(world, event), period_start="1900-01-01", period_end=(monday() + timedelta(days=6)).isoformat())
    text = client.post(reverse("incidents:batch"), long).content.decode()
    assert "En rapport omfattar högst 31 dagar." in text
    ahead = timezone.localdate() + timedelta(days=1)
    text = client.post(reverse("incidents:batch"), dict(rows(world, event), period_start=ahead.isoformat(),
                                                         period_end=(ahead + timedelta(days=6)).isoformat())).content
    assert "Perioden har inte börjat än." in text.decode()
    assert not Batch.objects.exists() and not Incident.objects.exists()
    month = dict(rows(world, event), period_end=(monday() + timedelta(days=30)).isoformat())
    assert client.post(reverse("incidents:batch"), month).status_code == 302 and Batch.objects.count() == 1


def test_only_those_who_see_the_organisation_read_the_report(world, login):
    at = timezone.make_aware(timezone.datetime.combine(monday(), timezone.datetime.min.time()))
    batch = services.batch_create(actor=world.bob, owner=world.kommun_a, period_start=monday(),
                                  period_end=monday() + timedelta(days=6), events=[
                                      {"category": category("skadegorelse.klotter"), "area": world.area_a,
                                       "occurred_from": at + timedelta(hours=9), "count": 1}])
    url = reverse("incidents:batch_detail", args=[batch.pk])
    assert login(world.alice).get(url).status_code == 200
    assert login(world.carol).get(url).status_code == 404
