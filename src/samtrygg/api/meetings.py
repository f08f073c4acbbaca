"""Groups, meetings, agenda items and tasks through the API, with the same authorization as the pages
(samtrygg.meetings.selectors): reads with Action.VIEW; writes to a group, its meetings and their items need
Action.CHANGE on the group (404 when the user cannot see it, 403 when they see but may not change it); a task is
reported on by the group's changers and by the holder of its function. Writes go through
samtrygg.meetings.services (audited; a protocol out for justering or justerat is refused there: 400). Free text
holding an identity number is refused with HTTP 422 and never echoed.

Signing a protocol (justering) is deliberately not offered here: it is a personal act with one's own login and
second factor, which a bearer token does not prove."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status as http
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from samtrygg.access import Access, Action, for_request
from samtrygg.meetings import agenda, selectors, services
from samtrygg.meetings.document import compose_protocol
from samtrygg.meetings.models import AgendaItem, Group, Meeting, Task
from samtrygg.publishing.document import Document

from . import meeting_serializers as s
from .filters import id_param
from .pagination import MeetingCursorPagination, TaskCursorPagination
from .views import call_service, personal_data_response


def _changeable_group(access: Access, group: Group) -> Group:
    if not selectors.groups(access, Action.CHANGE).filter(pk=group.pk).exists():
        raise PermissionDenied(_("You may see this group but not change it."))
    return group


@extend_schema_view(list=extend_schema(summary="Groups you can see (with their members)"),
                    retrieve=extend_schema(summary="One group"), create=extend_schema(summary="Create a group"),
                    partial_update=extend_schema(summary="Change a group"))
class GroupViewSet(viewsets.GenericViewSet):
    serializer_class = s.GroupSerializer
    pagination_class = None
    lookup_value_regex = r"\d+"
    personal_data_actions = ("create", "partial_update", "functions")
    queryset = Group.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Group.objects.none()
        return selectors.groups(for_request(self.request)).select_related("owner", "area").prefetch_related(
            "functions__organisation", "functions__holder")

    def list(self, request):
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def retrieve(self, request, pk):
        return Response(self.get_serializer(get_object_or_404(self.get_queryset(), pk=pk)).data)

    def create(self, request):
        if refused := personal_data_response(request.data):
            return refused
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        group = call_service(services.group_save, actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(group).data, status=http.HTTP_201_CREATED)

    def partial_update(self, request, pk):
        access = for_request(request)
        group = _changeable_group(access, selectors.group_get(access, pk))
        if refused := personal_data_response(request.data):
            return refused
        serializer = self.get_serializer(group, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        call_service(services.group_save, actor=request.user, group=group, **serializer.validated_data)
        return Response(self.get_serializer(selectors.group_get(access, pk)).data)

    @extend_schema(summary="Add a member: a function of an organisation, held by one of its members",
                   request=s.FunctionWriteSerializer, responses={201: s.FunctionSerializer})
    @action(detail=True, methods=["post"])
    def functions(self, request, pk):
        access = for_request(request)
        group = _changeable_group(access, selectors.group_get(access, pk))
        if refused := personal_data_response(request.data):
            return refused
        data = s.FunctionWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if not access.organisations().filter(pk=fields["organisation"].pk).exists():
            raise ValidationError({"organisation": [_("Choose an organisation you can see.")]})
        function = call_service(services.function_save, actor=request.user, group=group, **fields)
        return Response(s.FunctionSerializer(function).data, status=http.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Meetings you can see (newest first; ?group= narrows)"),
                    retrieve=extend_schema(summary="One meeting with its agenda, decisions and tasks"),
                    create=extend_schema(summary="Create a meeting with the standard agenda"),
                    partial_update=extend_schema(summary="Change a meeting's title, time or place"))
class MeetingViewSet(viewsets.GenericViewSet):
    serializer_class = s.MeetingSerializer
    pagination_class = MeetingCursorPagination
    lookup_value_regex = r"\d+"
    personal_data_actions = ("create", "partial_update", "items")
    queryset = Meeting.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Meeting.objects.none()
        meetings = selectors.meetings(for_request(self.request))
        group = id_param(self.request, "group", _("Give an id."))
        return meetings.filter(group=group) if group is not None else meetings

    def get_serializer_class(self):
        return s.MeetingSerializer if self.action in ("list", "create") else s.MeetingDetailSerializer

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk):
        return Response(self.get_serializer(selectors.meeting_get(for_request(request), pk)).data)

    def create(self, request):
        if refused := personal_data_response(request.data):
            return refused
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = call_service(services.meeting_create, actor=request.user, **serializer.validated_data)
        return Response(s.MeetingDetailSerializer(meeting, context={"request": request}).data,
                        status=http.HTTP_201_CREATED)

    def _changeable(self, request, pk) -> Meeting:
        access = for_request(request)
        meeting = selectors.meeting_get(access, pk)
        _changeable_group(access, meeting.group)
        return meeting

    def partial_update(self, request, pk):
        meeting = self._changeable(request, pk)
        if refused := personal_data_response(request.data):
            return refused
        serializer = self.get_serializer(meeting, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        call_service(services.meeting_update, actor=request.user, meeting=meeting, **serializer.validated_data)
        return Response(self.get_serializer(selectors.meeting_get(for_request(request), pk)).data)

    @extend_schema(summary="The generated part of an EST meeting's agenda: the incidents since the previous "
                           "meeting against the usual level, hot spots, measures due, tasks to follow up",
                   responses=s.SituationSerializer)
    @action(detail=True, methods=["get"])
    def agenda(self, request, pk):
        meeting = selectors.meeting_get(for_request(request), pk)
        return Response(s.situation_data(agenda.situation(meeting)))

    @extend_schema(summary="The protocol as a document (frozen once justerat), the one the PDF is rendered from",
                   responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def protocol(self, request, pk):
        meeting = selectors.meeting_get(for_request(request), pk)
        document = Document.from_dict(meeting.document) if meeting.document else compose_protocol(meeting)
        return Response(document.to_dict())

    @extend_schema(summary="Add an ärende (numbered before Övriga frågor)", request=s.ItemSerializer,
                   responses={201: s.ItemSerializer})
    @action(detail=True, methods=["post"])
    def items(self, request, pk):
        meeting = self._changeable(request, pk)
        if refused := personal_data_response(request.data):
            return refused
        data = s.ItemSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = {k: v for k, v in data.validated_data.items() if k != "tasks"}
        item = call_service(services.item_save, actor=request.user, meeting=meeting, **fields)
        return Response(s.ItemSerializer(item).data, status=http.HTTP_201_CREATED)

    @extend_schema(summary="Choose the two adjusters (val av justerare)", request=s.AdjustersSerializer)
    @action(detail=True, methods=["post"])
    def adjusters(self, request, pk):
        meeting = self._changeable(request, pk)
        data = s.AdjustersSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call_service(services.adjusters_set, actor=request.user, meeting=meeting,
                     users=data.validated_data["adjusters"])
        return Response(s.MeetingDetailSerializer(meeting, context={"request": request}).data)

    @extend_schema(summary="Send the minutes for justering", request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk):
        meeting = call_service(services.protocol_submit, actor=request.user, meeting=self._changeable(request, pk))
        return Response(s.MeetingDetailSerializer(meeting, context={"request": request}).data)

    @extend_schema(summary="Take the minutes back from justering to draft", request=None)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk):
        meeting = call_service(services.protocol_reopen, actor=request.user, meeting=self._changeable(request, pk))
        return Response(s.MeetingDetailSerializer(meeting, context={"request": request}).data)


@extend_schema_view(partial_update=extend_schema(summary="Write an item's minutes and decision"))
class ItemViewSet(viewsets.GenericViewSet):
    serializer_class = s.ItemSerializer
    lookup_value_regex = r"\d+"
    personal_data_actions = ("partial_update", "tasks")
    queryset = AgendaItem.objects.none()

    def partial_update(self, request, pk):
        access = for_request(request)
        item = get_object_or_404(AgendaItem.objects.select_related("meeting__group"), pk=pk,
                                 meeting__in=selectors.meetings(access).values("pk"))
        _changeable_group(access, item.meeting.group)
        if refused := personal_data_response(request.data):
            return refused
        data = s.ItemSerializer(item, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = {k: v for k, v in data.validated_data.items() if k != "tasks"}
        item = call_service(services.item_save, actor=request.user, meeting=item.meeting, item=item, **fields)
        return Response(s.ItemSerializer(item).data)

    @extend_schema(summary="A decision under the item hands a task to a function", request=s.TaskCreateSerializer,
                   responses={201: s.TaskSerializer})
    @action(detail=True, methods=["post"])
    def tasks(self, request, pk):
        access = for_request(request)
        item = get_object_or_404(AgendaItem.objects.select_related("meeting__group"), pk=pk,
                                 meeting__in=selectors.meetings(access).values("pk"))
        _changeable_group(access, item.meeting.group)
        if refused := personal_data_response(request.data):
            return refused
        data = s.TaskCreateSerializer(data=request.data, item=item, context={"request": request})
        data.is_valid(raise_exception=True)
        task = call_service(services.task_create, actor=request.user, item=item, **data.validated_data)
        return Response(s.TaskSerializer(task).data, status=http.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Tasks you can see (?mine=1: your functions' open tasks)"),
                    retrieve=extend_schema(summary="One task"),
                    partial_update=extend_schema(summary="Report on a task: done, cancelled or open again",
                                                 request=s.TaskReportSerializer))
class TaskViewSet(viewsets.GenericViewSet):
    serializer_class = s.TaskSerializer
    pagination_class = TaskCursorPagination
    lookup_value_regex = r"\d+"
    personal_data_actions = ("partial_update",)
    queryset = Task.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Task.objects.none()
        if self.request.query_params.get("mine") == "1":
            return selectors.my_tasks(self.request.user)
        return selectors.tasks(for_request(self.request))

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk):
        return Response(self.get_serializer(selectors.task_get(for_request(request), pk)).data)

    def partial_update(self, request, pk):
        access = for_request(request)
        task = selectors.task_get(access, pk)  # 404 when not visible
        if not selectors.tasks(access, Action.CHANGE).filter(pk=task.pk).exists():
            raise PermissionDenied(_("Only the function's holder and the group's coordinators report on a task."))
        if refused := personal_data_response(request.data):
            return refused
        data = s.TaskReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        task = call_service(services.task_update, actor=request.user, task=task, **data.validated_data)
        return Response(self.get_serializer(task).data)
