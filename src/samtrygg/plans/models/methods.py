"""The method bank (metodbank): kinds of measures with what the research says of them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MethodKind(models.TextChoices):
    SITUATIONAL = "situationell", _("Situational prevention")
    SOCIAL = "social", _("Social prevention")
    COLLABORATION = "samverkan", _("Way of working together")


class Strategy(models.TextChoices):
    """Clarke and Cornish's five strategies of situational crime prevention (25 techniques, 5 per strategy)."""

    EFFORT = "effort", _("Increase the effort")
    RISK = "risk", _("Increase the risks")
    REWARDS = "rewards", _("Reduce the rewards")
    PROVOCATIONS = "provocations", _("Reduce provocations")
    EXCUSES = "excuses", _("Remove excuses")


class Evidence(models.TextChoices):
    STRONG = "stark", _("Strong")
    MODERATE = "mattlig", _("Moderate")
    LIMITED = "begransad", _("Limited")
    NONE = "saknas", _("None yet")


class MethodEntry(models.Model):
    """A kind of measure. Without owner: the national set shipped with samtrygg (plans/metodbank.json); with an
    owner: an organisation's own entry, seen by it and the organisations below it, and by everyone once shared."""

    owner = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("owner"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="methods",
    )
    code = models.SlugField(_("code"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=MethodKind.choices)
    strategy = models.CharField(_("strategy"), max_length=40, choices=Strategy.choices, blank=True)
    technique = models.PositiveSmallIntegerField(_("technique (1–25)"), default=0)
    description = models.TextField(_("description"))
    evidence = models.CharField(_("evidence"), max_length=20, choices=Evidence.choices)
    evidence_note = models.TextField(_("what the research says"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    shared = models.BooleanField(_("shared with every organisation"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "technique", "name"]
        verbose_name = _("method")
        verbose_name_plural = _("method bank")
        constraints = [
            models.UniqueConstraint(fields=["owner", "code"], name="unique_method_code"),
            models.UniqueConstraint(fields=["code"], condition=Q(owner__isnull=True), name="unique_national_method"),
            models.CheckConstraint(condition=Q(technique__lte=25), name="method_technique_1_25"),
        ]

    def __str__(self) -> str:
        return self.name
