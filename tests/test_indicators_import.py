"""Importing indicators writes all or nothing, audited; importing the same file again updates, never duplicates;
own survey values are matched to the organisation's areas by name."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from samtrygg.audit.models import AuditEntry
from samtrygg.indicators import formats
from samtrygg.indicators.formats import FormatError
from samtrygg.indicators.models import IndicatorSeries, IndicatorValue
from samtrygg.indicators.services import import_indicators

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data" / "indicators"


def run(name, **kwargs):
    return import_indicators(formats.load(str(DATA / name)), **{"user": None, **kwargs})


def test_kolada_values_are_stored_public_and_a_reimport_changes_nothing():
    first = run("kolada_N07403.json")
    assert (first.created, first.updated, first.unchanged) == (42, 0, 0)
    series = IndicatorSeries.objects.get()
    assert (series.source, series.external_id, series.owner) == ("kolada", "N07403", None)
    assert IndicatorValue.objects.get(series=series, region_code="L01", period="2023", gender="T").value == 23.4
    assert IndicatorValue.objects.get(series=series, region_code="0114", period="2023", gender="K").value is None

    again = run("kolada_N07403.json")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 42)
    assert IndicatorValue.objects.count() == 42 and IndicatorSeries.objects.count() == 1


def test_a_changed_value_is_updated_in_place(tmp_path):
    run("kolada_N07403.json")
    changed = tmp_path / "kolada.json"
    changed.write_text((DATA / "kolada_N07403.json").read_text().replace("25.3", "26.0"))
    result = import_indicators(formats.load(str(changed)), user=None)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 41)
    assert IndicatorValue.objects.get(region_code="0180", period="2023", gender="T").value == 26.0


def test_every_format_imports_and_reimports_without_duplicates(world):
    for name, owner in [("bra_databasfil.csv", None), ("bra_per_kommun.csv", None),
                        ("bra_brottstyper_2024.xlsx", None), ("trygghet_omraden.csv", world.kommun_a)]:
        first = run(name, owner=owner)
        total = IndicatorValue.objects.count()
        again = run(name, owner=owner)
        assert first.created > 0 and (again.created, again.updated) == (0, 0), name
        assert IndicatorValue.objects.count() == total, name


def test_a_count_table_leaves_the_rates_of_the_same_values_alone():
    run("bra_brottstyper_2024.xlsx")  # rates for 2024, "Samtliga brott" among them
    counts = DATA / "bra_per_kommun.csv"
    parsed = formats.load(str(counts))
    for row in parsed.rows:
        row.series = "Samtliga brott"
    parsed.series = {"Samtliga brott": formats.SeriesInfo("bra", "Samtliga brott")}
    result = import_indicators(parsed, user=None)
    assert result.updated == 7  # the 2024 values got their counts
    stockholm = IndicatorValue.objects.get(series__external_id="Samtliga brott", region_code="0180", period="2024")
    assert (stockholm.value, stockholm.count) == (15012.4, 151002)


def test_own_values_are_matched_to_the_owners_areas(world):
    result = run("trygghet_omraden.csv", owner=world.kommun_a, user=world.alice)
    assert result.created == 9
    series = IndicatorSeries.objects.get(external_id="Andel som känner sig otrygga")
    assert (series.source, series.owner, series.unit) == ("egen", world.kommun_a, "procent")
    torget = IndicatorValue.objects.get(series=series, area=world.area_a_sub, period="2025", gender="K")
    assert (torget.value, torget.count, torget.region_code) == (40.2, 80, "")
    entry = AuditEntry.objects.get(action="import", object_type="indicators.indicatorvalue")
    assert (entry.actor, entry.organisation_id) == (world.alice, world.kommun_a.pk)
    assert entry.changes["counts"][1] == {"series": 2, "new_series": 2, "created": 9, "updated": 0, "unchanged": 0}


def test_an_unknown_area_names_line_and_field_and_writes_nothing(world, tmp_path):
    bad = tmp_path / "trygghet.csv"
    bad.write_text((DATA / "trygghet_omraden.csv").read_text(encoding="utf-8-sig").replace(";Norr;2025", ";Söder;2025"),
                   encoding="utf-8")
    with pytest.raises(FormatError) as exc:
        import_indicators(formats.load(str(bad)), user=None, owner=world.kommun_a)
    assert (exc.value.file, exc.value.line, exc.value.field) == (str(bad), 9, "Område")
    assert "Söder" in exc.value.reason and "Exempelstad kommun" in exc.value.reason
    with translation.override("en"):
        assert str(exc.value).startswith(f"{bad}, row 9, field Område: ")
    assert exc.value.reason.endswith("”Söder” bland områdena för Exempelstad kommun.")  # the default language
    assert not IndicatorSeries.objects.exists() and not IndicatorValue.objects.exists()
    assert not AuditEntry.objects.filter(action="import").exists()


def test_another_organisations_areas_are_not_matched(world):
    with pytest.raises(FormatError) as exc:
        run("trygghet_omraden.csv", owner=world.kommun_b)
    assert (exc.value.line, exc.value.field) == (2, "Område")
    assert "Centrum" in exc.value.reason and "Grannstad" in exc.value.reason


def test_the_same_value_twice_in_a_file_is_an_error(world, tmp_path):
    bad = tmp_path / "trygghet.csv"
    text = (DATA / "trygghet_omraden.csv").read_text(encoding="utf-8-sig")
    bad.write_text(text + "Andel som känner sig otrygga;torget;2024;30;Totalt;procent;1\r\n", encoding="utf-8")
    with pytest.raises(FormatError) as exc:
        import_indicators(formats.load(str(bad)), user=None, owner=world.kommun_a)
    assert exc.value.line == 11 and exc.value.reason.endswith(" 3.")  # the row it repeats
    assert not IndicatorValue.objects.exists()


def test_a_bad_line_late_in_a_file_writes_nothing(tmp_path):
    bad = tmp_path / "brå.csv"
    line = "Malmö;Rån;2024;Januari;tolv;1,0\r\n"
    bad.write_bytes((DATA / "bra_databasfil.csv").read_bytes() + line.encode("latin-1"))
    with pytest.raises(FormatError) as exc:
        run(str(bad))
    assert (exc.value.line, exc.value.field) == (58, "Antal") and "tolv" in exc.value.reason
    assert not IndicatorValue.objects.exists()


def test_own_data_needs_an_owner_the_user_may_change(world):
    with pytest.raises(FormatError, match="behöver organisationen som äger"):
        run("trygghet_omraden.csv")
    with pytest.raises(PermissionDenied):
        run("trygghet_omraden.csv", owner=world.kommun_a, user=world.carol)
    with pytest.raises(PermissionDenied):
        run("trygghet_omraden.csv", owner=world.kommun_a, user=world.bob)  # a rapportör may not change data
    assert not IndicatorValue.objects.exists()


def test_a_dry_run_counts_and_writes_nothing():
    result = run("bra_databasfil.csv", dry_run=True)
    assert result.created == 56
    assert not IndicatorValue.objects.exists() and not IndicatorSeries.objects.exists()
    assert not AuditEntry.objects.filter(action="import").exists()
