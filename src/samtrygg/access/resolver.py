"""Who may do what.

Rules, in one place:
- A membership gives its role in its organisation and in every organisation below it (a kommun's admin
  administers its förvaltningar). Where a user holds several roles for one organisation, the strongest counts.
- Members of an organisation may also *view* the areas of the organisations above it (a förvaltning reports in
  its kommun's districts).
- Data of another organisation is visible only through an active grant to one of the user's organisations:
  the grant's kind, its areas (and their sub-areas) and its access (read or read-write) decide, and it shares
  only the rows of the organisation that made it and of those below it (never a third one's in the same area).
- Nothing else crosses organisations. Superuser status gives nothing here.
"""

from enum import StrEnum

from django.db.models import Q, QuerySet, signals
from django.dispatch import receiver

from samtrygg.accounts.models import Membership, Organisation, Role
from samtrygg.areas.models import Area, subtree_ids
from samtrygg.lib import trees
from samtrygg.sharing.models import Access as GrantAccess
from samtrygg.sharing.models import Grant


class Action(StrEnum):
    VIEW = "view"
    REPORT = "report"
    CHANGE = "change"
    MANAGE_AREAS = "manage_areas"
    MANAGE_SHARING = "manage_sharing"
    MANAGE_ORGANISATION = "manage_organisation"
    VIEW_AUDIT = "view_audit"


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.SAMORDNARE: frozenset(
        {Action.VIEW, Action.REPORT, Action.CHANGE, Action.MANAGE_AREAS, Action.MANAGE_SHARING}
    ),
    Role.RAPPORTOR: frozenset({Action.VIEW, Action.REPORT}),
    Role.LASARE: frozenset({Action.VIEW}),
}
ROLE_STRENGTH = {Role.ADMIN: 4, Role.SAMORDNARE: 3, Role.RAPPORTOR: 2, Role.LASARE: 1}
WRITE_ACTIONS = {Action.REPORT, Action.CHANGE}


_grant_writes = 0  # counts this process's writes to grants: a memo read before the latest write is stale


@receiver(signals.post_save, sender=Grant)
@receiver(signals.post_delete, sender=Grant)
@receiver(signals.m2m_changed, sender=Grant.areas.through)
def _grants_changed(**_kwargs) -> None:
    global _grant_writes
    _grant_writes += 1


class Access:
    """What one user may do. Cheap to build (two small queries, made lazily); build one per request."""

    def __init__(self, user):
        self.user = user
        self._roles: dict[int, str] | None = None
        self._parents: dict[int, int | None] | None = None
        self._types: dict[int, str] = {}
        self._granted: dict[tuple[str | None, Action], dict[int, frozenset[int]]] = {}  # read once per request
        self._visible: set[int] | None = None
        self._grants_read_at = _grant_writes

    @property
    def signed_in(self) -> bool:
        """Whether public data (open statistics, the police's events) may be read: by any active signed-in user."""
        return self.user is not None and self.user.is_authenticated and self.user.is_active

    # --- organisations -------------------------------------------------------------------------------
    @property
    def parents(self) -> dict[int, int | None]:
        if self._parents is None:
            rows = list(Organisation.objects.values_list("id", "parent_id", "type"))
            self._parents = {org: parent for org, parent, _type in rows}
            self._types = {org: type_ for org, _parent, type_ in rows}
        return self._parents

    def of_type(self, org_ids, org_type: str) -> set[int]:
        """Those of `org_ids` that are organisations of `org_type` (read with the tree, no query of its own)."""
        self.parents  # noqa: B018 - loads the types with the tree
        return {org for org in org_ids if self._types.get(org) == org_type}

    def descendants(self, org_ids) -> set[int]:
        return trees.descendants(org_ids, self.parents.items())

    def ancestors(self, org_ids) -> set[int]:
        found = set()
        for org in org_ids:
            parent = self.parents.get(org)
            while parent is not None and parent not in found:
                found.add(parent)
                parent = self.parents.get(parent)
        return found

    @property
    def roles(self) -> dict[int, str]:
        """Effective role per organisation id, inherited downwards."""
        if self._roles is None:
            roles: dict[int, str] = {}
            if self.user is not None and self.user.is_authenticated and self.user.is_active:
                for org_id, role in Membership.objects.filter(user=self.user).values_list("organisation_id", "role"):
                    for org in self.descendants([org_id]):
                        if ROLE_STRENGTH[role] > ROLE_STRENGTH.get(roles.get(org), 0):
                            roles[org] = role
            self._roles = roles
        return self._roles

    def role_in(self, org) -> str | None:
        return self.roles.get(getattr(org, "pk", org))

    def orgs_for(self, action: Action) -> set[int]:
        return {org for org, role in self.roles.items() if action in ROLE_ACTIONS[role]}

    def can_in(self, action: Action, org) -> bool:
        role = self.role_in(org)
        return role is not None and action in ROLE_ACTIONS[role]

    def _forget_stale_grants(self) -> None:
        """Drop what was read from grants if a grant was written since (a sharing made or revoked mid-request)."""
        if self._grants_read_at != _grant_writes:
            self._granted, self._visible, self._grants_read_at = {}, None, _grant_writes

    def organisations(self) -> QuerySet[Organisation]:
        """Organisations this user can see: their own (with those above and below) and sharing partners."""
        return Organisation.objects.filter(pk__in=self.organisation_ids())

    def organisation_ids(self) -> set[int]:
        """The ids of `organisations()`, read once per request."""
        self._forget_stale_grants()
        if self._visible is None:
            own = set(self.roles)
            partners = Grant.objects.active().filter(Q(grantor__in=own) | Q(grantee__in=own))
            self._visible = own | self.ancestors(own)
            for grantor, grantee in partners.values_list("grantor_id", "grantee_id"):
                self._visible |= {grantor, grantee}
        return set(self._visible)

    # --- grants and shared data ----------------------------------------------------------------------
    def grants_received(self, kind: str | None = None, action: Action = Action.VIEW) -> QuerySet[Grant]:
        grants = Grant.objects.active().filter(grantee__in=self.orgs_for(action))
        if action in WRITE_ACTIONS:
            grants = grants.filter(access=GrantAccess.READ_WRITE)
        return grants.filter(kind=kind) if kind else grants

    def granted_areas(self, kind: str | None = None, action: Action = Action.VIEW) -> dict[int, frozenset[int]]:
        """Per organisation that shared with this user's organisations: the ids of the areas (with all their
        sub-areas) it shared; read once per kind and action (an Access lives for one request, and a page scopes
        several queries alike)."""
        self._forget_stale_grants()
        if (kind, action) not in self._granted:
            shared: dict[int, set[int]] = {}
            for grantor, area in self.grants_received(kind, action).values_list("grantor_id", "areas"):
                if area is not None:
                    shared.setdefault(grantor, set()).add(area)
            self._granted[kind, action] = {grantor: frozenset(subtree_ids(areas))
                                           for grantor, areas in sorted(shared.items())}
        return self._granted[kind, action]

    def granted_area_ids(self, kind: str | None = None, action: Action = Action.VIEW) -> set[int]:
        """Ids of the areas (with all their sub-areas) shared with this user's organisations, by whomever."""
        return set().union(*self.granted_areas(kind, action).values())

    def scope(
        self, qs: QuerySet, *, action: Action = Action.VIEW, kind: str,
        owner_field: str = "owner", area_field: str = "area",
    ) -> QuerySet:
        """Rows of a domain table that this user may `action`: those their organisations own, and those of an
        organisation that shared areas with them for `kind` (read-write grants only for writes), or of one below
        it, in those areas. An organisation shares its own rows only: another's in the same area stay its own."""
        rule = Q(**{f"{owner_field}__in": self.orgs_for(action)})
        for grantor, areas in self.granted_areas(kind, action).items():
            rule |= Q(**{f"{owner_field}__in": self.descendants([grantor]), f"{area_field}__in": areas})
        return qs.filter(rule)

    # --- areas ---------------------------------------------------------------------------------------
    def areas(self, action: Action = Action.VIEW) -> QuerySet[Area]:
        if action == Action.VIEW:
            own = self.orgs_for(Action.VIEW)
            q = Q(owner__in=own | self.ancestors(own)) | Q(pk__in=self.granted_area_ids())
            return Area.objects.filter(q)
        return Area.objects.filter(owner__in=self.orgs_for(action))

    def can(self, action: Action, obj) -> bool:
        """The yes/no form of the scoped reads, for one object."""
        if isinstance(obj, Organisation):
            if action == Action.VIEW:
                return self.organisations().filter(pk=obj.pk).exists()
            return self.can_in(action, obj)
        if isinstance(obj, Area):
            return self.areas(action).filter(pk=obj.pk).exists()
        if isinstance(obj, Grant):
            if action == Action.VIEW:
                return obj.grantor_id in self.roles or obj.grantee_id in self.roles
            return self.can_in(action, obj.grantor_id)
        raise TypeError(f"no permission rule for {type(obj).__name__}")


class OrganisationAccess(Access):
    """What an organisation as a whole may *view*: its own data and that of the organisations below it, and what
    is shared with them. A lägesbild counts the incidents its organisation sees, whoever opens it."""

    def __init__(self, organisation):
        super().__init__(None)
        self.organisation = organisation

    @property
    def signed_in(self) -> bool:
        return True

    @property
    def roles(self) -> dict[int, str]:
        if self._roles is None:
            self._roles = dict.fromkeys(self.descendants([self.organisation.pk]), Role.LASARE)
        return self._roles


class CommonAccess(Access):
    """What *every one* of several organisations may view: a meeting group's view. A row is in it only when each
    organisation sees it (its own, or shared with it by an active grant), so whatever the group reads, every
    member may read anyway; nothing crosses organisations through a group that the grants do not allow."""

    def __init__(self, organisations):
        super().__init__(None)
        self.members = [OrganisationAccess(org) for org in organisations]

    @property
    def signed_in(self) -> bool:
        return True

    @property
    def roles(self) -> dict[int, str]:
        if self._roles is None:
            common = set.intersection(*(set(m.roles) for m in self.members)) if self.members else set()
            self._roles = dict.fromkeys(common, Role.LASARE)
        return self._roles

    def scope(self, qs: QuerySet, **kwargs) -> QuerySet:
        if not self.members:
            return qs.none()
        for member in self.members:
            qs = member.scope(qs, **kwargs)
        return qs

    def areas(self, action: Action = Action.VIEW) -> QuerySet[Area]:
        if not self.members or action != Action.VIEW:
            return Area.objects.none()
        areas = self.members[0].areas()
        for member in self.members[1:]:
            areas = areas.filter(pk__in=member.areas().values("pk"))
        return areas


def for_request(request) -> Access:
    """The request's Access, built once."""
    if not hasattr(request, "_samtrygg_access"):
        request._samtrygg_access = Access(request.user)
    return request._samtrygg_access
