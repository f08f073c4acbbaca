"""The append-only audit log. Rows are written by samtrygg.audit.services.audit_record only, in the same
transaction as the change they describe; database triggers refuse UPDATE and DELETE.

The foreign keys to the actor and the organisation are references without a database constraint and without
any action on delete: deleting a user or an organisation leaves its entries exactly as they were (an ON DELETE
SET NULL would be an UPDATE, which the triggers refuse). Such an entry keeps the id, and the names stored with
it (actor_name, organisation_name) say who and where; reading entry.organisation for a deleted organisation
raises DoesNotExist, so pages and exports use organisation_label."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    LOGIN = "login", _("Logged in")
    LOGOUT = "logout", _("Logged out")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOCKOUT = "lockout", _("Locked out")
    EXPORT = "export", _("Exported")
    IMPORT = "import", _("Imported")
    GRANT = "grant", _("Shared")
    REVOKE = "revoke", _("Sharing revoked")
    TWO_FACTOR = "two_factor", _("Two-factor change")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(_("actor"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
        related_name="+",
    )
    # The organisation's name when the entry was written; empty in entries written before it was added.
    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True, default="")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["organisation", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("audit entries are append-only")

    @property
    def organisation_label(self) -> str:
        """The organisation's name: its current one, or the one stored with the entry if it has been deleted."""
        try:
            organisation = self.organisation
        except ObjectDoesNotExist:  # the organisation was deleted; the entry keeps its id
            organisation = None
        return organisation.name if organisation is not None else self.organisation_name
