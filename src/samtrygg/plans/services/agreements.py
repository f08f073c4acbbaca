"""Writes for collaboration agreements (samverkansöverenskommelser) and each party's commitments. The caller
checked that the user may change the agreement (its municipality's coordinators and administrators)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samtrygg.accounts.models import OrgType
from samtrygg.guards import check_period

from ..models import Agreement, Commitment
from .common import check_known, delete, save

AGREEMENT_FIELDS = {"title", "description", "focus_areas", "period_start", "period_end", "signed_on"}
COMMITMENT_FIELDS = {"party", "focus_area", "text"}


@transaction.atomic
def agreement_save(*, actor, owner=None, agreement: Agreement | None = None, parties=None, **fields) -> Agreement:
    """Create (with owner) or change an agreement. Focus areas are a list of short texts, blank ones dropped."""
    check_known(fields, AGREEMENT_FIELDS)
    if "focus_areas" in fields:
        fields["focus_areas"] = [area.strip() for area in fields["focus_areas"] if area and area.strip()]
    if agreement is None:
        if owner is None or owner.type != OrgType.KOMMUN:
            raise ValidationError({"owner": _("A collaboration agreement is made by a municipality.")})
        agreement = Agreement(owner=owner, created_by=actor)
    check_period(fields.get("period_start", agreement.period_start), fields.get("period_end", agreement.period_end))
    if parties is not None and agreement.owner in parties:
        parties = [party for party in parties if party != agreement.owner]
    return save(actor, agreement.owner, agreement, fields, {"parties": parties})


@transaction.atomic
def commitment_save(*, actor, agreement: Agreement, commitment: Commitment | None = None, measures=None,
                    **fields) -> Commitment:
    """A party's commitment: the party is the municipality or one of the agreement's parties."""
    check_known(fields, COMMITMENT_FIELDS)
    party = fields.get("party", commitment.party if commitment else None)
    if party is None or (party != agreement.owner and not agreement.parties.filter(pk=party.pk).exists()):
        raise ValidationError({"party": _("Choose one of the agreement's parties.")})
    if not (fields.get("text", commitment.text if commitment else "") or "").strip():
        raise ValidationError({"text": _("Write what the party commits to.")})
    return save(actor, agreement.owner, commitment or Commitment(agreement=agreement), fields,
                {"measures": measures})


@transaction.atomic
def commitment_delete(*, actor, commitment: Commitment) -> None:
    delete(actor, commitment.agreement.owner, commitment)


@transaction.atomic
def agreement_delete(*, actor, agreement: Agreement) -> None:
    """Remove an agreement and its commitments (each audited); a signed one stays on record."""
    if agreement.signed_on:
        raise ValidationError(_("A signed agreement stays on record; end its period instead."))
    for commitment in agreement.commitments.all():
        delete(actor, agreement.owner, commitment)
    delete(actor, agreement.owner, agreement)
