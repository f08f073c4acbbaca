"""A region's surveys: the list, a new survey, the survey's page (the builder for the region's coordinators while it
is a draft, the state of the answers once open), opening and closing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.access import Action, for_request
from samtrygg.county import selectors as county
from samtrygg.ui.render import form_page, save_form

from .. import selectors, services
from ..forms import QuestionForm, SurveyForm
from ..models import Status


@login_required
def survey_list(request, region):
    access = for_request(request)
    region = county.region_get(access, region)
    return render(request, "surveys/survey_list.html", {
        "region": region, "surveys": selectors.surveys(access, region).order_by("-created_at", "-pk"),
        "can_manage": selectors.can_manage(access, region),
    })


@login_required
def survey_create(request, region):
    access = for_request(request)
    region = county.region_get(access, region, Action.CHANGE)
    form = SurveyForm(request.POST or None)
    done = save_form(request, form, lambda f: services.survey_save(actor=request.user, region=region,
                                                                    **f.cleaned_data),
                     _("The survey was created as a draft. Add its questions."),
                     lambda survey: reverse("surveys:detail", args=[survey.pk]))
    return done or form_page(request, form, title=_("New survey"), cancel=reverse("surveys:list", args=[region.pk]))


@login_required
def survey_edit(request, pk):
    access = for_request(request)
    survey = selectors.survey_get(access, pk, Action.CHANGE)
    form = SurveyForm(request.POST or None, instance=survey)
    done = save_form(request, form, lambda f: services.survey_save(actor=request.user, region=survey.region,
                                                                    survey=survey, **f.cleaned_data),
                     _("The survey was saved."), lambda s: reverse("surveys:detail", args=[s.pk]))
    return done or form_page(request, form, title=_("Change the survey"), cancel=reverse("surveys:detail", args=[pk]))


@login_required
def survey_detail(request, pk):
    access = for_request(request)
    survey = selectors.survey_get(access, pk)
    manage = selectors.can_manage(access, survey)
    return render(request, "surveys/survey_detail.html", {
        "survey": survey, "questions": selectors.questions(survey), "manage": manage,
        "draft": survey.status == Status.DRAFT, "open": survey.status == Status.OPEN,
        "question_form": QuestionForm() if manage and survey.status == Status.DRAFT else None,
        "responses": selectors.responses(access, survey),
        "members": county.member_municipalities(survey.region),
        "answering": selectors.answering_municipalities(access, survey) if survey.status == Status.OPEN else [],
        "results_visible": selectors.results_visible(access, survey),
    })


def _step(request, pk, step, done: str):
    access = for_request(request)
    survey = selectors.survey_get(access, pk, Action.CHANGE)
    try:
        step(actor=request.user, survey=survey)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("surveys:detail", survey.pk)


@login_required
@require_POST
def survey_open(request, pk):
    return _step(request, pk, services.survey_open,
                 _("The survey is open. The member municipalities' coordinators have been told."))


@login_required
@require_POST
def survey_close(request, pk):
    return _step(request, pk, services.survey_close, _("The survey is closed. Its results are shown to the members."))
