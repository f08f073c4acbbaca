"""The English interface (issue 20, point 6): the national categories have English names there, an organisation's
own categories keep the name it gave them, the API and exports keep the stored names; an adopted document stays in
the language it was adopted in and says so."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting import category, report
from samtrygg.accounts import services as accounts
from samtrygg.incidents.models import Category
from samtrygg.incidents.taxonomy import ENGLISH, national_rows
from samtrygg.lagesbild import services as lagesbild
from samtrygg.plans import services as plans

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NOTE = "This document stays in the language it was adopted in (Swedish)."
DRAFT_NOTE = "The generated text is written in Swedish, the language the documents are adopted in."


def page(client, url: str, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def own(world):
    """Exempelstad's own subcategory of the national "Skadegörelse", and one of its own."""
    vandalism = category("skadegorelse")
    return (Category.objects.create(owner=world.kommun_a, parent=vandalism, code="skolgard", name="Skolgårdsklotter"),
            Category.objects.create(owner=world.kommun_a, code="eldning", name="Eldning i skogsdungen"))


def test_every_national_category_has_an_english_name():
    assert set(ENGLISH) == {code for code, *_rest in national_rows()}
    assert all(name.strip() for name in ENGLISH.values())


def test_national_categories_read_in_english_and_own_ones_keep_their_name(world, login, own):
    sub, main = own
    national = report(world, category=category("skadegorelse.klotter"))
    report(world, category=sub)
    report(world, category=main)
    client = login(world.alice)
    english = page(client, reverse("incidents:list"), "en")
    assert "Vandalism: Graffiti" in english and "Skadegörelse: Klotter" not in english
    assert "Vandalism: Skolgårdsklotter" in english and "Eldning i skogsdungen" in english
    swedish = page(client, reverse("incidents:list"), "sv")
    assert "Skadegörelse: Klotter" in swedish and "Vandalism" not in swedish
    assert "<h1>Vandalism: Graffiti</h1>" in page(client, reverse("incidents:detail", args=[national.pk]), "en")


def test_the_report_form_offers_the_english_names(world, login, own):
    form = page(login(world.bob), reverse("incidents:report"), "en")
    assert "Vandalism" in form and "Suspected drug dealing" in form and "Eldning i skogsdungen" in form
    assert "Skadegörelse" not in form and "Misstänkt narkotikahandel" not in form


def test_the_api_keeps_the_stored_name_and_code(world, client):
    report(world)
    _, secret = accounts.api_token_create(actor=world.alice, user=world.alice, name="test")
    client.cookies["django_language"] = "en"
    row = client.get("/api/v1/incidents/", headers={"Authorization": f"Bearer {secret}"}).json()["results"][0]
    assert (row["category_code"], row["category_name"]) == ("skadegorelse.klotter", "Klotter")


# --- frozen documents -------------------------------------------------------------------------------------------

def test_an_adopted_situation_picture_says_it_stays_in_swedish(world, login):
    draft = lagesbild.lagesbild_create(actor=world.alice, owner=world.kommun_a, area=world.area_a,
                                       title="Lägesbild Centrum", period_start=TODAY - timedelta(days=89),
                                       period_end=TODAY)
    client = login(world.alice)
    url = reverse("lagesbild:detail", args=[draft.pk])
    draft_page = page(client, url, "en")
    assert NOTE not in draft_page and DRAFT_NOTE in draft_page  # a draft is no frozen document, but Swedish too
    assert '<section class="doc-section" lang="sv"' in draft_page
    assert DRAFT_NOTE not in page(client, url, "sv")
    lagesbild.lagesbild_submit(actor=world.alice, lagesbild=draft)
    lagesbild.lagesbild_adopt(actor=world.alice, lagesbild=draft, decided_on=TODAY, decided_by="Kommunstyrelsen")
    english = page(client, url, "en")
    assert NOTE in english
    assert '<section class="doc-section" lang="sv"' in english
    assert NOTE not in page(client, url, "sv")
    assert "Detta dokument" not in page(client, url, "sv")


def test_an_adopted_plan_says_it_stays_in_swedish(world, login):
    plan = plans.plan_create(actor=world.alice, owner=world.kommun_a, area=world.area_a, title="Trygg i centrum",
                             period_start=date(2026, 1, 1), period_end=date(2027, 12, 31))
    client = login(world.alice)
    url = reverse("plans:plan_detail", args=[plan.pk])
    assert NOTE not in page(client, url, "en")
    plans.plan_submit(actor=world.alice, plan=plan)
    plans.plan_adopt(actor=world.alice, plan=plan, decided_on=TODAY, decided_by="Kommunstyrelsen")
    assert NOTE in page(client, url, "en")
    assert NOTE not in page(client, url, "sv")


def test_the_analysis_page_says_its_text_is_swedish_and_marks_it(world, login):
    report(world, category=category("skadegorelse.klotter"))
    client = login(world.alice)
    query = {"area": world.area_a.pk, "period_from": (TODAY - timedelta(days=30)).isoformat(),
             "period_to": TODAY.isoformat()}
    client.cookies["django_language"] = "en"
    english = client.get(reverse("lagesbild:analysis"), query).content.decode()
    assert DRAFT_NOTE in english and '<section class="doc-section" lang="sv"' in english
    assert "Analysis results" in english  # the page's own words stay English
    client.cookies["django_language"] = "sv"
    assert DRAFT_NOTE not in client.get(reverse("lagesbild:analysis"), query).content.decode()
