"""The årshjul pages: the wheel (the coming twelve months as a list by month, with the drawing beside it), a new
duty, editing and deleting one, marking one done, and seeding the standard year. Only the municipality's
administrators and coordinators see the buttons; the others read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.access import Action, for_request
from samtrygg.ui.render import add_service_errors, form_page, save_form

from .. import selectors, services, wheel
from ..evidence import Finder
from ..forms import DoneForm, DutyForm, SeedForm
from .choice import chosen_municipality


def wheel_url(municipality) -> str:
    return f"{reverse('rhythm:wheel')}?kommun={municipality.pk}"


def _may_change(access, municipality) -> bool:
    return selectors.municipalities(access, Action.CHANGE).filter(pk=municipality.pk).exists()


@login_required
def wheel_page(request):
    access = for_request(request)
    municipality, choice = chosen_municipality(request, access)
    context = {"municipality": municipality, "choice": choice,
               "several": selectors.municipalities(access).count() > 1}
    if municipality is None:
        return render(request, "rhythm/wheel.html", context)
    today = timezone.localdate()
    start, end = wheel.window(today)
    owned = selectors.duties(access).filter(owner=municipality)
    ahead = list(owned.filter(due__gte=start, due__lte=end))
    earlier = list(owned.filter(done_on__isnull=True, due__lt=start))
    finder = Finder(municipality, today)
    for duty in ahead + earlier:
        duty.state, duty.evidence = wheel.state_of(duty, today), finder.of(duty)
    months_ahead = wheel.year_ahead(ahead, today, get_language() or "sv")
    can_change = _may_change(access, municipality)
    context.update(
        months=months_ahead, earlier=earlier, drawing=wheel.drawing(months_ahead, today, get_language() or "sv"),
        today=today, can_change=can_change, seed_form=SeedForm() if can_change else None,
        counts={state: sum(1 for d in ahead + earlier if d.state == state) for state in ("open", "overdue", "done")},
    )
    return render(request, "rhythm/wheel.html", context)


@login_required
def duty_create(request):
    access = for_request(request)
    pk = request.GET.get("kommun")
    municipality = (selectors.municipality_get(access, int(pk), Action.CHANGE) if pk and pk.isdigit()
                    else selectors.municipalities(access, Action.CHANGE).first())
    if municipality is None:
        return redirect("rhythm:wheel")
    form = DutyForm(request.POST or None, functions=selectors.functions_for(municipality))
    response = save_form(
        request, form,
        lambda f: services.duty_save(actor=request.user, owner=municipality, **f.cleaned_data),
        _("The duty was added."), lambda duty: wheel_url(municipality))
    return response or form_page(request, form, title=_("New duty in %(name)s's year") % {"name": municipality.name},
                                 cancel=wheel_url(municipality))


@login_required
def duty_edit(request, pk):
    access = for_request(request)
    duty = selectors.duty_get(access, pk, Action.CHANGE)
    form = DutyForm(request.POST or None, instance=duty, functions=selectors.functions_for(duty.owner))
    response = save_form(
        request, form, lambda f: services.duty_save(actor=request.user, duty=duty, **f.cleaned_data),
        _("The changes were saved."), lambda saved: wheel_url(saved.owner))
    return response or render(request, "rhythm/duty_form.html", {"form": form, "duty": duty,
                                                                 "cancel": wheel_url(duty.owner)})


@login_required
def duty_done(request, pk):
    access = for_request(request)
    duty = selectors.duty_get(access, pk, Action.CHANGE)
    form = DoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            following = services.duty_done(actor=request.user, duty=duty, done_on=form.cleaned_data["done_on"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            done = _("“%(title)s” was marked done.") % {"title": duty.title}
            if following is not None:
                done += " " + _("The next one is due on %(date)s.") % {"date": following.due.isoformat()}
            messages.success(request, done)
            return redirect(wheel_url(duty.owner))
    return form_page(request, form, title=_("Mark “%(title)s” done") % {"title": duty.title},
                     intro=_("Due on %(date)s. A recurring duty gets its next date when it is marked done.") % {
                         "date": duty.due.isoformat()},
                     cancel=wheel_url(duty.owner))


@login_required
@require_POST
def duty_delete(request, pk):
    duty = selectors.duty_get(for_request(request), pk, Action.CHANGE)
    owner = duty.owner
    services.duty_delete(actor=request.user, duty=duty)
    messages.success(request, _("The duty was removed."))
    return redirect(wheel_url(owner))


@login_required
@require_POST
def wheel_seed(request, pk):
    """Fill the municipality's year with the standard duties (those already there are kept)."""
    municipality = selectors.municipality_get(for_request(request), pk, Action.CHANGE)
    form = SeedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a year."))
        return redirect(wheel_url(municipality))
    created = services.wheel_seed(actor=request.user, owner=municipality, year=form.cleaned_data["year"])
    messages.success(request, ngettext(
        "%(count)s standard duty was added for %(year)s.", "%(count)s standard duties were added for %(year)s.",
        len(created)) % {"count": len(created), "year": form.cleaned_data["year"]})
    return redirect(wheel_url(municipality))
