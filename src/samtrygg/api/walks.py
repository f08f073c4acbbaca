"""Safety walks (trygghetsvandringar) through the API (issue 18 point 7), with exactly the pages' rights
(samtrygg.walks.views.walks, through samtrygg.walks.selectors):

- a walk, with who came and what was seen, is read by those who may view in its municipality (the owner);
- those who may report there plan and change walks, add participants, record observations and mark the walk
  done (a fältassistent on the walk);
- those who may change there make an observation an incident, or a measure in one of the municipality's draft
  action plans, once each (a second time: 400).

What the user may not do so is not there for them: 404, never 403 (as on the pages). Every write goes through
samtrygg.walks.services (audited in the municipality's log). An observation sent again under the same
`client_key` (recorded offline, sent twice) is stored once: 201 the first time, 200 with the same observation
after. Photos are not taken through the API. Free text holding an identity number is refused with HTTP 422, as
everywhere in the API."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status as http
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from samtrygg.access import Access, Action, for_request
from samtrygg.areas.models import Area
from samtrygg.walks import selectors, services
from samtrygg.walks.models import Observation, Participant, Walk

from . import walk_serializers as s
from .views import call_service, personal_data_response

WALK_TEXTS = ("title", "meeting_place", "summary")
OBSERVATION_TEXTS = ("description", "suggested_measure", "responsible_function")


def _walks(access: Access, action: Action = Action.VIEW):
    observations = Observation.objects.select_related("category", "responsible").order_by("recorded_at", "pk")
    return selectors.walks(access, action).prefetch_related(
        Prefetch("participants", queryset=Participant.objects.select_related("organisation")),
        Prefetch("observations", queryset=observations))


def _walk(access: Access, pk, action: Action = Action.VIEW) -> Walk:
    selectors.walk_get(access, pk, action)  # 404 unless the user may do `action` in the walk's municipality
    return _walks(access, action).get(pk=pk)


@extend_schema_view(
    list=extend_schema(summary="The safety walks of the municipalities you may view in, latest first "
                               "(a plain array)"),
    retrieve=extend_schema(summary="One safety walk, with its participants and observations"),
    create=extend_schema(summary="Plan a safety walk (REPORT in the municipality; audited)",
                         request=s.WalkPlanSerializer, responses={201: s.WalkSerializer}),
    partial_update=extend_schema(summary="Change a walk: area, title, time, meeting place, route, summary "
                                         "(REPORT; audited)",
                                 request=s.WalkChangeSerializer, responses={200: s.WalkSerializer}),
)
@extend_schema(tags=["safety walks"])
class WalkViewSet(viewsets.GenericViewSet):
    serializer_class = s.WalkSerializer
    pagination_class = None
    lookup_value_regex = r"\d+"
    personal_data_actions = ("create", "partial_update", "participants", "observations", "done")
    queryset = Walk.objects.none()

    def list(self, request):
        return Response(self.get_serializer(_walks(for_request(request)), many=True).data)

    def retrieve(self, request, pk):
        return Response(self.get_serializer(_walk(for_request(request), pk)).data)

    def create(self, request):
        access = for_request(request)
        owners = selectors.owners(access)
        if not owners.exists():
            raise PermissionDenied(_("You may not plan safety walks."))
        if refused := personal_data_response(request.data, WALK_TEXTS):
            return refused
        data = s.WalkPlanSerializer(data=request.data, owners=owners, areas=selectors.areas_of(owners))
        data.is_valid(raise_exception=True)
        walk = call_service(services.walk_save, actor=request.user, **data.validated_data)
        return Response(self.get_serializer(_walk(access, walk.pk)).data, status=http.HTTP_201_CREATED)

    def partial_update(self, request, pk):
        access = for_request(request)
        walk = selectors.walk_get(access, pk, Action.REPORT)
        if refused := personal_data_response(request.data, WALK_TEXTS):
            return refused
        data = s.WalkChangeSerializer(data=request.data, areas=Area.objects.filter(owner=walk.owner_id))
        data.is_valid(raise_exception=True)
        call_service(services.walk_save, actor=request.user, walk=walk, **data.validated_data)
        return Response(self.get_serializer(_walk(access, walk.pk)).data)

    @extend_schema(summary="Add who takes part: an organisation, a function (a role, never a name) and how many "
                           "(REPORT; audited)",
                   request=s.ParticipantAddSerializer, responses={201: s.ParticipantSerializer})
    @action(detail=True, methods=["post"])
    def participants(self, request, pk):
        access = for_request(request)
        walk = selectors.walk_get(access, pk, Action.REPORT)
        if refused := personal_data_response(request.data, ("function",)):
            return refused
        data = s.ParticipantAddSerializer(data=request.data, organisations=selectors.organisations(access, walk))
        data.is_valid(raise_exception=True)
        participant = call_service(services.participant_add, actor=request.user, walk=walk, **data.validated_data)
        return Response(s.ParticipantSerializer(participant).data, status=http.HTTP_201_CREATED)

    @extend_schema(summary="Record an observation on the walk (REPORT; audited). With client_key, one sent again "
                           "is stored once: 201 the first time, 200 with the same observation after. No photo "
                           "through the API.",
                   request=s.ObservationAddSerializer,
                   responses={201: s.ObservationSerializer,
                              200: OpenApiResponse(s.ObservationSerializer,
                                                   description="Already recorded under this client_key.")})
    @action(detail=True, methods=["post"])
    def observations(self, request, pk):
        access = for_request(request)
        walk = selectors.walk_get(access, pk, Action.REPORT)
        if refused := personal_data_response(request.data, OBSERVATION_TEXTS):
            return refused
        data = s.ObservationAddSerializer(data=request.data, categories=selectors.walk_categories(walk.owner),
                                          organisations=selectors.organisations(access, walk))
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        key = fields.pop("client_key", None)
        if key is not None:
            stored = Observation.objects.filter(recorded_by=request.user, client_key=key).first()
            if stored is not None and stored.walk_id != walk.pk:
                raise ValidationError({"client_key": [_("This key already names an observation on another walk.")]})
            if stored is not None:
                return Response(s.ObservationSerializer(stored).data)
        observation = call_service(services.observation_add, actor=request.user, walk=walk, client_key=key,
                                   **fields)
        return Response(s.ObservationSerializer(observation).data, status=http.HTTP_201_CREATED)

    @extend_schema(summary="The walk is done: its status is done, its summary written if given (REPORT; audited)",
                   request=s.WalkDoneSerializer, responses={200: s.WalkSerializer})
    @action(detail=True, methods=["post"])
    def done(self, request, pk):
        access = for_request(request)
        walk = selectors.walk_get(access, pk, Action.REPORT)
        if refused := personal_data_response(request.data, ("summary",)):
            return refused
        data = s.WalkDoneSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call_service(services.walk_done, actor=request.user, walk=walk, **data.validated_data)
        return Response(self.get_serializer(_walk(access, walk.pk)).data)


@extend_schema(tags=["safety walks"])
class WalkObservationViewSet(viewsets.GenericViewSet):
    """Acting on an observation: CHANGE in the walk's municipality (404 otherwise, as on the walk page)."""

    serializer_class = s.ObservationSerializer
    lookup_value_regex = r"\d+"
    queryset = Observation.objects.none()

    @extend_schema(summary="Make the observation an incident of the municipality (source: a safety walk) at its "
                           "point, with its category, description and photo; once (a second time: 400; audited)",
                   request=None, responses={201: s.MadeIncidentSerializer})
    @action(detail=True, methods=["post"])
    def incident(self, request, pk):
        observation = selectors.observation_get(for_request(request), pk, Action.CHANGE)
        incident = call_service(services.observation_to_incident, actor=request.user, observation=observation)
        return Response({"incident": incident.pk}, status=http.HTTP_201_CREATED)

    @extend_schema(summary="Make the observation a measure in one of the municipality's draft action plans, titled by "
                           "the suggested measure; once (a second time: 400; audited)",
                   request=s.ToMeasureSerializer, responses={201: s.MadeMeasureSerializer})
    @action(detail=True, methods=["post"])
    def measure(self, request, pk):
        observation = selectors.observation_get(for_request(request), pk, Action.CHANGE)
        data = s.ToMeasureSerializer(data=request.data, plans=selectors.draft_plans(observation.walk))
        data.is_valid(raise_exception=True)
        measure = call_service(services.observation_to_measure, actor=request.user, observation=observation,
                               **data.validated_data)
        return Response({"measure": measure.pk}, status=http.HTTP_201_CREATED)
