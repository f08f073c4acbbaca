"""Sharing grants: create and revoke, audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_save

from .models import Grant


@transaction.atomic
def grant_create(*, actor, grantor, grantee, kind: str, access: str, areas, note: str = "") -> Grant:
    areas = list(areas)
    if grantor.pk == grantee.pk:
        raise ValidationError({"grantee": _("An organisation cannot share with itself.")})
    if not areas:
        raise ValidationError({"areas": _("Choose at least one area to share.")})
    foreign = [a.name for a in areas if a.owner_id != grantor.pk]
    if foreign:
        raise ValidationError({"areas": _("Only the organisation's own areas can be shared: %(names)s")
                               % {"names": ", ".join(foreign)}})
    grant = Grant(grantor=grantor, grantee=grantee, kind=kind, access=access, note=note, created_by=actor)
    with audit_save(actor=actor, organisation=[grantor, grantee], obj=grant, action=Action.GRANT):
        grant.full_clean()
        grant.save()
        grant.areas.set(areas)
    return grant


@transaction.atomic
def grant_revoke(*, actor, grant: Grant) -> Grant:
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is not None:
        raise ValidationError(_("The sharing was already revoked."))
    with audit_save(actor=actor, organisation=[grant.grantor, grant.grantee], obj=grant, action=Action.REVOKE):
        grant.revoked_at = timezone.now()
        grant.revoked_by = actor
        grant.save(update_fields=["revoked_at", "revoked_by"])
    return grant
