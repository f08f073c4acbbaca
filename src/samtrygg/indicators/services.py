"""Writing indicators: one import, all or nothing, audited.

    result = import_indicators(formats.load("brott.csv"), user=None)
    result = import_indicators(formats.load("trygghet.xlsx", "table"), user=alice, owner=kommun)

Public national data (Kolada, Brå) is stored without owner whoever imports it; own data (the table format)
belongs to `owner`, whose areas its area names are matched against (case ignored). A value already stored for
the same series, place, period and gender is updated (only in what the row gives: a Brå count table leaves the
rates alone), so importing a file twice adds nothing. The same value twice in one file is an error, as is an
unknown area: FormatError names the line and the field, and nothing is written.
"""

from dataclasses import dataclass, field, replace

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.access import Access, Action
from samtrygg.areas.models import Area
from samtrygg.audit.models import Action as AuditAction
from samtrygg.audit.services import audit_create, audit_record, audit_save

from .formats import OWN, FormatError, Parsed, SeriesInfo
from .formats.base import where
from .models import IndicatorSeries, IndicatorValue
from .selectors import KOLADA_FETCH, KOLADA_FETCH_FAILED

BATCH = 2000


@dataclass
class SeriesCount:
    series: IndicatorSeries
    new_series: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportResult:
    file: str
    format: str
    source: str
    dry_run: bool
    series: list[SeriesCount] = field(default_factory=list)
    left_out: int = 0  # values for other places, left out of a coordinator's national import (import_national)

    @property
    def created(self) -> int:
        return sum(s.created for s in self.series)

    @property
    def updated(self) -> int:
        return sum(s.updated for s in self.series)

    @property
    def unchanged(self) -> int:
        return sum(s.unchanged for s in self.series)

    def counts(self) -> dict:
        return {"series": len(self.series), "new_series": sum(s.new_series for s in self.series),
                "created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def import_indicators(parsed: Parsed, *, user, owner=None, dry_run: bool = False) -> ImportResult:
    """Store the parsed values (see the module's docstring); with dry_run everything is checked and counted, and
    rolled back. Raises FormatError (bad input) or PermissionDenied (user may not change owner's data)."""
    if parsed.source == OWN and owner is None:
        raise FormatError(parsed.file, None, "", _("own data (a table) needs the organisation that owns it (--org)."))
    if parsed.source != OWN:
        owner = None
    elif user is not None and not Access(user).can_in(Action.CHANGE, owner):
        raise PermissionDenied(_("The user may not change this organisation's data."))
    areas = _area_ids(parsed, owner)
    result = ImportResult(parsed.file, parsed.format, parsed.source, dry_run)
    now = timezone.now()
    with transaction.atomic():
        stored = {key: _series(info, owner, user) for key, info in parsed.series.items()}
        by_key = {key: SeriesCount(series, created) for key, (series, created) in stored.items()}
        result.series = list(by_key.values())
        existing = {
            (v.series_id, v.region_code, v.area_id, v.period, v.gender): v
            for v in IndicatorValue.objects.filter(
                series__in=[s for s, _ in stored.values()], period__in={row.period for row in parsed.rows}
            )
        }
        seen: dict[tuple, int] = {}
        new: list[IndicatorValue] = []
        changed: list[IndicatorValue] = []
        for row in parsed.rows:
            series, _created = stored[row.series]
            area_id = areas.get(row.area_name.casefold()) if row.area_name else None
            key = (series.pk, row.region_code, area_id, row.period, row.gender)
            if key in seen:
                raise FormatError(parsed.file, row.line, "", _(
                    "the same value (series, place, period and gender) as %(where)s.")
                    % {"where": where(parsed.unit, seen[key])}, unit=parsed.unit)
            seen[key] = row.line
            count = by_key[row.series]
            value = existing.get(key)
            if value is None:
                new.append(IndicatorValue(series=series, region_code=row.region_code, area_id=area_id,
                                          period=row.period, period_start=row.period_start, gender=row.gender,
                                          value=row.value if "value" in row.sets else None,
                                          count=row.count if "count" in row.sets else None, imported_at=now))
                count.created += 1
            elif any(getattr(value, name) != getattr(row, name) for name in row.sets):
                for name in row.sets:
                    setattr(value, name, getattr(row, name))
                value.imported_at = now
                changed.append(value)
                count.updated += 1
            else:
                count.unchanged += 1
        IndicatorValue.objects.bulk_create(new, batch_size=BATCH)
        IndicatorValue.objects.bulk_update(changed, ["value", "count", "imported_at"], batch_size=BATCH)
        audit_record(
            actor=user, action=AuditAction.IMPORT, organisation=owner, object_type="indicators.indicatorvalue",
            object_repr=f"Import of indicators ({parsed.format}): {parsed.file}"[:200],
            changes={"file": [None, parsed.file[:200]], "source": [None, parsed.source],
                     "format": [None, parsed.format], "counts": [None, result.counts()]},
        )
        if dry_run:
            transaction.set_rollback(True)
    return result


def _series(info: SeriesInfo, owner, user) -> tuple[IndicatorSeries, bool]:
    """The stored series for `info` (created, or its name, unit and description brought up to date where the file
    gives them) and whether it is new; either is audited on its own (the values in the import's one entry)."""
    series = IndicatorSeries.objects.filter(source=info.source, external_id=info.external_id, owner=owner).first()
    if series is None:
        series = IndicatorSeries.objects.create(
            source=info.source, external_id=info.external_id, name=info.name or info.external_id, unit=info.unit,
            description=info.description, owner=owner,
        )
        audit_create(actor=user, organisation=owner, obj=series)
        return series, True
    given = {"name": info.name, "unit": info.unit, "description": info.description}
    changed = [name for name, text in given.items() if text and getattr(series, name) != text]
    if changed:
        with audit_save(actor=user, organisation=owner, obj=series):
            for name in changed:
                setattr(series, name, given[name])
            series.save(update_fields=[*changed, "updated_at"])
    return series, False


def _area_ids(parsed: Parsed, owner) -> dict[str, int]:
    """{area name casefolded: id} for the area names in the file, among the owner's areas; FormatError at the
    first name that is missing or names several areas."""
    names = {row.area_name.casefold() for row in parsed.rows if row.area_name}
    if not names:
        return {}
    found: dict[str, list[int]] = {}
    for pk, name in Area.objects.filter(owner=owner).values_list("pk", "name"):
        found.setdefault(name.casefold(), []).append(pk)
    for row in parsed.rows:
        if row.area_name:
            ids = found.get(row.area_name.casefold(), [])
            if len(ids) != 1:
                reason = (_("no area named “%(name)s” among the areas of %(owner)s.") if not ids else
                          _("%(count)s areas named “%(name)s” among the areas of %(owner)s."))
                raise FormatError(parsed.file, row.line, row.field, reason % {
                    "name": row.area_name[:60], "owner": owner, "count": len(ids)}, unit=parsed.unit)
    return {name: ids[0] for name, ids in found.items() if name in names}


def import_national(parsed: Parsed, *, user, region_codes: set[str] | None, dry_run: bool = False) -> ImportResult:
    """Public national data (Kolada, Brå) added by a user: with `region_codes` (selectors.national_places: a
    coordinator's municipality, its county and Sweden) only the values for those places are stored and the others
    counted in ImportResult.left_out, since every organisation reads them; None (the installation's
    administrators, the scheduled fetch) stores every value. FormatError when none is left."""
    if parsed.source == OWN:
        raise ValueError("import_national() is for public national data, not own tables.")
    left_out = 0
    if region_codes is not None:
        kept = [row for row in parsed.rows if row.region_code in region_codes]
        left_out = len(parsed.rows) - len(kept)
        if not kept:
            raise FormatError(parsed.file, None, "", _(
                "the file holds no values for your municipality, its county or Sweden (the installation's "
                "administrators import national files for every municipality)."))
        names = {row.series for row in kept}
        parsed = replace(parsed, rows=kept, series={k: v for k, v in parsed.series.items() if k in names})
    result = import_indicators(parsed, user=user, dry_run=dry_run)
    result.left_out = left_out
    return result


def kolada_fetch_record(*, base_url: str, imported: dict[str, dict], failed: dict[str, str]) -> None:
    """Record one scheduled fetch of the recommended KPIs in the audit log ({kpi: counts}, {kpi: reason}): the
    job reads it to know when the next fetch is due (selectors.last_kolada_fetch)."""
    audit_record(
        actor=None, action=AuditAction.IMPORT, object_type=KOLADA_FETCH_FAILED if failed else KOLADA_FETCH,
        object_repr=f"Scheduled fetch of the recommended KPIs from {base_url}"[:200],
        changes={"imported": [None, imported], "failed": [None, failed]},
    )
