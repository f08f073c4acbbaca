"""Two database roles on PostgreSQL (samtrygg.audit.dbroles): migrations run as the owner of the tables, the
application as a runtime role that owns nothing and may only read and append to the audit log. As that role,
disabling, dropping or replacing the audit triggers, changing or deleting entries and granting oneself a purge
permit all fail with PostgreSQL's permission error, while the application's ordinary writes succeed.

Each test creates its runtime role inside the test's transaction (CREATE ROLE is transactional), so nothing is
left in the cluster. The test database's role needs CREATEROLE (.ci/run gives it)."""

import secrets
from contextlib import contextmanager

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

import reporting
from personas import World
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import OrgType
from samtrygg.audit import dbroles
from samtrygg.audit.models import AuditEntry
from samtrygg.incidents import services as incidents
from samtrygg.incidents.models import Incident

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="PostgreSQL only: database roles and grants do not exist in SQLite "
                              "(run with DATABASE_URL=postgres://…)"),
]

PERMISSION_DENIED = "42501"  # insufficient_privilege, also "must be owner of …"
PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")


def sql(statement: str, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


@pytest.fixture
def new_role(db):
    """Makes roles for this test only; unless told otherwise, the test's role may SET ROLE to them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")
        if not cursor.fetchone()[0]:
            pytest.skip("the test database's role needs CREATEROLE to make a runtime role (see .ci/run)")

    def _new_role(*options: str, settable: bool = True) -> str:
        name = f"samtrygg_test_{secrets.token_hex(4)}"
        sql(f"CREATE ROLE {name} NOLOGIN {' '.join(options)}")
        if settable:
            sql(f"GRANT {name} TO CURRENT_USER")
        return name

    return _new_role


@pytest.fixture
def runtime(new_role) -> str:
    role = new_role()
    dbroles.grant_runtime_role(role)
    return role


@contextmanager
def acting_as(role: str):
    """This connection with exactly `role`'s rights, as if the application had logged in as it."""
    sql(f"SET ROLE {role}")
    try:
        yield
    finally:
        sql("RESET ROLE")


def refused(statement: str) -> str:
    """`statement` fails with PostgreSQL's permission error (in a savepoint, so the test goes on)."""
    with pytest.raises(DatabaseError) as info, transaction.atomic():
        sql(statement)
    assert getattr(info.value.__cause__, "sqlstate", None) == PERMISSION_DENIED, info.value
    return str(info.value)


def rights(role: str) -> dict[str, set[str]]:
    """{table or sequence: the role's privileges} for everything in the schema."""
    rows = sql(
        "SELECT c.relname, CASE WHEN c.relkind = 'S'"
        " THEN array(SELECT p FROM unnest(ARRAY['USAGE', 'SELECT', 'UPDATE']) p"
        "            WHERE has_sequence_privilege(%s, c.oid, p))"
        " ELSE array(SELECT p FROM unnest(%s::text[]) p WHERE has_table_privilege(%s, c.oid, p)) END"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S')",
        [role, list(PRIVILEGES), role],
    )
    return {name: set(privileges) for name, privileges in rows}


def granted_explicitly(role: str) -> int:
    """How many rights on tables and sequences were granted to `role` itself (not inherited from another)."""
    return sql("SELECT count(*) FROM pg_class c, aclexplode(c.relacl) a WHERE a.grantee = %s::regrole", [role])[0][0]


ATTACKS = [
    "ALTER TABLE audit_auditentry DISABLE TRIGGER ALL",
    "ALTER TABLE audit_auditentry DISABLE TRIGGER audit_no_change",
    "DROP TRIGGER audit_no_change ON audit_auditentry",
    "DROP TRIGGER audit_no_truncate ON audit_auditentry",
    "CREATE TRIGGER sneak BEFORE INSERT ON audit_auditentry FOR EACH ROW EXECUTE FUNCTION audit_append_only()",
    "CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$",
    "DROP FUNCTION audit_append_only() CASCADE",
    "ALTER TABLE audit_auditentry OWNER TO CURRENT_USER",
    "DROP TABLE audit_auditentry",
    "DELETE FROM audit_auditentry",
    "UPDATE audit_auditentry SET object_repr = 'rewritten'",
    "TRUNCATE audit_auditentry",
    "INSERT INTO audit_purge_permit (reason) VALUES ('let me in')",
    "UPDATE audit_purge_permit SET reason = 'mine'",
    "DELETE FROM audit_purge_permit",
    "TRUNCATE audit_purge_permit",
    "SET session_replication_role = replica",  # would skip every trigger
    "DELETE FROM django_migrations",
]


@pytest.mark.parametrize("statement", ATTACKS)
def test_the_runtime_role_cannot_get_around_the_audit_log(runtime, statement):
    kommun = accounts.organisation_create(actor=None, name="Exempelstad kommun", type=OrgType.KOMMUN, kommunkod="0180")
    before = sorted(AuditEntry.objects.values_list("id", "object_repr"))
    assert AuditEntry.objects.filter(object_id=str(kommun.pk)).exists()  # so DELETE and UPDATE have rows to touch
    with acting_as(runtime):
        refused(statement)
    # The test database holds a purge permit (conftest), so the triggers would let the owner delete: only the
    # runtime role's rights stopped it.
    assert sql("SELECT count(*) FROM audit_purge_permit") == [(1,)]
    assert sorted(AuditEntry.objects.values_list("id", "object_repr")) == before
    assert sql("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_auditentry'::regclass"
               " AND tgname IN ('audit_no_change', 'audit_no_truncate') AND tgenabled = 'O'") == [(2,)]


def test_the_applications_ordinary_writes_succeed_as_the_runtime_role(runtime):
    with acting_as(runtime):
        world = World()  # organisations, users, memberships, areas: each through its service, each audited
        incident = reporting.report(world, actor=world.alice)
        incidents.incident_update(actor=world.alice, incident=incident, description="Klotter, nu sanerat")
        pk = incident.pk
        incidents.incident_delete(actor=world.alice, incident=Incident.objects.get(pk=pk))
        assert not Incident.objects.filter(pk=pk).exists()
        actions = set(AuditEntry.objects.filter(object_type="incidents.incident", object_id=str(pk))
                      .values_list("action", flat=True))
        assert actions == {"create", "update", "delete"}
        assert sql("SELECT current_user") == [(runtime,)]
    assert AuditEntry.objects.filter(object_type="accounts.organisation").count() >= 4


def test_the_grant_is_exact_idempotent_and_leaves_the_role_owning_nothing(runtime):
    granted = rights(runtime)
    assert granted["audit_auditentry"] == {"SELECT", "INSERT"}
    assert granted["audit_purge_permit"] == {"SELECT"}
    assert granted["django_migrations"] == {"SELECT"}
    tables = {name for name, kind in sql("SELECT relname, relkind FROM pg_class WHERE relnamespace ="
                                         " current_schema()::regnamespace AND relkind = 'r'")}
    others = tables - {"audit_auditentry", "audit_purge_permit", "django_migrations"}
    assert {"incidents_incident", "accounts_user", "django_session"} <= others
    assert all(granted[name] == {"SELECT", "INSERT", "UPDATE", "DELETE"} for name in others), {
        name: granted[name] for name in others if granted[name] != {"SELECT", "INSERT", "UPDATE", "DELETE"}}
    assert all(granted[name] == {"USAGE"} for name in set(granted) - tables)  # sequences: new ids, nothing else
    sql("GRANT ALL ON audit_auditentry, incidents_incident TO " + runtime)  # someone's manual mistake
    dbroles.grant_runtime_role(runtime)
    dbroles.grant_runtime_role(runtime)
    assert rights(runtime) == granted
    owned = sql("SELECT count(*) FROM pg_class WHERE relowner = %s::regrole", [runtime])
    assert owned == [(0,)]


def test_migrate_grants_a_table_that_a_later_migration_adds(new_role, settings):
    role = new_role()
    sql("CREATE TABLE later_feature (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, note text)")
    sql("CREATE TABLE audit_later (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, note text)")
    settings.SAMTRYGG_DB_RUNTIME_ROLE = role
    call_command("migrate", verbosity=0, skip_checks=True)  # nothing to apply; post_migrate grants
    granted = rights(role)
    assert granted["later_feature"] == {"SELECT", "INSERT", "UPDATE", "DELETE"}
    assert granted["audit_later"] == {"SELECT", "INSERT"}  # every audit_… table is append-only
    assert granted["later_feature_id_seq"] == {"USAGE"}
    with acting_as(role):
        sql("INSERT INTO later_feature (note) VALUES ('x')")
        sql("UPDATE later_feature SET note = 'y'")
        refused("UPDATE audit_later SET note = 'y'")


def test_without_the_setting_migrate_grants_nothing(new_role, settings):
    role = new_role()
    settings.SAMTRYGG_DB_RUNTIME_ROLE = ""
    call_command("migrate", verbosity=0, skip_checks=True)
    assert not any(rights(role).values()) and granted_explicitly(role) == 0


@pytest.mark.parametrize(("options", "setup", "message"), [
    ("", "GRANT {owner} TO {role}", "is, or is a member of, the role"),
    ("CREATEROLE", "", "has CREATEROLE"),
    ("", "GRANT CREATE ON SCHEMA public TO {role}; CREATE TABLE sneaky (id int); ALTER TABLE sneaky OWNER TO {role}",
     "owns 1 table"),
    ("", "GRANT CREATE ON SCHEMA public TO {role}; ALTER FUNCTION audit_append_only() OWNER TO {role}",
     "owns 1 table\\(s\\), sequence\\(s\\) or function\\(s\\)"),
], ids=["member-of-the-owner", "createrole", "owns-a-table", "owns-the-trigger-function"])
def test_a_role_that_could_get_around_the_triggers_is_refused(new_role, settings, options, setup, message):
    role = new_role(options, settable="{owner}" not in setup)  # membership cannot go both ways
    owner = sql("SELECT current_user")[0][0]
    for statement in filter(None, setup.format(role=role, owner=owner).split("; ")):
        sql(statement)
    with pytest.raises(ImproperlyConfigured, match=message):
        dbroles.grant_runtime_role(role)
    assert granted_explicitly(role) == 0
    settings.SAMTRYGG_DB_RUNTIME_ROLE = role
    with pytest.raises(CommandError, match=message):  # migrate says so as a message, not a traceback
        call_command("migrate", verbosity=0, skip_checks=True)


def test_the_owner_itself_or_a_missing_role_is_refused_with_a_clear_message(db):
    owner = sql("SELECT current_user")[0][0]
    with pytest.raises(ImproperlyConfigured, match=f"the role '{owner}' that runs the migrations"):
        dbroles.grant_runtime_role(owner)
    with pytest.raises(ImproperlyConfigured, match="does not exist. Create it first"):
        dbroles.grant_runtime_role("samtrygg_no_such_role")


def test_check_deploy_warns_when_the_application_could_disable_the_triggers(runtime):
    warnings = dbroles.check_role()
    assert [w.id for w in warnings] == ["samtrygg.audit.W001"]  # the test connection owns the tables
    assert "could disable the triggers" in warnings[0].msg
    with acting_as(runtime):
        assert dbroles.check_role() == []
