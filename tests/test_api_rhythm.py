"""The year's work and the law at a glance through the REST API: the pages' rights, audited writes, the checks."""

from datetime import date

import pytest

from samtrygg.audit.models import AuditEntry
from samtrygg.rhythm.models import Duty
from test_api_plans import _fresh_throttle, api  # noqa: F401, F811 - fixtures

pytestmark = pytest.mark.django_db


def test_duties_and_compliance_through_the_api(world, api):  # noqa: F811
    alice = api(world.alice)
    created = alice.post("/api/v1/duties/", {"owner": world.kommun_a.pk, "kind": "half_year_report",
                                             "title": "Halvårsrapport", "due": "2026-02-15", "every_months": 6})
    assert created.status_code == 201, created.json()
    duty = created.json()
    done = alice.post(f"/api/v1/duties/{duty['id']}/done/", {"done_on": "2026-02-16"})
    assert done.status_code == 200 and done.json()["next"]["due"] == "2026-08-15"
    assert Duty.objects.get(pk=duty["id"]).done_on == date(2026, 2, 16)
    assert AuditEntry.objects.filter(object_type="rhythm.duty", actor=world.alice).count() >= 2
    assert [d["title"] for d in api(world.bob).get("/api/v1/duties/").json()] == ["Halvårsrapport"] * 2
    assert api(world.bob).patch(f"/api/v1/duties/{duty['id']}/", {"note": "x"}).status_code == 403
    assert api(world.carol).get(f"/api/v1/duties/{duty['id']}/").status_code == 404
    assert api(world.carol).post("/api/v1/duties/", {"owner": world.kommun_a.pk, "kind": "other", "title": "X",
                                                     "due": "2026-03-01", "every_months": 0}).status_code == 400
    checks = alice.get(f"/api/v1/compliance/{world.kommun_a.pk}/", {"date": "2026-03-01"}).json()["checks"]
    assert [c["key"] for c in checks] and {c["status"] for c in checks} <= {"green", "yellow", "red"}
    assert next(c for c in checks if "lagesbild" in c["key"])["status"] == "red"  # none adopted yet
    assert api(world.carol).get(f"/api/v1/compliance/{world.kommun_a.pk}/").status_code == 404
