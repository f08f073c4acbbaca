"""Writes of surveys, each audited in the organisations concerned: the region builds a survey while it is a draft,
opens it (telling each member municipality's coordinators and administrators), and closes it; a member's
coordinator or administrator saves its answers as a draft and submits them while the survey is open."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samtrygg.access import Access, Action
from samtrygg.accounts.models import Membership, Role
from samtrygg.audit.services import audit_delete, audit_save
from samtrygg.county import selectors as county
from samtrygg.county.models import Region
from samtrygg.notify.services import send_once

from .models import Answer, Kind, Question, Response, Status, Survey, YesNo

MAX_OPTIONS = 20


def _check_manager(actor, region: Region) -> None:
    if actor is not None and not Access(actor).can_in(Action.CHANGE, region.organisation_id):
        raise ValidationError(_("Only the region's coordinators and administrators can change its surveys."))


def _check_draft(survey: Survey) -> None:
    """As stored now (the caller's copy may be older), locked until the change is made."""
    if survey.pk is not None and not Survey.objects.select_for_update().filter(pk=survey.pk,
                                                                               status=Status.DRAFT).exists():
        raise ValidationError(_("The survey has been opened: its questions can no longer be changed."))


@transaction.atomic
def survey_save(*, actor, region: Region, survey: Survey | None = None, title: str, introduction: str = "",
                opens=None, closes=None) -> Survey:
    """Create a survey as a draft, or change a draft's title, introduction and dates."""
    _check_manager(actor, region)
    survey = survey or Survey(region=region, created_by=actor)
    if survey.pk is not None:
        _check_draft(survey)
    if opens and closes and closes < opens:
        raise ValidationError({"closes": _("The survey closes before it opens.")})
    with audit_save(actor=actor, organisation=region.organisation, obj=survey):
        survey.title, survey.introduction, survey.opens, survey.closes = title, introduction, opens, closes
        survey.full_clean()
        survey.save()
    return survey


def _clean_choices(kind: str, choices) -> list[str]:
    if kind != Kind.CHOICE:
        return []
    options = list(dict.fromkeys(c.strip() for c in choices or [] if c and c.strip()))
    if len(options) < 2:
        raise ValidationError({"choices": _("List at least two options, one per line.")})
    if len(options) > MAX_OPTIONS or any(len(o) > 200 for o in options):
        raise ValidationError({"choices": _("At most 20 options of at most 200 characters each.")})
    return options


@transaction.atomic
def question_save(*, actor, survey: Survey, question: Question | None = None, text: str, kind: str,
                  section: str = "", choices=()) -> Question:
    """Add a question at the end of a draft survey, or change one."""
    _check_manager(actor, survey.region)
    _check_draft(survey)
    if question is None:
        last = survey.questions.order_by("-order").values_list("order", flat=True).first()
        question = Question(survey=survey, order=(last or 0) + 1)
    with audit_save(actor=actor, organisation=survey.region.organisation, obj=question):
        question.text, question.kind, question.section = text, kind, section
        question.choices = _clean_choices(kind, choices)
        question.full_clean()
        question.save()
    return question


@transaction.atomic
def question_move(*, actor, question: Question, up: bool) -> Question:
    """Swap the question with the one before (up) or after it."""
    survey = question.survey
    _check_manager(actor, survey.region)
    _check_draft(survey)
    ordered = list(survey.questions.order_by("order", "pk"))
    at = [q.pk for q in ordered].index(question.pk)
    other = at - 1 if up else at + 1
    if not 0 <= other < len(ordered):
        return question
    ordered[at], ordered[other] = ordered[other], ordered[at]
    for number, q in enumerate(ordered, start=1):
        if q.order != number:
            with audit_save(actor=actor, organisation=survey.region.organisation, obj=q):
                q.order = number
                q.save(update_fields=["order"])
    return question


@transaction.atomic
def question_delete(*, actor, question: Question) -> None:
    _check_manager(actor, question.survey.region)
    _check_draft(question.survey)
    audit_delete(actor=actor, organisation=question.survey.region.organisation, obj=question)


def _recipients(region: Region):
    return (Membership.objects.filter(organisation__in=county.member_municipalities(region),
                                      role__in=[Role.ADMIN, Role.SAMORDNARE])
            .select_related("user", "organisation").order_by("organisation__name", "user__username"))


def _announce(survey: Survey) -> int:
    url = settings.SAMTRYGG_BASE_URL + reverse("surveys:detail", args=[survey.pk])
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for membership in _recipients(survey.region):
            body = _("%(region)s asks %(municipality)s to answer the survey \"%(title)s\"%(closes)s.\n\n"
                     "Answer here: %(url)s") % {
                "region": survey.region.organisation.name, "municipality": membership.organisation.name,
                "title": survey.title, "url": url,
                "closes": (" " + _("by %(date)s") % {"date": survey.closes.isoformat()}) if survey.closes else ""}
            sent += send_once(key=f"survey:{survey.pk}:open:{membership.organisation_id}:{membership.user_id}",
                              user=membership.user, subject=_("Survey to answer: %(title)s") % {"title": survey.title},
                              body=body)
    return sent


@transaction.atomic
def survey_open(*, actor, survey: Survey) -> Survey:
    """Open a draft for answers and tell each member municipality's coordinators and administrators."""
    _check_manager(actor, survey.region)
    survey = Survey.objects.select_for_update().select_related("region__organisation").get(pk=survey.pk)
    _check_draft(survey)
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before opening the survey."))
    with audit_save(actor=actor, organisation=survey.region.organisation, obj=survey):
        survey.status, survey.opened_at = Status.OPEN, timezone.now()
        survey.save(update_fields=["status", "opened_at"])
    _announce(survey)
    return survey


@transaction.atomic
def survey_close(*, actor, survey: Survey) -> Survey:
    _check_manager(actor, survey.region)
    survey = Survey.objects.select_for_update().select_related("region__organisation").get(pk=survey.pk)
    if survey.status != Status.OPEN:
        raise ValidationError(_("Only an open survey can be closed."))
    with audit_save(actor=actor, organisation=survey.region.organisation, obj=survey):
        survey.status, survey.closed_at = Status.CLOSED, timezone.now()
        survey.save(update_fields=["status", "closed_at"])
    return survey


def _value(question: Question, raw) -> dict | None:
    """The answer's fields for a raw value (None: no answer); raises for a value the question does not take."""
    raw = "" if raw is None else str(raw).strip()
    if not raw:
        return None
    if question.kind == Kind.YES_NO and raw not in YesNo.values:
        raise ValidationError({f"q{question.pk}": _("Answer yes, no or don't know.")})
    if question.kind == Kind.CHOICE and raw not in question.choices:
        raise ValidationError({f"q{question.pk}": _("Choose one of the options.")})
    if question.kind == Kind.NUMBER:
        try:
            number = Decimal(raw.replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or abs(number) >= Decimal("1e12"):
            raise ValidationError({f"q{question.pk}": _("Enter a number.")})
        return {"choice": "", "number": number.quantize(Decimal("0.01")), "text": ""}
    if question.kind == Kind.TEXT:
        return {"choice": "", "number": None, "text": raw}
    return {"choice": raw, "number": None, "text": ""}


def _check_answerer(actor, survey: Survey, municipality) -> None:
    if survey.status != Status.OPEN:
        raise ValidationError(_("The survey is not open for answers."))
    if not county.member_municipalities(survey.region).filter(pk=municipality.pk).exists():
        raise ValidationError(_("Only the region's member municipalities answer its surveys."))
    if actor is None or not Access(actor).can_in(Action.CHANGE, municipality.pk):
        raise ValidationError(_("Only the municipality's coordinators and administrators can answer for it."))


@transaction.atomic
def answers_save(*, actor, survey: Survey, municipality, values: dict, submit: bool = False) -> Response:
    """Save a member municipality's answers ({question id: raw value}; empty removes an answer) as a draft, or
    submit them (every question but the free-text ones answered). Submitted answers are final."""
    survey = Survey.objects.select_for_update().select_related("region__organisation").get(pk=survey.pk)
    _check_answerer(actor, survey, municipality)
    response = Response.objects.filter(survey=survey, municipality=municipality).first()
    if response is not None and response.submitted_at is not None:
        raise ValidationError(_("The answers have been submitted and can no longer be changed."))
    questions = list(survey.questions.order_by("order", "pk"))
    cleaned = {q.pk: _value(q, values.get(q.pk, values.get(str(q.pk)))) for q in questions}
    if submit:
        missing = {f"q{q.pk}": _("Answer this question before submitting.")
                   for q in questions if q.kind != Kind.TEXT and cleaned[q.pk] is None}
        if missing:
            raise ValidationError(missing)
    organisations = [municipality, survey.region.organisation]
    response = response or Response(survey=survey, municipality=municipality)
    with audit_save(actor=actor, organisation=organisations, obj=response, always=True):
        if submit:
            response.submitted_at, response.submitted_by = timezone.now(), actor
        response.save()
    existing = {a.question_id: a for a in response.answers.all()}
    for question in questions:
        value, answer = cleaned[question.pk], existing.get(question.pk)
        if value is None:
            if answer is not None:
                audit_delete(actor=actor, organisation=organisations, obj=answer)
            continue
        if answer is not None and all(getattr(answer, name) == v for name, v in value.items()):
            continue  # unchanged
        answer = answer or Answer(response=response, question=question)
        try:
            with audit_save(actor=actor, organisation=organisations, obj=answer):
                for name, field_value in value.items():
                    setattr(answer, name, field_value)
                answer.save()
        except ValidationError as exc:  # the privacy guard refused the text: name the question
            raise ValidationError({f"q{question.pk}": exc.messages}) from exc
    return response
