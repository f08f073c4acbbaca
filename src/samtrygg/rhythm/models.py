"""The årshjul: the recurring duties of a municipality's crime-prevention work under Lag (2023:196) and in practice
(the lägesbild, the action plan and its revision, the half-year reports to kommunstyrelsen, the
samverkansöverenskommelse, surveys, dialogue, the EST prioritisation), each with a due date, a recurrence and an
owner — a function rather than a person, so a duty stays when people change. A reminder is sent once per duty and
due date (`DutyReminder`). The compliance view's one setting per municipality is `ComplianceRule`."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

LAGESBILD_MAX_MONTHS = 12  # a lägesbild older than this is no longer current, unless the municipality decides otherwise


class DutyKind(models.TextChoices):
    LAGESBILD = "lagesbild", _("Update of the situation picture (lägesbild)")
    PLAN_ADOPTION = "plan_adoption", _("Adoption of the action plan")
    PLAN_REVISION = "plan_revision", _("Revision of the action plan (at least every second year)")
    HALF_YEAR_REPORT = "half_year_report", _("Half-year report to kommunstyrelsen")
    AGREEMENT_REVISION = "agreement_revision", _("Revision of the collaboration agreement")
    SURVEY = "survey", _("Safety survey (trygghetsmätning)")
    DIALOGUE = "dialogue", _("Citizen dialogue (medborgardialog)")
    EST_PRIORITISATION = "est_prioritisation", _("EST quarterly prioritisation")
    OTHER = "other", _("Other")


class Recurrence(models.IntegerChoices):
    ONCE = 0, _("Once")
    QUARTERLY = 3, _("Every quarter")
    HALF_YEARLY = 6, _("Every half-year")
    YEARLY = 12, _("Every year")
    EVERY_SECOND_YEAR = 24, _("Every second year")


class Duty(models.Model):
    """One occurrence of a duty. Marking a recurring duty done creates its next occurrence `every_months` after
    this one's due date (services.duty_done); the evidence (a link to the document in samtrygg that shows it was
    done) is computed from the kind, not stored (evidence.py)."""

    owner = models.ForeignKey("accounts.Organisation", verbose_name=_("municipality"), on_delete=models.PROTECT,
                              related_name="duties")
    kind = models.CharField(_("kind"), max_length=30, choices=DutyKind.choices, default=DutyKind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    due = models.DateField(_("due"))
    every_months = models.PositiveSmallIntegerField(_("recurs"), choices=Recurrence.choices,
                                                    default=Recurrence.YEARLY)
    owner_function = models.ForeignKey(
        "meetings.Function", verbose_name=_("responsible function"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="duties",
        help_text=_("A function in one of the municipality's groups; its holder is reminded."))
    owner_title = models.CharField(_("responsible (title)"), max_length=120, blank=True,
                                   help_text=_("When no group function fits, e.g. “Kommundirektören”."))
    note = models.TextField(_("note"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due", "title", "pk"]
        verbose_name = _("duty")
        verbose_name_plural = _("duties")
        indexes = [models.Index(fields=["owner", "due"], name="duty_owner_due")]
        constraints = [
            models.CheckConstraint(condition=Q(every_months__in=[0, 3, 6, 12, 24]), name="duty_recurrence"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    @property
    def responsible(self) -> str:
        """Who answers for it: the function (with its holder's name when there is one), else the free title."""
        function = self.owner_function
        if function is None:
            return self.owner_title
        holder = (function.holder.get_full_name() or function.holder.username) if function.holder else ""
        return f"{function.title} ({holder})" if holder else function.title


class DutyReminder(models.Model):
    """That the reminder of a duty for one due date was sent, so the job sends each reminder once (a moved due
    date is reminded of again)."""

    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="reminders")
    due = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["duty", "due"], name="one_reminder_per_due_date")]

    def __str__(self) -> str:
        return f"{self.duty} ({self.due.isoformat()})"


class ComplianceRule(models.Model):
    """A municipality's own reading of "regularly" (regelbundet) in the law: how old its lägesbild may be."""

    owner = models.OneToOneField("accounts.Organisation", verbose_name=_("municipality"), on_delete=models.CASCADE,
                                 related_name="compliance_rule")
    lagesbild_max_months = models.PositiveSmallIntegerField(
        _("a situation picture is current for (months)"), default=LAGESBILD_MAX_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("After this many months from its decision a new one should have been adopted."))

    class Meta:
        verbose_name = _("compliance rule")
        verbose_name_plural = _("compliance rules")
        constraints = [
            models.CheckConstraint(condition=Q(lagesbild_max_months__gte=1, lagesbild_max_months__lte=60),
                                   name="lagesbild_max_months_1_60"),
        ]

    def __str__(self) -> str:
        return f"{self.owner}: {self.lagesbild_max_months}"
