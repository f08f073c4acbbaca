"""Reading indicators: public national series for every signed-in user, own survey values only for the owner
(and through a "lagesbilder" grant for the shared areas); a kommun compared with its län and the country."""

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from samtrygg.access import Access
from samtrygg.indicators import formats, selectors
from samtrygg.indicators.models import IndicatorSeries
from samtrygg.indicators.services import import_indicators
from samtrygg.sharing import services as sharing
from samtrygg.sharing.models import DataKind

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data" / "indicators"


@pytest.fixture
def imported(world):
    for name, owner in [("kolada_N07403.json", None), ("bra_databasfil.csv", None),
                        ("trygghet_omraden.csv", world.kommun_a)]:
        import_indicators(formats.load(str(DATA / name)), user=None, owner=owner)
    return world


def names(access):
    return set(selectors.series(access).values_list("external_id", flat=True))


OWN = {"Andel som känner sig otrygga", "Andel som undviker platser på kvällen"}
PUBLIC = {"N07403", "Samtliga brott", "Skadegörelsebrott"}


def test_public_series_for_everyone_signed_in_own_only_for_the_owner(imported):
    w = imported
    assert names(Access(w.alice)) == PUBLIC | OWN
    assert names(Access(w.erik)) == PUBLIC  # roles reach down, not up: the förvaltning does not see the kommun's
    assert names(Access(w.carol)) == PUBLIC
    assert names(Access(w.dave)) == PUBLIC
    assert names(Access(AnonymousUser())) == set()


def test_own_survey_values_of_one_kommun_are_invisible_to_another(imported):
    w = imported
    own = IndicatorSeries.objects.get(external_id="Andel som känner sig otrygga")
    assert selectors.values(Access(w.alice), own).count() == 6  # the totals (gender T)
    assert selectors.values(Access(w.alice), own, gender=None).count() == 8
    assert not selectors.values(Access(w.carol), own, gender=None).exists()
    assert not selectors.values(Access(w.dave), own, gender=None).exists()


def test_a_lagesbilder_grant_shows_the_values_of_the_shared_areas_only(imported):
    w = imported
    sharing.grant_create(actor=w.alice, grantor=w.kommun_a, grantee=w.police, kind=DataKind.LAGESBILDER,
                         access="read", areas=[w.area_a2])
    sharing.grant_create(actor=w.alice, grantor=w.kommun_a, grantee=w.kommun_b, kind=DataKind.INCIDENTS,
                         access="read", areas=[w.area_a])
    own = IndicatorSeries.objects.get(external_id="Andel som känner sig otrygga")
    shared = selectors.values(Access(w.dave), own, gender=None)
    assert {(v.area.name, v.period) for v in shared} == {("Norr", "2024"), ("Norr", "2025")}
    assert names(Access(w.dave)) == PUBLIC | {"Andel som känner sig otrygga"}
    assert names(Access(w.carol)) == PUBLIC  # an incidents grant shares no indicators


def test_a_kommun_is_compared_with_its_lan_and_riket(imported):
    w = imported
    kpi = IndicatorSeries.objects.get(external_id="N07403")
    found = selectors.compare(Access(w.carol), kpi, "1281")
    assert (found.kommun_name, found.county_code, found.county_name) == ("Lund", "L12", "Skåne län")
    assert [(r.period, r.kommun, r.lan, r.riket) for r in found.rows] == [
        ("2022", 18.6, 24.9, 21.7), ("2023", 19.0, 25.8, 22.6)]
    women = selectors.compare(Access(w.carol), kpi, "0180", start=date(2023, 1, 1), gender="K")
    assert [(r.period, r.kommun, r.lan, r.riket) for r in women.rows] == [("2023", 31.0, 29.6, 28.7)]


def test_the_comparison_keeps_counts_and_gaps(imported):
    crimes = IndicatorSeries.objects.get(external_id="Samtliga brott")
    found = selectors.compare(Access(imported.dave), crimes, "0114", end=date(2024, 2, 1))
    assert [r.period for r in found.rows] == ["2024", "2024-01", "2024Q1", "2024-02"]
    january = found.rows[1]
    assert (january.kommun_count, january.lan_count, january.riket_count) == (33, 1667, 9167)
    q1 = found.rows[2]
    assert (q1.kommun, q1.kommun_count, q1.lan) == (None, None, 213.2)  # Väsby's "-" is missing
    göteborg = selectors.compare(Access(imported.dave), crimes, "1480", end=date(2024, 1, 1))
    assert [(r.period, r.kommun, r.lan, r.riket) for r in göteborg.rows] == [("2024", None, None, 1040.0),
                                                                             ("2024-01", None, None, 86.7),
                                                                             ("2024Q1", None, None, 270.4)]
