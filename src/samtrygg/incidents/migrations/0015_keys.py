"""The incident table's four keys (owner, category, area, reported_by) checked once per statement instead of once
per row: PostgreSQL's foreign-key constraints run a trigger per inserted row, two thirds of a bulk import's time
(docs/performance.md), so on PostgreSQL they are dropped and replaced by statement-level triggers over the
statement's transition tables, with the same guarantee on both sides:

- a statement that writes incidents (INSERT, COPY, UPDATE) fails if any key it leaves points at no row: the
  distinct keys of the statement's rows are looked up, a few hundred lookups for a million imported rows;
- a statement that deletes organisations, categories, areas or users (or changes their id) fails if an incident
  still points at one of them. Django's on_delete rules (PROTECT, SET_NULL) run before, as they did.

Both raise foreign_key_violation, so Django raises IntegrityError as before. The checks run at the end of each
statement (the dropped constraints were deferred to the commit; nothing in samtrygg writes an incident before
what it points at). SQLite keeps its declared constraints (the models say db_constraint=False, the table keeps
them: its checks are per row either way). The SQL is frozen here; tests/test_incident_keys.py checks it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

INCIDENTS = "incidents_incident"
# (column, referenced table, nullable)
KEYS = (("owner_id", "accounts_organisation", False), ("category_id", "incidents_category", False),
        ("area_id", "areas_area", True), ("reported_by_id", "accounts_user", True))


def _missing(column: str, table: str, nullable: bool) -> str:
    test = f"NOT EXISTS (SELECT 1 FROM {table} t WHERE t.id = k.{column})"
    return f"(k.{column} IS NOT NULL AND {test})" if nullable else test


KEYS_CHECK = f"""CREATE OR REPLACE FUNCTION incident_keys_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE bad record;
BEGIN
  SELECT * INTO bad FROM (SELECT DISTINCT {", ".join(c for c, _t, _n in KEYS)} FROM new_rows) k
    WHERE {" OR ".join(_missing(*key) for key in KEYS)} LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "{INCIDENTS}" points at no row: %', row_to_json(bad)
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$"""


def _referenced_check(column: str, table: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION incident_refs_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE gone bigint[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT array_agg(o.id) INTO gone FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id);
  ELSE
    SELECT array_agg(o.id) INTO gone FROM old_rows o;
  END IF;
  IF gone IS NOT NULL AND EXISTS (SELECT 1 FROM {INCIDENTS} i WHERE i.{column} = ANY (gone)) THEN
    RAISE EXCEPTION 'update or delete on table "{table}" leaves incidents ({column}) pointing at no row'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$"""


POSTGRESQL = [
    KEYS_CHECK,
    *(f"CREATE TRIGGER incident_keys_{operation.lower()} AFTER {operation} ON {INCIDENTS} "
      f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_keys_check()"
      for operation in ("INSERT", "UPDATE")),
]
for _column, _table, _nullable in KEYS:
    POSTGRESQL += [
        _referenced_check(_column, _table),
        f"CREATE TRIGGER incident_refs_delete AFTER DELETE ON {_table} REFERENCING OLD TABLE AS old_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION incident_refs_{_table}()",
        f"CREATE TRIGGER incident_refs_update AFTER UPDATE ON {_table} "
        f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_refs_{_table}()",
    ]


def _foreign_keys(cursor) -> list[str]:
    cursor.execute("SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f' "
                   "AND confrelid::regclass::text = ANY (%s)", [INCIDENTS, [t for _c, t, _n in KEYS]])
    return [row[0] for row in cursor.fetchall()]


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in _foreign_keys(cursor):
            cursor.execute(f'ALTER TABLE {INCIDENTS} DROP CONSTRAINT "{name}"')
        for statement in POSTGRESQL:
            cursor.execute(statement)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for operation in ("insert", "update"):
            cursor.execute(f"DROP TRIGGER IF EXISTS incident_keys_{operation} ON {INCIDENTS}")
        cursor.execute("DROP FUNCTION IF EXISTS incident_keys_check()")
        for column, table, _nullable in KEYS:
            for operation in ("delete", "update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS incident_refs_{operation} ON {table}")
            cursor.execute(f"DROP FUNCTION IF EXISTS incident_refs_{table}()")
            cursor.execute(f"ALTER TABLE {INCIDENTS} ADD CONSTRAINT incident_{column}_fk FOREIGN KEY ({column}) "
                           f"REFERENCES {table} (id) DEFERRABLE INITIALLY DEFERRED")


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0005_privacy_policy"),
        ("areas", "0002_scb_codes"),
        ("incidents", "0014_changes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="incident", name="area",
                    field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True,
                                            on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                                            to="areas.area", verbose_name="area"),
                ),
                migrations.AlterField(
                    model_name="incident", name="category",
                    field=models.ForeignKey(db_constraint=False, db_index=False,
                                            on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                            to="incidents.category", verbose_name="category"),
                ),
                migrations.AlterField(
                    model_name="incident", name="owner",
                    field=models.ForeignKey(db_constraint=False, db_index=False,
                                            on_delete=django.db.models.deletion.PROTECT, related_name="incidents",
                                            to="accounts.organisation", verbose_name="reporting organisation"),
                ),
                migrations.AlterField(
                    model_name="incident", name="reported_by",
                    field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True,
                                            on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                                            to=settings.AUTH_USER_MODEL, verbose_name="reported by"),
                ),
            ],
            database_operations=[migrations.RunPython(install, uninstall)],
        ),
    ]
