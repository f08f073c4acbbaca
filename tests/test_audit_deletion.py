"""Users and organisations that appear in the audit log can be deleted; their entries stay exactly as written,
with the names stored in them, and the log page and the export cope with references to rows that are gone."""

import csv
import io

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.template.loader import render_to_string
from django.utils import translation

from personas import World
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import Organisation, OrgType, Role, User
from samtrygg.areas import services as areas
from samtrygg.audit.models import AuditEntry
from samtrygg.audit.services import audit_export_csv


@pytest.fixture
def no_purge_permit(db):
    """As in production: audit_purge_permit is empty, so the triggers refuse DELETE as well as UPDATE. (Undone
    with the test's transaction.)"""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_purge_permit")


def _rows(entries) -> list[list[str]]:
    data = b"".join(audit_export_csv(actor=None, organisation=None, entries=entries, filters={}))
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.django_db
def test_a_user_in_the_log_can_be_deleted_and_their_entries_stay(world, login, no_purge_permit):
    fanny = World.user("fanny", world.kommun_a, Role.SAMORDNARE)
    login(fanny)  # a login entry with fanny as the actor
    areas.area_update(actor=fanny, area=world.area_a2, population=4000)
    before = {e.pk: (e.actor_id, e.actor_name, e.action, e.changes) for e in AuditEntry.objects.filter(actor=fanny)}
    assert {action for _id, _name, action, _changes in before.values()} == {"login", "update"}

    fanny_pk = fanny.pk
    fanny.delete()

    assert not User.objects.filter(pk=fanny_pk).exists()
    after = {e.pk: (e.actor_id, e.actor_name, e.action, e.changes) for e in AuditEntry.objects.filter(pk__in=before)}
    assert after == before  # the same rows, untouched: the actor's id and name are still there
    page = login(world.alice).get("/audit/", {"actor": "fanny"})
    assert page.status_code == 200 and page.content.decode().count("fanny") >= 2


@pytest.mark.django_db
def test_an_organisation_in_the_log_can_be_deleted_and_its_entries_keep_its_name(world, no_purge_permit):
    org = accounts.organisation_create(
        actor=world.alice, name="Fritidsförvaltningen", type=OrgType.NAMND, parent=world.kommun_a
    )
    accounts.membership_set(actor=world.alice, user=world.bob, organisation=org, role=Role.LASARE)
    ids = set(AuditEntry.objects.filter(organisation=org).values_list("pk", flat=True))
    assert len(ids) == 2
    assert set(AuditEntry.objects.filter(pk__in=ids).values_list("organisation_name", flat=True)) == {
        "Fritidsförvaltningen"
    }

    org_pk = org.pk
    org.delete()  # its memberships go with it; nothing else refers to it

    assert not Organisation.objects.filter(pk=org_pk).exists()
    entries = AuditEntry.objects.filter(pk__in=ids)
    assert set(entries.values_list("organisation_id", flat=True)) == {org_pk}
    # Without a join, entry.organisation raises DoesNotExist; with select_related it is None. Either way the
    # stored name is what is shown.
    for e in [*entries, *entries.select_related("organisation")]:
        assert e.organisation_label == "Fritidsförvaltningen"
    rows = _rows(entries.select_related("organisation"))
    assert len(rows) == 3 and {row[2] for row in rows[1:]} == {"Fritidsförvaltningen"}
    assert {row[2] for row in _rows(entries)[1:]} == {"Fritidsförvaltningen"}
    with translation.override("en"):
        html = render_to_string("audit/_audit_table.html", {"page": Paginator(entries, 50).get_page(1)})
    assert "<caption>2 entries</caption>" in html
    assert "<td>–</td>" not in html  # the organisation column (actor and object are filled too)


@pytest.mark.django_db
def test_entries_show_the_organisations_current_name_while_it_exists(world):
    org = accounts.organisation_create(actor=world.alice, name="Gamla namnet", type=OrgType.NAMND,
                                       parent=world.kommun_a)
    accounts.organisation_update(actor=world.alice, organisation=org, name="Nya namnet")
    entries = AuditEntry.objects.filter(organisation=org).order_by("id")
    assert [e.organisation_name for e in entries] == ["Gamla namnet", "Nya namnet"]
    assert {e.organisation_label for e in entries.select_related("organisation")} == {"Nya namnet"}


@pytest.mark.django_db
def test_entries_written_before_the_name_was_stored_fall_back_to_the_organisation(world):
    entry = AuditEntry.objects.create(actor=None, actor_name="system", organisation=world.kommun_a, action="update")
    assert entry.organisation_name == ""
    assert AuditEntry.objects.get(pk=entry.pk).organisation_label == "Exempelstad kommun"
