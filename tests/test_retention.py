"""Retention (gallring) of incident descriptions and photos: the organisation's admin sets the rule (audited with old
and new values; everyone else gets 404), the job empties old descriptions and deletes old photos while the
incidents keep their category, time and place, records one audit entry per organisation with counts and cut-offs
(never the text), does nothing the second time, applies a parent's rule to a child organisation without one, and
reports without changing anything in a dry run. The incident page, the API and the export show the removal; the
page passes axe in a browser."""

import io
import json
from datetime import datetime, timedelta

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from browsing import assert_accessible
from reporting import GRANNSTAD, report
from samtrygg.accounts import services as accounts
from samtrygg.audit.models import AuditEntry
from samtrygg.demo.builder import build_demo
from samtrygg.incidents.models import Incident
from samtrygg.lib import photos
from samtrygg.retention import selectors, services
from samtrygg.retention.models import RetentionRule, RetentionRun

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)
OLD_TEXT = "Klotter på gavelväggen vid skolan, sprayat i natt"


@pytest.fixture
def storage(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    return tmp_path


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "JPEG")
    return photos.clean_photo(out.getvalue())


def aged(world, days, text=OLD_TEXT, photo=True, **fields):
    """A report with a description (and a photo) that occurred `days` days ago."""
    return report(world, hours_ago=24 * days, description=text, photo=jpeg() if photo else None, **fields)


def english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def kept_facts(queryset):
    """What the lägesbild and the trends count: unchanged by retention."""
    return sorted(queryset.values_list("pk", "owner_id", "category_id", "occurred_from", "occurred_to", "lat", "lon",
                                       "cell", "area_id", "place_type", "status", "source"))


def retention_entries():
    return AuditEntry.objects.filter(object_type="retention.retentionrun").order_by("id")


# --- the rule -------------------------------------------------------------------------------------------------

def test_the_admin_sets_the_rule_and_each_change_is_audited_with_old_and_new_value(world, login):
    client = login(world.alice)
    url = reverse("retention:rule", args=[world.kommun_a.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"description_months": "24", "photo_months": "12"})
    assert response.status_code == 302 and response["Location"] == url
    rule = RetentionRule.objects.get(owner=world.kommun_a)
    assert (rule.description_months, rule.photo_months) == (24, 12)
    created = AuditEntry.objects.get(object_type="retention.retentionrule", action="create")
    assert created.actor == world.alice and created.organisation == world.kommun_a
    assert created.changes["description_months"] == [None, 24] and created.changes["photo_months"] == [None, 12]

    client.post(url, {"description_months": "36", "photo_months": ""})  # empty: keep photos
    rule.refresh_from_db()
    assert (rule.description_months, rule.photo_months) == (36, None)
    changed = AuditEntry.objects.get(object_type="retention.retentionrule", action="update")
    assert changed.changes == {"description_months": [24, 36], "photo_months": [12, None]}

    client.post(url, {"description_months": "36", "photo_months": ""})  # the same again: nothing to record
    assert AuditEntry.objects.filter(object_type="retention.retentionrule").count() == 2


@pytest.mark.parametrize("months", ["0", "601", "-3", "tolv"])
def test_months_outside_the_range_are_refused_with_a_message(world, login, months):
    client = english(login(world.alice))
    response = client.post(reverse("retention:rule", args=[world.kommun_a.pk]),
                           {"description_months": months, "photo_months": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["description_months"]
    assert not RetentionRule.objects.exists()


def test_only_the_organisations_admins_reach_the_page_and_others_get_404(world, login):
    own, child = world.kommun_a.pk, world.forvaltning_a.pk
    assert login(world.alice).get(reverse("retention:rule", args=[child])).status_code == 200  # admin above it
    for user in (world.bob, world.erik, world.carol, world.dave):  # reporter, coordinators, reader
        client = login(user)
        assert client.get(reverse("retention:rule", args=[own])).status_code == 404
        assert client.post(reverse("retention:rule", args=[own]), {"description_months": "1"}).status_code == 404
        assert client.post(reverse("retention:rule_remove", args=[own])).status_code == 404
    assert login(world.alice).get(reverse("retention:rule", args=[world.kommun_b.pk])).status_code == 404
    assert not RetentionRule.objects.exists()
    assert login(world.bob).get(reverse("retention:rule", args=[child])).status_code == 404


def test_the_settings_page_links_to_the_retention_page(world, login):
    page = login(world.alice).get(reverse("accounts:organisation_settings", args=[world.kommun_a.pk]))
    assert reverse("retention:rule", args=[world.kommun_a.pk]) in page.content.decode()


# --- the job --------------------------------------------------------------------------------------------------

def test_the_job_removes_old_descriptions_and_photos_and_keeps_the_incidents(
        world, storage, django_capture_on_commit_callbacks):
    services.retention_rule_save(actor=world.alice, owner=world.kommun_a, description_months=12, photo_months=6)
    services.retention_rule_save(actor=world.carol, owner=world.kommun_b, description_months=12, photo_months=None)
    old = aged(world, 500)  # both go
    middle = aged(world, 250)  # the photo goes, the description stays
    recent = aged(world, 30)  # both stay
    old_b = aged(world, 400, owner=world.kommun_b, actor=world.carol, where=GRANNSTAD)  # description only
    police = aged(world, 900, owner=world.police, actor=world.dave, photo=False)  # the police have no rule
    old_file, middle_file, recent_file = old.photo.name, middle.photo.name, recent.photo.name
    facts = kept_facts(Incident.objects.all())
    now = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        runs = services.retention_apply(now=now)

    for incident in (old, middle, recent, old_b, police):
        incident.refresh_from_db()
    assert (old.description, old.description_removed_at, old.photo.name, old.photo_removed_at) == ("", now, "", now)
    assert middle.description == OLD_TEXT and middle.description_removed_at is None
    assert not middle.photo and middle.photo_removed_at == now
    assert recent.description == OLD_TEXT and recent.photo.name == recent_file and recent.photo_removed_at is None
    assert old_b.description == "" and old_b.photo and old_b.photo_removed_at is None  # B keeps photos
    assert police.description == OLD_TEXT  # the police have no rule
    assert not (storage / old_file).exists() and not (storage / middle_file).exists()
    assert (storage / recent_file).exists()
    assert kept_facts(Incident.objects.all()) == facts  # counts, categories, times and places stay
    assert Incident.objects.count() == 5

    assert {(r.organisation, r.descriptions, r.photos) for r in runs} == {(world.kommun_a, 1, 2),
                                                                          (world.kommun_b, 1, 0)}
    entries = list(retention_entries())
    assert [(e.organisation, e.action, e.actor_name) for e in entries] == [
        (world.kommun_a, "delete", "system"), (world.kommun_b, "delete", "system")]
    a = entries[0].changes
    assert a["descriptions"] == [None, 1] and a["photos"] == [None, 2]
    assert a["description_months"] == [None, 12] and a["photo_months"] == [None, 6]
    # the moments, as the audit log stores every time: in UTC
    assert datetime.fromisoformat(a["description_cutoff"][1]) == selectors.cutoff(now, 12)
    assert datetime.fromisoformat(a["photo_cutoff"][1]) == selectors.cutoff(now, 6)
    assert a["description_cutoff"][1].endswith("+00:00")
    assert "photo_cutoff" not in entries[1].changes  # B keeps photos: no cut-off
    logged = json.dumps([e.changes for e in AuditEntry.objects.all()], ensure_ascii=False)
    assert OLD_TEXT not in logged and "gavelväggen" not in logged  # never the text


def test_the_cut_off_is_the_start_of_the_local_day_months_before():
    now = timezone.make_aware(datetime(2026, 3, 31, 1, 30))  # Stockholm, summer time from 29 March
    cut = selectors.cutoff(now, 1)
    assert timezone.localtime(cut).isoformat() == "2026-02-28T00:00:00+01:00"
    assert selectors.cutoff(now, None) is None


def test_a_second_run_removes_nothing_and_records_nothing(world, storage, django_capture_on_commit_callbacks):
    services.retention_rule_save(actor=world.alice, owner=world.kommun_a, description_months=6, photo_months=6)
    incidents = [aged(world, 200 + k) for k in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        first = services.retention_apply()
    assert [(r.descriptions, r.photos) for r in first] == [(5, 5)]
    state = sorted(Incident.objects.values_list("pk", "description", "photo", "description_removed_at",
                                                "photo_removed_at", "updated_at"))
    entries, runs = AuditEntry.objects.count(), RetentionRun.objects.count()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.retention_apply() == []
    assert callbacks == []
    assert sorted(Incident.objects.values_list("pk", "description", "photo", "description_removed_at",
                                               "photo_removed_at", "updated_at")) == state
    assert (AuditEntry.objects.count(), RetentionRun.objects.count()) == (entries, runs)
    assert len(incidents) == 5


def test_the_job_works_in_batches_and_counts_every_incident(world, monkeypatch):
    monkeypatch.setattr(services, "BATCH", 3)
    services.retention_rule_save(actor=world.alice, owner=world.kommun_a, description_months=1, photo_months=None)
    same_time = timezone.now() - 90 * DAY
    for k in range(7):  # incidents sharing one moment straddle the batches: the (time, id) key keeps them apart
        report(world, occurred_from=same_time if k < 4 else same_time - k * DAY, description=f"text {k}")
    report(world, description="today's")
    [run] = services.retention_apply()
    assert run.descriptions == 7
    assert list(Incident.objects.exclude(description="").values_list("description", flat=True)) == ["today's"]


def test_a_child_organisation_follows_its_parents_rule_until_it_has_its_own(world):
    services.retention_rule_save(actor=world.alice, owner=world.kommun_a, description_months=12, photo_months=None)
    child = aged(world, 400, owner=world.forvaltning_a, actor=world.erik, photo=False)
    grandchild_org = accounts.organisation_create(actor=None, name="Fältgruppen", type="namnd", kommunkod="0180",
                                                  parent=world.forvaltning_a)
    grandchild = aged(world, 400, owner=grandchild_org, actor=world.erik, photo=False)
    assert selectors.effective_rule(world.forvaltning_a).owner == world.kommun_a
    assert selectors.effective_rule(grandchild_org).owner == world.kommun_a
    assert selectors.effective_rule(world.kommun_b) is None

    runs = services.retention_apply()
    child.refresh_from_db()
    grandchild.refresh_from_db()
    assert child.description == "" and grandchild.description == ""
    assert {(r.organisation, r.rule_owner) for r in runs} == {(world.forvaltning_a, world.kommun_a),
                                                              (grandchild_org, world.kommun_a)}
    assert {e.organisation for e in retention_entries()} == {world.forvaltning_a, grandchild_org}

    # The förvaltning decides its own rule: keep descriptions. It and the organisation below it keep from now on.
    services.retention_rule_save(actor=world.alice, owner=world.forvaltning_a, description_months=None,
                                 photo_months=None)
    kept = aged(world, 400, owner=world.forvaltning_a, actor=world.erik, photo=False)
    kept_below = aged(world, 400, owner=grandchild_org, actor=world.erik, photo=False)
    assert services.retention_apply() == []
    kept.refresh_from_db()
    kept_below.refresh_from_db()
    assert kept.description == OLD_TEXT and kept_below.description == OLD_TEXT

    # Without its own rule again, it follows the kommun's.
    services.retention_rule_delete(actor=world.alice, owner=world.forvaltning_a)
    assert AuditEntry.objects.filter(object_type="retention.retentionrule", action="delete",
                                     organisation=world.forvaltning_a).exists()
    assert sum(r.descriptions for r in services.retention_apply()) == 2


def test_the_dry_run_reports_what_would_go_and_changes_nothing(world, storage, capsys):
    services.retention_rule_save(actor=world.alice, owner=world.kommun_a, description_months=12, photo_months=6)
    aged(world, 500)
    aged(world, 250)
    entries = AuditEntry.objects.count()
    call_command("apply-retention", "--dry-run")
    out = capsys.readouterr().out
    assert "Exempelstad kommun: would remove 1 description(s)" in out and "2 photo(s)" in out
    assert "Socialförvaltningen (rule of Exempelstad kommun): would remove 0 description(s)" in out  # it follows
    assert "Would remove 1 description(s) and 2 photo(s) in 2 organisation(s)" in out
    assert Incident.objects.filter(description="").count() == 0 and Incident.objects.filter(photo="").count() == 0
    assert AuditEntry.objects.count() == entries

    call_command("apply-retention")
    assert "Removed 1 description(s) and 2 photo(s)" in capsys.readouterr().out
    call_command("apply-retention")
    assert "Removed 0 description(s) and 0 photo(s)" in capsys.readouterr().out


def test_run_jobs_applies_retention_and_prints_its_counts(world, capsys):
    services.retention_rule_save(actor=world.alice, owner=world.kommun_a, description_months=12, photo_months=None)
    aged(world, 500, photo=False)
    call_command("run-jobs")
    out = capsys.readouterr().out
    assert "retention_descriptions: 1" in out and "retention_photos: 0" in out
    call_command("run-jobs")
    assert "retention_descriptions: 0" in capsys.readouterr().out


# --- where the removal shows -----------------------------------------------------------------------------------

def test_the_page_shows_the_rule_what_is_due_and_the_last_run(world, login):
    client = english(login(world.alice))
    url = reverse("retention:rule", args=[world.forvaltning_a.pk])
    aged(world, 500, owner=world.forvaltning_a, actor=world.erik, photo=False)
    assert "No rule: descriptions and photos are kept." in client.get(url).content.decode()
    services.retention_rule_save(actor=world.alice, owner=world.kommun_a, description_months=12, photo_months=None)
    response = client.get(url)
    page = response.content.decode()
    assert "follows the rule of Exempelstad kommun" in page and "removed 12 months after the incident" in page
    assert (response.context["pending"].descriptions, response.context["pending"].photos) == (1, 0)
    assert "Nothing has been removed" in page
    services.retention_apply()
    response = client.get(url)
    assert response.context["pending"].descriptions == 0  # nothing due any more
    run = response.context["last_run"]
    assert run.descriptions == 1 and run.rule_owner == world.kommun_a
    assert f"<dd>{timezone.localtime(run.at):%Y-%m-%d %H:%M}</dd>" in response.content.decode()


def test_the_incident_page_the_api_and_the_export_show_the_removal(world, login, client, storage):
    incident = aged(world, 500)
    services.retention_rule_save(actor=world.alice, owner=world.kommun_a, description_months=12, photo_months=12)
    services.retention_apply()
    incident.refresh_from_db()
    day = timezone.localdate(incident.description_removed_at).isoformat()

    page = english(login(world.alice)).get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert f"The description was removed on {day} under the organisation's retention rule." in page
    assert f"The photo was removed on {day} under the organisation's retention rule." in page
    assert reverse("incidents:photo", args=[incident.pk]) not in page
    assert login(world.alice).get(reverse("incidents:photo", args=[incident.pk])).status_code == 404

    _, secret = accounts.api_token_create(actor=world.alice, user=world.alice, name="test")
    row = client.get(f"/api/v1/incidents/{incident.pk}/", headers={"Authorization": f"Bearer {secret}"}).json()
    assert row["description"] == "" and row["description_removed_at"] is not None
    client.logout()

    export = login(world.alice).get(reverse("incidents:export"), {"format": "csv"})
    lines = b"".join(export.streaming_content).decode("utf-8-sig").strip().split("\r\n")
    assert len(lines) == 2 and lines[1].startswith(f"{incident.pk};")  # the row stays, without its text
    assert OLD_TEXT not in lines[1]


def test_the_demo_gives_exempelby_a_rule_that_its_forvaltningar_follow(db):
    orgs = build_demo(seed=7, incidents=300)
    exempelby = orgs["Exempelby kommun"]
    rule = RetentionRule.objects.get(owner=exempelby)
    assert (rule.description_months, rule.photo_months) == (24, 12)
    assert selectors.effective_rule(orgs["Socialförvaltningen"]) == rule
    cut = selectors.cutoff(timezone.now(), 24)
    assert not Incident.objects.filter(owner=exempelby, occurred_from__lt=cut).exclude(description="").exists()
    assert Incident.objects.filter(owner=exempelby, description_removed_at__isnull=False).exists()
    assert selectors.last_run(exempelby).descriptions > 0


# --- in a browser ----------------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_retention_page_in_a_browser(world, live_server, page_for):
    aged(world, 500, photo=False)
    services.retention_rule_save(actor=world.alice, owner=world.kommun_a, description_months=12, photo_months=None)
    services.retention_apply()
    aged(world, 800, photo=False)  # due at the next run
    page = page_for("alice")
    page.goto(f"{live_server.url}{reverse('accounts:organisation_settings', args=[world.kommun_a.pk])}")
    page.locator(f"main a[href='{reverse('retention:rule', args=[world.kommun_a.pk])}']").click()
    page.wait_for_url(f"**{reverse('retention:rule', args=[world.kommun_a.pk])}")
    assert page.locator("h1").is_visible()
    assert page.locator("section#last-run, section[aria-labelledby=run-heading]").count() == 1
    assert_accessible(page, "retention-rule")
    page.locator("input[name=description_months]").fill("36")
    page.locator("input[name=photo_months]").fill("6")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    rule = RetentionRule.objects.get(owner=world.kommun_a)
    assert (rule.description_months, rule.photo_months) == (36, 6)
    assert page.locator("input[name=description_months]").input_value() == "36"
    assert page.locator("[role=status], .messages").count() >= 1
    assert_accessible(page, "retention-rule-saved")
    page.locator("input[name=photo_months]").fill("0")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    assert page.locator("#id_photo_months_error").is_visible()
    assert_accessible(page, "retention-rule-error")
