"""The collaboration map: for each member municipality that shares "agreements and measures" with its region, who
it works with on what — its agreements in force (parties, focus areas), the groups it or an organisation below it
convenes (and the organisations sitting in them), and the methods its action plans' measures use. Across the
county: the partners several members work with, and the methods in use, with who uses them (the county's shared
method bank of what is actually done). Nothing here is an incident; titles are what the member chose to share."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch

from samtrygg.accounts.models import Organisation
from samtrygg.lib import trees
from samtrygg.meetings.models import Function, Group
from samtrygg.plans.models import Agreement, Measure

from .models import Region, ShareKind
from .selectors import sharing_members


@dataclass
class AgreementRow:
    title: str
    parties: list[str]
    focus_areas: list[str]
    period_start: date
    period_end: date


@dataclass
class GroupRow:
    name: str
    kind: str
    organisations: list[str]


@dataclass
class MemberWork:
    name: str
    agreements: list[AgreementRow] = field(default_factory=list)
    groups: list[GroupRow] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)


@dataclass
class MethodUse:
    name: str
    evidence: str
    measures: int
    members: list[str]


@dataclass
class CollaborationMap:
    members: list[MemberWork]
    common_partners: list[tuple[str, list[str]]]  # a partner several members work with, and those members
    methods: list[MethodUse]
    not_sharing: int


def collaboration_map(region: Region, today: date) -> CollaborationMap:
    shared = list(sharing_members(region, ShareKind.COLLABORATION))
    pairs = list(Organisation.objects.values_list("id", "parent_id"))
    works, partners_of, methods = [], defaultdict(set), {}
    for member in shared:
        own = trees.descendants([member.municipality_id], pairs)
        work = MemberWork(member.municipality.name)
        agreements = (Agreement.objects.filter(owner__in=own, period_end__gte=today).prefetch_related("parties")
                      .order_by("period_start", "title"))
        for agreement in agreements:
            parties = sorted(p.name for p in agreement.parties.all() if p.pk not in own)
            work.agreements.append(AgreementRow(agreement.title, parties, list(agreement.focus_areas or []),
                                                agreement.period_start, agreement.period_end))
            partners_of[member.municipality.name].update(parties)
        for group in Group.objects.filter(owner__in=own).prefetch_related(
                Prefetch("functions", queryset=Function.objects.select_related("organisation"))).order_by("name"):
            sitting = sorted({f.organisation.name for f in group.functions.all() if f.organisation_id not in own})
            work.groups.append(GroupRow(group.name, group.get_kind_display(), sitting))
            partners_of[member.municipality.name].update(sitting)
        for measure in Measure.objects.filter(plan__owner__in=own, method__isnull=False).select_related("method"):
            use = methods.setdefault(measure.method_id, MethodUse(measure.method.name,
                                                                  measure.method.get_evidence_display(), 0, []))
            use.measures += 1
            if member.municipality.name not in use.members:
                use.members.append(member.municipality.name)
        work.partners = sorted(partners_of[member.municipality.name])
        works.append(work)
    by_partner = defaultdict(list)
    for name, partners in partners_of.items():
        for partner in partners:
            by_partner[partner].append(name)
    common = sorted(((p, sorted(m)) for p, m in by_partner.items() if len(m) > 1), key=lambda x: (-len(x[1]), x[0]))
    return CollaborationMap(
        members=works, common_partners=common,
        methods=sorted(methods.values(), key=lambda m: (-len(m.members), -m.measures, m.name)),
        not_sharing=region.members.count() - len(shared),
    )
