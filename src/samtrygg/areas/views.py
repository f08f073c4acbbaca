"""Area pages: list, detail, edit, delete and GeoJSON import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.access import Action, for_request
from samtrygg.accounts.models import Organisation
from samtrygg.lib import geo
from samtrygg.ui.render import add_service_errors, render_page

from . import scb, selectors, services
from .forms import AreaFilterForm, AreaForm, AreaImportForm, ScbAreasForm, ScbPopulationForm
from .models import AreaKind


@login_required
def area_list(request):
    access = for_request(request)
    form = AreaFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    areas = selectors.area_list(access, q=filters.get("q", ""), kind=filters.get("kind", ""))
    return render_page(request, "areas/area_list.html", {
        "form": form, "areas": areas, "can_import": bool(access.orgs_for(Action.MANAGE_AREAS)),
    }, partial="areas/_area_table.html")


@login_required
def area_detail(request, pk):
    access = for_request(request)
    area = selectors.area_get(access, pk)
    path, width, height = geo.svg_path(area.shape)
    return render(request, "areas/area_detail.html", {
        "area": area, "svg_path": path, "svg_width": width, "svg_height": height,
        "children": selectors.area_list(access).filter(parent=area),
        "can_change": access.can(Action.MANAGE_AREAS, area),
    })


@login_required
def area_edit(request, pk):
    access = for_request(request)
    area = selectors.area_get(access, pk, Action.MANAGE_AREAS)
    parents = selectors.area_list(access, action=Action.MANAGE_AREAS).filter(owner=area.owner).exclude(pk=area.pk)
    form = AreaForm(request.POST or None, instance=area, parent_choices=parents)
    if request.method == "POST" and form.is_valid():
        try:
            services.area_update(actor=request.user, area=area, **{f: form.cleaned_data[f] for f in form.Meta.fields})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The area was saved."))
            return redirect("areas:detail", pk=area.pk)
    return render(request, "areas/area_form.html", {"area": area, "form": form})


@login_required
def area_delete(request, pk):
    access = for_request(request)
    area = selectors.area_get(access, pk, Action.MANAGE_AREAS)
    error = None
    if request.method == "POST":
        try:
            services.area_delete(actor=request.user, area=area)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("The area %(name)s was deleted.") % {"name": area.name})
            return redirect("areas:list")
    return render(request, "areas/area_delete.html", {"area": area, "error": error})


@login_required
def area_import(request):
    access = for_request(request)
    owners = Organisation.objects.filter(pk__in=access.orgs_for(Action.MANAGE_AREAS))
    if not owners.exists():
        raise Http404
    parents = selectors.area_list(access, action=Action.MANAGE_AREAS)
    form = AreaImportForm(request.POST or None, request.FILES or None, owners=owners, parents=parents)
    errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            areas = services.areas_import_geojson(
                actor=request.user, owner=data["owner"], data=data["file"].read(), kind=data["kind"],
                name_property=data["name_property"], parent=data["parent"],
            )
        except services.ImportRejected as exc:
            errors = [str(e) for e in exc.errors]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            count = len(areas)
            messages.success(request, ngettext("%(count)s area was imported.", "%(count)s areas were imported.",
                                               count) % {"count": count})
            return redirect("areas:list")
    return render(request, "areas/area_import.html", {"form": form, "errors": errors})


def _scb_forms(request, access, bound: str | None):
    owners = Organisation.objects.filter(pk__in=access.orgs_for(Action.MANAGE_AREAS))
    if not owners.exists():
        raise Http404
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    return (ScbAreasForm(*(data if bound == "areas" else (None, None)), owners=owners, prefix="areas"),
            ScbPopulationForm(*(data if bound == "population" else (None, None)), owners=owners, prefix="population"))


@login_required
def scb_import(request):
    """SCB's DeSO and RegSO boundaries (this page) and their population (scb_population, the same page)."""
    access = for_request(request)
    areas_form, population_form = _scb_forms(request, access, "areas")
    errors = []
    if request.method == "POST" and areas_form.is_valid():
        data = areas_form.cleaned_data
        try:
            result = scb.areas_import_scb(
                actor=request.user, owner=data["owner"], data=data["file"].read(), kind=data["kind"],
                all_municipalities=data["all_municipalities"],
            )
        except services.ImportRejected as exc:
            errors = [str(e) for e in exc.errors]
        except ValidationError as exc:
            add_service_errors(areas_form, exc)
        else:
            messages.success(request, _(
                "%(kind)s: created %(created)s, updated %(updated)s, unchanged %(unchanged)s; left out as areas of "
                "other municipalities: %(other)s.") % {
                "kind": AreaKind(result.kind).label, "created": len(result.created), "updated": len(result.updated),
                "unchanged": result.unchanged, "other": result.other_municipalities})
            return redirect(f"{reverse('areas:list')}?kind={result.kind}")
    return render(request, "areas/scb_import.html", {
        "areas_form": areas_form, "population_form": population_form, "errors": errors})


@login_required
def scb_population(request):
    access = for_request(request)
    areas_form, population_form = _scb_forms(request, access, "population")
    errors = []
    if request.method == "POST" and population_form.is_valid():
        data = population_form.cleaned_data
        try:
            result = scb.areas_set_population(actor=request.user, owner=data["owner"], data=data["file"].read(),
                                              year=data["year"] or "")
        except services.ImportRejected as exc:
            errors = [str(e) for e in exc.errors]
        except ValidationError as exc:
            add_service_errors(population_form, exc)
        else:
            messages.success(request, _(
                "Population %(year)s: areas matched %(matched)s (changed %(changed)s); areas without a figure in the "
                "file: %(missing)s; regions of the file that are none of your areas: %(unused)s.") % {
                "year": result.year, "matched": result.matched, "changed": result.changed,
                "missing": len(result.without_figure), "unused": result.unused})
            for problem in result.problems[:20]:
                messages.warning(request, problem)
            if result.without_figure:
                messages.warning(request, _("Without a figure: %(codes)s") % {
                    "codes": ", ".join(result.without_figure[:30]) + (" …" if len(result.without_figure) > 30 else "")})
            return redirect("areas:list")
    return render(request, "areas/scb_import.html", {
        "areas_form": areas_form, "population_form": population_form, "errors": errors})
