"""A member municipality answers: one page with every question, saved as a draft or submitted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samtrygg.access import for_request
from samtrygg.ui.render import add_service_errors

from .. import selectors, services
from ..forms import AnswerForm
from ..models import Kind, Status, YesNo


def _shown(questions, answers) -> list[tuple[str, str]]:
    """Each question with its answer as text (the submitted answers, read only)."""
    labels = dict(YesNo.choices)
    shown = []
    for question in questions:
        answer = answers.get(question.pk)
        value = "" if answer is None else (
            str(answer.number) if question.kind == Kind.NUMBER else answer.text if question.kind == Kind.TEXT
            else str(labels.get(answer.choice, answer.choice)))
        shown.append((question.text, value or "–"))
    return shown


def _initial(answers) -> dict:
    initial = {}
    for question_id, answer in answers.items():
        kind = answer.question.kind
        initial[f"q{question_id}"] = (answer.number if kind == Kind.NUMBER
                                      else answer.text if kind == Kind.TEXT else answer.choice)
    return initial


@login_required
def answer(request, pk, municipality):
    access = for_request(request)
    survey = selectors.survey_get(access, pk)
    municipality = selectors.answering_municipalities(access, survey).filter(pk=municipality).first()
    if municipality is None:
        raise Http404
    questions = list(selectors.questions(survey))
    response = selectors.response_for(survey, municipality)
    answers = selectors.answers_of(response)
    form = AnswerForm(request.POST or None, questions=questions, initial=_initial(answers))
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            services.answers_save(actor=request.user, survey=survey, municipality=municipality,
                                  values=form.values(), submit=submit)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The answers were submitted. Thank you!") if submit
                             else _("The answers were saved as a draft."))
            return redirect("surveys:detail", survey.pk)
    return render(request, "surveys/answer.html", {
        "survey": survey, "municipality": municipality, "form": form, "response": response,
        "open": survey.status == Status.OPEN and not (response and response.submitted_at),
        "shown": _shown(questions, answers),
    }, status=400 if form.errors else 200)
