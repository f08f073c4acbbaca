"""The field work through the API (issue 18 point 7), with exactly the pages' rights:

- residents' tips as samtrygg.tips.views.moderation shows them: the queue and a tip for the moderators (those
  who may change in the municipality); anyone else gets 404, never 403. A tip is approved as an incident or as an
  observation in a draft lägesbild, or rejected with a reason, through samtrygg.tips.services (audited; the tip
  and its e-mail are deleted). The resident's e-mail is never shown, only whether there is one;
- weekly reports as samtrygg.incidents.views.batches: sent for an organisation the user reports for, on the areas
  the user may see, all events or none, through samtrygg.incidents.services.batch_create (audited); read by those
  who see the organisation's incidents;
- an incident's possible duplicates (those the user may see), its contributions, and merging duplicates into it
  (samtrygg.incidents.services.incidents_merge: 404 when the user may not change it).

Free text holding an identity number is refused with HTTP 422, as everywhere in the API."""

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status as http
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from samtrygg.access import Access, Action, for_request
from samtrygg.incidents import duplicates, selectors, services
from samtrygg.incidents.models import Batch, Source
from samtrygg.tips import selectors as tips
from samtrygg.tips import services as tip_services
from samtrygg.tips.models import Tip

from . import field_serializers as s
from .schema import ERROR
from .views import call_service, personal_data_response

# --- residents' tips ------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="The tips waiting in the municipalities whose tips you moderate, oldest first",
                       responses={200: s.TipSerializer(many=True),
                                  404: OpenApiResponse(ERROR, description="You moderate no municipality's tips.")}),
    retrieve=extend_schema(summary="One tip (never the resident's e-mail: has_contact says whether there is one)"),
)
@extend_schema(tags=["tips"])
class TipViewSet(viewsets.GenericViewSet):
    serializer_class = s.TipSerializer
    pagination_class = None
    lookup_value_regex = r"\d+"
    personal_data_actions = ("approve", "reject")
    queryset = Tip.objects.none()

    def list(self, request):
        access = for_request(request)
        if not tips.moderated(access).exists():
            raise Http404  # as the queue page: nothing here for those who moderate nothing
        return Response(self.get_serializer(tips.tips(access).order_by("received_at", "pk"), many=True).data)

    def retrieve(self, request, pk):
        return Response(self.get_serializer(tips.tip_get(for_request(request), pk)).data)

    @extend_schema(summary="Approve a tip as an incident (source: tips) or, given lagesbild_draft, as an observation "
                           "in that draft; the tip is deleted (audited)",
                   request=s.TipApproveSerializer, responses={201: s.TipApprovedSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk):
        tip = tips.tip_get(for_request(request), pk)
        if refused := personal_data_response(request.data, ("description",)):
            return refused
        data = s.TipApproveSerializer(data=request.data, categories=tips.categories_for(tip.channel.municipality),
                                      drafts=tips.draft_lagesbilder(tip))
        data.is_valid(raise_exception=True)
        made = call_service(tip_services.tip_approve, actor=request.user, tip=tip, **data.validated_data)
        kind = "incident" if made._meta.model_name == "incident" else "observation"
        return Response({kind: made.pk}, status=http.HTTP_201_CREATED)

    @extend_schema(summary="Reject a tip with a reason (kept in the audit log); the tip is deleted",
                   request=s.TipRejectSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk):
        tip = tips.tip_get(for_request(request), pk)
        if refused := personal_data_response(request.data, ("reason",)):
            return refused
        data = s.TipRejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call_service(tip_services.tip_reject, actor=request.user, tip=tip, **data.validated_data)
        return Response(status=http.HTTP_204_NO_CONTENT)


# --- weekly reports ---------------------------------------------------------------------------------------------

def _batches(access: Access):
    visible = Prefetch("incidents", queryset=selectors.incidents(access).only("pk").order_by("pk"),
                       to_attr="visible_incidents")
    return selectors.batches(access).prefetch_related(visible).order_by("-created_at", "-pk")


@extend_schema_view(
    list=extend_schema(summary="The weekly reports of the organisations whose incidents you see, newest first"),
    retrieve=extend_schema(summary="One weekly report, with the ids of its incidents you can see"),
    create=extend_schema(summary="Send a weekly report: each event becomes `count` incidents, all or none (audited)",
                         request=s.BatchCreateSerializer, responses={201: s.BatchSerializer}),
)
@extend_schema(tags=["weekly reports"])
class WeeklyReportViewSet(viewsets.GenericViewSet):
    serializer_class = s.BatchSerializer
    pagination_class = None
    lookup_value_regex = r"\d+"
    personal_data_actions = ("create",)
    queryset = Batch.objects.none()

    def list(self, request):
        return Response(self.get_serializer(_batches(for_request(request)), many=True).data)

    def retrieve(self, request, pk):
        access = for_request(request)
        return Response(self.get_serializer(_get_or_404(_batches(access), pk)).data)

    def create(self, request):
        access = for_request(request)
        owners = selectors.reporting_owners(access)
        if not owners:
            raise PermissionDenied(_("You may not report incidents."))
        events = request.data.get("events") if hasattr(request.data, "get") else None
        texts = {"note": request.data.get("note") if hasattr(request.data, "get") else None,
                 "events": [e.get("description") for e in events if isinstance(e, dict)]
                 if isinstance(events, list) else []}
        if refused := personal_data_response(texts):
            return refused
        data = s.BatchCreateSerializer(data=request.data, owners=owners,
                                       categories=selectors.categories_for_owners(owners),
                                       areas=access.areas().defer("geometry"))
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        rows = [{**event, "occurred_to": event.get("occurred_to"), "description": event.get("description", ""),
                 "source": Source.OWN} for event in fields.pop("events")]
        batch = call_service(services.batch_create, actor=request.user, events=rows, **fields)
        batch = _get_or_404(_batches(access), batch.pk)
        return Response(self.get_serializer(batch).data, status=http.HTTP_201_CREATED)


def _get_or_404(queryset, pk):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# --- duplicates, contributions, merging ----------------------------------------------------------------------------

@extend_schema(tags=["incidents"])
class IncidentDuplicatesView(APIView):
    @extend_schema(summary="An incident's possible duplicates among those you see: the same main category within "
                           "150 m, occurred within 3 h, reported within 24 h of it; nearest first, at most 5",
                   responses=s.DuplicateSerializer(many=True))
    def get(self, request, pk):
        access = for_request(request)
        incident = selectors.incident_get(access, pk)
        found = duplicates.candidates(access, category=incident.category, lat=incident.lat, lon=incident.lon,
                                      occurred_from=incident.occurred_from, exclude=incident.pk,
                                      action=Action.VIEW, now=incident.created_at)
        return Response(s.DuplicateSerializer(found, many=True).data)


@extend_schema(tags=["incidents"])
class IncidentContributionsView(APIView):
    @extend_schema(summary="An incident's contributions: reports of it stored with it (said to be the same on "
                           "submit, or merged into it), oldest first",
                   responses=s.ContributionSerializer(many=True))
    def get(self, request, pk):
        incident = selectors.incident_get(for_request(request), pk)
        rows = incident.contributions.select_related("organisation").order_by("created_at", "pk")
        return Response(s.ContributionSerializer(rows, many=True).data)


@extend_schema(tags=["incidents"])
class IncidentMergeView(APIView):
    @extend_schema(summary="Merge duplicates into this incident: each becomes a contribution of it and is deleted "
                           "(audited); you must be able to change all of them",
                   request=s.MergeSerializer, responses={200: s.MergedSerializer})
    def post(self, request, pk):
        access = for_request(request)
        keep = selectors.incident_get(access, pk, Action.CHANGE)  # 404 when not changeable
        data = s.MergeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ids = set(data.validated_data["others"])
        others = list(selectors.incidents(access).filter(pk__in=ids).order_by("pk"))
        if len(others) != len(ids):
            raise ValidationError({"others": [_("Give the ids of incidents you can see.")]})
        merged = call_service(services.incidents_merge, actor=request.user, keep=keep, others=others)
        return Response({"incident": keep.pk, "contributions": s.ContributionSerializer(merged, many=True).data})
