"""The year's work (årshjul) and the law at a glance through the API, with the same rights as the pages
(samtrygg.rhythm.selectors): a municipality's duties are read by its members and those of the organisations below
it, changed by its admins and samordnare (404 when not visible, 403 when visible but not changeable). Writes go
through samtrygg.rhythm.services (audited); a text holding an identity number is refused with HTTP 422."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework import status as http
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from samtrygg.access import Access, Action, for_request
from samtrygg.accounts.models import Organisation
from samtrygg.rhythm import compliance, selectors, services
from samtrygg.rhythm.models import Duty

from .filters import FIRST_DAY, LAST_DAY, id_param
from .views import call_service, personal_data_response


class DutySerializer(serializers.ModelSerializer):
    class Meta:
        model = Duty
        fields = ["id", "owner", "kind", "title", "due", "every_months", "owner_function", "owner_title", "note",
                  "done_on"]
        read_only_fields = ["done_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            self.fields["owner"].queryset = selectors.municipalities(for_request(request), Action.CHANGE)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["owner"].read_only = True


class DoneSerializer(serializers.Serializer):
    done_on = serializers.DateField()


class DoneResultSerializer(serializers.Serializer):
    next = DutySerializer(allow_null=True, help_text="The next occurrence of a recurring duty, else null.")


def _changeable(access: Access, pk) -> Duty:
    duty = selectors.duty_get(access, pk)
    if not selectors.duties(access, Action.CHANGE).filter(pk=duty.pk).exists():
        raise PermissionDenied(_("You may see this duty but not change it."))
    return duty


@extend_schema_view(list=extend_schema(summary="The duties of the municipalities you belong to (?kommun= narrows)"),
                    retrieve=extend_schema(summary="One duty"), create=extend_schema(summary="Add a duty"),
                    partial_update=extend_schema(summary="Change a duty"))
class DutyViewSet(viewsets.GenericViewSet):
    serializer_class = DutySerializer
    pagination_class = None
    lookup_value_regex = r"\d+"
    personal_data_actions = ("create", "partial_update")
    queryset = Duty.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Duty.objects.none()
        duties = selectors.duties(for_request(self.request)).order_by("due", "pk")
        kommun = id_param(self.request, "kommun", _("Give an id."))
        return duties if kommun is None else duties.filter(owner=kommun)

    def list(self, request):
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def retrieve(self, request, pk):
        return Response(self.get_serializer(selectors.duty_get(for_request(request), pk)).data)

    def create(self, request):
        if refused := personal_data_response(request.data):
            return refused
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        duty = call_service(services.duty_save, actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(duty).data, status=http.HTTP_201_CREATED)

    def partial_update(self, request, pk):
        duty = _changeable(for_request(request), pk)
        if refused := personal_data_response(request.data):
            return refused
        serializer = self.get_serializer(duty, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        call_service(services.duty_save, actor=request.user, duty=duty, **serializer.validated_data)
        return Response(self.get_serializer(selectors.duty_get(for_request(request), pk)).data)

    @extend_schema(summary="Mark a duty done; a recurring one gets its next occurrence (returned, or null)",
                   request=DoneSerializer, responses={200: DoneResultSerializer})
    @action(detail=True, methods=["post"])
    def done(self, request, pk):
        duty = _changeable(for_request(request), pk)
        data = DoneSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        following = call_service(services.duty_done, actor=request.user, duty=duty, **data.validated_data)
        return Response({"next": self.get_serializer(following).data if following else None})


class ComplianceView(APIView):
    """The law at a glance for a municipality the user belongs to: five checks, each green, yellow or red."""

    @extend_schema(summary="The law at a glance: the five checks of Lag (2023:196) for a municipality",
                   parameters=[OpenApiParameter("date", OpenApiTypes.DATE, description="As of this day (default "
                                                                                        "today).")],
                   responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        municipality: Organisation = selectors.municipality_get(for_request(request), pk)
        raw = request.query_params.get("date")
        try:
            day = datetime.date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError:
            raise ValidationError({"date": [_("Give a date as YYYY-MM-DD.")]}) from None
        if not FIRST_DAY <= day <= LAST_DAY:
            raise ValidationError({"date": [_("Give a day from %(first)s to %(last)s.")
                                            % {"first": FIRST_DAY, "last": LAST_DAY}]})
        return Response({"municipality": municipality.name, "date": day, "checks": [
            {"key": c.key, "heading": c.heading, "status": c.status, "explanation": c.explanation,
             "evidence": {"label": c.evidence.label, "url": c.evidence.url} if c.evidence else None}
            for c in compliance.checks(municipality, day)]})
