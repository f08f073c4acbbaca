"""The county level and its surveys through the REST API, with the pages' rights: the dashboard's counts (hidden
numbers null, none below k, a member that does not share nowhere), its hot spots, a member's sharing opted into
and revoked (audited), the surveys, their results and a member's answers; an outsider finds nothing (404)."""

from datetime import date

import pytest

from identity_numbers import identity_number
from samtrygg.audit.models import Action as AuditAction
from samtrygg.audit.models import AuditEntry
from samtrygg.county import publication
from samtrygg.county.models import AggregateShare, ShareKind
from samtrygg.surveys import services as surveys
from samtrygg.surveys.models import Answer, Kind, Status
from test_api_plans import _fresh_throttle, api  # noqa: F401 - fixtures
from test_api_robustness import conforms
from test_county import YEAR, County, add, planted

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(db):
    return County()


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").json()


def shown_numbers(counts: dict) -> list[int]:
    found = [counts["county_total"], *counts["county_trend"]]
    for row in counts["members"]:
        found += [row["total"], *row["categories"], *(a["count"] for a in row["areas"]), *row["trend"]]
    return [v for v in found if v is not None]


def survey_with_questions(county):
    survey = surveys.survey_save(actor=county.analyst, region=county.region, title="Kartläggning 2026",
                                 closes=date(2026, 12, 31))
    yes_no = surveys.question_save(actor=county.analyst, survey=survey, text="Finns en strategi?",
                                   kind=Kind.YES_NO, section="Styrning")
    number = surveys.question_save(actor=county.analyst, survey=survey, text="Hur många samordnare?",
                                   kind=Kind.NUMBER)
    text = surveys.question_save(actor=county.analyst, survey=survey, text="Övrigt?", kind=Kind.TEXT)
    return survey, yes_no, number, text


def test_the_counts_are_the_dashboards_publication(county, api, document):  # noqa: F811
    add(county.kommun["1980"], 120, "skadegorelse.klotter")
    add(county.kommun["1980"], 40, "brand.anlagd")
    add(county.kommun["1961"], 60, "skadegorelse.klotter")
    add(county.kommun["1961"], 2, "hot-vald.hot")  # small: hidden
    add(county.kommun["1907"], 3, "skadegorelse.klotter")  # a small member: hidden, and one more with it
    add(county.kommun["1983"], 77, "stold.cykel")  # Köping does not share
    lina = api(county.analyst)
    url = f"/api/v1/regions/{county.region.pk}/counts/"
    response = lina.get(url, {"year": YEAR})
    assert response.status_code == 200
    conforms(document, "/api/v1/regions/{id}/counts/", "GET", response)
    counts = response.json()
    table = publication.publish(county.region, YEAR)
    assert [row["name"] for row in counts["members"]] == [row.name for row in table.members] == [
        "Surahammar kommun", "Hallstahammar kommun", "Västerås kommun"]
    assert [row["total"] for row in counts["members"]] == [row.total for row in table.members]
    assert [row["categories"] for row in counts["members"]] == [row.categories for row in table.members]
    assert (counts["county_total"], counts["categories"], counts["hidden"], counts["not_sharing"], counts["k"]) == (
        None, table.categories, table.hidden, 1, 5)
    surahammar = counts["members"][0]
    assert surahammar["total"] is None and surahammar["rate"] is None  # 3 < k: null in the JSON
    assert None in counts["members"][1]["categories"]  # Hallstahammar's 2 threats
    assert all(v == 0 or v >= 5 for v in shown_numbers(counts))
    assert "Köping" not in response.content.decode() and "1983" not in response.content.decode()
    assert lina.get(url).json() == counts  # last year by default
    for year in ("1999", "abc", str(YEAR + 2), "١٢"):
        bad = lina.get(url, {"year": year})
        assert bad.status_code == 400 and "year" in bad.json(), year
    conforms(document, "/api/v1/regions/{id}/counts/", "GET", bad)
    assert api(county.reader).get(url).json() == counts  # a member's reader sees the county's picture



def test_the_hot_spots_cross_the_border_and_show_no_count_below_k(county, api, document):  # noqa: F811
    resolution, background, plant = planted()
    for code in ("1980", "1961"):
        add(county.kommun[code], 0, "skadegorelse.klotter", cells_at=background[code] + plant[code])
    response = api(county.reader).get(f"/api/v1/regions/{county.region.pk}/hotspots/", {"year": YEAR})
    assert response.status_code == 200
    conforms(document, "/api/v1/regions/{id}/hotspots/", "GET", response)
    spots = response.json()
    assert spots["resolution"] == resolution and sorted(spots["members"]) == ["Hallstahammar kommun",
                                                                              "Västerås kommun"]
    [crossing] = [c for c in spots["clusters"] if c["crosses_border"]]
    assert crossing["places"] == ["Hallstahammar kommun", "Västerås kommun"]
    assert {format(c, "x") for c in plant["1980"]} & set(crossing["cells"])
    counts = [n for c in spots["clusters"] for n in c["counts"]]
    assert counts and all(n is None or n >= 5 for n in counts)
    assert api(county.reader).get(f"/api/v1/regions/{county.region.pk}/hotspots/", {"year": "x"}).status_code == 400


def test_regions_show_their_members_and_what_each_shares(county, api, document):  # noqa: F811
    response = api(county.reader).get("/api/v1/regions/")
    assert response.status_code == 200
    conforms(document, "/api/v1/regions/", "GET", response)
    [region] = response.json()
    assert (region["organisation"], region["county_code"], region["min_count"]) == (county.lst.pk, "19", 5)
    shares = {m["kommunkod"]: m["shares"] for m in region["members"]}
    assert shares == {"1907": ["area_counts"], "1961": ["area_counts", "cell_counts"],
                      "1980": ["area_counts", "cell_counts"], "1983": []}
    assert api(county.analyst).get(f"/api/v1/regions/{county.region.pk}/").json() == region


def test_an_outsider_finds_nothing_of_the_region(county, world, api):  # noqa: F811
    survey, *_questions = survey_with_questions(county)
    surveys.survey_open(actor=county.analyst, survey=survey)
    share = AggregateShare.objects.active().get(member=county.member["1980"], kind=ShareKind.AREA_COUNTS)
    alice = api(world.alice)  # administrator of an unrelated kommun
    assert alice.get("/api/v1/regions/").json() == []
    assert alice.get("/api/v1/surveys/").json() == []
    assert alice.get("/api/v1/surveys/", {"region": county.region.pk}).json() == []
    for url in (f"/api/v1/regions/{county.region.pk}/", f"/api/v1/regions/{county.region.pk}/counts/",
                f"/api/v1/regions/{county.region.pk}/hotspots/", f"/api/v1/region-members/{share.member_id}/shares/",
                f"/api/v1/surveys/{survey.pk}/", f"/api/v1/surveys/{survey.pk}/results/"):
        assert alice.get(url).status_code == 404, url
    for url, body in ((f"/api/v1/region-members/{share.member_id}/shares/", {"kind": "collaboration"}),
                      (f"/api/v1/shares/{share.pk}/revoke/", {}),
                      (f"/api/v1/surveys/{survey.pk}/answers/",
                       {"municipality": county.kommun["1980"].pk, "values": {}})):
        assert alice.post(url, body).status_code == 404, url
    assert AggregateShare.objects.get(pk=share.pk).revoked_at is None
    huge = 10**30  # beyond any database id
    for url in (f"/api/v1/regions/{huge}/counts/", f"/api/v1/surveys/{huge}/",
                f"/api/v1/region-members/{huge}/shares/"):
        assert alice.get(url).status_code == 404, url
    assert alice.post(f"/api/v1/shares/{huge}/revoke/").status_code == 404


def test_a_coordinator_shares_and_revokes_and_each_is_audited(county, api, document):  # noqa: F811
    vera = api(county.coordinator)
    member = county.member["1980"]
    share = AggregateShare.objects.active().get(member=member, kind=ShareKind.CELL_COUNTS)
    revoked = vera.post(f"/api/v1/shares/{share.pk}/revoke/")
    assert revoked.status_code == 200 and revoked.json()["revoked_by"] == "vera"
    conforms(document, "/api/v1/shares/{id}/revoke/", "POST", revoked)
    assert not AggregateShare.objects.active().filter(member=member, kind=ShareKind.CELL_COUNTS).exists()
    again = vera.post(f"/api/v1/shares/{share.pk}/revoke/")
    assert again.status_code == 400 and again.json()["non_field_errors"]
    created = vera.post(f"/api/v1/region-members/{member.pk}/shares/", {"kind": "collaboration"})
    assert created.status_code == 201 and created.json()["kind"] == "collaboration"
    conforms(document, "/api/v1/region-members/{id}/shares/", "POST", created)
    assert AggregateShare.objects.active().filter(member=member, kind=ShareKind.COLLABORATION).exists()
    twice = vera.post(f"/api/v1/region-members/{member.pk}/shares/", {"kind": "collaboration"})
    assert twice.status_code == 400 and twice.json()["kind"]
    assert vera.post(f"/api/v1/region-members/{member.pk}/shares/", {"kind": "incidents"}).status_code == 400
    entries = AuditEntry.objects.filter(object_type="county.aggregateshare", actor=county.coordinator)
    assert {(e.action, e.organisation_id) for e in entries} == {
        (AuditAction.REVOKE, county.kommun["1980"].pk), (AuditAction.REVOKE, county.lst.pk),
        (AuditAction.GRANT, county.kommun["1980"].pk), (AuditAction.GRANT, county.lst.pk)}
    history = vera.get(f"/api/v1/region-members/{member.pk}/shares/")
    assert [s["kind"] for s in history.json()][0] == "collaboration"
    # a reader of a member cannot share, neither for its own municipality nor for another
    rolf = api(county.reader)
    for target in (county.member["1983"], member):
        assert rolf.post(f"/api/v1/region-members/{target.pk}/shares/", {"kind": "area_counts"}).status_code == 404
    area_share = AggregateShare.objects.active().get(member=member, kind=ShareKind.AREA_COUNTS)
    assert rolf.post(f"/api/v1/shares/{area_share.pk}/revoke/").status_code == 404
    assert not AggregateShare.objects.active().filter(member=county.member["1983"]).exists()


def test_surveys_their_results_and_answers_through_the_api(county, api, document):  # noqa: F811
    survey, yes_no, number, text = survey_with_questions(county)
    lina, vera, rolf = api(county.analyst), api(county.coordinator), api(county.reader)
    assert [s["id"] for s in lina.get("/api/v1/surveys/", {"region": county.region.pk}).json()] == [survey.pk]
    assert rolf.get("/api/v1/surveys/").json() == []  # a draft: the region's own people only
    assert rolf.get(f"/api/v1/surveys/{survey.pk}/").status_code == 404
    assert lina.get("/api/v1/surveys/", {"region": "x"}).status_code == 400
    surveys.survey_open(actor=county.analyst, survey=survey)
    detail = vera.get(f"/api/v1/surveys/{survey.pk}/")
    assert detail.status_code == 200
    conforms(document, "/api/v1/surveys/{id}/", "GET", detail)
    assert [q["id"] for q in detail.json()["questions"]] == [yes_no.pk, number.pk, text.pk]
    assert detail.json()["answering"] == [county.kommun["1980"].pk]
    assert rolf.get(f"/api/v1/surveys/{survey.pk}/").json()["answering"] == []  # a reader does not answer
    assert rolf.get(f"/api/v1/surveys/{survey.pk}/results/").status_code == 404  # a member: not before close

    url = f"/api/v1/surveys/{survey.pk}/answers/"
    vasteras = county.kommun["1980"].pk
    draft = vera.post(url, {"municipality": vasteras, "values": {str(yes_no.pk): "yes", str(number.pk): 3}})
    assert draft.status_code == 200, draft.json()
    conforms(document, "/api/v1/surveys/{id}/answers/", "POST", draft)
    assert draft.json()["submitted_at"] is None
    assert draft.json()["answers"] == {str(yes_no.pk): "yes", str(number.pk): 3.0}
    missing = vera.post(url, {"municipality": vasteras, "values": {str(number.pk): ""}, "submit": True})
    assert missing.status_code == 400 and f"q{number.pk}" in missing.json()
    assert vera.post(url, {"municipality": vasteras, "values": {str(yes_no.pk): "kanske"}}).status_code == 400
    assert vera.post(url, {"municipality": vasteras, "values": {"999999": "yes"}}).status_code == 400
    assert vera.post(url, {"municipality": county.kommun["1983"].pk, "values": {}}).json()["municipality"]
    assert rolf.post(url, {"municipality": county.kommun["1983"].pk, "values": {}}).status_code == 400
    number_in_text = identity_number(date(1980, 5, 17), 123)
    refused = vera.post(url, {"municipality": vasteras, "values": {str(text.pk): f"Ring {number_in_text}"}})
    assert refused.status_code == 422 and number_in_text not in refused.content.decode()
    conforms(document, "/api/v1/surveys/{id}/answers/", "POST", refused)
    assert not Answer.objects.filter(question=text).exists()
    submitted = vera.post(url, {"municipality": vasteras, "submit": True, "values": {
        str(yes_no.pk): "yes", str(number.pk): "4", str(text.pk): "Vi samverkar med polisen."}})
    assert submitted.status_code == 200 and submitted.json()["submitted_at"]
    assert Answer.objects.filter(response__survey=survey, response__municipality=vasteras).count() == 3
    assert AuditEntry.objects.filter(object_type="surveys.answer", actor=county.coordinator).exists()
    assert vera.post(url, {"municipality": vasteras, "values": {}}).status_code == 400  # final

    results = lina.get(f"/api/v1/surveys/{survey.pk}/results/")  # the region's staff: before the close too
    assert results.status_code == 200
    conforms(document, "/api/v1/surveys/{id}/results/", "GET", results)
    found = {q["question"]: q for q in results.json()["questions"]}
    assert results.json()["answered"] == 1 and results.json()["members"] == 4
    assert found[yes_no.pk]["counts"][0] == {"value": "yes", "count": 1, "percent": 100}
    assert found[yes_no.pk]["section"] == "Styrning"
    assert found[number.pk]["numbers"]["mean"] == 4.0
    assert found[text.pk]["texts"] == [{"municipality": "Västerås kommun", "text": "Vi samverkar med polisen."}]
    surveys.survey_close(actor=county.analyst, survey=survey)
    assert survey.__class__.objects.get(pk=survey.pk).status == Status.CLOSED
    assert rolf.get(f"/api/v1/surveys/{survey.pk}/results/").json() == results.json()
