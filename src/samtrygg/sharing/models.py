"""Sharing grants: organisation A shares one kind of data for chosen areas with organisation B."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DataKind(models.TextChoices):
    INCIDENTS = "incidents", _("Incidents")
    LAGESBILDER = "lagesbilder", _("Situation pictures (lägesbilder)")
    PLANS = "plans", _("Action plans")


class Access(models.TextChoices):
    READ = "read", _("Read")
    READ_WRITE = "read_write", _("Read and write")


class GrantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class Grant(models.Model):
    grantor = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("shared by"), on_delete=models.PROTECT, related_name="grants_given"
    )
    grantee = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("shared with"), on_delete=models.PROTECT,
        related_name="grants_received",
    )
    kind = models.CharField(_("kind of data"), max_length=20, choices=DataKind.choices)
    access = models.CharField(_("access"), max_length=20, choices=Access.choices, default=Access.READ)
    areas = models.ManyToManyField("areas.Area", verbose_name=_("areas"), related_name="grants")
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sharing grant")
        verbose_name_plural = _("sharing grants")
        constraints = [
            models.CheckConstraint(condition=~models.Q(grantor=models.F("grantee")), name="grant_not_to_self")
        ]

    def __str__(self) -> str:
        return f"{self.grantor} → {self.grantee}: {self.get_kind_display()} ({self.get_access_display()})"
