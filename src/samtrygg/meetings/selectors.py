"""Reads for groups and meetings, scoped by the permission resolver.

Who sees a group, its meetings and tasks: those who may view in its convening organisation (or one above it), in
any of its members' organisations, and the holders of its functions. Who changes them (the group, its members,
meetings, agenda, minutes, tasks): admins and samordnare of the convening organisation. A task is also reported
on by the holder of its function. What a group reads of the incidents is `group_access`: what every one of its
organisations may read (access.CommonAccess)."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from samtrygg.access import Access, Action, CommonAccess
from samtrygg.areas.models import subtree_ids

from .models import AgendaItem, Attachment, CalendarFeed, Feedback, Function, Group, Meeting, Task, TaskStatus


def groups(access: Access, action: Action = Action.VIEW) -> QuerySet[Group]:
    owners = access.orgs_for(action)
    if action == Action.VIEW:
        owners |= access.ancestors(owners)
        seen = Q(owner__in=owners) | Q(functions__organisation__in=access.orgs_for(Action.VIEW))
        if access.user is not None and access.user.is_authenticated:
            seen |= Q(functions__holder=access.user)
        return Group.objects.filter(pk__in=Group.objects.filter(seen).values("pk"))
    return Group.objects.filter(owner__in=owners)


def group_get(access: Access, pk: int, action: Action = Action.VIEW) -> Group:
    return get_object_or_404(groups(access, action).select_related("owner", "area"), pk=pk)


def group_organisations(group: Group) -> list:
    """The convening organisation and every member function's organisation."""
    orgs = {group.owner_id: group.owner}
    for function in group.functions.select_related("organisation"):
        orgs.setdefault(function.organisation_id, function.organisation)
    return list(orgs.values())


def group_access(group: Group) -> CommonAccess:
    """What the group reads: only what every one of its organisations may read."""
    return CommonAccess(group_organisations(group))


def areas_inside(area, candidates) -> set[int]:
    """The area with every area below it, and those of `candidates` (other organisations' areas: a housing
    company's estate) whose centre lies inside it."""
    ids = subtree_ids({area.pk})
    outline = area.shape
    minx, miny, maxx, maxy = outline.bounds
    others = candidates.exclude(pk__in=ids).filter(min_lon__gte=minx, min_lat__gte=miny, max_lon__lte=maxx,
                                                   max_lat__lte=maxy)
    return ids | {a.pk for a in others.only("id", "geometry") if outline.contains(a.shape.centroid)}


def group_area_ids(group: Group, access: CommonAccess | None = None) -> set[int]:
    """The group's area, as far as the group may read the areas inside it (see areas_inside), or for a group
    without an area every area the group may read; `access`: the group's, when the caller has built it already."""
    readable = (access or group_access(group)).areas()
    if group.area is None:
        return set(readable.values_list("pk", flat=True))
    return areas_inside(group.area, readable)


def functions(group: Group) -> QuerySet[Function]:
    return group.functions.select_related("organisation", "holder")


def meetings(access: Access, action: Action = Action.VIEW) -> QuerySet[Meeting]:
    return Meeting.objects.filter(group__in=groups(access, action).values("pk"))


def meeting_get(access: Access, pk: int, action: Action = Action.VIEW) -> Meeting:
    return get_object_or_404(meetings(access, action).select_related("group", "group__owner", "group__area"),
                             pk=pk)


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The group's last meeting before this one that was held (not cancelled)."""
    return (Meeting.objects.filter(group=meeting.group_id, starts_at__lt=meeting.starts_at, cancelled=False)
            .order_by("-starts_at").first())


def items(meeting: Meeting) -> QuerySet[AgendaItem]:
    return meeting.items.select_related("measure").prefetch_related("tasks__function__organisation", "attachments")


def item_in(access: Access, pk: int, action: Action = Action.VIEW) -> AgendaItem:
    """An agenda item of a meeting the user may `action`."""
    return get_object_or_404(AgendaItem.objects.select_related("meeting", "meeting__group"), pk=pk,
                             meeting__in=meetings(access, action).values("pk"))


def attachment_get(access: Access, pk: int, action: Action = Action.VIEW) -> Attachment:
    return get_object_or_404(Attachment.objects.select_related("item__meeting__group"), pk=pk,
                             item__meeting__in=meetings(access, action).values("pk"))


def members(group: Group):
    """The people holding the group's functions."""
    return get_user_model().objects.filter(meeting_functions__group=group).distinct().order_by("username")


def my_feedback(user) -> QuerySet[Feedback]:
    return Feedback.objects.filter(user=user).select_related("meeting", "meeting__group")


def tasks(access: Access, action: Action = Action.VIEW) -> QuerySet[Task]:
    """VIEW: the group's readers. CHANGE (report on it): the group's changers and the function's holder."""
    if action == Action.VIEW:
        scope = Q(group__in=groups(access).values("pk"))
    else:
        scope = Q(group__in=groups(access, Action.CHANGE).values("pk"))
        if access.user is not None and access.user.is_authenticated:
            scope |= Q(function__holder=access.user)
    return Task.objects.filter(scope).select_related("function", "function__organisation", "meeting", "group")


def task_get(access: Access, pk: int, action: Action = Action.VIEW) -> Task:
    return get_object_or_404(tasks(access, action), pk=pk)


def tasks_to_follow_up(meeting: Meeting) -> QuerySet[Task]:
    """The tasks a meeting follows up: decided at the group's earlier meetings and still open, or closed since the
    previous meeting."""
    previous = previous_meeting(meeting)
    earlier = Task.objects.filter(group=meeting.group_id, meeting__starts_at__lt=meeting.starts_at)
    closed_since = Q(closed_at__gte=previous.starts_at) if previous else Q(pk__isnull=False)
    return (earlier.filter(Q(status=TaskStatus.OPEN) | closed_since)
            .select_related("function", "function__organisation", "meeting").order_by("due", "pk"))


def my_tasks(user) -> QuerySet[Task]:
    """The open tasks of the functions the user holds."""
    return (Task.objects.filter(function__holder=user, status=TaskStatus.OPEN)
            .select_related("group", "function", "meeting").order_by("due", "pk"))


def my_meetings(user, start, end) -> QuerySet[Meeting]:
    """Meetings in [start, end) of the groups in which the user holds a function (the calendar feed)."""
    return (Meeting.objects.filter(group__functions__holder=user, starts_at__gte=start, starts_at__lt=end)
            .distinct().select_related("group").order_by("starts_at"))


def feed_user(digest: str):
    feed = CalendarFeed.objects.filter(digest=digest).select_related("user").first()
    return feed.user if feed and feed.user.is_active else None
