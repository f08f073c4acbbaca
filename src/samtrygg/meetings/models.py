"""The working rhythm: groups across organisations (strategiskt råd, styrgrupp, samordningsgrupp, an EST group per
area) whose members are functions held by people; their meetings with an agenda of standard items and numbered
ärenden, decisions that hand tasks to functions, and a protocol justerat by two members and then frozen like
every decided document (decisions.Adoptable)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.decisions.models import Adoptable


class GroupKind(models.TextChoices):
    COUNCIL = "strategiskt_rad", _("Strategic council")
    STEERING = "styrgrupp", _("Steering group")
    COORDINATION = "samordningsgrupp", _("Coordination group")
    EST = "est", _("EST group")
    INTERMUNICIPAL = "mellankommunal", _("Inter-municipal council or network")


class Group(models.Model):
    """A group that meets: convened by `owner` (usually the municipality; a county council or network by its
    regional organisation), for an area (an EST group must have one), with members from several organisations. It
    reads only what every one of its organisations may read."""

    owner = models.ForeignKey("accounts.Organisation", verbose_name=_("convening organisation"),
                              on_delete=models.PROTECT, related_name="meeting_groups")
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind.choices, default=GroupKind.EST)
    name = models.CharField(_("name"), max_length=200)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+",
                             null=True, blank=True,
                             help_text=_("The area whose incidents an EST meeting reviews (an EST group needs one)."))
    description = models.TextField(_("purpose"), blank=True)
    weekly_reporting = models.BooleanField(
        _("members report weekly"), default=False,
        help_text=_("Reporters in the group are reminded each week to report before the meeting."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [models.CheckConstraint(condition=~Q(kind="est") | Q(area__isnull=False),
                                              name="est_group_has_area")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == GroupKind.EST and self.area_id is None:
            raise ValidationError({"area": _("An EST group needs an area: the one whose incidents it reviews.")})


class Function(models.Model):
    """A member of a group: a function (kommunpolis, fältsamordnare, bovärd …) of an organisation, held by a
    person. Tasks belong to the function, so they stay when its holder changes."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="functions")
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("function"), max_length=120)
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("held by"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="meeting_functions")

    class Meta:
        ordering = ["organisation__name", "title"]
        verbose_name = _("function")
        verbose_name_plural = _("functions")
        constraints = [models.UniqueConstraint(fields=["group", "organisation", "title"], name="one_function_title")]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation.name})"


class MeetingSeries(models.Model):
    """Meetings at a fixed rhythm: the first one's local start, every `interval_weeks` weeks, until a date."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="series")
    first_start = models.DateTimeField(_("first meeting starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=60)
    interval_weeks = models.PositiveSmallIntegerField(_("every (weeks)"), default=1)
    until = models.DateField(_("until"))
    location = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        constraints = [models.CheckConstraint(condition=Q(interval_weeks__gte=1), name="series_interval")]

    def __str__(self) -> str:
        return f"{self.group}: {self.interval_weeks} v"


class Meeting(Adoptable):
    """One meeting. Its protocol follows the decided-document workflow: utkast (agenda and minutes), granskning
    (out for justering), fastställd (justerat by both adjusters: frozen as a document)."""

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="meetings")
    series = models.ForeignKey(MeetingSeries, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    adjusters = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("adjusters (justerare)"),
                                       blank=True, related_name="+")
    sequence = models.PositiveIntegerField(default=0, editable=False)  # iCalendar SEQUENCE: bumped on changes
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["group", "starts_at"], name="meeting_group_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"),
            models.CheckConstraint(condition=~Q(status="faststalld") | Q(document__isnull=False),
                                   name="justerat_protocol_is_frozen"),
        ]

    @property
    def owner(self):
        """The organisation whose decided document this is (the workflow audits there): the convening one."""
        return self.group.owner


class ItemKind(models.TextChoices):
    AGENDA = "dagordning", _("Approval of the agenda")
    PREVIOUS = "foregaende", _("The previous meeting's minutes")
    ADJUSTERS = "justerare", _("Election of adjusters")
    REPORTS = "anmalningar", _("Notifications")
    SITUATION = "lage", _("Incidents since the previous meeting")
    TASKS = "uppdrag", _("Follow-up of tasks")
    INTERMUNICIPAL = "mellankommunalt", _("Inter-municipal matters")
    MATTER = "arende", _("Matter")
    OTHER = "ovrigt", _("Any other business")
    NEXT = "nasta", _("Next meeting")


class AgendaItem(models.Model):
    """A numbered item of the agenda: a standard item or an ärende with its summary ("Ärendet i korthet"),
    proposal ("Förslag till beslut") and decision; the minutes' notes and decision are written in the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices, default=ItemKind.MATTER)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("the matter in brief"), blank=True)
    proposal = models.TextField(_("proposed decision"), blank=True)
    basis = models.TextField(_("basis for decision"), blank=True,
                             help_text=_("The documents the decision rests on, one per line."))
    notes = models.TextField(_("minutes"), blank=True)
    decision = models.TextField(_("decision"), blank=True)
    measure = models.ForeignKey("plans.Measure", verbose_name=_("measure in the action plan"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="+",
                                help_text=_("The measure the decision put into the action plan."))

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="one_item_number")]

    def __str__(self) -> str:
        return f"§ {self.number} {self.title}"


class Attachment(models.Model):
    """A document of an ärende's basis for decision (beslutsunderlag): stored under a random name, served only to
    those who see the meeting."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="meetings/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class TaskStatus(models.TextChoices):
    OPEN = "oppen", pgettext_lazy("task status", "Open")
    DONE = "klar", pgettext_lazy("task status", "Done")
    CANCELLED = "struken", pgettext_lazy("task status", "Cancelled")


class Task(models.Model):
    """A short-term action decided at a meeting and handed to a function, with a deadline; followed up at the
    group's next meetings until it is done or cancelled."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="tasks")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="tasks")
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    function = models.ForeignKey(Function, verbose_name=_("function"), on_delete=models.PROTECT,
                                 related_name="tasks")
    title = models.CharField(_("task"), max_length=300)
    place = models.CharField(_("place"), max_length=200, blank=True)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    due = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    outcome = models.TextField(_("what was done"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [models.Index(fields=["group", "status", "due"], name="task_group_status_due")]

    def __str__(self) -> str:
        return self.title


class Signature(models.Model):
    """An adjuster's signature of a meeting's protocol, given with their own login (and second factor where
    their organisation requires it)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="signatures")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)  # as signed, kept if the account changes
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_at"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="one_signature_per_adjuster")]

    def __str__(self) -> str:
        return self.name


class Feedback(models.Model):
    """What a reporter heard back after an EST meeting that discussed their reports: their own reports and what
    was decided about those places (`summary`: plain data, see feedback.py). One per meeting and reporter."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_feedback")
    summary = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    emailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="one_feedback_per_reporter")]

    def __str__(self) -> str:
        return f"{self.meeting} → {self.user}"


class CalendarFeed(models.Model):
    """A user's subscribable calendar of their groups' meetings, at a secret URL (only its digest is stored);
    revoked by deleting it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.user}"
