"""The tallies' upkeep: database triggers that keep every tally (models.Tally) exact in the same transaction as the
write to the incident table, whoever writes (the services, the importer's COPY, a cascade, a retention purge, SQL
by hand), and the rebuild from the incidents.

On PostgreSQL one statement-level trigger per operation reads the statement's transition tables, so a COPY of a
million rows updates each tally by one GROUP BY, not a million times. SQLite has only row triggers: one upsert per
row and tally, fine for the embedded database. The local month, weekday and hour are computed at write time (in
PostgreSQL by AT TIME ZONE, in SQLite by the functions Django registers on each of its connections, so SQLite's
triggers run only on Django's connections), so reading a tally does no time-zone arithmetic.

The same SQL expressions build the triggers and the rebuild, so both count alike; tests/test_tallies.py checks
that the tallies equal direct counts after random sequences of writes, on both databases."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction

from samtrygg.lib import cells

from .models import (
    CellTally,
    CoarseCellTally,
    FinePlaceTally,
    HourTally,
    Incident,
    MonthHourTally,
    MonthPlaceTally,
    MonthTally,
    PlaceTally,
    WeekHourTally,
)

INCIDENTS = Incident._meta.db_table
# The incident columns a tally's key is made of: an update of other columns leaves every tally as it is.
SOURCE_COLUMNS = ("owner_id", "area_id", "category_id", "cell", "occurred_from")


@dataclass(frozen=True)
class Dimension:
    column: str
    nullable: bool = False

    def expression(self, row: str, vendor: str) -> str:
        """The dimension's value for the incident row `row` (an alias, NEW or OLD)."""
        moment = f"{row}.occurred_from"
        zone = settings.TIME_ZONE
        if self.column == "month":
            if vendor == "postgresql":
                return f"(date_trunc('month', {moment} AT TIME ZONE '{zone}'))::date"
            return f"date(django_datetime_trunc('month', {moment}, '{zone}', 'UTC'))"
        if self.column in ("weekday", "hour"):
            if vendor == "postgresql":
                field = "isodow" if self.column == "weekday" else "hour"
                return f"extract({field} from {moment} AT TIME ZONE '{zone}')::smallint"
            field = "iso_week_day" if self.column == "weekday" else "hour"
            return f"django_datetime_extract('{field}', {moment}, '{zone}', 'UTC')"
        if self.column == f"cell{cells.CELL_RESOLUTION}":
            return f"{row}.cell"
        if self.column.startswith("cell"):
            return cells.parent_sql(f"{row}.cell", int(self.column[4:]))
        return f"{row}.{self.column}"

    def key(self, table_column: str) -> str:
        return f"COALESCE({table_column}, 0)" if self.nullable else table_column

    @property
    def name(self) -> str:
        return "cell" if self.column.startswith("cell") else self.column


def dimensions(model) -> list[Dimension]:
    columns = {"owner": "owner_id", "area": "area_id", "category": "category_id", "cell": f"cell{model.RESOLUTION}"}
    return [Dimension(columns.get(name, name), nullable=name in ("area", "cell")) for name in model.dimensions()]


# Every tally, smallest first (rows at 1,000,000 demo incidents over two years: docs/performance.md): a reader
# takes the first that counts by what it needs (fitting).
TALLIES = (WeekHourTally, MonthTally, PlaceTally, FinePlaceTally, MonthHourTally, CoarseCellTally, MonthPlaceTally,
           HourTally, CellTally)


def fitting(needs: set[str], resolution: int | None = None):
    """The smallest tally that counts by every dimension in `needs` ("category", "month", "hour") and, given a
    resolution, by cells at least that fine; None when none does."""
    for model in TALLIES:
        if needs <= set(model.dimensions()) and (resolution is None or (model.RESOLUTION or -1) >= resolution):
            return model
    return None


def _columns(model) -> str:
    return ", ".join(d.name for d in dimensions(model))


def _conflict(model) -> str:
    return ", ".join(d.key(d.name) for d in dimensions(model))


def _grouped(model, source: str, vendor: str) -> str:
    """SELECT the model's key and the count of rows of `source` (a table or transition table, alias r)."""
    exprs = [d.expression("r", vendor) for d in dimensions(model)]
    positions = ", ".join(str(i + 1) for i in range(len(exprs)))
    return f"SELECT {', '.join(exprs)}, count(*) FROM {source} r GROUP BY {positions}"


def _upsert(model, select: str) -> str:
    table = model._meta.db_table
    return (f"INSERT INTO {table} ({_columns(model)}, n) {select} "
            f"ON CONFLICT ({_conflict(model)}) DO UPDATE SET n = {table}.n + excluded.n")


def _matches(model, left: str, right: str) -> str:
    return " AND ".join(f"{d.key(f'{left}.{d.name}')} = {d.key(f'{right}.{d.name}')}" for d in dimensions(model))


# --- PostgreSQL: statement triggers over transition tables ------------------------------------------------------
# One statement per trigger counts every tally: the largest ones from the written rows, each smaller one from the
# smallest already counted tally that counts by all it does (sources), so a COPY of a million rows is read three
# times, not nine, and the local time is worked out once per row and tally read.

def _covers(source, model) -> bool:
    """Whether `model`'s counts can be summed from `source`'s: every dimension of it, cells no coarser."""
    if not set(model.dimensions()) <= set(source.dimensions()):
        return False
    return model.RESOLUTION is None or (source.RESOLUTION or -1) >= model.RESOLUTION


def sources() -> dict:
    """{tally: the tally its counts are summed from, or None for the incidents}: the smallest that covers it among
    those counted before it (largest first)."""
    found = {}
    for model in reversed(TALLIES):
        covering = [source for source in found if _covers(source, model)]
        found[model] = covering[-1] if covering else None
    return found


def _set(model) -> str:
    return f"g_{model._meta.db_table}"


def _counted(rows: str) -> list[str]:
    """The WITH entries counting every tally's keys in `rows` (a table or transition table, alias r), each from its
    source (sources) when it has one."""
    entries = []
    for model, source in sources().items():
        names = ", ".join(d.name for d in dimensions(model))
        if source is None:
            select = _grouped(model, rows, "postgresql")
        else:
            exprs = [cells.parent_sql("r.cell", model.RESOLUTION)
                     if d.name == "cell" and model.RESOLUTION != source.RESOLUTION else f"r.{d.name}"
                     for d in dimensions(model)]
            positions = ", ".join(str(i + 1) for i in range(len(exprs)))
            select = f"SELECT {', '.join(exprs)}, sum(r.n)::bigint FROM {_set(source)} r GROUP BY {positions}"
        entries.append(f"{_set(model)} ({names}, n) AS ({select})")
    return entries


def _statement(entries: list[str], changes: list[str]) -> str:
    """One statement: the WITH entries, every change but the last as a WITH entry of its own, the last as the main
    statement (PL/pgSQL wants a statement without a result)."""
    writes = [f"w{i} AS ({change})" for i, change in enumerate(changes[:-1])]
    return "WITH " + ",\n    ".join(entries + writes) + "\n  " + changes[-1]


def _pg_add(rows: str) -> str:
    return _statement(_counted(rows), [
        f"INSERT INTO {model._meta.db_table} ({_columns(model)}, n) SELECT {_columns(model)}, n FROM {_set(model)} "
        f"ON CONFLICT ({_conflict(model)}) DO UPDATE SET n = {model._meta.db_table}.n + excluded.n"
        for model in sources()])


def _pg_subtract(rows: str) -> str:
    """Take the rows of `rows` off every tally: the keys they empty go, the others count fewer (each row of a tally
    is deleted or updated, never both, so the two may share one statement)."""
    changes = []
    for model in sources():
        table, counted = model._meta.db_table, _set(model)
        matches = _matches(model, "t", "g")
        changes += [f"DELETE FROM {table} t USING {counted} g WHERE {matches} AND t.n <= g.n",
                    f"UPDATE {table} t SET n = t.n - g.n FROM {counted} g WHERE {matches} AND t.n > g.n"]
    return _statement(_counted(rows), changes)


def _pg_function(operation: str) -> str:
    changed = " OR ".join(f"o.{c} IS DISTINCT FROM w.{c}" for c in SOURCE_COLUMNS)
    # An update changes a tally only for rows whose key columns changed: those rows, before and after.
    moved_old = f"(SELECT o.* FROM old_rows o JOIN new_rows w ON w.id = o.id WHERE {changed})"
    moved_new = f"(SELECT w.* FROM old_rows o JOIN new_rows w ON w.id = o.id WHERE {changed})"
    if operation == "DELETE":
        statements = [_pg_subtract("old_rows")]
    elif operation == "INSERT":
        statements = [_pg_add("new_rows")]
    else:  # two statements: an update may take from and add to the same tally row
        statements = [_pg_subtract(moved_old), _pg_add(moved_new)]
    body = ";\n  ".join(statements)
    return (f"CREATE OR REPLACE FUNCTION incident_tallies_{operation.lower()}() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$\nBEGIN\n  {body};\n  RETURN NULL;\nEND\n$$")


def _pg_install() -> list[str]:
    sql = []
    for operation, tables in (("INSERT", "NEW TABLE AS new_rows"), ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS "
                                                                               "new_rows"),
                              ("DELETE", "OLD TABLE AS old_rows")):
        name = f"incident_tallies_{operation.lower()}"
        sql += [_pg_function(operation), f"DROP TRIGGER IF EXISTS {name} ON {INCIDENTS}",
                f"CREATE TRIGGER {name} AFTER {operation} ON {INCIDENTS} REFERENCING {tables} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"]
    return sql


# --- SQLite: row triggers ----------------------------------------------------------------------------------------

def _sqlite_add(model, row: str) -> str:
    exprs = ", ".join(d.expression(row, "sqlite") for d in dimensions(model))
    return _upsert(model, f"SELECT {exprs}, 1 WHERE true")


def _sqlite_subtract(model, row: str) -> list[str]:
    table = model._meta.db_table
    match = " AND ".join(f"{d.key(d.name)} = {d.key(d.expression(row, 'sqlite'))}" for d in dimensions(model))
    return [f"UPDATE {table} SET n = n - 1 WHERE {match}", f"DELETE FROM {table} WHERE {match} AND n <= 0"]


def _sqlite_install() -> list[str]:
    insert = [_sqlite_add(model, "NEW") for model in TALLIES]
    delete = [statement for model in TALLIES for statement in _sqlite_subtract(model, "OLD")]
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in SOURCE_COLUMNS)
    triggers = {
        "insert": ("AFTER INSERT", insert),
        "delete": ("AFTER DELETE", delete),
        "update": (f"AFTER UPDATE OF {', '.join(SOURCE_COLUMNS)}", delete + insert),
    }
    sql = []
    for name, (event, statements) in triggers.items():
        when = f" WHEN {changed}" if name == "update" else ""
        sql += [f"DROP TRIGGER IF EXISTS incident_tallies_{name}",
                f"CREATE TRIGGER incident_tallies_{name} {event} ON {INCIDENTS} FOR EACH ROW{when} BEGIN "
                + "; ".join(statements) + "; END"]
    return sql


def install_sql(vendor: str) -> list[str]:
    """The statements that (re)create the triggers on this vendor's database."""
    return _pg_install() if vendor == "postgresql" else _sqlite_install()


def rebuild_sql(vendor: str) -> list[str]:
    """The statements that recount every tally from the incidents (on PostgreSQL the triggers' own statement, each
    tally from its source)."""
    sql = [f"DELETE FROM {model._meta.db_table}" for model in TALLIES]
    if vendor == "postgresql":
        return [*sql, _pg_add(INCIDENTS)]
    return sql + [f"INSERT INTO {model._meta.db_table} ({_columns(model)}, n) {_grouped(model, INCIDENTS, vendor)}"
                  for model in TALLIES]


def install(schema_editor=None) -> None:
    """Create the triggers (a migration's RunPython, or `samtrygg tallies --install`)."""
    run = connection if schema_editor is None else schema_editor.connection
    with run.cursor() as cursor:
        for statement in install_sql(run.vendor):
            cursor.execute(statement)


@transaction.atomic
def rebuild() -> None:
    """Recount every tally from the incidents, in one transaction that keeps writers out meanwhile."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {INCIDENTS} IN SHARE MODE")
        for statement in rebuild_sql(connection.vendor):
            cursor.execute(statement)


def differences() -> dict[str, int]:
    """{tally table: how many keys differ from a recount of the incidents} (all nought when exact)."""
    found = {}
    with connection.cursor() as cursor:
        for model in TALLIES:
            table = model._meta.db_table
            stored = f"SELECT {_columns(model)}, n FROM {table}"
            counted = _grouped(model, INCIDENTS, connection.vendor)
            cursor.execute(f"SELECT (SELECT count(*) FROM ({stored} EXCEPT {counted}) a)"
                           f" + (SELECT count(*) FROM ({counted} EXCEPT {stored}) b)")
            found[table] = cursor.fetchone()[0]
    return found
