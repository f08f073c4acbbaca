"""The append-only audit log. Rows are written by samtrygg.audit.services.audit_record only, in the same
transaction as the change they describe; database triggers refuse UPDATE and DELETE.

The foreign keys to the actor and the organisation are references without a database constraint and without
any action on delete: deleting a user or an organisation leaves its entries exactly as they were (an ON DELETE
SET NULL would be an UPDATE, which the triggers refuse). Such an entry keeps the id, and the names stored with
it (actor_name, organisation_name) say who and where; reading entry.organisation for a deleted organisation
raises DoesNotExist, so pages and exports use organisation_label."""

from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.utils import dateformat, timezone
from django.utils.text import capfirst
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


# What an export, an import or a download records besides a model's fields (audit.services and its callers).
OTHER_KEYS = {"document": _("Downloaded document"), "format": _("Format"), "filters": _("Filters"), "count": _("Rows"),
              "total": _("Rows in all"), "filename": _("File"), "counts": _("Counts")}

# The names of the common fields the models leave unnamed (Django would show "created at" in any language).
FIELD_NAMES = {"created_at": _("Created"), "updated_at": _("Last changed"), "created_by": _("Created by"),
               "status": _("Status"), "owner": _("Owner"), "area": _("Area"), "organisation": _("Organisation"),
               "user": _("User"), "category": _("Category"), "incident": _("Incident"), "plan": _("Action plan"),
               "group": _("Group"), "meeting": _("Meeting"), "walk": _("Safety walk"), "version": _("Version"),
               "recorded_at": _("Recorded"), "recorded_by": _("Recorded by"), "adopted_by": _("Adopted by"),
               "closed_at": _("Closed"), "sent_at": _("Sent"), "summary": _("Summary"), "name": _("Name")}


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
    def change_rows(self) -> list[tuple[str, object, object]]:
        """The changes as the log page shows them: (field, before, after), a field of the object's model by its name
        in the reader's language, a choice by its label and a stored time in local time; any other key and value as
        stored. The CSV export gives the stored keys and values."""
        fields = self.action in (Action.CREATE, Action.UPDATE, Action.DELETE)  # else the keys are the entry's own
        model = _model(self.object_type) if fields else None
        rows = []
        for key, pair in self.changes.items():
            before, after = pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
            field = _field(model, key)
            label = _field_label(field) if field is not None else OTHER_KEYS.get(key, key)
            rows.append((label, _shown(field, before), _shown(field, after)))
        return rows

    @property
    def organisation_label(self) -> str:
        """The organisation's name: its current one, or the one stored with the entry if it has been deleted."""
        try:
            organisation = self.organisation
        except ObjectDoesNotExist:  # the organisation was deleted; the entry keeps its id
            organisation = None
        return organisation.name if organisation is not None else self.organisation_name


def _model(object_type: str):
    try:
        return apps.get_model(object_type) if "." in object_type else None
    except (LookupError, ValueError):
        return None


def _field(model, key: str):
    try:
        return model._meta.get_field(key) if model is not None else None
    except FieldDoesNotExist:
        return None


def _field_label(field) -> str:
    unnamed = field.verbose_name == field.name.replace("_", " ")  # Django's name for a field the model left unnamed
    return capfirst(FIELD_NAMES.get(field.name, field.verbose_name) if unnamed else field.verbose_name)


def _shown(field, value):
    """A stored value for the page: a choice's label, a time (ISO 8601 as stored) in local time."""
    if field is None or value is None or isinstance(value, bool):
        return value
    if getattr(field, "choices", None):
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        try:
            return dateformat.format(timezone.localtime(datetime.fromisoformat(value)), "Y-m-d H:i")
        except (ValueError, TypeError):
            return value
    return value
