"""A lägesbild for one area and period: the coordinator's texts, the partners' observations, the prioritised
problems (which feed the action plan) and, once adopted, the frozen document (every number, map and chart)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samtrygg.decisions.models import Adoptable, Status, period_in_order


class Lagesbild(Adoptable):
    owner = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="lagesbilder"
    )
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="lagesbilder"
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    categories = models.ManyToManyField(
        "incidents.Category", verbose_name=_("categories"), blank=True, related_name="+",
        help_text=_("Leave empty to include every category."),
    )
    summary = models.TextField(_("summary"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_end", "title", "-version"]
        verbose_name = _("situation picture (lägesbild)")
        verbose_name_plural = _("situation pictures (lägesbilder)")
        constraints = [
            period_in_order("lagesbild_period"),
            models.CheckConstraint(
                condition=~Q(status=Status.ADOPTED) | Q(document__isnull=False, decided_on__isnull=False),
                name="adopted_lagesbild_is_frozen",
            ),
        ]

class Problem(models.Model):
    """A prioritised problem, phrased concretely (what, where, when); the action plan takes it from here."""

    lagesbild = models.ForeignKey(Lagesbild, on_delete=models.CASCADE, related_name="problems")
    priority = models.PositiveSmallIntegerField(_("priority"))
    title = models.CharField(_("problem"), max_length=200)
    description = models.TextField(_("what, where, when"), blank=True)
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["priority", "pk"]
        verbose_name = _("prioritised problem")
        verbose_name_plural = _("prioritised problems")

    def __str__(self) -> str:
        return self.title


class Observation(models.Model):
    """A partner's short observation (iakttagelse från samverkanspartner), attributed to its organisation. A new
    version of a lägesbild starts with copies of the previous version's observations (`carried_from`), which its
    coordinators may drop."""

    lagesbild = models.ForeignKey(Lagesbild, on_delete=models.CASCADE, related_name="observations")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("observation"), max_length=3000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)  # a carried copy keeps the original's
    carried_from = models.ForeignKey(
        "self", verbose_name=_("carried over from"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
        help_text=_("The observation of the previous version this one was copied from when the version started."),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("partner observation")
        verbose_name_plural = _("partner observations")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.text[:60]}"


class DeepeningKind(models.TextChoices):
    INCIDENTS = "handelser", _("Incidents by category")
    GEOGRAPHY = "geografi", _("Hot spot map")
    TIME = "tid", _("Time patterns and trend")


class Deepening(models.Model):
    """A view from the analysis page added to a draft (fördjupning): its own area, period and categories, counted
    like the rest of the lägesbild from its organisation's point of view, and frozen with it."""

    lagesbild = models.ForeignKey(Lagesbild, on_delete=models.CASCADE, related_name="deepenings")
    kind = models.CharField(_("view"), max_length=20, choices=DeepeningKind.choices)
    title = models.CharField(_("heading"), max_length=200)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    categories = models.ManyToManyField("incidents.Category", verbose_name=_("categories"), blank=True,
                                        related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("deeper analysis")
        verbose_name_plural = _("deeper analyses")

    def __str__(self) -> str:
        return self.title
