"""Method bank and medborgarlöften pages, and the public page of a municipality's medborgarlöften (no login)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.access import Action, for_request
from samtrygg.accounts.models import Organisation, OrgType
from samtrygg.ui.render import add_service_errors, form_page, save_form

from .. import selectors, services
from ..forms import ActivityForm, MethodFilterForm, MethodForm, PromiseForm
from ..models import PromiseStatus


@login_required
def method_list(request):
    access = for_request(request)
    form = MethodFilterForm(request.GET or None)
    found = selectors.methods(access)
    if form.is_valid():
        data = form.cleaned_data
        for field in ("kind", "strategy", "evidence"):
            if data[field]:
                found = found.filter(**{field: data[field]})
        if data["q"]:
            found = found.filter(Q(name__icontains=data["q"]) | Q(description__icontains=data["q"]))
    return render(request, "plans/method_list.html", {"form": form, "methods": found,
                                                      "can_create": bool(access.orgs_for(Action.CHANGE))})


@login_required
def method_create(request):
    access = for_request(request)
    owners = Organisation.objects.filter(pk__in=access.orgs_for(Action.CHANGE)).order_by("name")
    if not owners.exists():
        raise Http404
    form = MethodForm(request.POST or None, owners=owners)
    response = save_form(
        request, form,
        lambda f: services.method_create(actor=request.user, owner=f.cleaned_data["owner"], **f.service_fields()),
        _("The method was added to the method bank."), lambda method: reverse("plans:method_detail", args=[method.pk]))
    return response or form_page(
        request, form, title=_("Add your own method"), cancel=reverse("plans:method_list"),
        intro=_("Describe a kind of measure your organisation uses and what is known of its effect. It is seen by "
                "your organisation and those below it; share it to let every organisation use it."))


@login_required
def method_detail(request, pk):
    return render(request, "plans/method_detail.html", {"method": selectors.method_get(for_request(request), pk)})


def _promise_choices(access):
    """(municipalities the user gives promises for, areas, partner organisations: those the user sees, and
    every local police area, with whom medborgarlöften are given)."""
    owners = Organisation.objects.filter(
        pk__in=access.orgs_for(Action.CHANGE), type__in=[OrgType.KOMMUN, OrgType.NAMND]
    ).order_by("name")
    owner_ids = set(owners.values_list("pk", flat=True))
    areas = access.areas().filter(owner__in=owner_ids | access.ancestors(owner_ids)).defer("geometry")
    partners = Organisation.objects.filter(
        Q(pk__in=access.organisations().values("pk")) | Q(type=OrgType.LOKALPOLISOMRADE)
    ).exclude(pk__in=owner_ids).order_by("name")
    return owners, areas.order_by("name"), partners


@login_required
def promise_list(request):
    access = for_request(request)
    owners, _areas, _partners = _promise_choices(access)
    return render(request, "plans/promise_list.html", {
        "promises": selectors.promises(access).select_related("owner", "area").order_by("-period_end", "title"),
        "can_create": owners.exists(),
        "kommunkoder": sorted({o.kommunkod for o in owners if o.kommunkod}),
    })


@login_required
def promise_create(request):
    access = for_request(request)
    owners, areas, partners = _promise_choices(access)
    if not owners.exists():
        raise Http404
    form = PromiseForm(request.POST or None, owners=owners, areas=areas, partners=partners,
                       agreements=selectors.agreements(access, Action.CHANGE).order_by("title"))
    if request.method == "POST" and form.is_valid():
        try:
            promise = services.promise_create(actor=request.user, owner=form.cleaned_data["owner"],
                                              **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The promise was saved."))
            return redirect("plans:promise_detail", pk=promise.pk)
    return render(request, "plans/promise_form.html", {"form": form, "creating": True})


@login_required
def promise_edit(request, pk):
    access = for_request(request)
    promise = selectors.promise_get(access, pk, Action.CHANGE)
    _owners, areas, partners = _promise_choices(access)
    form = PromiseForm(request.POST or None, instance=promise, areas=areas, partners=partners,
                       agreements=selectors.agreements(access, Action.CHANGE).order_by("title"))
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            services.promise_update(actor=request.user, promise=promise, partners=fields.pop("partners"), **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("plans:promise_detail", pk=promise.pk)
    return render(request, "plans/promise_form.html", {"form": form, "promise": promise})


@login_required
def promise_detail(request, pk):
    access = for_request(request)
    promise = selectors.promise_get(access, pk)
    can_change = selectors.promises(access, Action.CHANGE).filter(pk=pk).exists()
    return render(request, "plans/promise_detail.html", {
        "promise": promise, "activities": promise.activities.all(), "partners": promise.partners.all(),
        "can_change": can_change, "activity_form": ActivityForm() if can_change else None,
        "statuses": PromiseStatus.choices,
    })


@login_required
@require_POST
def activity_add(request, pk):
    promise = selectors.promise_get(for_request(request), pk, Action.CHANGE)
    form = ActivityForm(request.POST)
    if form.is_valid():
        try:
            services.activity_add(actor=request.user, promise=promise, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Describe the activity."))
    return redirect("plans:promise_detail", pk=promise.pk)


@login_required
@require_POST
def activity_status(request, pk, activity_pk):
    promise = selectors.promise_get(for_request(request), pk, Action.CHANGE)
    activity = get_object_or_404(promise.activities, pk=activity_pk)
    try:
        services.activity_set_status(actor=request.user, activity=activity, status=request.POST.get("status", ""))
    except ValidationError:
        messages.error(request, _("Unknown status."))
    return redirect("plans:promise_detail", pk=promise.pk)


def public_promises(request, kommunkod):
    """A municipality's public medborgarlöften, for residents: no login, only what is marked public."""
    kommun = selectors.municipality(kommunkod)
    promises = list(selectors.public_promises(kommun))
    today = timezone.localdate()
    return render(request, "plans/public_promises.html", {
        "kommun": kommun,
        "current": [p for p in promises if p.period_end >= today],
        "earlier": [p for p in promises if p.period_end < today],
    })
