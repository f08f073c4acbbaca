"""The county's lägesbild: drafted by the region from what its members share, sent for review, adopted with the
decision and frozen; as PDF (read back) and DOCX. Drafts are the region's own; members' people read it once adopted;
no one else reads it at all."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pdf_pixels import pages
from samtrygg.access import Access
from samtrygg.audit.models import Action as AuditAction
from samtrygg.audit.models import AuditEntry
from samtrygg.county import document, services, statistics
from samtrygg.county.models import CountyPicture
from test_county import YEAR, County, add, import_kolada_for_all, planted

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(db):
    county = County()
    add(county.kommun["1980"], 120, "skadegorelse.klotter")
    add(county.kommun["1961"], 60, "skadegorelse.klotter")
    add(county.kommun["1907"], 3, "skadegorelse.klotter")  # small: hidden
    add(county.kommun["1983"], 77, "stold.cykel")  # Köping does not share
    _resolution, background, plant = planted()
    for code in ("1980", "1961"):
        add(county.kommun[code], 0, "brand.anlagd", cells_at=background[code] + plant[code])
    import_kolada_for_all()
    return county


def draft(county) -> CountyPicture:
    series = statistics.national_series(Access(county.analyst)).get()
    return services.picture_save(actor=county.analyst, region=county.region, title=f"Länets lägesbild {YEAR}",
                                 year=YEAR, series=series, summary="Skadegörelsen dominerar i länet.",
                                 conclusions="Länsgemensam satsning mot klotter längs pendelstråken.")


def test_drafted_adopted_frozen_and_read_back_as_pdf(county, client):
    picture = draft(county)
    client.force_login(county.analyst)
    page = client.get(reverse("county:picture", args=[picture.pk]))
    assert page.status_code == 200 and "Skadegörelsen dominerar" in page.content.decode()
    client.force_login(county.reader)  # a member's reader: not while it is a draft
    assert client.get(reverse("county:picture", args=[picture.pk])).status_code == 404

    services.picture_submit(actor=county.analyst, picture=picture)
    with pytest.raises(ValidationError):
        services.picture_save(actor=county.analyst, region=county.region, picture=picture, title="Ändrad", year=YEAR)
    services.picture_adopt(actor=county.analyst, picture=picture, decided_on=date(YEAR + 1, 3, 1),
                           decided_by="Länsstyrelsens ledningsgrupp")
    picture.refresh_from_db()
    assert picture.is_adopted and picture.document["title"] == f"Länets lägesbild {YEAR}"
    frozen = picture.document
    add(county.kommun["1980"], 50, "skadegorelse.klotter")  # later reports do not change the adopted picture
    assert document.document_of(CountyPicture.objects.get(pk=picture.pk), Access(county.analyst)).to_dict() == frozen

    client.force_login(county.reader)  # adopted: the members' people read it
    response = client.get(reverse("county:picture_download", args=[picture.pk, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = "\n".join(p["text"] for p in pages(response.content))
    for expected in ("Länets lägesbild", "Delade händelser", "Västerås kommun", "Hallstahammar kommun",
                     "Heta punkter över kommungränser", "Het punkt på 99 %", "Statistik: medlemmarna sida vid sida",
                     "Länsstyrelsens ledningsgrupp", "Länsgemensam satsning"):
        assert expected in text, (expected, text)
    assert "120" in text and "Bara antal på minst 5 visas" in text
    docx = client.get(reverse("county:picture_download", args=[picture.pk, "docx"]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    exports = AuditEntry.objects.filter(action=AuditAction.EXPORT, object_id=str(picture.pk),
                                        organisation=county.lst)
    assert exports.count() == 2


def test_the_picture_hides_what_the_dashboard_hides(county):
    doc = document.compose(draft(county), Access(county.analyst))
    incidents = next(s for s in doc.sections if s.key == "handelser")
    table = incidents.blocks[1]
    rows = {row[0]: row for row in table.rows}
    assert "Köping kommun" not in rows  # does not share
    assert rows["Surahammar kommun"][1] is None  # 3 < k: hidden
    assert all(v is None or v == 0 or v >= 5 for row in table.rows for v in row[1:2])


def test_only_the_regions_coordinators_and_admins_make_one(county, client, world):
    with pytest.raises(ValidationError):
        services.picture_save(actor=county.coordinator, region=county.region, title="X", year=YEAR)
    client.force_login(county.coordinator)  # a member's coordinator
    assert client.get(reverse("county:picture_create", args=[county.region.pk])).status_code == 404
    picture = draft(county)
    client.force_login(world.alice)  # someone elsewhere sees nothing
    assert client.get(reverse("county:picture", args=[picture.pk])).status_code == 404
    client.force_login(county.analyst)
    response = client.post(reverse("county:picture_create", args=[county.region.pk]),
                           {"title": "Länets lägesbild", "year": YEAR, "summary": "", "conclusions": ""})
    assert response.status_code == 302
    assert CountyPicture.objects.filter(region=county.region).count() == 2
