"""Tips from residents: the public page (anonymous, the privacy guard, a photo without metadata, two traps for
scripts, a bounded limit per address), the moderation queue (only the municipality's coordinators and admins),
approval as an incident or as an observation in a draft lägesbild, rejection with a reason that leaves no text
behind, and the e-mail for a reply that is deleted with the tip."""

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from identity_numbers import identity_number
from reporting import TORGET, category
from samtrygg.audit.models import AuditEntry
from samtrygg.incidents.models import Incident, Source
from samtrygg.lagesbild import services as lagesbild
from samtrygg.lagesbild.models import Observation
from samtrygg.tips import forms as tip_forms
from samtrygg.tips import services
from samtrygg.tips.models import Quota, Tip, TipContact
from test_incidents_pages import jpeg_with_gps

pytestmark = pytest.mark.django_db
URL = "/p/0180/tips/"


@pytest.fixture(autouse=True)
def no_wait(monkeypatch):
    monkeypatch.setattr(tip_forms, "MIN_SECONDS", 0)


@pytest.fixture
def channel(world):
    return services.channel_save(actor=world.alice, municipality=world.kommun_a, open=True)


def token() -> str:
    return tip_forms.form_token()


def post(client, **fields):
    data = {"category": category("fysisk-miljo.belysning").pk, "lat": TORGET[0], "lon": TORGET[1], "place": "",
            "description": "", "email": "", "website": "", "token": token()}
    data.update(fields)
    return client.post(URL, {k: v for k, v in data.items() if v is not None})


def test_a_closed_or_unknown_page_is_not_found(world, client):
    assert client.get(URL).status_code == 404
    services.channel_save(actor=world.alice, municipality=world.kommun_a, open=False)
    assert client.get(URL).status_code == 404
    assert client.get("/p/9999/tips/").status_code == 404


def test_a_resident_sends_an_anonymous_tip_with_a_photo(world, client, channel):
    page = client.get(URL).content.decode()
    assert "Trasig eller saknad belysning" in page and "Inbrott i bostad" not in page  # the public categories
    photo = io.BytesIO(jpeg_with_gps())
    photo.name = "IMG_0001.jpg"
    response = post(client, description="Lampan vid gångtunneln är trasig.", photo=photo)
    assert response.status_code == 302 and response["Location"].endswith("/p/0180/tips/tack/")
    tip = Tip.objects.get()
    assert tip.description == "Lampan vid gångtunneln är trasig." and tip.channel == channel
    assert "IMG_0001" not in tip.photo.name
    with tip.photo.open("rb") as file, Image.open(file) as image:
        assert not image.getexif() and "comment" not in image.info
    entry = AuditEntry.objects.get(object_type="tips.tip", action="create")
    assert entry.actor is None and "Lampan" not in str(entry.changes)


def test_the_place_may_be_a_name_instead_of_the_map(world, client, channel):
    assert post(client, lat="", lon="", place="").status_code == 200
    assert not Tip.objects.exists()
    assert post(client, lat="", lon="", place="Gångvägen bakom sporthallen").status_code == 302
    assert Tip.objects.get().lat is None


def test_the_guard_refuses_a_personal_identity_number(world, client, channel):
    response = post(client, description=f"Han har nummer {identity_number(date(1987, 4, 23), 238)} och bor här")
    assert response.status_code == 200 and not Tip.objects.exists()


def test_only_listed_categories_and_points_in_sweden(world, client, channel):
    assert post(client, category=category("inbrott.bostad").pk).status_code == 200
    assert post(client, lat="40.0", lon="2.0").status_code == 200
    assert not Tip.objects.exists()


def test_traps_for_scripts(world, client, channel, monkeypatch):
    assert post(client, website="http://spam.example").status_code == 200
    assert post(client, token="forged").status_code == 200
    monkeypatch.setattr(tip_forms, "MIN_SECONDS", 60)
    assert post(client).status_code == 200  # sent at once after the form was shown
    assert not Tip.objects.exists()


def test_the_limit_per_address_holds_and_stores_no_address(world, client, channel, settings):
    settings.SAMTRYGG_TIPS_PER_HOUR = 3
    codes = [post(client, REMOTE_ADDR="203.0.113.7").status_code for _ in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    assert Tip.objects.count() == 3
    assert "203.0.113" not in str(list(Quota.objects.values_list("digest", flat=True)))
    later = timezone.now() + timedelta(hours=1)
    assert services.quota_take("127.0.0.1", limit=3, now=later)  # a new hour, a new count


def test_the_limit_is_per_address(world, channel):
    now = timezone.now()
    assert all(services.quota_take("198.51.100.1", limit=2, now=now) for _ in range(2))
    assert not services.quota_take("198.51.100.1", limit=2, now=now)
    assert services.quota_take("198.51.100.2", limit=2, now=now)


def _tip(channel, **fields):
    values = {"category": category("skadegorelse.klotter"), "lat": TORGET[0], "lon": TORGET[1],
              "description": "Klotter i tunneln."}
    values.update(fields)
    return services.tip_submit(channel=channel, **values)


def test_the_queue_is_for_the_municipalitys_moderators(world, login, channel):
    tip = _tip(channel)
    assert login(world.alice).get(reverse("tips:queue")).status_code == 200
    assert "Klotter" in login(world.alice).get(reverse("tips:detail", args=[tip.pk])).content.decode()
    assert login(world.bob).get(reverse("tips:detail", args=[tip.pk])).status_code == 404  # a reporter
    assert login(world.carol).get(reverse("tips:detail", args=[tip.pk])).status_code == 404  # another kommun
    assert login(world.dave).get(reverse("tips:queue")).status_code == 404  # the police


def test_approved_as_an_incident(world, login, channel, django_capture_on_commit_callbacks):
    other = services.tip_submit(channel=channel, category=category("skadegorelse.klotter"), lat=TORGET[0],
                                lon=TORGET[1], description="Klotter.")
    tip = _tip(channel, email="boende@example.org")
    client = login(world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("tips:detail", args=[tip.pk]), {
            "action": "approve", "approve-category": category("skadegorelse.klotter").pk, "approve-lat": TORGET[0],
            "approve-lon": TORGET[1], "approve-occurred_from": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "approve-description": "Klotter i gångtunneln.", "approve-lagesbild_draft": "",
            "approve-reply": "Tack! Vi har beställt sanering."})
    assert response.status_code == 302
    incident = Incident.objects.get(owner=world.kommun_a, source=Source.TIP)
    assert incident.description == "Klotter i gångtunneln." and incident.reported_by == world.alice
    assert not Tip.objects.filter(pk=tip.pk).exists() and not TipContact.objects.exists()
    assert mail.outbox[-1].to == ["boende@example.org"] and "sanering" in mail.outbox[-1].body
    entry = AuditEntry.objects.get(object_type="tips.tip", object_id=str(tip.pk), action="delete")
    assert f"incidents.Incident#{incident.pk}" in str(entry.changes) and "boende@" not in str(entry.changes)
    assert Tip.objects.filter(pk=other.pk).exists()


def test_approved_as_an_observation_in_a_draft(world, login, channel):
    draft = lagesbild.lagesbild_create(actor=world.alice, owner=world.kommun_a, area=world.area_a,
                                       title="Lägesbild 2026", period_start=timezone.localdate() - timedelta(days=365),
                                       period_end=timezone.localdate())
    tip = _tip(channel, place="Gångtunneln under Storgatan")
    services.tip_approve(actor=world.alice, tip=tip, lagesbild_draft=draft)
    observation = Observation.objects.get(lagesbild=draft)
    assert observation.organisation == world.kommun_a
    assert "Gångtunneln under Storgatan" in observation.text and "Klotter i tunneln." in observation.text
    assert not Tip.objects.exists() and not Incident.objects.filter(source=Source.TIP).exists()


def test_rejected_with_a_reason_leaves_no_text(world, login, channel):
    tip = _tip(channel, description="Reklam för en webbutik", email="spam@example.org")
    client = login(world.alice)
    refused = client.post(reverse("tips:detail", args=[tip.pk]), {"action": "reject", "reject-reason": ""})
    assert refused.status_code == 200 and Tip.objects.filter(pk=tip.pk).exists()
    response = client.post(reverse("tips:detail", args=[tip.pk]), {"action": "reject", "reject-reason": "Reklam",
                                                                   "reject-reply": ""})
    assert response.status_code == 302
    assert not Tip.objects.exists() and not TipContact.objects.exists()
    entries = AuditEntry.objects.filter(object_type="tips.tip", object_id=str(tip.pk))
    assert "Reklam" in str(entries.get(action="delete").changes)
    assert all("webbutik" not in str(e.changes) and "spam@" not in str(e.changes) for e in entries)
    assert not mail.outbox


def test_a_reply_needs_an_address(world, channel):
    tip = _tip(channel)
    with pytest.raises(Exception, match="e-post|e-mail"):
        services.tip_reject(actor=world.alice, tip=tip, reason="Dubblett", reply="Tack")


def test_the_settings_page(world, login):
    client = login(world.alice)
    url = reverse("tips:settings", args=[world.kommun_a.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"open": "on", "introduction": "Tipsa oss!",
                                 "categories": [category("fysisk-miljo.belysning").pk]})
    assert response.status_code == 302
    assert "Tipsa oss!" in client.get(URL).content.decode()
    assert login(world.carol).get(url).status_code == 404
