"""Incidents through the API: list (the UI's filters, cursor pages, JSON or GeoJSON), create, read, update,
delete, and the aggregates. Reads go through the scoped selectors, writes through samtrygg.incidents.services
(audited, privacy-guarded), with the same Access the UI uses: 404 for what the user cannot see, 403 for what
they can see but not change."""

import h3
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status as http
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from samtrygg import guards
from samtrygg.access import Access, Action, for_request
from samtrygg.incidents import aggregates, exporting, selectors, services
from samtrygg.incidents.filters import IncidentFilter, incident_query
from samtrygg.incidents.models import Incident
from samtrygg.lib import cells, privacy

from . import geojson
from . import serializers as s
from .filters import ScopedFilterBackend
from .pagination import IncidentCursorPagination
from .renderers import GeoJSONListMixin, GeoJSONRenderer, feature, wants_geojson

TEXT_FIELDS = ("description", "external_id", "status_note")
DEFAULT_RESOLUTION = 8


def personal_data_response(data, fields=None) -> Response | None:
    """HTTP 422 when free text of the payload holds an identity number — in `fields`, or in any field when None
    (a string, or a string in a list or mapping): names the fields and kinds, never the data."""
    errors: dict[str, list[str]] = {}
    kinds: set[str] = set()
    for field, text in _texts(data):
        if fields is not None and field not in fields:
            continue
        found = {f.kind for f in privacy.find_personal_data(text) if f.kind in privacy.IDENTITY_KINDS}
        if found:
            kinds |= found
            errors.setdefault(field, []).extend(guards.privacy_errors(text))
    if not errors:
        return None
    return Response({
        "detail": _("The request holds personal data that may not be stored: %(kinds)s.")
        % {"kinds": ", ".join(sorted(kinds))},
        "code": "personal_data", "kinds": sorted(kinds), "errors": errors,
    }, status=http.HTTP_422_UNPROCESSABLE_ENTITY)


def _texts(data):
    if not hasattr(data, "items"):
        return
    for field, value in data.items():
        values = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str) and item:
                yield field, item


def service_errors(exc: DjangoValidationError) -> ValidationError:
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages})


def call_service(service, **kwargs):
    """Run a service; its ValidationError becomes HTTP 400 by field (personal data refused: 422, api/errors.py)."""
    try:
        return service(**kwargs)
    except guards.PersonalDataRefused:
        raise
    except DjangoValidationError as exc:
        raise service_errors(exc) from None


def _resolution(request) -> int:
    raw = request.query_params.get("resolution", str(DEFAULT_RESOLUTION))
    try:
        resolution = int(raw)
        cells.parent(0, resolution)  # checks the range
    except ValueError:
        raise ValidationError({"resolution": [
            _("Give a resolution from 0 to %(max)s.") % {"max": cells.CELL_RESOLUTION}
        ]}) from None
    return resolution


ONE_INCIDENT = geojson.responses(s.IncidentSerializer, geojson.IncidentFeatureSerializer)


@extend_schema_view(
    list=extend_schema(summary="Incidents, filtered, newest first (cursor pages; ?format=geojson for GeoJSON)",
                       responses=geojson.responses(s.IncidentSerializer, geojson.IncidentFeatureCollectionSerializer)),
    retrieve=extend_schema(summary="One incident (?format=geojson: a Feature)", responses=ONE_INCIDENT),
    create=extend_schema(summary="Report an incident", responses=geojson.responses(
        s.IncidentSerializer, geojson.IncidentFeatureSerializer, code=201)),
    update=extend_schema(summary="Change an incident", responses=ONE_INCIDENT),
    partial_update=extend_schema(summary="Change some fields of an incident", responses=ONE_INCIDENT),
    destroy=extend_schema(summary="Delete an incident"),
)
class IncidentViewSet(GeoJSONListMixin, viewsets.GenericViewSet):
    serializer_class = s.IncidentSerializer
    pagination_class = IncidentCursorPagination
    filter_backends = [ScopedFilterBackend]
    filterset_class = IncidentFilter
    filterset_kwargs = ("access",)
    renderer_classes = [JSONRenderer, GeoJSONRenderer]
    lookup_value_regex = r"\d+"
    personal_data_actions = ("create", "update", "partial_update")
    queryset = Incident.objects.none()  # for the schema; every read is scoped in get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Incident.objects.none()
        return selectors.incident_list(for_request(self.request))

    # --- read ---------------------------------------------------------------------------------------------
    def list(self, request):
        """Incidents, a page at a time. A listing that starts (no cursor: not the next page of one already
        recorded) hands out the filtered incidents like an export does, and is recorded as one, with the
        filters, in the log of each organisation whose incidents it holds (exporting.record_export)."""
        if self.paginator.cursor_query_param not in request.query_params:
            exporting.record_export(
                actor=request.user, incidents=self.filter_queryset(self.get_queryset()),
                fmt="geojson" if wants_geojson(request) else "json",
                filters={key: request.query_params.getlist(key) for key in request.query_params if key != "format"},
                durable=False,  # the page is built whole before it is sent
            )
        return super().list(request)

    def retrieve(self, request, pk):
        return Response(self._one(selectors.incident_get(for_request(request), pk)))

    def _one(self, incident: Incident) -> dict:
        """One incident as JSON, or as a GeoJSON Feature when the request asks for GeoJSON."""
        data = self.get_serializer(incident).data
        return feature(data) if wants_geojson(self.request) else data

    # --- write --------------------------------------------------------------------------------------------
    def create(self, request):
        access = for_request(request)
        if not access.orgs_for(Action.REPORT):
            raise PermissionDenied(_("You may not report incidents."))
        if refused := personal_data_response(request.data, TEXT_FIELDS):
            return refused
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        fields.pop("status_note", None)
        owner = fields.pop("owner", None) or selectors.default_owner(selectors.reporting_owners(access))
        if owner is None:
            raise ValidationError({"owner": [_("Choose the organisation you report for.")]})
        if not access.can_in(Action.REPORT, owner):
            raise ValidationError({"owner": [_("You may not report for this organisation.")]})
        try:
            incident = services.incident_create(actor=request.user, owner=owner, **fields)
        except guards.PersonalDataRefused:
            raise
        except DjangoValidationError as exc:
            raise service_errors(exc) from None
        except IntegrityError:
            raise ValidationError({"external_id": [_("An incident with this external id already exists.")]}) from None
        incident = selectors.incident_get(access, incident.pk)
        headers = {"Location": request.build_absolute_uri(f"{incident.pk}/")}
        return Response(self._one(incident), status=http.HTTP_201_CREATED, headers=headers)

    def update(self, request, pk, partial=False):
        access = for_request(request)
        incident = self._changeable(access, pk)
        if refused := personal_data_response(request.data, TEXT_FIELDS):
            return refused
        serializer = self.get_serializer(incident, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        new_status, note = fields.pop("status", None), fields.pop("status_note", "")
        try:
            with transaction.atomic():
                services.incident_update(actor=request.user, incident=incident, **fields)
                if new_status:
                    services.incidents_set_status(actor=request.user, incidents=[incident], status=new_status,
                                                  note=note)
        except guards.PersonalDataRefused:
            raise
        except DjangoValidationError as exc:
            raise service_errors(exc) from None
        return Response(self._one(selectors.incident_get(access, incident.pk)))

    def partial_update(self, request, pk):
        return self.update(request, pk, partial=True)

    def destroy(self, request, pk):
        incident = self._changeable(for_request(request), pk)
        services.incident_delete(actor=request.user, incident=incident)
        return Response(status=http.HTTP_204_NO_CONTENT)

    @staticmethod
    def _changeable(access: Access, pk) -> Incident:
        incident = selectors.incident_get(access, pk)  # 404 when not visible
        if not selectors.incidents(access, Action.CHANGE).filter(pk=incident.pk).exists():
            raise PermissionDenied(_("You may see this incident but not change it."))
        return incident

    # --- aggregates ---------------------------------------------------------------------------------------
    def _aggregated(self, *, resolution: int | None = None, hours: bool = False, by: tuple[str, ...] = ()):
        """What the aggregates count: the scoped, filtered incidents (without joins or ordering: the aggregates add
        their own GROUP BY), or their tally when one counts them exactly (whole months, no text or status)."""
        query = incident_query(self.request.query_params, for_request(self.request))
        tally = query.tally(resolution=resolution, hours=hours, by=by) if query else None
        return self._incidents() if tally is None else tally  # the filter set refuses bad filters (None above)

    def _incidents(self):
        return self.filter_queryset(selectors.incidents(for_request(self.request)))

    @extend_schema(
        summary="Counts by H3 cell", filters=True, responses=s.CellAggregateSerializer,
        parameters=[OpenApiParameter("resolution", OpenApiTypes.INT, description="H3 resolution 0–10 (default 8)")],
    )
    @action(detail=False, url_path="aggregate/cells", renderer_classes=[JSONRenderer], pagination_class=None)
    def aggregate_cells(self, request):
        resolution = _resolution(request)
        rows = aggregates.by_cell(self._aggregated(resolution=resolution), resolution)
        int_to_str = h3.int_to_str
        return Response({"resolution": resolution,
                         "results": [{"cell": int_to_str(cell), "count": n} for cell, n in rows]})

    @extend_schema(summary="Counts by area", filters=True, responses=s.AreaAggregateSerializer)
    @action(detail=False, url_path="aggregate/areas", renderer_classes=[JSONRenderer], pagination_class=None)
    def aggregate_areas(self, request):
        rows = aggregates.by_area(self._aggregated())
        return Response({"results": [{"area": pk, "name": name, "count": n} for pk, name, n in rows]})

    @extend_schema(
        summary="Counts by category", filters=True, responses=s.CategoryAggregateSerializer,
        parameters=[OpenApiParameter("main", OpenApiTypes.BOOL,
                                     description="true: subcategories count towards their main category")],
    )
    @action(detail=False, url_path="aggregate/categories", renderer_classes=[JSONRenderer], pagination_class=None)
    def aggregate_categories(self, request):
        main = request.query_params.get("main", "").lower() in {"1", "true", "yes"}
        rows = aggregates.by_category(self._aggregated(by=("category",)), main=main)
        return Response({"results": [{"category": pk, "name": name, "count": n} for pk, name, n in rows]})

    @extend_schema(
        summary="Counts by week or month (local time)", filters=True, responses=s.PeriodAggregateSerializer,
        parameters=[OpenApiParameter("period", OpenApiTypes.STR, enum=["week", "month"])],
    )
    @action(detail=False, url_path="aggregate/periods", renderer_classes=[JSONRenderer], pagination_class=None)
    def aggregate_periods(self, request):
        period = request.query_params.get("period", "month")
        if period not in {"week", "month"}:
            raise ValidationError({"period": [_("Choose week or month.")]})
        rows = aggregates.by_period(self._aggregated(by=("month",)) if period == "month" else self._incidents(), period)
        return Response({"period": period, "results": [{"period": p, "count": n} for p, n in rows]})

    @extend_schema(summary="Counts by hour of day and weekday (local time)", filters=True,
                   responses=s.HourWeekdaySerializer)
    @action(detail=False, url_path="aggregate/hour-weekday", renderer_classes=[JSONRenderer],
            pagination_class=None)
    def aggregate_hour_weekday(self, request):
        matrix = aggregates.by_hour_and_weekday(self._aggregated(hours=True))
        return Response({"weekdays": list(range(1, 8)), "hours": list(range(24)), "counts": matrix})
