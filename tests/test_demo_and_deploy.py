import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count

from samtrygg.accounts.models import Organisation, User
from samtrygg.areas.models import Area
from samtrygg.county.models import AggregateShare, Region
from samtrygg.demo import field as demo_field
from samtrygg.demo import meetings as demo_meetings
from samtrygg.demo.builder import build_demo
from samtrygg.incidents.models import Incident, PoliceEvent
from samtrygg.lagesbild.models import Lagesbild
from samtrygg.plans.models import CitizenPromise
from samtrygg.sharing.models import Grant
from samtrygg.surveys.models import Survey


@pytest.mark.django_db
def test_demo_builds_the_fictional_municipalities_and_users(settings, capsys):
    settings.DEMO_MODE = True
    call_command("demo", incidents=2000)
    out = capsys.readouterr().out
    assert "demo-samtrygg" in out and "grannby" in out
    assert Organisation.objects.get(kommunkod="9901", type="kommun").name == "Exempelby kommun"
    assert Organisation.objects.get(kommunkod="9902", type="kommun").name == "Grannby kommun"
    assert Organisation.objects.filter(parent__kommunkod="9901", type="namnd").count() >= 3
    assert set(User.objects.values_list("username", flat=True)) == {
        "admin", "samordnare", "rapportor", "lasare", "polis", "bovard", "grannby", "lan"}
    grants = {(g.grantor.name, g.grantee.name, g.kind) for g in Grant.objects.all()}
    assert grants == {("Exempelby kommun", "Lokalpolisområde Exempelby", "incidents"),
                      ("Exempelby kommun", "Lokalpolisområde Exempelby", "lagesbilder"),
                      ("Exempelby kommun", "Exempelbostäder AB", "incidents"),  # for the EST group in Norrby
                      ("Exempelby kommun", "Exempelbostäder AB", "lagesbilder"),  # the shared lägesbild
                      ("Exempelbostäder AB", "Exempelby kommun", "incidents")}  # its reports, for the lägesbild
    adopted, draft = Lagesbild.objects.order_by("period_start")
    assert adopted.is_adopted and adopted.document and adopted.problems.count() == 3
    assert not draft.is_adopted and draft.observations.count() == 2
    assert CitizenPromise.objects.filter(public=True).count() == 2 and CitizenPromise.objects.count() == 3
    assert Area.objects.filter(owner__kommunkod="9901", kind="kommundel").count() == 8
    by_owner = dict(Incident.objects.values_list("owner__name").annotate(n=Count("id")))
    fresh = len(demo_meetings.FRESH)  # the last days' reports in Norrby, for the next EST meeting's agenda
    week = sum(count for *_event, count in demo_field.WEEK)  # the police's weekly report
    walked = 1  # the safety walk's observation made an incident
    assert by_owner == {"Exempelby kommun": 1240 + fresh + walked, "Exempelbostäder AB": 360, "Grannby kommun": 400,
                        "Åsby kommun": 90, "Lokalpolisområde Exempelby": week}
    # the county: a kommunalförbund with four members, three of which share something with it
    region = Region.objects.get(county_code="19")
    assert region.members.count() == 4
    assert set(AggregateShare.objects.active().values_list("member__municipality__kommunkod", flat=True)) == {
        "9901", "9902", "9903"}
    closed, open_ = Survey.objects.order_by("status")
    assert (closed.status, open_.status) == ("closed", "open")
    assert closed.responses.filter(submitted_at__isnull=False).count() == 2  # the members with a coordinator
    # every incident lies in an area: the municipalities' in theirs, the housing company's in its estates
    assert not Incident.objects.filter(area=None).exists()
    assert set(Incident.objects.filter(owner__name="Exempelbostäder AB").values_list("area__owner__name",
                                                                                   flat=True)) == {"Exempelbostäder AB"}
    assert PoliceEvent.objects.count() == 40
    call_command("demo")  # a second run changes nothing
    assert User.objects.count() == 8
    assert Incident.objects.count() == 2000 + fresh + 90 + week + walked  # 90: Åsby, the county's third member


@pytest.mark.django_db
def test_demo_is_deterministic():
    def fingerprint():
        return json.dumps([
            sorted(Area.objects.values_list("name", "geometry", "population")),
            sorted(Incident.objects.values_list("external_id", "category__code", "lat", "lon", "description"), key=str),
            sorted(PoliceEvent.objects.values_list("event_id", "name")),
        ], default=str)

    with transaction.atomic():
        build_demo(seed=7, incidents=300)
        first = fingerprint()
        transaction.set_rollback(True)
    build_demo(seed=7, incidents=300)
    assert fingerprint() == first


@pytest.mark.django_db
def test_demo_refuses_without_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError):
        call_command("demo")


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAMTRYGG_", "DJANGO_"))}
    env.update(SAMTRYGG_SECRET_KEY="x" * 20 + "production-secret-key-not-for-tests" + "y" * 20,
               SAMTRYGG_DATA_DIR=str(tmp_path), SAMTRYGG_ALLOWED_HOSTS="samtrygg.example.se",
               DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    result = subprocess.run(
        [sys.executable, "-m", "samtrygg", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True, text=True, env=env, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
