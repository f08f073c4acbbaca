"""Duplicates (issue 18 point 4): nearby similar reports of the last hours are offered on submit ("Är det samma som
…?"); choosing one stores the report as a contribution of that incident, "new" stores a new incident; a coordinator
merges duplicates into one incident that keeps every reporter's details and the audit trail, and the counts drop."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from PIL import Image

from reporting import GRANNSTAD, TORGET, category, report
from samtrygg.access import Access
from samtrygg.audit.models import AuditEntry
from samtrygg.incidents import aggregates, duplicates, selectors, services
from samtrygg.incidents.models import Contribution, Incident
from samtrygg.lib import photos
from samtrygg.retention import services as retention

pytestmark = pytest.mark.django_db

NEAR = (TORGET[0] + 0.0008, TORGET[1])  # about 89 m north of TORGET
FAR = (TORGET[0] + 0.0020, TORGET[1])  # about 222 m north


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "JPEG")
    return photos.clean_photo(out.getvalue())


def find(user, where=TORGET, code="skadegorelse", when=None, **kwargs):
    return duplicates.candidates(Access(user), category=category(code), lat=where[0], lon=where[1],
                                 occurred_from=when or timezone.now() - timedelta(hours=1), **kwargs)


def form_data(world, where=TORGET, **overrides):
    data = {
        "owner": world.kommun_a.pk, "category": category("skadegorelse").pk, "subcategory": "",
        "occurred_from": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "lat": where[0], "lon": where[1],
        "area": "", "place_type": "", "description": "Klotter på busskuren igen", "reported_to_police": "vet_ej",
        "damage_cost_sek": "",
    }
    data.update(overrides)
    return data


# --- candidates ---------------------------------------------------------------------------------------------

def test_the_distance_is_the_great_circle_distance():
    assert duplicates.distance_m(*TORGET, *NEAR) == pytest.approx(89, abs=1)
    assert duplicates.distance_m(*TORGET, *TORGET) == 0


def test_candidates_are_near_recent_of_the_same_main_category_and_nearest_first(world):
    near = report(world, where=NEAR)  # klotter, a subcategory of skadegörelse
    here = report(world, where=TORGET, category=category("skadegorelse"))
    report(world, where=FAR)  # too far
    report(world, category=category("brand.anlagd"))  # another main category
    report(world, hours_ago=6)  # occurred more than 3 hours before
    old = report(world)
    Incident.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=30))  # reported long ago
    report(world, where=GRANNSTAD, owner=world.kommun_b, actor=world.carol)  # another municipality

    found = find(world.bob)
    assert [incident.pk for incident in found] == [here.pk, near.pk]
    assert found[1].distance_m == pytest.approx(89, abs=1)
    assert [i.pk for i in find(world.bob, code="skadegorelse.klotter")] == [here.pk, near.pk]  # same main category
    assert [i.pk for i in find(world.bob, exclude=here.pk)] == [near.pk]
    assert find(world.bob, code="brand") != [] and find(world.bob, code="inbrott") == []


def test_candidates_are_only_those_the_user_may_see(world):
    theirs = report(world, where=GRANNSTAD, owner=world.kommun_b, actor=world.carol)
    assert find(world.bob, where=GRANNSTAD) == []
    assert [i.pk for i in find(world.carol, where=GRANNSTAD)] == [theirs.pk]
    report(world)
    assert find(world.erik) == []  # the förvaltning does not see its kommun's incidents
    assert find(world.bob, where=(None, None)) == []


def test_at_most_five_are_offered(world):
    for k in range(7):
        report(world, where=(TORGET[0] + 0.0001 * k, TORGET[1]))
    assert len(find(world.bob)) == duplicates.LIMIT == 5


# --- on submit ----------------------------------------------------------------------------------------------

def test_a_nearby_report_is_offered_on_submit_and_nothing_is_stored_yet(world, login):
    existing = report(world, where=NEAR, description="Klotter på väggen")
    client = login(world.bob)
    response = client.post(reverse("incidents:report"), form_data(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert gettext("Is it the same as one of these?") in html  # "Är det samma som någon av dessa?"
    assert f'value="{existing.pk}"' in html and 'value="new"' in html and "89 m" in html
    assert "Klotter på väggen" in html and "Klotter på busskuren igen" in html  # the form keeps its values
    assert Incident.objects.count() == 1 and not Contribution.objects.exists()


def test_choosing_the_offered_incident_stores_a_contribution_and_no_new_incident(world, login):
    existing = report(world, where=NEAR)
    client = login(world.bob)
    response = client.post(reverse("incidents:report"), form_data(world, duplicate_choice=existing.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("incidents:detail", args=[existing.pk])
    assert Incident.objects.count() == 1
    contribution = Contribution.objects.get()
    assert (contribution.incident, contribution.reported_by, contribution.organisation) == (
        existing, world.bob, world.kommun_a)
    assert contribution.description == "Klotter på busskuren igen" and contribution.merged_from_id is None
    assert AuditEntry.objects.filter(object_type="incidents.contribution", action="create",
                                     organisation=world.kommun_a).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert 'id="contributions"' in page and "Klotter på busskuren igen" in page and "bob" in page


def test_new_stores_a_new_incident(world, login):
    report(world, where=NEAR)
    response = login(world.bob).post(reverse("incidents:report"), form_data(world, duplicate_choice="new"))
    assert response.status_code == 302
    assert Incident.objects.count() == 2 and not Contribution.objects.exists()


def test_without_a_candidate_the_report_is_stored_at_once(world, login):
    report(world, where=FAR)
    response = login(world.bob).post(reverse("incidents:report"), form_data(world))
    assert response.status_code == 302 and Incident.objects.count() == 2


def test_a_choice_that_is_not_offered_is_refused(world, login):
    report(world, where=NEAR)
    theirs = report(world, where=GRANNSTAD, owner=world.kommun_b, actor=world.carol)
    response = login(world.bob).post(reverse("incidents:report"), form_data(world, duplicate_choice=theirs.pk))
    assert response.status_code == 200 and Incident.objects.count() == 2 and not Contribution.objects.exists()


def test_a_contribution_needs_the_right_to_see_the_incident_and_to_report(world):
    theirs = report(world, where=GRANNSTAD, owner=world.kommun_b, actor=world.carol)
    with pytest.raises(ValidationError):
        services.contribution_add(actor=world.bob, incident=theirs, owner=world.kommun_a,
                                  occurred_from=timezone.now())
    ours = report(world)
    with pytest.raises(ValidationError):
        services.contribution_add(actor=world.bob, incident=ours, owner=world.kommun_b,
                                  occurred_from=timezone.now())
    assert not Contribution.objects.exists()


# --- merging ------------------------------------------------------------------------------------------------

def test_a_merge_keeps_both_reporters_details_and_the_audit_trail(world, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    keep = report(world, actor=world.alice, description="Klotter på busskuren")
    duplicate = report(world, where=NEAR, actor=world.bob, description="Sprayat på skyltarna", photo=jpeg(),
                       external_id="APP-17", source="trygghetsvandring")
    services.incidents_set_status(actor=world.alice, incidents=[duplicate], status="hanteras", note="Sanering bokad")
    earlier = services.contribution_add(actor=world.bob, incident=duplicate, owner=world.kommun_a,
                                        occurred_from=duplicate.occurred_from, description="Även på elskåpet")
    photo_name, duplicate_pk = duplicate.photo.name, duplicate.pk

    merged = services.incidents_merge(actor=world.alice, keep=keep, others=[duplicate])

    assert not Incident.objects.filter(pk=duplicate_pk).exists()
    contribution = merged[0]
    assert (contribution.incident, contribution.reported_by, contribution.organisation, contribution.source,
            contribution.external_id, contribution.merged_from_id, contribution.description) == (
        keep, world.bob, world.kommun_a, "trygghetsvandring", "APP-17", duplicate_pk, "Sprayat på skyltarna")
    assert contribution.occurred_from == duplicate.occurred_from and contribution.photo.name == photo_name
    assert (tmp_path / photo_name).exists()  # the file now belongs to the contribution
    earlier.refresh_from_db()
    assert earlier.incident == keep  # the duplicate's own contributions moved with it
    assert set(keep.contributions.values_list("reported_by", flat=True)) == {world.bob.pk}
    assert keep.reported_by == world.alice

    deleted = AuditEntry.objects.get(object_type="incidents.incident", object_id=str(duplicate_pk), action="delete")
    assert deleted.changes["external_id"] == ["APP-17", None]  # the snapshot of the deleted incident
    assert deleted.changes["reported_by"] == [world.bob.pk, None]
    entry = AuditEntry.objects.get(object_type="incidents.incident", object_id=str(keep.pk), action="update")
    assert entry.changes["merged"] == [None, [duplicate_pk]]
    history = entry.changes["merged_history"][1][str(duplicate_pk)]
    assert [(h["to"], h["note"]) for h in history] == [("hanteras", "Sanering bokad")]
    assert AuditEntry.objects.filter(object_type="incidents.contribution", object_id=str(contribution.pk),
                                     action="create").exists()


def test_counts_drop_by_one_after_a_merge(world):
    keep = report(world, actor=world.alice)
    duplicate = report(world, where=NEAR)
    report(world, category=category("brand.anlagd"))
    scoped = selectors.incidents(Access(world.alice))

    def counts():
        return {name: n for _id, name, n in aggregates.by_category(scoped, main=True)}

    assert counts() == {"Skadegörelse": 2, "Brand": 1}
    services.incidents_merge(actor=world.alice, keep=keep, others=[duplicate])
    assert counts() == {"Skadegörelse": 1, "Brand": 1}


def test_a_merge_across_what_the_user_may_change_is_refused(world):
    ours = report(world, actor=world.erik, owner=world.forvaltning_a)
    kommun = report(world, where=NEAR)
    with pytest.raises(ValidationError):
        services.incidents_merge(actor=world.erik, keep=ours, others=[kommun])
    with pytest.raises(ValidationError):
        services.incidents_merge(actor=world.bob, keep=kommun, others=[ours])  # a reporter changes nothing
    with pytest.raises(ValidationError):
        services.incidents_merge(actor=world.alice, keep=kommun, others=[kommun])  # not into itself
    with pytest.raises(ValidationError):
        services.incidents_merge(actor=world.alice, keep=kommun, others=[])
    assert Incident.objects.count() == 2 and not Contribution.objects.exists()


def test_more_than_twenty_at_once_is_refused(world):
    keep = report(world, actor=world.alice)
    others = [report(world) for _ in range(services.MERGE_LIMIT + 1)]
    with pytest.raises(ValidationError):
        services.incidents_merge(actor=world.alice, keep=keep, others=others)
    assert Incident.objects.count() == services.MERGE_LIMIT + 2


def test_the_merge_page_lists_changeable_duplicates_and_merges_the_chosen(world, login):
    keep = report(world, actor=world.alice)
    duplicate = report(world, where=NEAR)
    report(world, where=FAR)
    client = login(world.alice)
    detail = client.get(reverse("incidents:detail", args=[keep.pk])).content.decode()
    assert reverse("incidents:merge", args=[keep.pk]) in detail
    page = client.get(reverse("incidents:merge", args=[keep.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'value="{duplicate.pk}"' in html and 'type="checkbox"' in html and "<legend" in html
    response = client.post(reverse("incidents:merge", args=[keep.pk]), {"ids": [duplicate.pk]})
    assert response.status_code == 302
    assert not Incident.objects.filter(pk=duplicate.pk).exists()
    assert keep.contributions.get().merged_from_id == duplicate.pk
    assert f"{duplicate.pk}" in client.get(response["Location"]).content.decode()  # "merged from incident …"


def test_only_those_who_may_change_reach_the_merge_page(world, login):
    keep = report(world, actor=world.alice)
    duplicate = report(world, where=NEAR)
    assert login(world.bob).get(reverse("incidents:merge", args=[keep.pk])).status_code == 404
    assert "incidents:merge" not in login(world.bob).get(reverse("incidents:detail", args=[keep.pk])).content.decode()
    response = login(world.erik).post(reverse("incidents:merge", args=[keep.pk]), {"ids": [duplicate.pk]})
    assert response.status_code == 404 and Incident.objects.count() == 2


def test_a_contributions_photo_is_served_only_to_those_who_see_the_incident(world, login):
    existing = report(world)
    contribution = services.contribution_add(actor=world.bob, incident=existing, owner=world.kommun_a,
                                             occurred_from=existing.occurred_from, photo=jpeg())
    url = reverse("incidents:contribution_photo", args=[contribution.pk])
    assert login(world.bob).get(url).status_code == 200
    assert login(world.carol).get(url).status_code == 404


def test_retention_removes_a_contributions_description_and_photo_with_the_incidents(world):
    retention.retention_rule_save(actor=world.alice, owner=world.kommun_a, description_months=6, photo_months=6)
    old = report(world, hours_ago=24 * 300, description="Gammalt klotter", photo=jpeg())
    recent = report(world, description="Nytt klotter")
    kept = services.contribution_add(actor=world.bob, incident=recent, owner=world.kommun_a,
                                     occurred_from=recent.occurred_from, description="Även här")
    gone = services.contribution_add(actor=world.bob, incident=old, owner=world.kommun_a,
                                     occurred_from=old.occurred_from, description="Även där", photo=jpeg())
    runs = retention.retention_apply()
    gone.refresh_from_db()
    kept.refresh_from_db()
    assert (gone.description, gone.photo.name) == ("", "")
    assert gone.description_removed_at and gone.photo_removed_at
    assert kept.description == "Även här" and kept.description_removed_at is None
    assert [(run.descriptions, run.photos) for run in runs] == [(2, 2)]
