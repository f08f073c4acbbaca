"""The statistics pages: the series a user may read, one series beside its län and Sweden or per area, and the
upload of own values (checked first, then imported whole; national statistics for every place only by
administrators, a coordinator's for their municipality, its county and Sweden)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from samtrygg.indicators import formats
from samtrygg.indicators.models import IndicatorSeries, IndicatorValue
from samtrygg.indicators.services import import_indicators

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data" / "indicators"


def upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (DATA / name).read_bytes())


@pytest.fixture
def statistics(world):
    call_command("import-indicators", str(DATA / "bra_databasfil.csv"), stdout=None)
    import_indicators(formats.load(str(DATA / "trygghet_omraden.csv"), "table"), user=world.alice,
                      owner=world.kommun_a)
    return IndicatorSeries.objects.get(owner__isnull=True, name="Samtliga brott"), \
        IndicatorSeries.objects.get(owner=world.kommun_a, name="Andel som känner sig otrygga")


def test_the_list_shows_national_and_own_series_to_their_readers(world, login, statistics):
    public, own = statistics
    alice = login(world.alice).get(reverse("indicators:series_list")).content.decode()
    assert public.name in alice and own.name in alice
    carol = login(world.carol).get(reverse("indicators:series_list")).content.decode()
    assert public.name in carol and own.name not in carol  # another municipality's survey
    assert login(world.carol).get(reverse("indicators:series_detail", args=[own.pk])).status_code == 404


def test_a_national_series_compares_the_municipality_with_its_county_and_sweden(world, login, statistics):
    public, _own = statistics
    client = login(world.alice)  # Exempelstad has kommunkod 0180: Stockholm's values
    page = client.get(reverse("indicators:series_detail", args=[public.pk])).content.decode()
    assert "Stockholm" in page and "Stockholms län" in page
    value = IndicatorValue.objects.filter(series=public, region_code="0180").order_by("period_start").first()
    assert value.period in page
    assert 'src="data:image/svg+xml;base64,' in page
    other = client.get(reverse("indicators:series_detail", args=[public.pk]), {"kommun": "0114"})
    assert "Upplands Väsby" in other.content.decode()


def test_an_own_series_shows_its_areas_and_periods(world, login, statistics):
    _public, own = statistics
    page = login(world.alice).get(reverse("indicators:series_detail", args=[own.pk])).content.decode()
    assert "Torget" in page and "Norr" in page and "35,5" in page


def test_own_values_are_checked_then_imported(world, login):
    client = login(world.alice)
    url = reverse("indicators:import")
    checked = client.post(url, {"file": upload("trygghet_omraden.csv"), "organisation": world.kommun_a.pk,
                                "check_only": "on"})
    assert "9 nya värden, 0 uppdaterade" in checked.content.decode()
    assert not IndicatorValue.objects.exists()
    client.post(url, {"file": upload("trygghet_omraden.csv"), "organisation": world.kommun_a.pk})
    assert IndicatorValue.objects.filter(series__owner=world.kommun_a).count() == 9
    again = client.post(url, {"file": upload("trygghet_omraden.csv"), "organisation": world.kommun_a.pk})
    assert "0 nya värden, 0 uppdaterade, 9 oförändrade" in again.content.decode()
    assert IndicatorValue.objects.count() == 9


def test_a_bad_file_is_named_and_nothing_is_written(world, login, tmp_path):
    bad = (DATA / "trygghet_omraden.csv").read_text(encoding="utf-8-sig").replace("Torget", "Okänt område")
    response = login(world.alice).post(reverse("indicators:import"), {
        "file": SimpleUploadedFile("trygghet.csv", bad.encode()), "organisation": world.kommun_a.pk})
    assert "Okänt område" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_national_statistics_for_every_place_are_left_to_the_administrators(world, login):
    response = login(world.alice).post(reverse("indicators:import"), {
        "file": upload("bra_databasfil.csv"), "organisation": world.kommun_a.pk})
    assert response.status_code == 200 and response.context["result"].left_out == 32
    assert set(IndicatorValue.objects.values_list("region_code", flat=True)) == {"0180", "L01", "R00"}
    world.alice.is_staff = True
    world.alice.save()
    login(world.alice).post(reverse("indicators:import"), {
        "file": upload("bra_databasfil.csv"), "organisation": world.kommun_a.pk})
    assert IndicatorValue.objects.filter(series__owner__isnull=True).count() == 56


def test_the_upload_is_for_those_who_may_change_an_organisations_data(world, login):
    assert login(world.dave).get(reverse("indicators:import")).status_code == 403  # a reader at the police
    assert login(world.alice).get(reverse("indicators:import")).status_code == 200


def test_the_search_pages_keep_the_query(world, login, monkeypatch):
    from samtrygg.indicators import views
    from samtrygg.indicators.models import IndicatorSeries

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for n in range(3):
        IndicatorSeries.objects.create(source="kolada", external_id=f"N0{n}", name=f"Trygghet & ro {n}")
    page = login(world.alice).get(reverse("indicators:series_list"), {"q": "trygghet & ro"}).content.decode()
    assert "?q=trygghet+%26+ro&amp;page=2" in page


def test_a_forbidden_page_says_so_in_swedish_within_the_site(world, login):
    response = login(world.dave).get(reverse("indicators:import"))  # a reader may change nothing
    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="sv"' in html and "Inte tillåtet" in html and "Din roll tillåter inte detta" in html
