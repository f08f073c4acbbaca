"""Incidents (händelser): what happened, when, where, reported by whom — never about whom (no personal data)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """A category or (with a parent) a subcategory. Those without owner are the national default set every
    organisation sees; an organisation extends it with its own, which it and the organisations below it see."""

    owner = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("owner"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="categories",
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("main category"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    active = models.BooleanField(_("in use"), default=True)
    sort = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["owner", "code"], name="unique_category_code"),
            models.UniqueConstraint(fields=["code"], condition=Q(owner__isnull=True), name="unique_national_code"),
        ]

    def __str__(self) -> str:
        return f"{self.parent.name}: {self.name}" if self.parent_id else self.name


class Source(models.TextChoices):
    OWN = "egen", _("Own report")
    SAFETY_WALK = "trygghetsvandring", _("Safety walk (trygghetsvandring)")
    DIALOGUE = "medborgardialog", _("Resident dialogue (medborgardialog)")
    TIP = "tips", _("Tip from a resident")
    POLICE = "polisen", _("Police")
    IMPORT = "import", _("Import")


class PoliceReported(models.TextChoices):
    YES = "ja", _("Yes")
    NO = "nej", _("No")
    UNKNOWN = "vet_ej", _("Don't know")


class Status(models.TextChoices):
    NEW = "ny", _("New")
    IN_PROGRESS = "hanteras", _("Being handled")
    RESOLVED = "atgardad", _("Resolved")
    CLOSED = "avslutad", _("Closed")


class PlaceType(models.TextChoices):
    STREET = "gata", _("Street or pavement")
    SQUARE = "torg", _("Square")
    CENTRE = "centrum", _("Shopping centre")
    PARK = "park", _("Park or green area")
    PLAYGROUND = "lekplats", _("Playground")
    SCHOOL = "skola", _("School or preschool")
    SPORTS = "idrottsplats", _("Sports ground")
    STAIRWELL = "trapphus", _("Stairwell")
    BASEMENT = "kallare", _("Basement or storage")
    GARAGE = "garage", _("Garage or car park")
    STOP = "hallplats", _("Public transport stop or station")
    SHOP = "butik", _("Shop or restaurant")
    PATH = "gangvag", _("Footpath, cycle path or underpass")
    OTHER = "ovrigt", _("Other")


class Incident(models.Model):
    # The four keys have no foreign-key constraint of PostgreSQL's (db_constraint=False): its triggers check each
    # row apart, two thirds of a bulk import's time. The triggers of migration 0015_keys check them
    # set-based instead, once per statement, on both sides: a write of incidents whose keys point nowhere and a
    # delete of what incidents point at both fail with IntegrityError. SQLite keeps the declared constraints.
    owner = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("reporting organisation"), on_delete=models.PROTECT,
        related_name="incidents", db_index=False, db_constraint=False,  # led by incident_owner_time
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", db_index=False, db_constraint=False,  # no read filters by it; deleting a user scans (rare)
    )
    category = models.ForeignKey(  # filtered only within a scope (owner/area index); deleting one is PROTECTed
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+", db_index=False,
        db_constraint=False,
    )
    occurred_from = models.DateTimeField(_("occurred"))
    occurred_to = models.DateTimeField(_("occurred until"), null=True, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    cell = models.BigIntegerField(_("H3 cell"), null=True, blank=True, editable=False)
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        db_index=False, db_constraint=False,  # led by incident_area_time
    )
    place_type = models.CharField(_("type of place"), max_length=20, choices=PlaceType.choices, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.OWN)
    reported_to_police = models.CharField(
        _("reported to the police"), max_length=10, choices=PoliceReported.choices, default=PoliceReported.UNKNOWN,
    )
    damage_cost_sek = models.PositiveIntegerField(_("cost of damage (SEK)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    external_id = models.CharField(_("external id"), max_length=100, blank=True)
    photo = models.ImageField(_("photo"), upload_to="incidents/%Y/%m/", blank=True)
    # When the retention job (samtrygg.retention) removed the description or the photo under the organisation's
    # rule (gallring); the row, with its category, time and place, stays so that counts and trends stay right.
    description_removed_at = models.DateTimeField(_("description removed"), null=True, blank=True, editable=False)
    photo_removed_at = models.DateTimeField(_("photo removed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_from", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        # Lean on purpose: every index is paid on each of a million imported rows (COPY into this table runs at
        # roughly a quarter of a bare table's rate with the eleven indexes it once had). Every read is scoped as
        # owner IN (...) OR area IN (...) (access.scope), so the two composites serve the scope, the list's
        # "newest first" per owner and the area filter. Dropped: the FK indexes on owner and area (the
        # composites lead with them), on category and reported_by (only filtered inside a scope; deleting a
        # category is PROTECTed, deleting a user sets NULL with a scan: rare) and cell (by_cell groups an
        # expression over the scoped rows; no query looks a cell up). (occurred_from, id) is the list's order:
        # a scope over several organisations cannot be read in that order from the owner composite, so without
        # it the first page sorts every scoped row (0.8 s at 1,000,000; with it, a backward index scan that
        # stops after one page). The unique external id keeps re-imports idempotent. incident_place is the map's
        # spatial index: a box is a range of lat with lon checked in the index, and with the scope's columns and
        # the cell in it, counting the points in a box and grouping them by cell read the index alone (a street
        # box at 1,000,000 incidents: 1.6 ms instead of a 110 ms scan); a B-tree, so SQLite has it too.
        indexes = [
            models.Index(fields=["owner", "occurred_from"], name="incident_owner_time"),
            models.Index(fields=["area", "occurred_from"], name="incident_area_time"),
            models.Index(fields=["occurred_from", "id"], name="incident_time_order"),
            models.Index(fields=["lat", "lon", "owner", "area", "cell"], name="incident_place"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source", "external_id"], condition=~Q(external_id=""), name="unique_external_id",
            ),
            models.CheckConstraint(
                condition=Q(occurred_to__isnull=True) | Q(occurred_to__gte=models.F("occurred_from")),
                name="incident_interval_order",
            ),
            models.CheckConstraint(
                condition=(Q(lat__isnull=True) & Q(lon__isnull=True)) | (Q(lat__isnull=False) & Q(lon__isnull=False)),
                name="incident_point_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} {timezone.localtime(self.occurred_from):%Y-%m-%d %H:%M}"  # as the pages show it


class Contribution(models.Model):
    """One reporter's report of an incident already reported (a duplicate): stored with the incident instead of
    as an incident of its own, so the incident is counted once and keeps every reporter's details. Made when a
    reporter says "yes, the same" on submit, or when a coordinator merges a duplicate incident into this one
    (`merged_from_id` is then the id the duplicate had; its deletion is in the audit log under that id)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="contributions")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", db_index=False,
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("reporting organisation"), on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.OWN)
    occurred_from = models.DateTimeField(_("occurred"))
    description = models.TextField(_("description"), max_length=2000, blank=True)
    photo = models.ImageField(_("photo"), upload_to="incidents/%Y/%m/", blank=True)
    external_id = models.CharField(_("external id"), max_length=100, blank=True)
    merged_from_id = models.PositiveBigIntegerField(_("merged from incident"), null=True, blank=True)
    # As on the incident: when the retention job removed the description or the photo (with the incident's).
    description_removed_at = models.DateTimeField(_("description removed"), null=True, blank=True, editable=False)
    photo_removed_at = models.DateTimeField(_("photo removed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("reported"), default=timezone.now, editable=False)  # a merged one's own

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return f"{self.incident_id}: {self.occurred_from:%Y-%m-%d %H:%M}"


class Batch(models.Model):
    """Several incidents reported together: an EST partner's weekly report (veckorapport) for one organisation and a
    period of days. Each event is an incident of its own (an event counted 3 is three incidents), linked here, so
    counts, maps and the lägesbild see them like any other report and the report can be read back as sent."""

    owner = models.ForeignKey("accounts.Organisation", verbose_name=_("reporting organisation"),
                              on_delete=models.PROTECT, related_name="+")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    note = models.TextField(_("note"), max_length=2000, blank=True)
    incidents = models.ManyToManyField(Incident, related_name="batches", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("weekly report")
        verbose_name_plural = _("weekly reports")
        constraints = [models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")),
                                              name="batch_period_order")]

    def __str__(self) -> str:
        return f"{self.owner} {self.period_start}–{self.period_end}"


class SubmissionKey(models.Model):
    """The key a device gave a report (crypto.randomUUID() in the report form): a report sent again under the same
    key — the phone kept it while offline and did not hear the answer when it sent it — is the same report, stored
    once (services.incident_report)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_report_per_key")]

    def __str__(self) -> str:
        return f"{self.key} → {self.incident_id}"


class StatusChange(models.Model):
    """The status history of an incident, shown on its page: one row per change. The first status needs no row (it
    is the incident's status when `created_at`, by `reported_by`), so bulk imports write incidents alone."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(_("note"), max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"


class PoliceEvent(models.Model):
    """An event from the police's public events feed (polisen.se/api/events): public data, kept as a read-only
    layer beside the incidents and counted apart from own reports. The feed's point is only the centre of the
    municipality or county named in `location_name`, never the exact place."""

    event_id = models.BigIntegerField(_("police event id"), unique=True)
    occurred_at = models.DateTimeField(_("time"))
    name = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    type = models.CharField(_("event type"), max_length=100)
    location_name = models.CharField(_("place"), max_length=100, blank=True)
    kommunkod = models.CharField(_("municipality code"), max_length=4, blank=True)
    lanskod = models.CharField(_("county code"), max_length=2, blank=True)
    county_level = models.BooleanField(
        _("county-level"), default=False,
        help_text=_("The place is a county, not a municipality: counted for no municipality."),
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    cell = models.BigIntegerField(_("H3 cell"), null=True, blank=True, editable=False)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    fetched_at = models.DateTimeField(_("fetched"), auto_now=True)

    class Meta:
        ordering = ["-occurred_at", "-event_id"]
        verbose_name = _("police event")
        verbose_name_plural = _("police events")
        indexes = [
            models.Index(fields=["occurred_at"], name="police_event_time"),
            models.Index(fields=["kommunkod", "occurred_at"], name="police_event_kommun_time"),
            models.Index(fields=["cell"], name="police_event_cell"),
        ]

    def __str__(self) -> str:
        return self.name


class Tally(models.Model):
    """How many incidents an organisation reported in an area, by whatever else one kind of reading needs (category,
    local Europe/Stockholm month, weekday and hour, H3 cell): the rollups the map, the API's aggregates, the lägesbild
    and the county read instead of counting a million rows. Kept exact by database triggers on the incident table
    (tallies.py; every insert, update and delete, the importer's COPY included, in the same transaction) and rebuilt
    by `samtrygg tallies --rebuild`. Every tally keeps owner and area (a user's scope is made of them); a concrete
    tally drops what it does not count by (`category = None`, `month = None`: over all categories or all time) and
    adds its own dimensions; query.IncidentQuery.tally picks the smallest one that can answer. No foreign-key
    constraints: the rows are derived, and the incident table's own keys guard them."""

    RESOLUTION: int | None = None  # the H3 resolution of the tally's cells (None: no cells)

    owner = models.ForeignKey("accounts.Organisation", on_delete=models.DO_NOTHING, db_constraint=False,
                              related_name="+", db_index=False)
    area = models.ForeignKey("areas.Area", null=True, on_delete=models.DO_NOTHING, db_constraint=False,
                             related_name="+", db_index=False)
    category = models.ForeignKey(Category, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+",
                                 db_index=False)
    month = models.DateField()  # the first day of the local month
    n = models.PositiveIntegerField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        key = ", ".join(str(getattr(self, f"{name}_id" if name in ("owner", "area", "category") else name))
                        for name in self.dimensions())
        return f"{type(self).__name__}({key}: {self.n})"

    @classmethod
    def dimensions(cls) -> tuple[str, ...]:
        """The fields the tally counts by, in key order (owner, area, category, month, weekday, hour, cell)."""
        names = {field.name for field in cls._meta.concrete_fields}
        return tuple(name for name in ("owner", "area", "category", "month", "weekday", "hour", "cell")
                     if name in names)


def _tally_meta(name: str, *key: str):
    """Meta for a concrete tally counting by the fields `key`: the unique key (area and cell may be NULL, so
    COALESCEd: one row per key, and the triggers' upsert can name it), the index for area-scoped reads (the key
    leads with owner) and, with cells, the index the map's box reads by (cells.ranges_covering)."""
    fields = [Coalesce(models.F(field), models.Value(0)) if field in ("area", "cell") else models.F(field)
              for field in key]
    indexes = [models.Index(fields=[field for field in ("area", "month") if field in key], name=f"{name}_area")]
    if "cell" in key:
        indexes.append(models.Index(fields=["cell"], name=f"{name}_cell"))
    return type("Meta", (), {"constraints": [models.UniqueConstraint(*fields, name=f"{name}_key")],
                             "indexes": indexes})


class MonthTally(Tally):
    """Per organisation, area, category and month: totals, categories, areas, organisations, months."""

    Meta = _tally_meta("month_tally", "owner", "area", "category", "month")


class HourTally(Tally):
    """… and local weekday (1 = Monday) and hour: the time-pattern matrix."""

    weekday = models.PositiveSmallIntegerField()
    hour = models.PositiveSmallIntegerField()

    Meta = _tally_meta("hour_tally", "owner", "area", "category", "month", "weekday", "hour")


class CellTally(Tally):
    """… and H3 cell at resolution 9 (edge about 174 m; NULL for incidents without a place): hexagon maps and
    hot spots at resolution 9 or coarser."""

    RESOLUTION = 9
    cell = models.BigIntegerField(null=True)

    Meta = _tally_meta("cell_tally", "owner", "area", "category", "month", "cell")


class CoarseCellTally(Tally):
    """… and H3 cell at resolution 7 (edge about 1.2 km): a municipality's or a county's hexagons, from a tenth of
    the rows."""

    RESOLUTION = 7
    cell = models.BigIntegerField(null=True)

    Meta = _tally_meta("coarse_cell_tally", "owner", "area", "category", "month", "cell")


class WeekHourTally(Tally):
    """Per organisation, area, local weekday and hour, over all time and every category: the time-pattern matrix
    when neither a period nor a category is chosen (a two-hundredth of HourTally's rows)."""

    category = None
    month = None
    weekday = models.PositiveSmallIntegerField()
    hour = models.PositiveSmallIntegerField()

    Meta = _tally_meta("week_hour_tally", "owner", "area", "weekday", "hour")


class MonthHourTally(Tally):
    """Per organisation, area, month, local weekday and hour, over every category: the time-pattern matrix for a
    period when no category is chosen (the lägesbild's; a ninth of HourTally's rows)."""

    category = None
    weekday = models.PositiveSmallIntegerField()
    hour = models.PositiveSmallIntegerField()

    Meta = _tally_meta("month_hour_tally", "owner", "area", "month", "weekday", "hour")


class PlaceTally(Tally):
    """Per organisation, area and H3 cell at resolution 9, over all time and every category: the map's and the
    API's hexagons when neither a period nor a category is chosen (the map's default; a hundredth of CellTally's
    rows)."""

    RESOLUTION = 9
    category = None
    month = None
    cell = models.BigIntegerField(null=True)

    Meta = _tally_meta("place_tally", "owner", "area", "cell")


class FinePlaceTally(Tally):
    """… at the incidents' own resolution (10, edge about 66 m): the street-level map's hexagons."""

    RESOLUTION = 10
    category = None
    month = None
    cell = models.BigIntegerField(null=True)

    Meta = _tally_meta("fine_place_tally", "owner", "area", "cell")


class MonthPlaceTally(Tally):
    """Per organisation, area, month and H3 cell at resolution 9, over every category: hexagons and hot spots for a
    period when no category is chosen (a fifth of CellTally's rows)."""

    RESOLUTION = 9
    category = None
    cell = models.BigIntegerField(null=True)

    Meta = _tally_meta("month_place_tally", "owner", "area", "month", "cell")


class Change(models.Model):
    """A write to the incident table, noted by database triggers (migration 0014, whoever writes: the services, the
    importer's COPY, a purge, SQL by hand): on PostgreSQL one row per statement and organisation, never updated (so
    concurrent writers wait on nothing; `samtrygg run-jobs` keeps the latest row per organisation), on SQLite the
    latest row per organisation. The highest id among some organisations' changes says whether what was built from
    their incidents (a lägesbild draft's document) is still current: changes.version."""

    owner_id = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["owner_id", "id"], name="incident_change_owner")]

    def __str__(self) -> str:
        return f"Change({self.owner_id}, {self.id})"
