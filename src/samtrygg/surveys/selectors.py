"""Reads of surveys, scoped. A region's staff (anyone with a role in the regional organisation) see all its surveys,
every response and the results; its coordinators and admins build and run them. A member municipality's people see
the region's surveys once opened and their own municipality's response, and the results once the survey is closed;
its coordinators and admins answer."""

from django.db.models import Q, QuerySet
from django.http import Http404

from samtrygg.access import Access, Action
from samtrygg.accounts.models import Organisation
from samtrygg.county import selectors as county
from samtrygg.county.models import Region

from .models import Answer, Question, Response, Status, Survey
from .results import AnswerRow


def surveys(access: Access, region: Region | None = None) -> QuerySet[Survey]:
    own = set(access.roles)
    staff = Q(region__organisation__in=own)
    member = Q(region__members__municipality__in=own) & ~Q(status=Status.DRAFT)
    qs = Survey.objects.filter(staff | member).distinct().select_related("region__organisation")
    return qs.filter(region=region) if region is not None else qs


def survey_get(access: Access, pk: int, action: Action = Action.VIEW) -> Survey:
    """The survey, if the user may `action` it: VIEW as above; CHANGE (build, open, close) in the regional
    organisation only."""
    if action == Action.VIEW:
        qs = surveys(access)
    else:
        qs = Survey.objects.filter(region__organisation__in=access.orgs_for(action)).select_related(
            "region__organisation")
    survey = qs.filter(pk=pk).first()
    if survey is None:
        raise Http404
    return survey


def can_manage(access: Access, survey_or_region) -> bool:
    region = getattr(survey_or_region, "region", survey_or_region)
    return access.can_in(Action.CHANGE, region.organisation_id)


def is_member_of(municipality, region: Region) -> bool:
    return region.members.filter(municipality=municipality).exists()


def answering_municipalities(access: Access, survey: Survey) -> QuerySet[Organisation]:
    """The member municipalities the user answers for (coordinator or administrator there)."""
    return county.member_municipalities(survey.region).filter(pk__in=access.orgs_for(Action.CHANGE))


def results_visible(access: Access, survey: Survey) -> bool:
    if county.is_region_staff(access, survey.region):
        return True
    return survey.status == Status.CLOSED and county.member_municipalities(survey.region).filter(
        pk__in=set(access.roles)).exists()


def questions(survey: Survey) -> QuerySet[Question]:
    return survey.questions.order_by("order", "pk")


def responses(access: Access, survey: Survey) -> QuerySet[Response]:
    """Every response for the region's staff; a member's people see their own municipality's."""
    qs = survey.responses.select_related("municipality", "submitted_by").order_by("municipality__name")
    if county.is_region_staff(access, survey.region):
        return qs
    return qs.filter(municipality__in=set(access.roles))


def response_for(survey: Survey, municipality) -> Response | None:
    return survey.responses.filter(municipality=municipality).first()


def answers_of(response: Response | None) -> dict[int, Answer]:
    return {} if response is None else {a.question_id: a for a in response.answers.select_related("question")}


def submitted_answers(survey: Survey) -> list[AnswerRow]:
    rows = (Answer.objects.filter(response__survey=survey, response__submitted_at__isnull=False)
            .values_list("question_id", "response__municipality__name", "choice", "number", "text"))
    return [AnswerRow(*row) for row in rows]


def submitted_count(survey: Survey) -> int:
    return survey.responses.filter(submitted_at__isnull=False).count()
