"""Safety walks (trygghetsvandringar): a municipality's walk through an area with residents, the police and property
owners (`Walk`: where and when, the route drawn on the map, the summary of the report), who came (`Participant`: an
organisation and a function, never a person's name) and what they saw (`Observation`: a point, a photo without
metadata, what makes it unsafe and how much, a suggested measure and who does what; once acted on, the incident or
the measure in the action plan it became)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class WalkStatus(models.TextChoices):
    PLANNED = "planerad", _("Planned")
    DONE = "genomford", _("Done")


class Walk(models.Model):
    owner = models.ForeignKey("accounts.Organisation", verbose_name=_("municipality"), on_delete=models.PROTECT,
                              related_name="walks")
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("time"))
    meeting_place = models.CharField(_("meeting place"), max_length=200, blank=True)
    route = models.TextField(_("route (GeoJSON LineString)"), blank=True)
    summary = models.TextField(_("summary"), blank=True, max_length=5000,
                               help_text=_("What the walk found and what happens next; shown in the walk report."))
    status = models.CharField(_("status"), max_length=10, choices=WalkStatus.choices, default=WalkStatus.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("safety walk")
        verbose_name_plural = _("safety walks")

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.status == WalkStatus.DONE


class Participant(models.Model):
    walk = models.ForeignKey(Walk, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="+")
    function = models.CharField(_("function"), max_length=200,
                                help_text=_("A role, not a name: for example kommunpolis, bovärd or boende."))
    count = models.PositiveSmallIntegerField(_("number of people"), default=1,
                                             validators=[MinValueValidator(1), MaxValueValidator(500)])

    class Meta:
        ordering = ["organisation__name", "function", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"{self.function} ({self.organisation})"


class Unsafe(models.IntegerChoices):
    LITTLE = 1, _("1 – a little unsafe")
    SOMEWHAT = 2, "2"
    RATHER = 3, _("3 – rather unsafe")
    QUITE = 4, "4"
    VERY = 5, _("5 – very unsafe")


class Observation(models.Model):
    walk = models.ForeignKey(Walk, on_delete=models.CASCADE, related_name="observations")
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    photo = models.ImageField(_("photo"), upload_to="walks/%Y/%m/", blank=True)
    category = models.ForeignKey("incidents.Category", verbose_name=_("what makes the place unsafe"),
                                 on_delete=models.PROTECT, related_name="+")
    unsafe = models.PositiveSmallIntegerField(_("how unsafe it feels"), choices=Unsafe.choices, default=3,
                                              validators=[MinValueValidator(1), MaxValueValidator(5)])
    description = models.TextField(_("description"), blank=True, max_length=2000)
    suggested_measure = models.TextField(_("suggested measure"), blank=True, max_length=2000)
    responsible = models.ForeignKey("accounts.Organisation", verbose_name=_("responsible organisation"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    responsible_function = models.CharField(_("responsible function"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    incident = models.ForeignKey("incidents.Incident", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    measure = models.ForeignKey("plans.Measure", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The key the phone gave the observation (the form's client_key): recorded offline and sent again when the
    # network came back, it is stored once (services.observation_add).
    client_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["walk", "recorded_at", "pk"]
        verbose_name = _("observation on a walk")
        verbose_name_plural = _("observations on walks")
        constraints = [
            models.CheckConstraint(condition=models.Q(unsafe__gte=1, unsafe__lte=5),
                                   name="walk_observation_unsafe_1_5"),
            models.UniqueConstraint(fields=["recorded_by", "client_key"], condition=models.Q(client_key__isnull=False),
                                    name="one_observation_per_key"),
        ]

    def __str__(self) -> str:
        return str(self.category)
