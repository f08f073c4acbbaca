"""Reads of the safety walks, scoped to the walk's owner (the municipality): those who may view there see a walk,
its observations and its report; those who may report there plan and change walks and record observations (a
fältassistent on the walk); those who may change there turn observations into incidents and measures. Anything
else is 404."""

from django.db.models import Q, QuerySet
from django.http import Http404

from samtrygg.access import Access, Action
from samtrygg.accounts.models import Organisation, OrgType
from samtrygg.areas.models import Area
from samtrygg.decisions.models import Status
from samtrygg.incidents.models import Category
from samtrygg.incidents.selectors import categories_for
from samtrygg.plans.models import ActionPlan

from .models import Observation, Participant, Walk

INTERNAL = (OrgType.KOMMUN, OrgType.NAMND, OrgType.REGION, OrgType.LANSSTYRELSE, OrgType.KOMMUNALFORBUND)
# What a walk usually finds: the physical environment, damage, litter, drugs, groups, traffic.
WALK_CATEGORIES = (
    "fysisk-miljo.belysning", "fysisk-miljo.vegetation", "fysisk-miljo.trasigt", "fysisk-miljo.overgivet",
    "skadegorelse.klotter", "skadegorelse.glaskross", "nedskrapning.skrap", "nedskrapning.dumpning",
    "narkotika.fynd", "ordningsstorning.ungdomar", "trafik.moped", "ovrigt",
)


def walks(access: Access, action: Action = Action.VIEW) -> QuerySet[Walk]:
    return Walk.objects.filter(owner__in=access.orgs_for(action)).select_related("owner", "area")


def walk_get(access: Access, pk: int, action: Action = Action.VIEW) -> Walk:
    walk = walks(access, action).filter(pk=pk).first()
    if walk is None:
        raise Http404
    return walk


def observations(walk: Walk) -> QuerySet[Observation]:
    return walk.observations.select_related("category", "category__parent", "responsible", "incident", "measure",
                                            "measure__plan")


def observation_get(access: Access, pk: int, action: Action = Action.VIEW) -> Observation:
    observation = (Observation.objects.filter(pk=pk, walk__owner__in=access.orgs_for(action))
                   .select_related("walk__owner", "walk__area", "category").first())
    if observation is None:
        raise Http404
    return observation


def participants(walk: Walk) -> QuerySet[Participant]:
    return walk.participants.select_related("organisation")


def participant_get(access: Access, pk: int, action: Action = Action.VIEW) -> Participant:
    participant = (Participant.objects.filter(pk=pk, walk__owner__in=access.orgs_for(action))
                   .select_related("walk__owner").first())
    if participant is None:
        raise Http404
    return participant


def owners(access: Access) -> QuerySet[Organisation]:
    """The municipalities whose walks the user may plan."""
    return Organisation.objects.filter(pk__in=access.orgs_for(Action.REPORT), type=OrgType.KOMMUN).order_by("name")


def areas_of(owners_qs) -> QuerySet[Area]:
    return Area.objects.filter(owner__in=owners_qs).select_related("owner").order_by("owner__name", "name")


def organisations(access: Access, walk: Walk) -> QuerySet[Organisation]:
    """Who may take part or be responsible: the organisations the user sees, those already on the walk, and the
    partners outside the municipalities (the police, housing companies, property owners, associations: walks are
    made with them, and their names are public)."""
    ids = access.organisation_ids() | {walk.owner_id} | set(
        walk.participants.values_list("organisation_id", flat=True))
    return Organisation.objects.filter(Q(pk__in=ids) | ~Q(type__in=INTERNAL)).order_by("name")


def walk_categories(owner) -> QuerySet[Category]:
    """What an observation can be: the usual findings of a walk, and the municipality's own categories."""
    usable = categories_for(owner)
    chosen = usable.filter(Q(code__in=WALK_CATEGORIES) | Q(owner=owner))
    return (chosen if chosen.exists() else usable.filter(parent__isnull=True)).order_by("sort", "name")


def draft_plans(walk: Walk) -> QuerySet[ActionPlan]:
    """The municipality's action plans still being drafted, which an observation can join as a measure."""
    return ActionPlan.objects.filter(owner=walk.owner_id, status=Status.DRAFT).order_by("-period_end", "title")
