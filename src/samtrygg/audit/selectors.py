"""Reads of the audit log: an organisation's admins see their organisations' entries."""

from django.db.models import QuerySet

from .models import AuditEntry


def audit_list(
    *, org_ids: set[int], organisation: int | None = None, action: str = "", actor: str = "",
    date_from=None, date_to=None, object_type: str = "",
) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.filter(organisation__in=org_ids).select_related("organisation")
    if organisation:
        entries = entries.filter(organisation=organisation)
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor_name__icontains=actor)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    return entries
