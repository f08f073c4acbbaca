"""Area pages: list, detail, edit, delete and GeoJSON import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.access import Action, for_request
from samtrygg.accounts.models import Organisation
from samtrygg.lib import geo
from samtrygg.ui.render import add_service_errors, render_page

from . import selectors, services
from .forms import AreaFilterForm, AreaForm, AreaImportForm


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
