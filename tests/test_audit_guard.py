"""The audit guard (tests/audit_guard.py, on for every test through conftest.py) catches a service that writes
without an audit entry, and passes one that audits; rolled-back writes and the listed models do not count."""

import sys
import types
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from audit_guard import SERVICE_MODULE, outermost_service
from samtrygg.areas.models import Area
from samtrygg.audit.services import NOT_AUDITED_INDIVIDUALLY, audit_save
from samtrygg.incidents.models import Category, StatusChange
from samtrygg.incidents.services import incident_create

pytestmark = pytest.mark.django_db

# The services of a made-up app: plain functions here, given the globals of a module named like a services module
# (samtrygg.guardcheck.services) by the fixture below, so the guard takes them for services.

def area_rename_unaudited(*, actor, area, name):
    area.name = name
    area.save()


def area_rename(*, actor, area, name):
    with audit_save(actor=actor, organisation=area.owner, obj=area):
        area.name = name
        area.save()


def area_rename_then_refuse(*, actor, area, name):
    area.name = name
    area.save()
    raise ValueError("refused after writing")


def area_saved_again_after_audited_rename(*, actor, area):
    services = sys.modules["samtrygg.guardcheck.services"]
    services.area_rename(actor=actor, area=area, name=area.name + " 2")
    Area.objects.get(pk=area.pk).save()  # a write of its own, in the same call as the entry: covered


def history_note(*, incident, actor):
    return StatusChange.objects.create(incident=incident, from_status="ny", to_status="ny", actor=actor)


SERVICES = [area_rename_unaudited, area_rename, area_rename_then_refuse, area_saved_again_after_audited_rename,
            history_note]


@pytest.fixture
def services(monkeypatch):
    module = types.ModuleType("samtrygg.guardcheck.services")
    module.__dict__.update({"Area": Area, "StatusChange": StatusChange, "audit_save": audit_save, "sys": sys})
    for function in SERVICES:
        rebound = types.FunctionType(function.__code__, module.__dict__, function.__name__)
        rebound.__kwdefaults__ = function.__kwdefaults__
        setattr(module, function.__name__, transaction.atomic(rebound))
    monkeypatch.setitem(sys.modules, module.__name__, module)
    assert SERVICE_MODULE.match(module.__name__)
    return module


class Undone(Exception):
    pass


def unaudited_inside_a_rollback(audit_guard, write) -> list[str]:
    """What the guard reports after `write`, asked inside a savepoint that is then rolled back, so the write
    does not reach this test's own check."""
    with pytest.raises(Undone), transaction.atomic():
        write()
        missing = audit_guard.unaudited()
        raise Undone
    return missing


def test_a_service_writing_without_an_entry_is_caught(world, services, audit_guard):
    missing = unaudited_inside_a_rollback(audit_guard, lambda: services.area_rename_unaudited(
        actor=world.alice, area=world.area_a2, name="Norra"))
    assert missing == [f"areas.area #{world.area_a2.pk} in samtrygg.guardcheck.services.area_rename_unaudited"]
    assert audit_guard.unaudited() == []  # rolled back: the test's own check sees nothing


def test_a_service_that_audits_passes(world, services, audit_guard):
    services.area_rename(actor=world.alice, area=world.area_a2, name="Norra")
    assert audit_guard.unaudited() == []
    services.area_saved_again_after_audited_rename(actor=world.alice, area=world.area_a2)
    assert audit_guard.unaudited() == []


def test_an_entry_of_another_call_does_not_cover_a_write(world, services, audit_guard):
    services.area_rename(actor=world.alice, area=world.area_a2, name="Norra")  # the area has an entry now
    missing = unaudited_inside_a_rollback(audit_guard, lambda: services.area_rename_unaudited(
        actor=world.alice, area=world.area_a2, name="Norr igen"))
    assert missing == [f"areas.area #{world.area_a2.pk} in samtrygg.guardcheck.services.area_rename_unaudited"]


def test_a_write_rolled_back_by_its_service_does_not_count(world, services, audit_guard):
    with pytest.raises(ValueError):
        services.area_rename_then_refuse(actor=world.alice, area=world.area_a2, name="Norra")
    assert audit_guard.unaudited() == []


def test_models_listed_as_not_audited_individually_pass(world, services, audit_guard):
    incident = incident_create(actor=world.bob, owner=world.kommun_a, lat=59.2, lon=17.65,
                               category=Category.objects.get(owner=None, code="brand"),
                               occurred_from=timezone.now() - timedelta(hours=1))
    services.history_note(incident=incident, actor=world.bob)
    assert "incidents.statuschange" in NOT_AUDITED_INDIVIDUALLY
    assert audit_guard.unaudited() == []


def test_only_service_calls_are_watched(world, audit_guard):
    world.area_a2.name = "Direkt"
    world.area_a2.save()  # a test's own write: not a service's
    assert outermost_service(sys._getframe()) is None
    assert audit_guard.unaudited() == []
