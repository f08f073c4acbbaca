"""The lägesbild: workflow, freezing on adoption, who sees and changes it, partners' observations, privacy,
and the document's numbers (counts, change, hot spots) from real incidents."""

import html
import random
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from identity_numbers import identity_number
from personas import World, make_area
from reporting import GRANNSTAD, TORGET, category, report
from samtrygg.access import Access, OrganisationAccess
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import OrgType, Role
from samtrygg.areas.models import AreaKind
from samtrygg.audit.models import AuditEntry
from samtrygg.decisions.models import Status
from samtrygg.incidents import services as incident_services
from samtrygg.incidents.models import Incident
from samtrygg.incidents.query import IncidentQuery
from samtrygg.lagesbild import selectors, services
from samtrygg.lagesbild.document import document_of
from samtrygg.publishing.document import Document, Figure, KeyFigures
from samtrygg.sharing import services as sharing
from samtrygg.sharing.models import DataKind

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PERIOD = (TODAY - timedelta(days=89), TODAY)


def draft(world, **fields):
    fields.setdefault("title", "Lägesbild Centrum")
    return services.lagesbild_create(actor=world.alice, owner=world.kommun_a, area=world.area_a,
                                     period_start=PERIOD[0], period_end=PERIOD[1], **fields)


def adopted(world, lagesbild=None):
    lagesbild = lagesbild or draft(world)
    services.lagesbild_submit(actor=world.alice, lagesbild=lagesbild)
    return services.lagesbild_adopt(actor=world.alice, lagesbild=lagesbild, decided_on=TODAY,
                                    decided_by="Kommunstyrelsen")


def key_figures(doc: Document, section: str) -> dict[str, float]:
    block = next(b for s in doc.sections if s.key == section for b in s.blocks if isinstance(b, KeyFigures))
    return {item.label: item.value for item in block.items}


def figure(doc: Document, kind: str) -> Figure:
    return next(f for f in doc.figures() if f.kind == kind)


def cluster(world, n, centre=TORGET, spread=0.0005, days=80, seed=1):
    rng = random.Random(seed)
    for _ in range(n):
        report(world, where=(centre[0] + rng.uniform(-spread, spread), centre[1] + rng.uniform(-spread, spread)),
               hours_ago=rng.uniform(1, days * 24))


def test_counts_come_from_the_area_and_period(world):
    cluster(world, 12)
    report(world, hours_ago=24 * 375)  # the same period a year earlier: the comparison period
    report(world, hours_ago=24 * 100)  # neither period
    report(world, where=(59.23, 17.65))  # Norr: another area
    doc = document_of(draft(world))
    figures = key_figures(doc, "handelser")
    assert figures["Händelser"] == 12
    assert figures["Jämförelseperiod"] == 1
    assert doc.language == "sv" and doc.meta[1] == ("Område", "Centrum")


def test_an_adopted_lagesbild_does_not_change_when_incidents_are_added(world):
    cluster(world, 30)
    lagesbild = adopted(world)
    before = lagesbild.document
    assert key_figures(Document.from_dict(before), "handelser")["Händelser"] == 30
    cluster(world, 25, seed=2)
    report(world, hours_ago=24 * 100)
    lagesbild.refresh_from_db()
    assert lagesbild.document == before
    again = document_of(lagesbild)
    assert key_figures(again, "handelser")["Händelser"] == 30
    assert again.to_dict() == before
    # a draft of the same area and period sees the new incidents
    assert key_figures(document_of(draft(world)), "handelser")["Händelser"] == 55


def test_planted_cluster_is_a_99_percent_hot_spot_on_the_map(world):
    rng = random.Random(5)
    for _ in range(60):  # thin background over Centrum (17.60–17.70 E, 59.18–59.22 N)
        report(world, where=(rng.uniform(59.181, 59.219), rng.uniform(17.601, 17.699)), hours_ago=rng.uniform(1, 1900))
    rng = random.Random(6)
    for _ in range(100):  # a planted cluster of a few hundred metres in Torget
        report(world, where=(TORGET[0] + rng.uniform(-0.002, 0.002), TORGET[1] + rng.uniform(-0.003, 0.003)),
               hours_ago=rng.uniform(1, 1900))
    doc = document_of(draft(world))
    hexmap = figure(doc, "hexmap")
    grades = {c["cell"]: c["grade"] for c in hexmap.data["cells"]}
    assert max(grades.values()) == 3
    geography = next(s for s in doc.sections if s.key == "geografi")
    table = next(b for b in geography.blocks if getattr(b, "columns", None))
    assert table.rows[0][0] == "Torget" and table.rows[0][3] == "99 %"


def test_workflow_and_audit(world):
    lagesbild = draft(world)
    with pytest.raises(ValidationError):
        services.lagesbild_adopt(actor=world.alice, lagesbild=lagesbild, decided_on=TODAY, decided_by="KS")
    services.lagesbild_submit(actor=world.alice, lagesbild=lagesbild)
    services.lagesbild_reopen(actor=world.alice, lagesbild=lagesbild)
    assert lagesbild.status == Status.DRAFT
    adopted(world, lagesbild)
    assert lagesbild.status == Status.ADOPTED and lagesbild.adopted_by == world.alice
    with pytest.raises(ValidationError):
        services.lagesbild_update(actor=world.alice, lagesbild=lagesbild, summary="Ändrad")
    with pytest.raises(ValidationError):
        services.observation_add(actor=world.bob, lagesbild=lagesbild, organisation=world.kommun_a, text="Sent")
    version = services.lagesbild_new_version(actor=world.alice, lagesbild=lagesbild)
    assert version.version == 2 and version.status == Status.DRAFT and version.previous == lagesbild
    assert selectors.versions(version) == [lagesbild]
    actions = list(AuditEntry.objects.filter(object_type="lagesbild.lagesbild").values_list("action", flat=True))
    assert len(actions) >= 6


def test_text_with_an_identity_number_is_refused(world):
    number = identity_number(date(1985, 4, 12), 123)
    with pytest.raises(ValidationError) as error:
        draft(world, summary=f"Anmälan om {number}")
    assert "personnummer" in str(error.value)
    lagesbild = draft(world)
    with pytest.raises(ValidationError):
        services.observation_add(actor=world.bob, lagesbild=lagesbild, organisation=world.kommun_a,
                                 text=f"Såg {number} vid torget")


def test_who_sees_and_changes(world):
    lagesbild = draft(world)
    alice, bob, carol, dave = (Access(u) for u in (world.alice, world.bob, world.carol, world.dave))
    assert selectors.lagesbilder(alice, "change").filter(pk=lagesbild.pk).exists()
    assert selectors.lagesbilder(bob).filter(pk=lagesbild.pk).exists()
    assert not selectors.lagesbilder(bob, "change").filter(pk=lagesbild.pk).exists()
    assert not selectors.lagesbilder(carol).filter(pk=lagesbild.pk).exists()
    assert not selectors.lagesbilder(dave).filter(pk=lagesbild.pk).exists()
    sharing.grant_create(actor=world.alice, grantor=world.kommun_a, grantee=world.police, kind=DataKind.LAGESBILDER,
                         access="read", areas=[world.area_a])
    assert selectors.lagesbilder(Access(world.dave)).filter(pk=lagesbild.pk).exists()


def test_the_document_counts_what_the_owner_sees_whoever_opens_it(world):
    cluster(world, 5)
    report(world, actor=world.carol, owner=world.kommun_b, where=TORGET)  # Grannstad's own report in Centrum
    lagesbild = draft(world)
    assert OrganisationAccess(world.kommun_a).orgs_for("view") == {world.kommun_a.pk, world.forvaltning_a.pk}
    assert key_figures(document_of(lagesbild), "handelser")["Händelser"] == 5


def test_pages(world, login):
    cluster(world, 20)
    client = login(world.alice)
    response = client.post(reverse("lagesbild:create"), {
        "owner": world.kommun_a.pk, "title": "Lägesbild 2026", "area": world.area_a.pk,
        "period_start": PERIOD[0].isoformat(), "period_end": PERIOD[1].isoformat(),
        "summary": "Klotter ökar vid torget.", "conclusions": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    page = client.get(reverse("lagesbild:detail", args=[pk]))
    html = page.content.decode()
    assert "Klotter ökar vid torget." in html and reverse("lagesbild:figure", args=[pk, 1, "svg"]) in html
    client.post(reverse("lagesbild:problem_add", args=[pk]), {"title": "Klotter vid torget", "description": "Kvällar"})
    client.post(reverse("lagesbild:observation_add", args=[pk]),
                {"organisation": world.kommun_a.pk, "text": "Trasig belysning i gången"})
    client.post(reverse("lagesbild:step", args=[pk, "submit"]))
    client.post(reverse("lagesbild:adopt", args=[pk]), {"decided_on": TODAY.isoformat(), "decided_by": "KS"})
    doc = document_of(selectors.lagesbild_get(Access(world.alice), pk))
    assert doc.meta[3][1].startswith("Fastställd")
    sections = {s.key: s for s in doc.sections}
    assert "Klotter vid torget" in str(sections["slutsatser"].to_dict())
    assert "Trasig belysning i gången" in str(sections["iakttagelser"].to_dict())
    pdf = client.get(reverse("lagesbild:pdf", args=[pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("lagesbild:docx", args=[pk]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    other = login(world.carol)
    assert other.get(reverse("lagesbild:detail", args=[pk])).status_code == 404
    assert other.get(reverse("lagesbild:pdf", args=[pk])).status_code == 404


def test_statistics_and_surveys_from_imported_indicators(world):
    from pathlib import Path

    from samtrygg.indicators import formats
    from samtrygg.indicators import services as indicators

    data = Path(__file__).parent / "data" / "indicators"
    indicators.import_indicators(formats.load(str(data / "kolada_N07403.json")), user=world.alice)
    indicators.import_indicators(formats.load(str(data / "trygghet_omraden.csv")), user=world.alice,
                                 owner=world.kommun_a)
    lagesbild = services.lagesbild_create(actor=world.alice, owner=world.kommun_a, area=world.area_a,
                                          title="Lägesbild 2024", period_start=date(2024, 1, 1),
                                          period_end=date(2024, 12, 31))
    sections = {s.key: s for s in document_of(lagesbild).sections}
    statistics = sections["statistik"].blocks[0]
    assert statistics.columns[1:] == ["Stockholm", "Stockholms län", "Riket"]
    assert statistics.source == "Kolada"
    assert [row[0] for row in statistics.rows] == ["2022", "2023"]
    assert all(isinstance(row[1], float) for row in statistics.rows)
    survey = sections["trygghet"].blocks[0]
    assert survey.columns[0] == "Område" and "2024" in survey.columns
    assert [survey.rows[1][0], survey.rows[1][survey.columns.index("2024")]] == ["Torget", 35.5]
    assert survey.source == "egen trygghetsmätning"
    # Grannstad's coordinator sees neither the survey nor the lägesbild
    assert not selectors.lagesbilder(Access(world.carol)).filter(pk=lagesbild.pk).exists()


def test_analysis_page_and_adding_a_view_to_a_draft(world, login):
    cluster(world, 15)
    lagesbild = draft(world)
    client = login(world.alice)
    page = client.get(reverse("lagesbild:analysis"))
    assert page.status_code == 200 and "data:image/svg+xml;base64," in page.content.decode()
    query = (f"area={world.area_a_sub.pk}&period_from={PERIOD[0].isoformat()}&period_to={PERIOD[1].isoformat()}"
             f"&category={category('skadegorelse.klotter').pk}")
    page = client.get(f"{reverse('lagesbild:analysis')}?{query}")
    assert "Händelser per veckodag och timme" in page.content.decode()
    response = client.post(f"{reverse('lagesbild:analysis_add')}?{query}",
                           {"lagesbild": lagesbild.pk, "kind": "tid", "title": "Klotter vid torget"})
    assert response.status_code == 302
    deepening = lagesbild.deepenings.get()
    assert deepening.area == world.area_a_sub and list(deepening.categories.all()) == [category("skadegorelse.klotter")]
    section = next(s for s in document_of(lagesbild).sections if s.key == "fordjupningar")
    assert section.blocks[0].text.startswith("Klotter vid torget — Torget")
    assert [b.kind for b in section.blocks if isinstance(b, Figure)] == ["heatmap", "trend"]
    # Bob (reporter) may analyse but has no draft to add to; Carol cannot add to Exempelstad's draft
    assert login(world.bob).get(reverse("lagesbild:analysis")).context["add_form"] is None
    carol = login(world.carol)
    carol.post(f"{reverse('lagesbild:analysis_add')}?{query}",
               {"lagesbild": lagesbild.pk, "kind": "tid", "title": "Intrång"})
    assert lagesbild.deepenings.count() == 1


def test_the_comparison_period_is_the_same_dates_a_year_earlier_up_to_a_year():
    from samtrygg.lagesbild.gather import Period

    assert Period(date(2026, 1, 1), date(2026, 11, 28)).before() == Period(date(2025, 1, 1), date(2025, 11, 28))
    assert Period(date(2024, 2, 1), date(2024, 2, 29)).before() == Period(date(2023, 2, 1), date(2023, 2, 28))
    assert Period(date(2025, 1, 1), date(2026, 1, 1)).before() == Period(date(2024, 1, 1), date(2024, 12, 31))
    assert Period(date(2024, 1, 1), date(2025, 12, 31)).before() == Period(date(2022, 1, 1), date(2023, 12, 31))


def test_trends_and_charts_use_whole_months_only():
    from samtrygg.lagesbild.gather import Period
    from samtrygg.lagesbild.sections import _whole_months

    months = _whole_months(Period(date(2026, 1, 31), date(2026, 11, 28)))
    assert months[0] == "2026-02-01" and months[-1] == "2026-10-01" and len(months) == 9


def test_each_figure_is_its_own_request_and_opens_at_full_size(world, login):
    cluster(world, 10)
    lagesbild = draft(world)
    client = login(world.alice)
    page = client.get(reverse("lagesbild:detail", args=[lagesbild.pk])).content.decode()
    assert "data:image/svg+xml" not in page  # the page links its figures, it does not carry them
    shown = re.search(r'<img[^>]+src="(' + re.escape(reverse("lagesbild:figure", args=[lagesbild.pk, 1, "svg"]))
                      + r'\?v=[0-9a-f]+)"', page)
    assert shown, page
    image = client.get(html.unescape(shown.group(1)))
    assert image.status_code == 200 and image["Content-Type"] == "image/svg+xml" and b"<svg" in image.content
    assert "private" in image["Cache-Control"] and "max-age=86400" in image["Cache-Control"]
    full = client.get(reverse("lagesbild:figure", args=[lagesbild.pk, 1, "png"]))  # no version: not kept
    assert full.status_code == 200 and full["Content-Type"] == "image/png" and full.content[:4] == b"\x89PNG"
    assert "no-cache" in full["Cache-Control"]
    assert reverse("lagesbild:figure", args=[lagesbild.pk, 1, "png"]) in page
    assert client.get(reverse("lagesbild:figure", args=[lagesbild.pk, 99, "svg"])).status_code == 404
    assert client.get(reverse("lagesbild:figure", args=[lagesbild.pk, 1, "gif"])).status_code == 404
    assert login(world.carol).get(reverse("lagesbild:figure", args=[lagesbild.pk, 1, "svg"])).status_code == 404
    report(world)  # the document changed: the page names its figures anew
    again = client.get(reverse("lagesbild:detail", args=[lagesbild.pk])).content.decode()
    assert shown.group(1) not in again


def test_a_drafts_document_is_current_with_what_a_sharing_organisations_children_write_and_with_names(world):
    """The draft's key (document.document_key) moves with everything its owner sees, as the incident list's page
    does (incidents.selectors.seen_version): an incident that a förvaltning below the kommun that shared the area
    reports, and a renamed area."""
    from samtrygg.areas import services as areas
    from samtrygg.lagesbild import document

    sharing.grant_create(actor=world.alice, grantor=world.kommun_a, grantee=world.police,
                         kind=DataKind.INCIDENTS, access="read", areas=[world.area_a])
    lagesbild = services.lagesbild_create(actor=world.dave, owner=world.police, area=world.area_a,
                                          title="Lägesbild Centrum", period_start=PERIOD[0], period_end=PERIOD[1])
    key = document.document_key(lagesbild)
    assert document.document_key(lagesbild) == key  # nothing changed: the same build
    report(world, actor=world.erik, owner=world.forvaltning_a)
    assert document.document_key(lagesbild) != key
    key = document.document_key(lagesbild)
    areas.area_update(actor=world.alice, area=world.area_a_sub, name="Stortorget")
    assert document.document_key(lagesbild) != key


@pytest.mark.parametrize(("first", "last", "message"), [
    ("0001-01-01", "9999-12-31", "Ange en dag från 1900-01-01 till 2999-12-31."),
    ("1900-01-01", "2999-12-31", "En period får vara högst 10 år lång."),
    ("2026-06-01", "2026-01-01", "Perioden slutar innan den börjar."),
])
def test_the_analysis_refuses_periods_it_cannot_read_at_once(world, login, first, last, message):
    query = f"area={world.area_a_sub.pk}&period_from={first}&period_to={last}"
    page = login(world.alice).get(f"{reverse('lagesbild:analysis')}?{query}")
    assert page.status_code == 200 and message in page.content.decode()
    assert not page.context["sections"]


def test_a_lagesbild_longer_than_ten_years_is_refused_by_its_form(world, login):
    response = login(world.alice).post(reverse("lagesbild:create"), {
        "owner": world.kommun_a.pk, "title": "Hela seklet", "area": world.area_a.pk,
        "period_start": "1990-01-01", "period_end": "2025-12-31"})
    assert response.status_code == 200 and "En period får vara högst 10 år lång." in response.content.decode()


def test_analysis_compares_two_areas_and_finds_near_repeats(world, login):
    from samtrygg.areas.models import Area

    Area.objects.filter(pk=world.area_a_sub.pk).update(population=2000)
    Area.objects.filter(pk=world.area_a2.pk).update(population=8000)
    rng = random.Random(8)
    for _ in range(25):  # near-repeats: each incident followed by another within a day a few metres away
        lat, lon, hours = rng.uniform(59.191, 59.199), rng.uniform(17.621, 17.629), rng.uniform(48, 80 * 24)
        report(world, where=(lat, lon), hours_ago=hours)
        report(world, where=(lat + 0.0002, lon), hours_ago=hours - rng.uniform(1, 20))
    for _ in range(10):
        report(world, where=(rng.uniform(59.225, 59.245), rng.uniform(17.61, 17.69)), hours_ago=rng.uniform(1, 1900))
    client = login(world.alice)
    query = (f"area={world.area_a_sub.pk}&compare_area={world.area_a2.pk}&period_from={PERIOD[0].isoformat()}"
             f"&period_to={PERIOD[1].isoformat()}&category={category('skadegorelse.klotter').pk}")
    sections = {s["key"]: s for s in client.get(f"{reverse('lagesbild:analysis')}?{query}").context["sections"]}
    table = sections["jamforelse"]["blocks"][0]
    assert [row[0]["text"] for row in table["rows"]] == ["Torget", "Norr"]
    assert [row[1]["text"] for row in table["rows"]] == ["50", "10"]
    assert "Torget har 20,00 gånger" in sections["jamforelse"]["blocks"][1]["paragraphs"][0]
    knox = {item["label"]: item for item in sections["narupprepning"]["blocks"][0]["items"]}
    assert int(knox["Par nära i plats och tid"]["value"]) >= 25
    assert "statistiskt säkerställd" in knox["Kvot"]["note"] and "inte" not in knox["Kvot"]["note"]


def test_a_drafts_document_is_built_once_per_version_of_its_inputs_and_shared(world, monkeypatch):
    from django.core.cache.backends.db import DatabaseCache

    from samtrygg.lagesbild import document

    builds = []
    real_build = document.build_document
    monkeypatch.setattr(document, "build_document", lambda lagesbild: builds.append(1) or real_build(lagesbild))
    cluster(world, 5)
    lagesbild = draft(world)

    def handelser():
        return key_figures(document_of(selectors.lagesbild_get(Access(world.alice), lagesbild.pk)), "handelser")[
            "Händelser"]

    assert (handelser(), handelser(), len(builds)) == (5, 5, 1)  # built once, then read
    # Another process (a second worker, another server) finds the same build: it is in the database.
    other = DatabaseCache("samtrygg_document_cache", {})
    assert other.get(document.document_key(lagesbild))[0] == document.draft_document(lagesbild)[0]
    report(world)  # a new incident
    assert (handelser(), len(builds)) == (6, 2)
    report(world, owner=world.kommun_b, actor=world.carol, where=GRANNSTAD)  # another municipality's: not an input
    assert (handelser(), len(builds)) == (6, 2)
    services.problem_save(actor=world.alice, lagesbild=lagesbild, title="Klotter")  # the draft changed
    assert (handelser(), len(builds)) == (6, 3)
    grant = sharing.grant_create(actor=None, grantor=world.kommun_b, grantee=world.kommun_a,
                                 kind=DataKind.INCIDENTS, access="read", areas=[world.area_b])
    assert (handelser(), len(builds)) == (6, 4)  # what kommun A sees may have changed
    sharing.grant_revoke(actor=None, grant=grant)
    assert (handelser(), len(builds)) == (6, 5)
    incident_services.incident_delete(actor=world.alice, incident=Incident.objects.filter(owner=world.kommun_a)[0])
    assert (handelser(), len(builds)) == (5, 6)
    adopted(world, selectors.lagesbild_get(Access(world.alice), lagesbild.pk))
    report(world)  # an adopted lägesbild's document is frozen: nothing is built
    assert (handelser(), len(builds)) == (5, 6)


def test_workflow_messages_are_in_the_readers_language(world, login, settings):
    lagesbild = draft(world)
    client = login(world.alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.post(reverse("lagesbild:step", args=[lagesbild.pk, "submit"]), follow=True)
    assert "The situation picture was sent for review." in page.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    page = client.post(reverse("lagesbild:step", args=[lagesbild.pk, "reopen"]), follow=True)
    assert "Lägesbilden är ett utkast igen." in page.content.decode()


def observations_text(doc: Document) -> str:
    return str(next(s for s in doc.sections if s.key == "iakttagelser").to_dict())


def test_a_new_version_carries_the_observations_which_its_changers_may_drop(world, login):
    lagesbild = draft(world)
    ours = services.observation_add(actor=world.bob, lagesbild=lagesbild, organisation=world.kommun_a,
                                    text="Trasig belysning i gången")
    theirs = services.observation_add(actor=world.dave, lagesbild=lagesbild, organisation=world.police,
                                      text="Ungdomar samlas vid torget sena fredagar")
    adopted(world, lagesbild)
    frozen = dict(lagesbild.document)
    version = services.lagesbild_new_version(actor=world.alice, lagesbild=lagesbild)
    carried = list(version.observations.order_by("pk"))
    assert [(o.carried_from, o.organisation, o.author, o.text, o.created_at) for o in carried] == [
        (o, o.organisation, o.author, o.text, o.created_at) for o in (ours, theirs)]
    assert {o.pk for o in carried}.isdisjoint({ours.pk, theirs.pk})  # copies: the adopted version keeps its own
    entries = AuditEntry.objects.filter(object_type="lagesbild.observation", action="create",
                                        object_id__in=[str(o.pk) for o in carried])
    assert sorted(entries.values_list("object_id", "organisation_id")) == sorted(
        [(str(carried[0].pk), world.kommun_a.pk), (str(carried[1].pk), world.kommun_a.pk),
         (str(carried[1].pk), world.police.pk)])  # the partner's copy is on record with the partner too
    with translation.override("sv"):
        marked = gettext("%(text)s (carried over from version %(version)s)") % {
            "text": theirs.text, "version": 1}
    assert marked in observations_text(document_of(version))

    fresh = services.observation_add(actor=world.bob, lagesbild=version, organisation=world.kommun_a, text="Ny")
    drop = [reverse("lagesbild:observation_drop", args=[version.pk, o.pk]) for o in (carried[1], fresh)]
    page = login(world.alice).get(reverse("lagesbild:detail", args=[version.pk])).content.decode()
    assert drop[0] in page and drop[1] not in page  # only what was carried over is offered for dropping
    assert drop[0] not in login(world.bob).get(reverse("lagesbild:detail", args=[version.pk])).content.decode()
    assert login(world.bob).post(drop[0]).status_code == 404  # a reporter may read the draft, not change it
    assert login(world.carol).post(drop[0]).status_code == 404
    assert login(world.alice).post(drop[1]).status_code == 404  # a new observation is not dropped here
    assert version.observations.count() == 3

    assert login(world.alice).post(drop[0]).status_code == 302
    assert list(version.observations.order_by("pk")) == [carried[0], fresh]
    assert AuditEntry.objects.filter(object_type="lagesbild.observation", action="delete",
                                     object_id=str(carried[1].pk)).count() == 2
    version.refresh_from_db()  # the drop touched the draft: its document is built anew
    assert theirs.text not in observations_text(document_of(version))
    lagesbild.refresh_from_db()
    assert list(lagesbild.observations.order_by("pk")) == [ours, theirs] and lagesbild.document == frozen
    assert theirs.text in observations_text(document_of(lagesbild))
    # the adopted version's own observations cannot be dropped through it
    assert login(world.alice).post(reverse("lagesbild:observation_drop", args=[lagesbild.pk, theirs.pk])
                                   ).status_code == 404
    with pytest.raises(ValidationError):
        services.observation_delete(actor=world.alice, observation=theirs)


def test_the_document_counts_a_partners_shared_reports_in_its_estates_and_names_the_partner(world):
    housing = accounts.organisation_create(actor=None, name="Exempelbostäder AB", type=OrgType.BOSTADSBOLAG)
    bovard = World.user("bovard", housing, Role.RAPPORTOR)
    estate = make_area(housing, "Torgets bostäder", (17.621, 59.191, 17.629, 59.199), kind=AreaKind.OMRADE)
    cluster(world, 4)
    theirs = [report(world, where=TORGET, actor=bovard, owner=housing, hours_ago=h) for h in (3, 30, 300)]
    assert {i.area for i in theirs} == {estate}  # filed under the company's own estate, inside Torget
    lagesbild = draft(world)

    def handelser(lagesbild) -> tuple[float, str]:
        doc = document_of(lagesbild)
        texts = str(next(s for s in doc.sections if s.key == "handelser").to_dict())
        return key_figures(doc, "handelser")["Händelser"], texts

    count, text = handelser(lagesbild)
    assert count == 4 and "Exempelstad kommun (4)" in text and "Exempelbostäder AB" not in text
    sharing.grant_create(actor=None, grantor=housing, grantee=world.kommun_a, kind=DataKind.INCIDENTS,
                         access="read", areas=[estate])
    services.lagesbild_update(actor=world.alice, lagesbild=lagesbild, summary="Med bostadsbolagets rapporter.")
    count, text = handelser(lagesbild)
    assert count == 7 and "Exempelstad kommun (4)" in text and "Exempelbostäder AB (3)" in text
    with translation.override("sv"):
        assert gettext("shared by partners: %(organisations)s") % {"organisations": "Exempelbostäder AB (3)"} in text
    # The police, who see Centrum's reports through kommun A, do not see the company's: it shares only with A.
    sharing.grant_create(actor=world.alice, grantor=world.kommun_a, grantee=world.police, kind=DataKind.INCIDENTS,
                         access="read", areas=[world.area_a])
    seen = IncidentQuery(Access(world.dave), areas=[world.area_a.pk]).queryset()
    assert seen.count() == 4 and not seen.filter(owner=housing).exists()
    assert IncidentQuery(OrganisationAccess(world.kommun_a), areas=[world.area_a_sub.pk]).queryset().filter(
        owner=housing).count() == 3  # the estate lies in Torget: counted there too
    assert not IncidentQuery(OrganisationAccess(world.kommun_a), areas=[world.area_a2.pk]).queryset().filter(
        owner=housing).exists()
