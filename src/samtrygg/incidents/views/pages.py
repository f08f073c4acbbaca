"""Incident pages: the quick report with its privacy check, the list with bulk status change, detail, edit,
status, delete, the photo (access-checked, never from MEDIA_URL) and the map with its data endpoints."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samtrygg import guards
from samtrygg.access import Action, for_request
from samtrygg.lib import cells
from samtrygg.ui.downloads import photo_response
from samtrygg.ui.maps import map_config
from samtrygg.ui.pagecache import cached_page
from samtrygg.ui.paging import CappedPaginator
from samtrygg.ui.render import add_service_errors, render_page

from .. import aggregates, duplicates, selectors, services
from ..filters import IncidentFilter, PoliceEventFilter, filter_query, incident_query, parse_bbox
from ..forms import BulkStatusForm, DuplicateChoiceForm, EditForm, MergeForm, ReportForm, StatusForm
from ..models import Category, Source
from ..query import LocalMinute, in_box
from ..taxonomy import translated_name

PAGE_SIZE = 50
MAP_POINT_LIMIT = 5000
LIST_COUNT_CAP = 10_000  # the list counts no further (ui/paging.py) unless a tally knows the count
POLICE_EVENT_LIMIT = 2000


# --- reporting -----------------------------------------------------------------------------------------------

def _reporting_scope(access):
    """(organisations the user reports for, categories they may use, areas they may choose)."""
    owner_ids = access.orgs_for(Action.REPORT)
    owners = selectors.reporting_owners(access)
    if not owners:
        raise Http404
    areas = access.areas().filter(owner__in=owner_ids | access.ancestors(owner_ids)).defer("geometry")
    return owners, selectors.categories_for_owners(owners), areas.order_by("name")


def _map_config(access) -> dict:
    return map_config(access.areas(), reverse("incidents:map_areas"))


@login_required
def report(request):
    access = for_request(request)
    owners, categories, areas = _reporting_scope(access)
    form = ReportForm(request.POST or None, request.FILES or None, owners=owners, categories=categories,
                      areas=areas)
    offer = None
    if request.method == "POST" and form.is_valid():
        data, fields = form.cleaned_data, form.incident_fields()
        found = duplicates.candidates(access, category=fields["category"], lat=fields["lat"], lon=fields["lon"],
                                      occurred_from=fields["occurred_from"])
        if found:  # "Is it the same as …?": asked first, answered with the report posted again
            offer = DuplicateChoiceForm(request.POST if "duplicate_choice" in request.POST else None,
                                        candidates=found)
        try:
            if offer is None or (offer.is_valid() and offer.chosen() is None):
                incident, new = services.incident_report(actor=request.user, client_key=data["client_key"],
                                                         owner=data["owner"], source=Source.OWN,
                                                         photo=data["photo"] or None, **fields)
                messages.success(request, _("Thank you! The incident was reported.") if new else
                                 _("This report had arrived already; it is stored once."))
                return redirect("incidents:detail", pk=incident.pk)
            if offer.is_valid():
                incident = offer.chosen()
                services.contribution_add(actor=request.user, incident=incident, owner=data["owner"],
                                          occurred_from=fields["occurred_from"], description=fields["description"],
                                          photo=data["photo"] or None)
                messages.success(request, _("Thank you! Your report was added to the incident already reported."))
                return redirect("incidents:detail", pk=incident.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "incidents/report.html", {
        "form": form, "map": _map_config(access), "offer": offer,
        "photo_dropped": bool(offer and request.FILES.get("photo")),
    })


def _utf16(text: str, index: int) -> int:
    """A Python string index as a JavaScript (UTF-16) one."""
    return len(text[:index].encode("utf-16-le")) // 2


@login_required
@require_POST
def privacy_check(request):
    """The live privacy check of free text: each finding (kind, start, end, label; offsets in UTF-16 code units, as
    JavaScript counts) with what the organisation's policy will do with it — refuse the text, mask the finding when
    it is saved, or only flag it — and a message saying so. POSTed, so the text never reaches a URL or a log; never
    echoed. The policy is that of `owner` (one the user reports for), else of the user's own organisation."""
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
            text, owner_id = body.get("text", ""), body.get("owner")
        except (ValueError, AttributeError):
            return HttpResponseBadRequest()
    else:
        text, owner_id = request.POST.get("text", ""), request.POST.get("owner")
    if not isinstance(text, str) or len(text) > 10_000:
        return HttpResponseBadRequest()
    owners = list(selectors.reporting_owners(for_request(request)))
    owner = next((o for o in owners if str(o.pk) == str(owner_id)), None) or selectors.default_owner(owners)
    screened = guards.screen_text(text, guards.policy_for(owner))
    return JsonResponse({
        "findings": [
            {"kind": f.kind, "label": str(guards.KIND_NAMES[f.kind]), "action": _action(screened, f.kind),
             "start": _utf16(text, f.start), "end": _utf16(text, f.end)}
            for f in screened.findings
        ],
        "refused": bool(screened.refused), "message": _policy_message(screened),
    })


def _action(screened: guards.Screened, kind: str) -> str:
    return guards.REFUSE if kind in screened.refused else guards.MASK if kind in screened.masked else guards.WARN


def _policy_message(screened: guards.Screened) -> str:
    """What will happen to the text, kind by kind, in the user's language (no data repeated)."""
    def names(kinds):
        return ", ".join(str(guards.KIND_NAMES[kind]) for kind in sorted(kinds))

    parts = []
    if screened.refused:
        parts.append(_("Cannot be saved: the text contains %(kinds)s. Remove it before you send.")
                     % {"kinds": names(screened.refused)})
    if screened.masked:
        parts.append(_("Will be replaced by a marker when saved: %(kinds)s.") % {"kinds": names(screened.masked)})
    if screened.flagged:
        parts.append(_("Saved as written but flagged as possible personal data: %(kinds)s. Remove it unless it "
                       "is needed.") % {"kinds": names(screened.flagged)})
    return " ".join(parts)


# --- list and bulk status ------------------------------------------------------------------------------------

def _filtered(request, access):
    filterset = IncidentFilter(request.GET or None, queryset=selectors.incident_list(access), access=access)
    choices = filterset.filters["category"]
    choices.queryset = choices.queryset.select_related("parent")  # option labels name the main category
    return filterset


def _tallied_count(request, access) -> int | None:
    """The list's exact count from a tally when its filters allow one (query.IncidentQuery.tally), else None."""
    query = incident_query(request.GET, access)
    tally = query.tally(by=()) if query else None
    return aggregates.total(tally) if tally is not None else None


@login_required
def incident_list(request):
    access = for_request(request)
    return cached_page(request, selectors.incidents_version(access), lambda: _incident_list(request, access))


def _incident_list(request, access):
    filterset = _filtered(request, access)
    page = CappedPaginator(filterset.qs, PAGE_SIZE, cap=LIST_COUNT_CAP,
                           count=_tallied_count(request, access)).get_page(request.GET.get("page"))
    ids = [incident.pk for incident in page]
    changeable = set(selectors.incidents(access, Action.CHANGE).filter(pk__in=ids).values_list("pk", flat=True))
    query = filter_query(request.GET)
    return render_page(request, "incidents/incident_list.html", {
        "filter": filterset, "page": page, "changeable": changeable, "query": query,
        "bulk_form": BulkStatusForm(initial={"query": query}, auto_id="bulk_%s") if changeable else None,
        "can_report": bool(access.orgs_for(Action.REPORT)),
    }, partial="incidents/_incident_table.html")


@login_required
@require_POST
def bulk_status(request):
    access = for_request(request)
    form = BulkStatusForm(request.POST)
    target = reverse("incidents:list")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        data = form.cleaned_data
        chosen = set(data["ids"])
        allowed = list(selectors.incidents(access, Action.CHANGE).filter(pk__in=chosen).select_related("owner"))
        changed = services.incidents_set_status(actor=request.user, incidents=allowed, status=data["status"],
                                                note=data["note"])
        messages.success(request, ngettext("The status of %(count)s incident was changed.",
                                           "The status of %(count)s incidents was changed.", changed)
                         % {"count": changed})
        skipped = len(chosen) - len(allowed)
        if skipped:
            messages.error(request, ngettext("%(count)s incident was skipped: you may not change it.",
                                             "%(count)s incidents were skipped: you may not change them.", skipped)
                           % {"count": skipped})
    query = form.data.get("query", "")
    return redirect(f"{target}?{query}" if query else target)


# --- one incident --------------------------------------------------------------------------------------------

def _can_change(access, incident) -> bool:
    return selectors.incidents(access, Action.CHANGE).filter(pk=incident.pk).exists()


@login_required
def incident_detail(request, pk):
    access = for_request(request)
    incident = selectors.incident_get(access, pk)
    history = incident.status_changes.select_related("actor")
    return render(request, "incidents/incident_detail.html", {
        "incident": incident, "history": history, "can_change": _can_change(access, incident),
        "status_form": StatusForm(initial={"status": incident.status}), "contributions": _contributions(incident),
    })


def _contributions(incident):
    return incident.contributions.select_related("organisation", "reported_by")


@login_required
@require_POST
def incident_status(request, pk):
    access = for_request(request)
    incident = selectors.incident_get(access, pk, Action.CHANGE)
    form = StatusForm(request.POST)
    if form.is_valid():
        changed = services.incidents_set_status(actor=request.user, incidents=[incident],
                                                status=form.cleaned_data["status"], note=form.cleaned_data["note"])
        if changed:
            messages.success(request, _("The status was changed."))
        return redirect("incidents:detail", pk=incident.pk)
    return render(request, "incidents/incident_detail.html", {
        "incident": incident, "history": incident.status_changes.select_related("actor"), "can_change": True,
        "status_form": form, "contributions": _contributions(incident),
    }, status=200)


@login_required
def incident_edit(request, pk):
    access = for_request(request)
    incident = selectors.incident_get(access, pk, Action.CHANGE)
    categories = selectors.categories_for_reporting(incident.owner)
    owner_ids = {incident.owner_id} | access.ancestors({incident.owner_id})
    areas = access.areas().filter(Q(owner__in=owner_ids) | Q(pk=incident.area_id)).defer("geometry")
    form = EditForm(request.POST or None, request.FILES or None, initial=EditForm.initial_for(incident),
                    categories=categories, areas=areas.order_by("name"), has_photo=bool(incident.photo))
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_update(actor=request.user, incident=incident, **form.incident_fields(),
                                     **form.photo_change())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The incident was saved."))
            return redirect("incidents:detail", pk=incident.pk)
    return render(request, "incidents/incident_form.html", {
        "incident": incident, "form": form, "map": _map_config(access),
    })


@login_required
def incident_delete(request, pk):
    access = for_request(request)
    incident = selectors.incident_get(access, pk, Action.CHANGE)
    if request.method == "POST":
        services.incident_delete(actor=request.user, incident=incident)
        messages.success(request, _("The incident was deleted."))
        return redirect("incidents:list")
    return render(request, "incidents/incident_delete.html", {"incident": incident})


@login_required
def incident_photo(request, pk):
    """The photo, only to those who may see the incident (404 otherwise, as for the incident itself)."""
    return photo_response(selectors.incident_get(for_request(request), pk).photo)


@login_required
def contribution_photo(request, pk):
    """A contribution's photo, only to those who may see its incident (404 otherwise)."""
    return photo_response(selectors.contribution_get(for_request(request), pk).photo)


@login_required
def incident_merge(request, pk):
    """Merge duplicates into this incident: the possible duplicates the user may change, to tick and confirm."""
    access = for_request(request)
    incident = selectors.incident_get(access, pk, Action.CHANGE)
    found = duplicates.candidates(access, category=incident.category, lat=incident.lat, lon=incident.lon,
                                  occurred_from=incident.occurred_from, exclude=incident.pk, action=Action.CHANGE,
                                  now=incident.created_at)
    form = MergeForm(request.POST or None, candidates=found)
    if request.method == "POST" and form.is_valid():
        try:
            merged = services.incidents_merge(actor=request.user, keep=incident, others=form.chosen())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, ngettext("%(count)s incident was merged into this one.",
                                               "%(count)s incidents were merged into this one.", len(merged))
                             % {"count": len(merged)})
            return redirect("incidents:detail", pk=incident.pk)
    return render(request, "incidents/incident_merge.html", {"incident": incident, "form": form})


# --- map -----------------------------------------------------------------------------------------------------

@login_required
def incident_map(request):
    access = for_request(request)
    filterset = _filtered(request, access)
    return render(request, "incidents/incident_map.html", {
        "filter": filterset, "query": filter_query(request.GET), "map": _map_config(access),
    })


def resolution_for_zoom(zoom: int) -> int:
    """The H3 resolution whose hexagons look about 20–40 px wide at a web-map zoom level."""
    return max(0, min(cells.CELL_RESOLUTION, round(0.72 * zoom - 1.2)))


@login_required
def map_data(request):
    """The filtered incidents within bbox: as points while there are at most MAP_POINT_LIMIT, otherwise as
    counts per hexagon at a resolution fitted to `zoom` (computed in the database). With police=1 also the
    police's public events within bbox."""
    access = for_request(request)
    bbox = parse_bbox(request.GET.get("bbox", ""))
    if bbox is None:
        return JsonResponse({"error": "bbox=min_lon,min_lat,max_lon,max_lat is required"}, status=400)
    try:
        zoom = int(request.GET.get("zoom", "12"))
    except ValueError:
        zoom = 12
    query = incident_query(request.GET, access, besides=("bbox",))
    if query is not None:
        incidents = in_box(query.queryset(), bbox)
    else:  # a text, source or status filter
        incidents = IncidentFilter(request.GET, queryset=selectors.incidents(access), access=access).qs
    count = incidents.order_by().values("pk")[:MAP_POINT_LIMIT + 1].count()  # stops at the limit
    if count <= MAP_POINT_LIMIT:
        # When, in Swedish time, as the popup shows it (written by the database).
        rows = incidents.order_by().values_list("id", "lat", "lon", "category_id", LocalMinute("occurred_from"))
        names = {pk: translated_name(code, name, national=owner is None) for pk, code, name, owner in
                 Category.objects.filter(pk__in={row[3] for row in rows}).values_list("pk", "code", "name", "owner")}
        result = {"mode": "points", "count": count,
                  "points": [[pk, lat, lon, names[category], when] for pk, lat, lon, category, when in rows]}
        hexagons = None
    else:
        resolution = resolution_for_zoom(zoom)
        rows = aggregates.by_cell_in_box(_hexagons_counted(request, access, query, resolution), resolution, bbox)
        result = {"mode": "cells", "count": sum(n for _cell, n in rows), "resolution": resolution}
        hexagons = _feature_collection(rows)
    if request.GET.get("police") == "1":
        # County-level events are left out: their point is the county's centre, inside some municipality.
        layer = {key: request.GET.get(key, "") for key in ("bbox", "period_from", "period_to", "kommunkod")}
        events = PoliceEventFilter({**layer, "county_level": "false"}, queryset=selectors.police_events()).qs
        result["police_count"] = events.count()
        result["police"] = [
            {"id": e.event_id, "lat": e.lat, "lon": e.lon, "name": e.name, "type": e.type, "url": e.url,
             "occurred": e.occurred_at.isoformat()}
            for e in events[:POLICE_EVENT_LIMIT]
        ]
    if hexagons is None:
        return JsonResponse(result)
    written = json.dumps(result, cls=DjangoJSONEncoder)  # as JsonResponse writes it, the hexagons added last
    return HttpResponse(f'{written[:-1]},"cells":{hexagons}}}', content_type="application/json")


def _feature_collection(rows: list[tuple[int, int]]) -> str:
    """The hexagons as a GeoJSON FeatureCollection, each with its count; written by hand from the outlines each
    process keeps (cells.polygon_json)."""
    features = ",".join(f'{{"type":"Feature","properties":{{"count":{n}}},"geometry":{cells.polygon_json(cell)}}}'
                        for cell, n in rows)
    return f'{{"type":"FeatureCollection","features":[{features}]}}'


def _hexagons_counted(request, access, query, resolution: int):
    """What the map's hexagons count: the filters' tally when one counts them exactly (the extent is applied to the
    cells' centres afterwards), else the filtered incidents in the extent widened by a cell."""
    tally = query.tally(resolution=resolution, by=()) if query else None
    if tally is not None:
        return tally
    params = request.GET.copy()
    params["bbox"] = ",".join(str(v) for v in cells.widened(parse_bbox(params["bbox"]), resolution))
    return IncidentFilter(params, queryset=selectors.incidents(access), access=access).qs


@login_required
def map_areas(request):
    """The outlines of the areas the user may see, as GeoJSON (the map shows them even when no tiles load)."""
    areas = for_request(request).areas().only("id", "name", "geometry")
    features = [
        {"type": "Feature", "properties": {"id": a.pk, "name": a.name}, "geometry": json.loads(a.geometry)}
        for a in areas
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})
