"""The county level and its surveys through the API, with exactly the pages' rights (samtrygg.county.views,
samtrygg.surveys.views):

- a region is seen by its own people and its member municipalities' people; anyone else gets 404 (never 403);
- its counts are the dashboard's Publication (a number below k, or one that would give such a number back, is
  null) and its hot spots the dashboard's Gi* clusters (a cell's count only when at least k);
- a member's sharing is opted into and revoked by the municipality's admins and samordnare (404 for others),
  through samtrygg.county.services (audited);
- surveys as the region's pages show them; the results only when `results_visible` (else 404); a member
  municipality's coordinators answer through samtrygg.surveys.services.answers_save (audited)."""

import dataclasses

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status as http
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from samtrygg.access import Action, for_request
from samtrygg.county import geography, publication
from samtrygg.county import selectors as county
from samtrygg.county import services as county_services
from samtrygg.county.models import AggregateShare, Region, RegionMember
from samtrygg.surveys import selectors as surveys
from samtrygg.surveys import services as survey_services
from samtrygg.surveys.models import Kind, Status, Survey
from samtrygg.surveys.results import survey_results

from . import county_serializers as s
from .filters import id_param
from .views import call_service, personal_data_response

YEAR_PARAMETER = OpenApiParameter("year", OpenApiTypes.INT, description="A calendar year among the last ten "
                                                                        "(default: last year).")


def _year(request) -> int:
    this_year = timezone.localdate().year
    raw = request.query_params.get("year")
    if raw is None:
        return this_year - 1
    first = this_year - publication.YEARS_BACK + 1
    if not (raw.isascii() and raw.isdigit() and first <= int(raw) <= this_year):
        raise ValidationError({"year": [_("Give a year from %(first)s to %(last)s.")
                                        % {"first": first, "last": this_year}]})
    return int(raw)


def _with_members(regions):
    active = Prefetch("shares", queryset=AggregateShare.objects.active())
    members = RegionMember.objects.select_related("municipality").prefetch_related(active).order_by(
        "municipality__kommunkod", "municipality__name")
    return regions.prefetch_related(Prefetch("members", queryset=members))


# --- regions ----------------------------------------------------------------------------------------------------

@extend_schema_view(list=extend_schema(summary="The regions you see: your own, and those your municipality is a "
                                               "member of"),
                    retrieve=extend_schema(summary="One region, with its members and what each shares now"))
@extend_schema(tags=["county"])
class RegionViewSet(viewsets.GenericViewSet):
    serializer_class = s.RegionSerializer
    pagination_class = None
    lookup_value_regex = r"\d+"
    queryset = Region.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Region.objects.none()
        return _with_members(county.regions(for_request(self.request))).order_by("organisation__name", "pk")

    def _region(self, pk) -> Region:
        return county.region_get(for_request(self.request), pk)

    def list(self, request):
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def retrieve(self, request, pk):
        region = _with_members(Region.objects.filter(pk=self._region(pk).pk)).select_related("organisation").get()
        return Response(self.get_serializer(region).data)

    @extend_schema(summary="The county's incident counts for a year, as the dashboard publishes them: numbers below "
                           "k, and those that would reveal one, are null",
                   parameters=[YEAR_PARAMETER], responses=s.CountsSerializer)
    @action(detail=True, methods=["get"])
    def counts(self, request, pk):
        region = self._region(pk)
        table = publication.publish(region, _year(request))
        return Response({
            "year": table.year, "k": table.k, "county_total": table.county_total, "categories": table.categories,
            "members": [{
                "name": row.name, "kommunkod": row.kommunkod, "total": row.total, "population": row.population,
                "rate": row.rate, "categories": row.categories,
                "areas": [{"name": name, "count": count} for name, count in row.areas], "trend": row.trend,
            } for row in table.members],
            "years": table.years, "county_trend": table.county_trend, "hidden": table.hidden,
            "not_sharing": table.not_sharing,
        })

    @extend_schema(summary="Hot spots across the members sharing their cell counts (Gi*), for a year",
                   parameters=[YEAR_PARAMETER], responses=s.HotspotsSerializer)
    @action(detail=True, methods=["get"])
    def hotspots(self, request, pk):
        region = self._region(pk)
        year = _year(request)
        spots = geography.county_hotspots(region, year)
        counts = {}
        if spots.result is not None:
            counts = {int(c): int(n) for c, n in zip(spots.result.cells, spots.result.counts, strict=True)}
        k = region.min_count
        return Response({"year": year, "k": k, "resolution": spots.resolution, "members": spots.members, "clusters": [{
            "level": cluster.level, "cells": [format(int(c), "x") for c in cluster.cells],
            "counts": [counts.get(int(c), 0) if counts.get(int(c), 0) >= k else None for c in cluster.cells],
            "places": cluster.places, "crosses_border": cluster.crosses_border,
        } for cluster in spots.clusters]})


# --- a member's sharing -----------------------------------------------------------------------------------------

@extend_schema(tags=["county"])
class RegionMemberViewSet(viewsets.GenericViewSet):
    """A member municipality's sharing with its region (the page county:member)."""

    serializer_class = s.ShareSerializer
    pagination_class = None
    lookup_value_regex = r"\d+"
    queryset = RegionMember.objects.none()

    @extend_schema(methods=["get"], summary="The member's sharing, now and before (newest first)",
                   responses=s.ShareSerializer(many=True))
    @extend_schema(methods=["post"], summary="Share a kind of aggregate with the region (opt in; audited)",
                   request=s.ShareCreateSerializer, responses={201: s.ShareSerializer})
    @action(detail=True, methods=["get", "post"])
    def shares(self, request, pk):
        access = for_request(request)
        member = county.member_get(access, pk)
        if request.method == "GET":
            return Response(self.get_serializer(county.shares(member), many=True).data)
        if not access.can_in(Action.MANAGE_SHARING, member.municipality_id):
            raise Http404
        data = s.ShareCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        share = call_service(county_services.share_create, actor=request.user, member=member,
                             kind=data.validated_data["kind"])
        return Response(self.get_serializer(share).data, status=http.HTTP_201_CREATED)


@extend_schema(tags=["county"])
class ShareViewSet(viewsets.GenericViewSet):
    serializer_class = s.ShareSerializer
    pagination_class = None
    lookup_value_regex = r"\d+"
    queryset = AggregateShare.objects.none()

    @extend_schema(summary="Revoke a sharing (audited)", request=None, responses=s.ShareSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk):
        access = for_request(request)
        share = AggregateShare.objects.select_related("member").filter(pk=pk).first()
        if share is None:
            raise Http404
        member = county.member_get(access, share.member_id)
        if not access.can_in(Action.MANAGE_SHARING, member.municipality_id):
            raise Http404
        share = call_service(county_services.share_revoke, actor=request.user, share=share)
        return Response(self.get_serializer(share).data)


# --- surveys ----------------------------------------------------------------------------------------------------

@extend_schema_view(
    list=extend_schema(summary="The surveys of the regions you see (drafts only for the region's own people)",
                       parameters=[OpenApiParameter("region", OpenApiTypes.INT, description="Only this region's.")]),
    retrieve=extend_schema(summary="One survey with its questions", responses=s.SurveyDetailSerializer),
)
@extend_schema(tags=["surveys"])
class SurveyViewSet(viewsets.GenericViewSet):
    serializer_class = s.SurveySerializer
    pagination_class = None
    lookup_value_regex = r"\d+"
    personal_data_actions = ("answers",)
    queryset = Survey.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Survey.objects.none()
        found = surveys.surveys(for_request(self.request)).order_by("-created_at", "-pk")
        region = id_param(self.request, "region", _("Give an id."))
        return found if region is None else found.filter(region=region)

    def list(self, request):
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def retrieve(self, request, pk):
        access = for_request(request)
        survey = surveys.survey_get(access, pk)
        survey.results_visible = surveys.results_visible(access, survey)
        survey.answering = ([m.pk for m in surveys.answering_municipalities(access, survey)]
                            if survey.status == Status.OPEN else [])
        return Response(s.SurveyDetailSerializer(survey, context=self.get_serializer_context()).data)

    @extend_schema(summary="The results, per question (only once you may see them: the region's people always, "
                           "the members' once the survey is closed)", responses=s.SurveyResultsSerializer)
    @action(detail=True, methods=["get"])
    def results(self, request, pk):
        access = for_request(request)
        survey = surveys.survey_get(access, pk)
        if not surveys.results_visible(access, survey):
            raise Http404
        found = survey_results(surveys.questions(survey), surveys.submitted_answers(survey))
        return Response({
            "survey": survey.pk, "answered": surveys.submitted_count(survey),
            "members": county.member_municipalities(survey.region).count(),
            "questions": [{
                "question": r.question_id, "section": r.section, "text": r.text, "kind": r.kind,
                "answered": r.answered,
                "counts": [{"value": c.value, "count": c.count, "percent": c.percent} for c in r.counts],
                "numbers": dataclasses.asdict(r.numbers) if r.numbers else None,
                "texts": [{"municipality": m, "text": t} for m, t in r.texts],
            } for r in found],
        })

    @extend_schema(summary="Save a member municipality's answers as a draft, or submit them (final; audited)",
                   request=s.AnswersSerializer, responses=s.ResponseSerializer)
    @action(detail=True, methods=["post"])
    def answers(self, request, pk):
        access = for_request(request)
        survey = surveys.survey_get(access, pk)
        if refused := personal_data_response(request.data):
            return refused
        questions = list(surveys.questions(survey))
        data = s.AnswersSerializer(data=request.data, context={"questions": questions})
        data.is_valid(raise_exception=True)
        municipality = surveys.answering_municipalities(access, survey).filter(
            pk=data.validated_data["municipality"]).first()
        if municipality is None:
            raise ValidationError({"municipality": [_("Choose a member municipality you answer for.")]})
        response = call_service(survey_services.answers_save, actor=request.user, survey=survey,
                                municipality=municipality, values=data.validated_data["values"],
                                submit=data.validated_data["submit"])
        answers = surveys.answers_of(response)
        return Response({
            "survey": survey.pk, "municipality": municipality.pk, "submitted_at": response.submitted_at,
            "answers": {str(q.pk): _answer_value(q.kind, answers[q.pk]) for q in questions if q.pk in answers},
        })


def _answer_value(kind: str, answer):
    if kind == Kind.NUMBER:
        return float(answer.number) if answer.number is not None else None
    return answer.text if kind == Kind.TEXT else answer.choice
