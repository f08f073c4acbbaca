"""The incident table's change notes (migration 0014's triggers, incidents.changes): an organisation's version
grows with every write to its incidents, whoever writes (the services, the importer's bulk path, a queryset update
or delete by hand), and with nothing written to another organisation's."""

import io

import pytest

from reporting import report
from samtrygg.incidents import changes, importing, services
from samtrygg.incidents.models import Change, Incident

pytestmark = pytest.mark.django_db

HEADER = "Id;Kategori;Tid;Slut;Latitud;Longitud;Platstyp;Beskrivning;Källa;Polisanmäld;Kostnad;Status\r\n"


def test_every_kind_of_write_moves_its_organisations_version_and_no_other(world):
    a, b = world.kommun_a.pk, world.kommun_b.pk
    assert changes.version([a]) == 0
    steps = [
        lambda: report(world),
        lambda: services.incident_update(actor=world.alice, incident=Incident.objects.filter(owner=a).first(),
                                         description="Klotter på väggen"),
        lambda: Incident.objects.filter(owner=a).update(description="Klotter på muren"),
        lambda: importing.import_file(
            actor=world.alice, owner=world.kommun_a, filename="handelser.csv", commit=True,
            file=io.BytesIO((HEADER + "".join(f"X-{k};Klotter;2025-03-01 14:{k:02d};;59,195;17,625;;;;;;\r\n"
                                              for k in range(30))).encode("latin-1"))),
        lambda: services.incident_delete(actor=world.alice, incident=Incident.objects.filter(owner=a).first()),
        lambda: Incident.objects.filter(owner=a, external_id__startswith="X-").delete(),
    ]
    seen = [changes.version([a])]
    other = changes.version([b])
    for step in steps:
        step()
        seen.append(changes.version([a]))
        assert changes.version([b]) == other  # kommun B's incidents were not written
        assert changes.version([a, b]) == seen[-1]
    assert seen == sorted(set(seen)), seen  # each write moved it forward


def test_an_incident_moved_to_another_organisation_moves_both(world):
    incident = report(world)
    before = changes.version([world.kommun_a.pk]), changes.version([world.kommun_b.pk])
    Incident.objects.filter(pk=incident.pk).update(owner=world.kommun_b)
    assert changes.version([world.kommun_a.pk]) > before[0] and changes.version([world.kommun_b.pk]) > before[1]


def test_prune_keeps_each_organisations_latest_note(world):
    for _ in range(3):
        report(world)
        report(world, owner=world.kommun_b, actor=world.carol)
    versions = changes.version([world.kommun_a.pk]), changes.version([world.kommun_b.pk])
    changes.prune()
    assert Change.objects.count() == 2 and changes.prune() == 0
    assert (changes.version([world.kommun_a.pk]), changes.version([world.kommun_b.pk])) == versions
