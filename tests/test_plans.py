"""Medborgarlöften (with the residents' public page) and the method bank."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from identity_numbers import identity_number
from samtrygg.access import Access
from samtrygg.plans import selectors, services
from samtrygg.plans.models import MethodEntry

pytestmark = pytest.mark.django_db

PERIOD = {"period_start": date(2026, 1, 1), "period_end": date(2027, 12, 31)}


def promise(world, title, *, owner=None, public=True, **fields):
    return services.promise_create(actor=world.alice, owner=owner or world.kommun_a, title=title, public=public,
                                   **{**PERIOD, **fields})


def test_the_public_page_shows_only_public_promises_of_that_municipality(world, client):
    shown = promise(world, "Tryggare torg", area=world.area_a_sub, partners=[world.police])
    services.activity_add(actor=world.alice, promise=shown, description="Mer belysning vid torget")
    hidden = promise(world, "Internt utkast om parkeringen", public=False)
    services.activity_add(actor=world.alice, promise=hidden, description="Hemlig aktivitet")
    promise(world, "Grannstads löfte", owner=world.kommun_b)
    nämnd = promise(world, "Socialförvaltningens löfte", owner=world.forvaltning_a)
    page = client.get(reverse("public:promises", args=["0180"]))  # nobody signed in
    html = page.content.decode()
    assert page.status_code == 200
    assert "Tryggare torg" in html and "Mer belysning vid torget" in html and "Torget" in html
    assert "Lokalpolisområde Södertälje" in html
    assert nämnd.title in html  # a förvaltning of the municipality
    assert "Internt utkast" not in html and "Hemlig aktivitet" not in html
    assert "Grannstads löfte" not in html
    other = client.get(reverse("public:promises", args=["0181"])).content.decode()
    assert "Grannstads löfte" in other and "Tryggare torg" not in other
    assert client.get(reverse("public:promises", args=["9999"])).status_code == 404


def test_who_sees_and_changes_promises(world):
    given = promise(world, "Tryggare torg", partners=[world.police])
    assert selectors.promises(Access(world.dave)).filter(pk=given.pk).exists()  # the police, a partner
    assert not selectors.promises(Access(world.dave), "change").filter(pk=given.pk).exists()
    assert not selectors.promises(Access(world.carol)).filter(pk=given.pk).exists()
    assert selectors.promises(Access(world.alice), "change").filter(pk=given.pk).exists()


def test_a_promise_with_an_identity_number_is_refused(world):
    with pytest.raises(ValidationError):
        promise(world, f"Löfte till {identity_number(date(1990, 5, 17), 42)}")


def test_the_national_method_bank_is_there_with_its_evidence(world):
    camera = MethodEntry.objects.get(owner=None, code="kamerabevakning")
    assert "13" in camera.evidence_note and "76" in camera.evidence_note
    techniques = MethodEntry.objects.filter(owner=None, technique__gte=1).values_list("technique", flat=True)
    assert sorted(set(techniques)) == list(range(1, 26))


def test_own_methods_are_seen_by_their_organisation_until_shared(world):
    own = services.method_create(actor=world.alice, owner=world.kommun_a, code="skolvagar", name="Trygga skolvägar",
                                 kind="situationell", description="Belysning och röjning längs skolvägar.",
                                 evidence="saknas")
    assert selectors.methods(Access(world.erik)).filter(pk=own.pk).exists()  # a förvaltning below
    assert not selectors.methods(Access(world.carol)).filter(pk=own.pk).exists()
    own.shared = True
    own.save()
    assert selectors.methods(Access(world.carol)).filter(pk=own.pk).exists()


def test_pages(world, login):
    client = login(world.alice)
    agreement = services.agreement_save(actor=world.alice, owner=world.kommun_a, parties=[world.police],
                                        title="Samverkan i Exempelstad", **PERIOD)
    response = client.post(reverse("plans:promise_create"), {
        "owner": world.kommun_a.pk, "title": "Tryggare torg", "description": "", "area": world.area_a_sub.pk,
        "partners": [world.police.pk], "agreement": agreement.pk, "period_start": "2026-01-01",
        "period_end": "2027-12-31", "status": "pagaende", "public": "on",
    })
    assert response.status_code == 302, response.content.decode()[:1500]
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    assert "Samverkan i Exempelstad" in client.get(reverse("plans:promise_detail", args=[pk])).content.decode()
    assert "Tryggare torg" in client.get(reverse("plans:agreement_detail", args=[agreement.pk])).content.decode()
    client.post(reverse("plans:activity_add", args=[pk]), {"description": "Trygghetsvandring i maj",
                                                           "status": "planerat"})
    activity = selectors.promise_get(Access(world.alice), pk).activities.get()
    client.post(reverse("plans:activity_status", args=[pk, activity.pk]), {"status": "genomfort"})
    activity.refresh_from_db()
    assert activity.status == "genomfort"
    assert "Trygghetsvandring i maj" in client.get(reverse("public:promises", args=["0180"])).content.decode()
    assert client.get(reverse("plans:method_list") + "?strategy=risk").status_code == 200
    assert login(world.carol).get(reverse("plans:promise_detail", args=[pk])).status_code == 404
