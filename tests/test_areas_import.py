import json
from pathlib import Path

import pytest
from django.utils import translation

from samtrygg.areas.models import Area
from samtrygg.areas.services import ImportRejected, areas_import_geojson
from samtrygg.audit.models import AuditEntry

STADSDELAR = Path(__file__).parent / "data" / "stockholm_stadsdelar_simplified.geojson"


@pytest.mark.django_db
def test_it_imports_stockholms_117_stadsdelar(world):
    created = areas_import_geojson(actor=world.alice, owner=world.kommun_a, data=STADSDELAR.read_bytes())
    assert len(created) == 117
    bagarmossen = Area.objects.get(owner=world.kommun_a, name="BAGARMOSSEN")
    assert 18.1 < bagarmossen.min_lon < bagarmossen.max_lon < 18.2
    assert 59.2 < bagarmossen.min_lat < bagarmossen.max_lat < 59.3
    assert AuditEntry.objects.filter(action="create", object_type="areas.area").count() >= 117


def _collection(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def _square(name, x=18.0, y=59.3, **props):
    ring = [[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]
    return {"type": "Feature", "properties": {"name": name, **props},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


@pytest.mark.django_db
def test_one_bad_feature_writes_nothing_and_every_problem_is_named(world):
    before = Area.objects.count(), AuditEntry.objects.count()
    bowtie = _square("Fluga")
    bowtie["geometry"]["coordinates"] = [[[18.0, 59.3], [18.01, 59.31], [18.01, 59.3], [18.0, 59.31], [18.0, 59.3]]]
    sweref = _square("Meter", x=674032.0, y=6580822.0)
    data = _collection(_square("Bra"), bowtie, _square(""), sweref, _square("Bra"),
                       _square("Folk", population="många"), {"type": "Feature", "properties": {"name": "Punkt"},
                                                             "geometry": {"type": "Point", "coordinates": [18, 59]}})
    with translation.override("en"), pytest.raises(ImportRejected) as exc:
        areas_import_geojson(actor=world.alice, owner=world.kommun_a, data=data)
    with translation.override("en"):
        messages = [str(e) for e in exc.value.errors]
    assert any("2 (Fluga)" in m and "invalid" in m for m in messages)
    assert any(m.startswith("Feature 3") and "name" in m for m in messages)
    assert any("4 (Meter)" in m and "SWEREF" in m for m in messages)
    assert any("5 (Bra)" in m and "twice" in m for m in messages)
    assert any("6 (Folk)" in m and "whole number" in m for m in messages)
    assert any("7 (Punkt)" in m and "Point" in m for m in messages)
    assert (Area.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.django_db
@pytest.mark.parametrize("data, message", [
    (b"not json", "not valid GeoJSON"),
    (b'{"type": "Feature"}', "FeatureCollection"),
    (b'{"type": "FeatureCollection", "features": []}', "no features"),
    (json.dumps({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:3006"}},
                 "features": [_square("x")]}).encode(), "EPSG:3006"),
])
def test_it_refuses_files_that_are_not_usable(world, data, message):
    with translation.override("en"), pytest.raises(ImportRejected) as exc:
        areas_import_geojson(actor=world.alice, owner=world.kommun_a, data=data)
    assert message in str(exc.value.errors[0])


@pytest.mark.django_db
def test_the_import_page_lists_the_problems(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world.alice)
    upload = SimpleUploadedFile("omr.geojson", _collection(_square("A"), _square("")).encode())
    response = client.post("/areas/import/", {
        "owner": world.kommun_a.pk, "file": upload, "kind": "omrade", "name_property": "name",
    })
    assert response.status_code == 200
    assert "Feature 2" in response.content.decode() or "Objekt 2" in response.content.decode()
    assert not Area.objects.filter(name="A").exists()
    upload = SimpleUploadedFile("omr.geojson", _collection(_square("A")).encode())
    response = client.post("/areas/import/", {
        "owner": world.kommun_a.pk, "file": upload, "kind": "omrade", "name_property": "name",
    })
    assert response.status_code == 302
    assert Area.objects.get(name="A").kind == "omrade"


@pytest.mark.django_db
def test_the_import_page_refuses_a_file_over_the_upload_limit(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings

    client = login(world.alice)
    small = _collection(_square("Liten")).encode()
    too_big = small + b" " * (2**20 + 1 - len(small))  # valid GeoJSON, one byte over 1 MB
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2**20):
        response = client.post("/areas/import/", {
            "owner": world.kommun_a.pk, "file": SimpleUploadedFile("stor.geojson", too_big), "kind": "omrade",
            "name_property": "name",
        })
    assert response.status_code == 200
    assert response.context["form"].has_error("file", code="file_too_large")
    assert "Filen är för stor: högst 1 MB kan laddas upp." in response.content.decode()  # Swedish by default
    assert not Area.objects.filter(name="Liten").exists()
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2**20):
        response = client.post("/areas/import/", {
            "owner": world.kommun_a.pk, "file": SimpleUploadedFile("stor.geojson", too_big[:2**20]),
            "kind": "omrade", "name_property": "name",
        })
    assert response.status_code == 302
    assert Area.objects.filter(name="Liten").exists()


@pytest.mark.parametrize("size, text", [(20 * 2**20, "20"), (2**19, "0,5"), (1536 * 2**10, "1,5"), (1024, "0,000977")])
def test_upload_limits_are_named_in_megabytes(size, text):
    from samtrygg.areas.forms import megabytes

    with translation.override("sv"):
        assert megabytes(size) == text
