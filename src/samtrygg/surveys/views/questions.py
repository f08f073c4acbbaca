"""The builder's questions: add, change, move up or down, remove — while the survey is a draft."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.access import Action, for_request
from samtrygg.ui.render import form_page, save_form

from .. import selectors, services
from ..forms import QuestionForm
from ..models import Question


def _question(request, pk) -> Question:
    question = Question.objects.filter(pk=pk).select_related("survey__region__organisation").first()
    if question is None:
        raise Http404
    selectors.survey_get(for_request(request), question.survey_id, Action.CHANGE)
    return question


@login_required
def question_add(request, pk):
    survey = selectors.survey_get(for_request(request), pk, Action.CHANGE)
    form = QuestionForm(request.POST or None)
    back = reverse("surveys:detail", args=[survey.pk])
    done = save_form(request, form, lambda f: services.question_save(actor=request.user, survey=survey,
                                                                      **f.cleaned_data),
                     _("The question was added."), lambda q: back + "#questions")
    return done or form_page(request, form, title=_("New question"), cancel=back)


@login_required
def question_edit(request, pk):
    question = _question(request, pk)
    form = QuestionForm(request.POST or None, instance=question)
    back = reverse("surveys:detail", args=[question.survey_id])
    done = save_form(request, form, lambda f: services.question_save(
        actor=request.user, survey=question.survey, question=question, **f.cleaned_data),
        _("The question was saved."), lambda q: back + "#questions")
    return done or form_page(request, form, title=_("Change the question"), cancel=back)


def _step(request, question, step, **kwargs):
    try:
        step(actor=request.user, question=question, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(reverse("surveys:detail", args=[question.survey_id]) + "#questions")


@login_required
@require_POST
def question_move(request, pk, direction):
    return _step(request, _question(request, pk), services.question_move, up=direction == "upp")


@login_required
@require_POST
def question_delete(request, pk):
    question = _question(request, pk)
    response = _step(request, question, services.question_delete)
    messages.success(request, _("The question was removed."))
    return response
