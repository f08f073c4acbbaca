"""`samtrygg privacy-scan` (check a text before publishing it) and `samtrygg redact-personal-data` (clean text
already stored, with an audit entry per changed record that never repeats the old text)."""

import io
import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from samtrygg.audit.models import AuditEntry
from samtrygg.incidents import services
from samtrygg.incidents.models import Category, Incident, PoliceEvent

LINES = [
    "Klotter på garaget vid Storgatan 4.",  # nothing
    "Ring Anna Svensson på 070-123 45 67 eller anna.svensson@exempel.se",
    "",
    "Personnumret 870314-4322 och bilen ABC 123 stod vid torget.",
    "Datum 2024-05-12, kostnad 12 500 kr, larma 112.",  # no personal data
]


def scan(lines, *args) -> list[dict]:
    out = io.StringIO()
    call_command("privacy-scan", *args, stdin=io.StringIO("".join(f"{line}\n" for line in lines)), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def spans(result, lines) -> list[tuple[int, str, str]]:
    return [(r["line"], f["kind"], lines[r["line"] - 1][f["start"] : f["end"]]) for r in result for f in r["findings"]]


def test_privacy_scan_prints_one_json_object_per_line():
    result = scan(LINES)
    assert [r["line"] for r in result] == [1, 2, 3, 4, 5]
    assert spans(result, LINES) == [
        (2, "name", "Anna Svensson"), (2, "phone", "070-123 45 67"), (2, "email", "anna.svensson@exempel.se"),
        (4, "personnummer", "870314-4322"), (4, "vehicle_registration", "ABC 123"),
    ]
    assert result[0] == {"line": 1, "findings": []}
    assert set(result[1]["findings"][0]) == {"kind", "start", "end"}  # the data itself only on request


def test_privacy_scan_shows_the_text_only_when_asked():
    (result,) = scan(["mejla kalle@exempel.se"], "--show")
    assert result["findings"] == [{"kind": "email", "start": 6, "end": 22, "text": "kalle@exempel.se"}]


def test_privacy_scan_works_as_a_pipe(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAMTRYGG_", "DJANGO_"))}
    env.update(SAMTRYGG_DATA_DIR=str(tmp_path), LANG="C")  # no database needed; a locale that is not UTF-8
    text = "\ufeff" + "\r\n".join(LINES) + "\r\nÅsa Lindqvist, 19870314-4322"  # BOM, CRLF, no final newline
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-m", "samtrygg", "privacy-scan"], input=text.encode("utf-8"), capture_output=True,
        env=env, check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    lines = [*LINES, "Åsa Lindqvist, 19870314-4322"]
    printed = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert spans(printed, lines) == [*spans(scan(LINES), LINES), (6, "name", "Åsa Lindqvist"),
                                     (6, "personnummer", "19870314-4322")]


# --- redact-personal-data -----------------------------------------------------------------------------------

def stored_incident(world, description, owner=None):
    """An incident whose description was stored before the guard existed (written around the services)."""
    incident = services.incident_create(
        actor=world.bob, owner=owner or world.kommun_a, lat=59.195, lon=17.625, description="",
        category=Category.objects.get(owner__isnull=True, code="skadegorelse.klotter"),
        occurred_from=timezone.now() - timedelta(hours=1),
    )
    Incident.objects.filter(pk=incident.pk).update(description=description)
    return incident


def police_event(event_id, summary, name="14 november 10.00, Stöld, Malmö"):
    """A police event stored before the guard existed."""
    event = PoliceEvent.objects.create(event_id=event_id, occurred_at=timezone.now(), name="Stöld", summary="",
                                       type="Stöld", location_name="Malmö", kommunkod="1280")
    PoliceEvent.objects.filter(pk=event.pk).update(name=name, summary=summary)
    return event


def redact(*args) -> str:
    out = io.StringIO()
    call_command("redact-personal-data", *args, stdout=out)
    return out.getvalue()


def description(incident):
    return Incident.objects.values_list("description", flat=True).get(pk=incident.pk)


def redactions():
    redacted = [e.pk for e in AuditEntry.objects.filter(action="update")
                if any(isinstance(v, list) and v[1:] == ["redacted"] for v in e.changes.values())]
    return AuditEntry.objects.filter(pk__in=redacted)


@pytest.fixture
def stored(world):
    return {
        "clean": stored_incident(world, "Klotter på garageporten, ca 3 m²."),
        "pnr": stored_incident(world, "Anmälare 870314-4322 såg två personer."),
        "phone": stored_incident(world, "Fastighetsskötaren nås på 070-123 45 67."),
        "plate": stored_incident(world, "En bil, ABC 123, stod parkerad vid porten."),
        "name": stored_incident(world, "Grannen Kalle Svensson såg allt."),
        "event": police_event(1, "En man, 19870314-4322, greps. Ring 114 14 om du har tips."),
        "clean_event": police_event(2, "Ingen person skadades."),
    }


def test_a_dry_run_counts_and_changes_nothing(stored):
    before = list(Incident.objects.order_by("pk").values_list("description", flat=True))
    out = redact("--dry-run")
    assert "Would change 3 record(s)." in out  # the default policy masks or refuses personnummer and phone
    assert "  incidents.Incident: 2" in out and "  incidents.PoliceEvent: 1" in out
    assert "  personnummer: 2" in out and "  phone: 1" in out and "name" not in out
    assert list(Incident.objects.order_by("pk").values_list("description", flat=True)) == before
    assert not redactions().exists()


def test_the_owners_policy_decides_with_one_audit_entry_per_record(stored):
    out = redact()
    assert "Changed 3 record(s)." in out
    assert description(stored["pnr"]) == "Anmälare [personnummer] såg två personer."
    assert description(stored["phone"]) == "Fastighetsskötaren nås på [telefonnummer]."
    assert description(stored["plate"]) == "En bil, ABC 123, stod parkerad vid porten."  # only warned about
    assert description(stored["name"]) == "Grannen Kalle Svensson såg allt."
    assert PoliceEvent.objects.get(event_id=1).summary == "En man, [personnummer], greps. Ring 114 14 om du har tips."

    entry = AuditEntry.objects.get(object_type="incidents.incident", object_id=str(stored["pnr"].pk), action="update")
    assert entry.changes == {"description": ["personnummer", "redacted"]}
    assert entry.organisation == stored["pnr"].owner
    event_entry = AuditEntry.objects.get(object_type="incidents.policeevent", action="update")
    assert event_entry.changes == {"summary": ["personnummer", "redacted"]}
    assert redactions().count() == 3
    logged = json.dumps(list(redactions().values("changes", "object_repr")), ensure_ascii=False)
    for secret in ("870314", "070-123"):
        assert secret not in logged


def test_a_stricter_policy_reaches_what_is_already_stored_of_that_organisation_only(stored, world):
    other = stored_incident(world, "Grannen Kalle Svensson såg allt.", owner=world.kommun_b)
    world.kommun_a.privacy_policy = {"name": "mask", "vehicle_registration": "refuse"}
    world.kommun_a.save()
    redact("--organisation", str(world.kommun_a.pk))
    assert description(stored["name"]) == "Grannen [namn] såg allt."
    assert description(stored["plate"]) == "En bil, [registreringsnummer], stod parkerad vid porten."
    assert description(other) == "Grannen Kalle Svensson såg allt."  # another organisation's, default policy
    assert "19870314" in PoliceEvent.objects.get(event_id=1).summary  # owned by no organisation: not chosen


def test_chosen_kinds_are_masked_whatever_the_policy(stored):
    out = redact("--kinds", "vehicle_registration,name", "--organisation", str(stored["name"].owner_id))
    assert "Changed 2 record(s)." in out
    assert description(stored["name"]) == "Grannen [namn] såg allt."
    assert description(stored["plate"]) == "En bil, [registreringsnummer], stod parkerad vid porten."
    assert "870314" in description(stored["pnr"])


def test_every_kind_of_free_text_is_reached(world):
    """Not only incidents: an area's name and a meeting group's description stored earlier are cleaned too."""
    from samtrygg.areas.models import Area
    from samtrygg.meetings.models import Group

    area = Area.objects.filter(owner=world.kommun_a).first()
    Area.objects.filter(pk=area.pk).update(name="Gården vid 0701234567")
    group = Group.objects.create(owner=world.kommun_a, area=area, kind="est", name="EST Norr")
    Group.objects.filter(pk=group.pk).update(description="Sammankallande nås på kalle@exempel.se")
    out = redact()
    assert "  areas.Area: 1" in out and "  meetings.Group: 1" in out
    assert Area.objects.get(pk=area.pk).name == "Gården vid [telefonnummer]"
    assert Group.objects.get(pk=group.pk).description == "Sammankallande nås på [e-postadress]"


def test_running_it_again_changes_nothing(stored):
    redact()
    texts = list(Incident.objects.order_by("pk").values_list("description", flat=True))
    entries = redactions().count()
    assert "Changed 0 record(s)." in redact()
    assert list(Incident.objects.order_by("pk").values_list("description", flat=True)) == texts
    assert redactions().count() == entries == 3


def test_a_long_police_event_name_stays_within_its_field(world):
    police_event(3, "", name="Stöld " + "x" * 280 + " 870314-4322")
    redact("--kinds", "personnummer")
    name = PoliceEvent.objects.get(event_id=3).name
    assert len(name) <= 300 and "870314" not in name


@pytest.mark.parametrize("kinds", ["personnummer,shoe_size", "", " , "])
def test_unknown_kinds_are_refused(kinds, stored):
    with pytest.raises(CommandError, match="Unknown kinds"):
        redact("--kinds", kinds)
    assert "870314" in description(stored["pnr"])


def test_free_text_is_never_in_the_audit_log_so_a_redaction_is_final(world):
    """A description reaches the audit log only as length and digest (short or long), so after
    redact-personal-data no copy of the personal data is left in the (unchangeable) audit entries."""
    incident = services.incident_create(
        actor=world.bob, owner=world.kommun_a, lat=59.195, lon=17.625,
        description="Fastighetsskötaren Kalle Svensson stod vid porten.",
        category=Category.objects.get(owner__isnull=True, code="skadegorelse.klotter"),
        occurred_from=timezone.now() - timedelta(hours=1),
    )
    services.incident_update(actor=world.bob, incident=incident, description="Klotter, Kalle Svensson igen.")
    redact("--kinds", "name")
    assert description(incident) == "Klotter, [namn] igen."
    logged = json.dumps(list(AuditEntry.objects.values("changes", "object_repr")), ensure_ascii=False)
    for secret in ("Svensson", "Klotter, "):
        assert secret not in logged
    created = AuditEntry.objects.get(object_type="incidents.incident", action="create")
    assert created.changes["description"][1].startswith("<50 chars, sha256:")


def test_a_list_of_texts_is_reached_too(world):
    """An agreement's focus areas are a JSON list of texts: each is cleaned."""
    from datetime import date

    from samtrygg.plans.models import Agreement

    agreement = Agreement.objects.create(owner=world.kommun_a, title="Samverkansöverenskommelse",
                                         period_start=date(2026, 1, 1), period_end=date(2027, 12, 31))
    Agreement.objects.filter(pk=agreement.pk).update(focus_areas=["Trygg centrummiljö", "Ring 070-123 45 67"])
    assert "  plans.Agreement: 1" in redact()
    assert Agreement.objects.get(pk=agreement.pk).focus_areas == ["Trygg centrummiljö", "Ring [telefonnummer]"]
