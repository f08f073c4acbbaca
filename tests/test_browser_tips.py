"""A resident on a phone (390 px) sends an anonymous tip with a photo; the photo is stored without its EXIF; the
municipality's coordinator approves the tip as an observation in the draft lägesbild, where it then appears. Every
page passes axe (WCAG 2.1 A/AA)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from browsing import assert_accessible
from personas import World
from samtrygg.lagesbild import services as lagesbild
from samtrygg.lagesbild.models import Observation
from samtrygg.tips import forms as tip_forms
from samtrygg.tips import services
from samtrygg.tips.models import Tip
from test_incidents_pages import jpeg_with_gps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def test_a_resident_tips_and_a_coordinator_approves_it_as_an_observation(live_server, browser, page_for,
                                                                         monkeypatch):
    monkeypatch.setattr(tip_forms, "MIN_SECONDS", 0)
    world = World()
    services.channel_save(actor=world.alice, municipality=world.kommun_a, open=True,
                          introduction="Tipsa kommunen om otrygga platser.")
    draft = lagesbild.lagesbild_create(actor=world.alice, owner=world.kommun_a, area=world.area_a,
                                       title="Lägesbild Centrum", period_end=timezone.localdate(),
                                       period_start=timezone.localdate() - timedelta(days=365))

    context = browser.new_context(viewport=PHONE, locale="sv-SE", service_workers="block")  # no login: a resident
    page = context.new_page()
    page.goto(f"{live_server.url}/p/0180/tips/")
    assert page.locator("h1").inner_text().startswith("Berätta för Exempelstad kommun")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, "tips-public-form")
    page.get_by_label("Trasig eller saknad belysning").check()
    page.get_by_label("Adress eller platsens namn").fill("Gångvägen bakom sporthallen")
    page.get_by_label("Hur är det där? (frivilligt)").fill("Helt mörkt efter klockan sex.")
    page.set_input_files("input[name=photo]", files=[{"name": "IMG_0042.jpg", "mimeType": "image/jpeg",
                                                       "buffer": jpeg_with_gps()}])
    page.get_by_role("button", name="Skicka tipset").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Tack för ditt tips"
    assert_accessible(page, "tips-public-thanks")
    context.close()

    tip = Tip.objects.get()
    with tip.photo.open("rb") as file, Image.open(file) as image:
        assert not image.getexif()

    page = page_for("alice", viewport=PHONE)
    page.goto(f"{live_server.url}/tips/")
    assert_accessible(page, "tips-queue")
    page.get_by_role("link", name=timezone.localtime(tip.received_at).strftime("%Y-%m-%d %H:%M")).click()
    page.get_by_role("paragraph").filter(has_text="Helt mörkt efter klockan sex.").wait_for()
    page.locator("img[alt='Fotot som skickades med tipset']").wait_for(state="visible")  # once it has loaded
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, "tips-detail")
    page.get_by_label("Godkänn som").select_option(label="Iakttagelse i Lägesbild Centrum")
    page.get_by_role("button", name="Godkänn tipset").click()
    page.wait_for_load_state()
    assert not Tip.objects.exists()
    observation = Observation.objects.get(lagesbild=draft)
    assert "Gångvägen bakom sporthallen" in observation.text
    page.goto(f"{live_server.url}/lagesbild/{draft.pk}/")
    assert page.get_by_text("Helt mörkt efter klockan sex.", exact=False).count() >= 1
