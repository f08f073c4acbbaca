"""The application's own database role on PostgreSQL, kept apart from the role that owns the tables.

The audit log's triggers (migration 0002) refuse UPDATE, DELETE and TRUNCATE, but the owner of a table may
disable or drop its triggers, and the owner of the trigger function may replace it. So the role that runs the
migrations (and owns everything) is not the role the application runs as. The runtime role, named by
SAMTRYGG_DB_RUNTIME_ROLE, gets only what the application needs:

- every table: SELECT, INSERT, UPDATE, DELETE;
- the audit tables (names beginning `audit_`): SELECT and INSERT only, so the log stays append-only even
  against the application itself; `audit_purge_permit` SELECT only (the trigger reads it), as has
  `django_migrations` (the application never migrates);
- every sequence: USAGE (new ids); the schema: USAGE.

It owns nothing, so ALTER TABLE … DISABLE TRIGGER, DROP TRIGGER, CREATE OR REPLACE FUNCTION and TRUNCATE are
refused to it by PostgreSQL itself.

When: after every `samtrygg migrate` (post_migrate, connected in apps.py), run as the owner. Migrate is the only
step that creates tables and the only one run as the owner, so a table never exists without its rights settled
and there is no second command to forget; running `samtrygg migrate` again (also after a restore) re-applies the
rights. The grant is idempotent: each object's rights for the role are revoked and granted again, in one
transaction. Without SAMTRYGG_DB_RUNTIME_ROLE, or on SQLite, nothing happens.

`check --deploy` warns when the application's own connection could disable the audit triggers (check_role).
"""

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

FULL = ("SELECT", "INSERT", "UPDATE", "DELETE")
APPEND_ONLY = ("SELECT", "INSERT")
READ_ONLY = ("SELECT",)
AUDIT_PREFIX = "audit_"
READ_ONLY_TABLES = frozenset({"audit_purge_permit", "django_migrations"})
TRIGGER_FUNCTION = "audit_append_only"

# Objects of the current schema that the connected role owns (only an owner can grant on them).
_OWNED_OBJECTS = """
    SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
      AND pg_has_role(c.relowner, 'USAGE')
    ORDER BY c.relname"""

# What the runtime role could use to get around the triggers: being a superuser, CREATEROLE (up to PostgreSQL 15
# it may make itself a member of any other role), acting as the connected role, owning anything here.
_ROLE_FACTS = """
    SELECT r.rolsuper, r.rolcreaterole, pg_has_role(r.oid, current_user, 'MEMBER'),
      (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND pg_has_role(r.oid, c.relowner, 'MEMBER'))
      + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = current_schema() AND pg_has_role(r.oid, p.proowner, 'MEMBER')),
      (SELECT pg_has_role(r.oid, n.nspowner, 'MEMBER') FROM pg_namespace n WHERE n.nspname = current_schema()),
      (SELECT pg_has_role(r.oid, d.datdba, 'MEMBER') FROM pg_database d WHERE d.datname = current_database()),
      current_user, current_database(), current_schema()
    FROM pg_roles r WHERE r.rolname = %s"""


def audit_tables() -> set[str]:
    """The tables of the audit app's models (append-only, like every other table named audit_…)."""
    return {model._meta.db_table for model in apps.get_app_config("audit").get_models()}


def privileges_for(table: str) -> tuple[str, ...]:
    """What the runtime role may do with `table`."""
    if table in READ_ONLY_TABLES:
        return READ_ONLY
    if table.startswith(AUDIT_PREFIX) or table in audit_tables():
        return APPEND_ONLY
    return FULL


def role_problem(cursor, role: str) -> str | None:
    """Why `role` may not serve as the runtime role of the connected (owner) role's database, or None."""
    cursor.execute(_ROLE_FACTS, [role])
    row = cursor.fetchone()
    if row is None:
        return (f"The runtime database role {role!r} (SAMTRYGG_DB_RUNTIME_ROLE) does not exist. Create it first, "
                f"e.g. CREATE ROLE {role} LOGIN PASSWORD '…', then run `samtrygg migrate` again.")
    superuser, createrole, acts_as_owner, owned, owns_schema, owns_database, owner, database, schema = row
    prefix = f"The runtime database role {role!r} (SAMTRYGG_DB_RUNTIME_ROLE)"
    if superuser:
        return f"{prefix} is a superuser, so it could disable the audit log's triggers. Use a role without SUPERUSER."
    if acts_as_owner:
        return (f"{prefix} is, or is a member of, the role {owner!r} that runs the migrations and owns the tables. "
                f"Use a separate role that is not a member of {owner!r}.")
    if createrole:
        return (f"{prefix} has CREATEROLE, with which it could make itself a member of the owner role. "
                f"Use a role without it: ALTER ROLE {role} NOCREATEROLE.")
    if owns_database or owns_schema:
        what = f"database {database!r}" if owns_database else f"schema {schema!r}"
        return (f"{prefix} owns the {what}, and with it the right to drop the audit log. "
                f"Give it to the owner role: ALTER {'DATABASE' if owns_database else 'SCHEMA'} … OWNER TO {owner}.")
    if owned:
        return (f"{prefix} owns {owned} table(s), sequence(s) or function(s) in schema {schema!r}; it must own "
                f"nothing. Give them to the owner role (ALTER … OWNER TO {owner}) and run `samtrygg migrate` again.")
    return None


def grant_runtime_role(role: str, *, using: str = DEFAULT_DB_ALIAS) -> dict[str, tuple[str, ...]]:
    """Give `role` exactly the runtime rights (see the module's docstring) on every table, view and sequence of
    the current schema that the connected role owns, in one transaction; idempotent. Returns {object: rights}.
    Raises ImproperlyConfigured, granting nothing, when the role does not exist or could get around the audit
    triggers. Nothing happens on a database other than PostgreSQL."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return {}
    from psycopg import sql

    with transaction.atomic(using=using), connection.cursor() as cursor:
        problem = role_problem(cursor, role)
        if problem:
            raise ImproperlyConfigured(problem)
        raw = connection.connection

        def quoted(name: str) -> str:
            return sql.Identifier(name).as_string(raw)

        cursor.execute("SELECT current_schema()")
        grantee = quoted(role)
        cursor.execute(f"GRANT USAGE ON SCHEMA {quoted(cursor.fetchone()[0])} TO {grantee}")
        cursor.execute(_OWNED_OBJECTS)
        granted: dict[str, tuple[str, ...]] = {}
        groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        for name, kind in cursor.fetchall():
            if kind == "S":
                key = ("SEQUENCE", ("USAGE",))
            elif kind in ("v", "m"):
                key = ("TABLE", READ_ONLY)
            else:
                key = ("TABLE", privileges_for(name))
            groups.setdefault(key, []).append(quoted(name))
            granted[name] = key[1]
        for (kind, privileges), names in groups.items():
            objects = ", ".join(names)
            cursor.execute(f"REVOKE ALL ON {kind} {objects} FROM {grantee}")
            if privileges in (APPEND_ONLY, READ_ONLY):  # nobody gets more through PUBLIC either
                cursor.execute(f"REVOKE ALL ON {kind} {objects} FROM PUBLIC")
            cursor.execute(f"GRANT {', '.join(privileges)} ON {kind} {objects} TO {grantee}")
    return granted


def grant_after_migrate(*, using: str = DEFAULT_DB_ALIAS, verbosity: int = 1, stdout=None, **kwargs) -> None:
    """post_migrate: grant SAMTRYGG_DB_RUNTIME_ROLE its rights, when it is set and the database is PostgreSQL."""
    role = getattr(settings, "SAMTRYGG_DB_RUNTIME_ROLE", "")
    if not role or connections[using].vendor != "postgresql":
        return
    try:
        granted = grant_runtime_role(role, using=using)
    except ImproperlyConfigured as exc:
        raise CommandError(str(exc)) from None  # printed as a message, not as a traceback
    if verbosity >= 1 and stdout is not None:
        stdout.write(f"  Granted the runtime database role {role!r} its rights on {len(granted)} tables and sequences.")


@checks.register(checks.Tags.security, deploy=True)
def check_role(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy`: the application's database role must not be able to disable the audit log's triggers."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        return []
    table = apps.get_model("audit", "AuditEntry")._meta.db_table
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT r.rolname, r.rolsuper OR r.rolcreaterole"
                " OR coalesce((SELECT pg_has_role(c.relowner, 'MEMBER') FROM pg_class c WHERE c.oid = to_regclass(%s)),"
                " false)"
                " OR coalesce((SELECT bool_or(pg_has_role(p.proowner, 'MEMBER')) FROM pg_proc p"
                " WHERE p.proname = %s), false)"
                " FROM pg_roles r WHERE r.rolname = current_user",
                [table, TRIGGER_FUNCTION],
            )
            role, unsafe = cursor.fetchone()
    except DatabaseError:
        return []  # no database to ask: nothing to say about its roles
    if not unsafe:
        return []
    return [checks.Warning(
        f"The application's database role {role!r} owns the audit log's table or trigger function, is a "
        "superuser or has CREATEROLE, so it could disable the triggers that keep the audit log append-only.",
        hint="Run migrations as the owner role with SAMTRYGG_DB_RUNTIME_ROLE set, and let the application connect "
             "as that separate runtime role (README, Production deployment).",
        id="samtrygg.audit.W001",
    )]
