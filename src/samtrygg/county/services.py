"""Writes of the county level, each audited in the organisations concerned: a regional organisation's settings,
its members, a member's sharing of aggregates with it (opt in, revoke), and the county's lägesbild (drafted, sent for
review, adopted and frozen through decisions.workflow)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.access import Access
from samtrygg.access import Action as AccessAction
from samtrygg.accounts.models import Organisation, OrgType
from samtrygg.audit.models import Action
from samtrygg.audit.services import audit_delete, audit_save
from samtrygg.decisions import workflow
from samtrygg.decisions.models import Status
from samtrygg.meetings import services as meeting_services
from samtrygg.meetings.models import Group, GroupKind

from .council import missing_members
from .document import build_document
from .models import REGIONAL_TYPES, AggregateShare, CountyPicture, Region, RegionMember


@transaction.atomic
def region_save(*, actor, organisation: Organisation, county_code: str = "", min_count: int | None = None) -> Region:
    """Make `organisation` (a länsstyrelse, kommunalförbund or region) a region, or change its settings."""
    if organisation.type not in REGIONAL_TYPES:
        raise ValidationError({"organisation": _(
            "Only a county administrative board, a municipal association or a region can hold members.")})
    region = Region.objects.filter(organisation=organisation).first() or Region(organisation=organisation)
    with audit_save(actor=actor, organisation=organisation, obj=region):
        region.county_code = county_code
        if min_count is not None:
            region.min_count = min_count
        region.full_clean()
        region.save()
    return region


@transaction.atomic
def member_add(*, actor, region: Region, municipality: Organisation) -> RegionMember:
    if municipality.type != OrgType.KOMMUN:
        raise ValidationError({"municipality": _("Only a municipality can be a member.")})
    if RegionMember.objects.filter(region=region, municipality=municipality).exists():
        raise ValidationError({"municipality": _("%(name)s is already a member.") % {"name": municipality}})
    member = RegionMember(region=region, municipality=municipality)
    with audit_save(actor=actor, organisation=[region.organisation, municipality], obj=member):
        member.save()
    return member


@transaction.atomic
def member_remove(*, actor, member: RegionMember) -> None:
    """A member leaves; its sharing ends with it (each share's deletion is in the audit log)."""
    audit_delete(actor=actor, organisation=[member.region.organisation, member.municipality], obj=member)


@transaction.atomic
def share_create(*, actor, member: RegionMember, kind: str) -> AggregateShare:
    if member.shares.active().filter(kind=kind).exists():
        raise ValidationError({"kind": _("This is already shared.")})
    share = AggregateShare(member=member, kind=kind, created_by=actor)
    with audit_save(actor=actor, organisation=[member.municipality, member.region.organisation], obj=share,
                    action=Action.GRANT):
        share.full_clean()
        share.save()
    return share


@transaction.atomic
def share_revoke(*, actor, share: AggregateShare) -> AggregateShare:
    share = AggregateShare.objects.select_for_update().select_related("member__region__organisation",
                                                                     "member__municipality").get(pk=share.pk)
    if share.revoked_at is not None:
        raise ValidationError(_("The sharing was already revoked."))
    member = share.member
    with audit_save(actor=actor, organisation=[member.municipality, member.region.organisation], obj=share,
                    action=Action.REVOKE):
        share.revoked_at = timezone.now()
        share.revoked_by = actor
        share.save(update_fields=["revoked_at", "revoked_by"])
    return share


# --- the county's lägesbild -------------------------------------------------------------------------------------

def _check_picture_manager(actor, region: Region) -> None:
    if actor is not None and not Access(actor).can_in(AccessAction.CHANGE, region.organisation_id):
        raise ValidationError(_("Only the region's coordinators and administrators can change its situation "
                                "pictures."))


def _build(actor):
    return lambda picture: build_document(picture, Access(actor))


@transaction.atomic
def picture_save(*, actor, region: Region, picture: CountyPicture | None = None, title: str, year: int,
                 series=None, summary: str = "", conclusions: str = "") -> CountyPicture:
    """Create a county lägesbild as a draft, or change a draft's texts and settings."""
    _check_picture_manager(actor, region)
    picture = picture or CountyPicture(region=region, owner=region.organisation)
    if picture.pk is not None and not CountyPicture.objects.select_for_update().filter(
            pk=picture.pk, status=Status.DRAFT).exists():
        raise ValidationError(_("Only a draft can be changed."))
    with audit_save(actor=actor, organisation=region.organisation, obj=picture):
        picture.title, picture.year, picture.series = title, year, series
        picture.summary, picture.conclusions = summary, conclusions
        picture.full_clean()
        picture.save()
    return picture


@transaction.atomic
def picture_submit(*, actor, picture: CountyPicture) -> CountyPicture:
    _check_picture_manager(actor, picture.region)
    return workflow.submit(actor, picture, _build(actor))


@transaction.atomic
def picture_reopen(*, actor, picture: CountyPicture) -> CountyPicture:
    _check_picture_manager(actor, picture.region)
    return workflow.reopen(actor, picture, _build(actor))


@transaction.atomic
def picture_adopt(*, actor, picture: CountyPicture, decided_on, decided_by: str) -> CountyPicture:
    """Adopt: the decision recorded and the whole document frozen as the members' shared data stand now."""
    _check_picture_manager(actor, picture.region)
    return workflow.adopt(actor, picture, _build(actor), decided_on=decided_on, decided_by=decided_by)


@transaction.atomic
def council_create(*, actor, region: Region, name: str, description: str = "", title: str) -> Group:
    """A council or network for mellankommunala frågor, convened by the region, with the function `title` (the
    municipalities' brottsförebyggande samordnare, say) for each member municipality; each member names who holds
    it. Audited in the region's log through the meeting module."""
    group = meeting_services.group_save(actor=actor, owner=region.organisation, kind=GroupKind.INTERMUNICIPAL,
                                        name=name, description=description)
    council_members_add(actor=actor, region=region, group=group, title=title)
    return group


@transaction.atomic
def council_members_add(*, actor, region: Region, group: Group, title: str) -> list:
    """The function `title` for each member municipality the council lacks (one that joined the region later)."""
    if group.owner_id != region.organisation_id or group.kind != GroupKind.INTERMUNICIPAL:
        raise ValidationError(_("The group is not one of the region's councils."))
    return [meeting_services.function_save(actor=actor, group=group, organisation=municipality, title=title)
            for municipality in missing_members(region, group)]
