"""The safety walk's pages under /trygghetsvandring/: the walks (planned and done), plan or change a walk (its
route drawn on the map), who takes part, the walk page with its observations, the observation form for a phone,
acting on an observation (an incident, a measure in a draft action plan), and the walk report as a page, PDF and
DOCX."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.access import Action, for_request
from samtrygg.areas.models import Area
from samtrygg.audit.services import audit_download
from samtrygg.lagesbild.present import present
from samtrygg.ui.downloads import document_download, photo_response
from samtrygg.ui.maps import map_config
from samtrygg.ui.render import form_page, save_form

from .. import selectors, services
from ..document import build_report
from ..forms import DoneForm, MeasureForm, ObservationForm, ParticipantForm, WalkForm
from ..models import WalkStatus


def _detail(walk) -> str:
    return reverse("walks:detail", args=[walk.pk])


@login_required
def walk_list(request):
    access = for_request(request)
    walks = list(selectors.walks(access).order_by("starts_at", "pk"))
    return render(request, "walks/walk_list.html", {
        "planned": [w for w in walks if w.status == WalkStatus.PLANNED],
        "done": sorted((w for w in walks if w.status == WalkStatus.DONE), key=lambda w: w.starts_at, reverse=True),
        "may_plan": selectors.owners(access).exists(),
    })


def _walk_page(request, form, *, title: str, cancel: str, areas):
    return render(request, "walks/walk_form.html", {
        "form": form, "title": title, "cancel": cancel, "map": map_config(areas)})


@login_required
def walk_create(request):
    access = for_request(request)
    owners = selectors.owners(access)
    if not owners.exists():
        raise Http404
    areas = selectors.areas_of(owners)
    form = WalkForm(request.POST or None, owners=owners, areas=areas,
                    initial={"owner": owners.first(), "starts_at": timezone.localtime().replace(
                        minute=0, second=0, microsecond=0) + datetime.timedelta(days=7)})
    response = save_form(request, form, lambda f: services.walk_save(actor=request.user, **f.cleaned_data),
                         _("The walk was planned."), _detail)
    return response or _walk_page(request, form, title=_("Plan a safety walk"), cancel=reverse("walks:list"),
                                  areas=areas)


@login_required
def walk_edit(request, pk):
    walk = selectors.walk_get(for_request(request), pk, Action.REPORT)
    areas = Area.objects.filter(owner=walk.owner_id).order_by("name")
    form = WalkForm(request.POST or None, owners=selectors.owners(for_request(request)), areas=areas, editing=True,
                    initial={"area": walk.area, "title": walk.title, "meeting_place": walk.meeting_place,
                             "route": walk.route, "summary": walk.summary,
                             "starts_at": timezone.localtime(walk.starts_at)})
    response = save_form(request, form, lambda f: services.walk_save(actor=request.user, walk=walk,
                                                                     **f.cleaned_data),
                         _("The walk was saved."), _detail)
    return response or _walk_page(request, form, title=_("Change %(walk)s") % {"walk": walk.title},
                                  cancel=_detail(walk), areas=areas)


@login_required
def walk_detail(request, pk):
    access = for_request(request)
    walk = selectors.walk_get(access, pk)
    can_change = access.can_in(Action.CHANGE, walk.owner_id)
    return render(request, "walks/walk_detail.html", {
        "walk": walk, "participants": selectors.participants(walk), "observations": selectors.observations(walk),
        "can_report": access.can_in(Action.REPORT, walk.owner_id), "can_change": can_change,
        "has_drafts": can_change and selectors.draft_plans(walk).exists(),
    })


@login_required
def walk_done(request, pk):
    walk = selectors.walk_get(for_request(request), pk, Action.REPORT)
    form = DoneForm(request.POST or None, initial={"summary": walk.summary})
    response = save_form(request, form, lambda f: services.walk_done(actor=request.user, walk=walk,
                                                                     **f.cleaned_data),
                         _("The walk is done. Its report is ready."), lambda w: reverse("walks:report", args=[w.pk]))
    return response or form_page(request, form, title=_("The walk %(walk)s is done") % {"walk": walk.title},
                                 cancel=_detail(walk),
                                 intro=_("Sum up what the walk found and what happens next. The summary ends the "
                                         "walk report."))


@login_required
def participants(request, pk):
    access = for_request(request)
    walk = selectors.walk_get(access, pk, Action.REPORT)
    form = ParticipantForm(request.POST or None, organisations=selectors.organisations(access, walk),
                           initial={"organisation": walk.owner})
    response = save_form(request, form, lambda f: services.participant_add(actor=request.user, walk=walk,
                                                                           **f.cleaned_data),
                         _("The participant was added."), lambda p: reverse("walks:participants", args=[walk.pk]))
    return response or render(request, "walks/participants.html", {
        "walk": walk, "form": form, "participants": selectors.participants(walk)})


@login_required
@require_POST
def participant_remove(request, pk):
    participant = selectors.participant_get(for_request(request), pk, Action.REPORT)
    walk = participant.walk
    services.participant_remove(actor=request.user, participant=participant)
    messages.success(request, _("The participant was removed."))
    return redirect(reverse("walks:participants", args=[walk.pk]))


def _observation_page(request, form, walk, *, title: str, observation=None):
    return render(request, "walks/observation_form.html", {
        "form": form, "walk": walk, "title": title, "observation": observation,
        "map": map_config(Area.objects.filter(pk=walk.area_id))})


def _observation_form(request, access, walk, **kwargs):
    return ObservationForm(request.POST or None, request.FILES or None,
                           categories=selectors.walk_categories(walk.owner),
                           organisations=selectors.organisations(access, walk), **kwargs)


@login_required
def observation_create(request, pk):
    access = for_request(request)
    walk = selectors.walk_get(access, pk, Action.REPORT)
    form = _observation_form(request, access, walk)
    response = save_form(request, form, lambda f: services.observation_add(actor=request.user, walk=walk,
                                                                            **f.cleaned_data),
                         _("The observation was recorded."), lambda o: _detail(walk))
    return response or _observation_page(request, form, walk, title=_("Record an observation"))


@login_required
def observation_edit(request, pk):
    access = for_request(request)
    observation = selectors.observation_get(access, pk, Action.REPORT)
    walk = observation.walk
    fields = ("category", "lat", "lon", "unsafe", "description", "suggested_measure", "responsible",
              "responsible_function")
    form = _observation_form(request, access, walk, initial={name: getattr(observation, name) for name in fields})
    del form.fields["client_key"]  # a key names a new observation; a change is sent online
    response = save_form(request, form, lambda f: services.observation_update(
        actor=request.user, observation=observation, **f.cleaned_data), _("The observation was saved."),
        lambda o: _detail(walk))
    return response or _observation_page(request, form, walk, title=_("Change the observation"),
                                         observation=observation)


@login_required
@require_POST
def observation_delete(request, pk):
    observation = selectors.observation_get(for_request(request), pk, Action.REPORT)
    walk = observation.walk
    services.observation_delete(actor=request.user, observation=observation)
    messages.success(request, _("The observation was deleted."))
    return redirect(_detail(walk))


@login_required
def observation_photo(request, pk):
    return photo_response(selectors.observation_get(for_request(request), pk).photo, cache="private, no-store")


@login_required
@require_POST
def observation_to_incident(request, pk):
    observation = selectors.observation_get(for_request(request), pk, Action.CHANGE)
    try:
        services.observation_to_incident(actor=request.user, observation=observation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The observation was made an incident on the map."))
    return redirect(_detail(observation.walk))


@login_required
def observation_to_measure(request, pk):
    observation = selectors.observation_get(for_request(request), pk, Action.CHANGE)
    walk = observation.walk
    plans = selectors.draft_plans(walk)
    form = MeasureForm(request.POST or None, plans=plans)
    response = save_form(request, form, lambda f: services.observation_to_measure(
        actor=request.user, observation=observation, **f.cleaned_data),
        _("The observation was put in the action plan as a measure. Complete it there."), lambda m: _detail(walk))
    return response or form_page(
        request, form, title=_("Put the observation in the action plan"), cancel=_detail(walk),
        intro=_("The suggested measure becomes a measure in a draft action plan, with the responsible organisation "
                "and function; its goals and resources are completed in the plan.") if plans.exists() else
        _("The municipality has no draft action plan: start one, or a new version of the plan, first."))


@login_required
def report(request, pk):
    walk = selectors.walk_get(for_request(request), pk)
    document = build_report(walk)
    return render(request, "walks/report.html", {
        "walk": walk, "document": document, "sections": present(document)})


@login_required
def report_document(request, pk, fmt):
    walk = selectors.walk_get(for_request(request), pk)
    response = document_download(build_report(walk), f"trygghetsvandring-{walk.title}-{walk.starts_at:%Y-%m-%d}",
                                 fmt, fallback="trygghetsvandring")
    audit_download(actor=request.user, organisation=walk.owner, obj=walk, fmt=fmt, document="walk_report")
    return response
