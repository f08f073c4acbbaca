"""The incidents linked to a problem or a measure: the evidence behind a problem, what a measure is about. One
page for both: the linked incidents the user may see (a link can be removed), and the incident list's filters to
find more, whose matches are linked in one step (at most LIMIT at a time)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.access import Action, for_request
from samtrygg.incidents import selectors as incident_selectors
from samtrygg.incidents.filters import IncidentFilter, filter_query

from .. import selectors, services

LIMIT = 1000
PAGE_SIZE = 50


@dataclass(frozen=True)
class Linkable:
    select: object  # (access, action) -> the scoped queryset
    save: object  # the service: (actor, plan, <item>=..., incidents=...)
    item: str  # the service's keyword for the object


KINDS = {
    "problems": Linkable(selectors.problems, services.problem_save, "problem"),
    "measures": Linkable(selectors.measures, services.measure_save, "measure"),
}


def _back(kind: str, item) -> str:
    if kind == "measures":
        return reverse("plans:measure_detail", args=[item.pk])
    return reverse("plans:plan_detail", args=[item.plan_id]) + "#problems-heading"


@login_required
def linked_incidents(request, kind, pk):
    if kind not in KINDS:
        raise Http404
    linkable, access = KINDS[kind], for_request(request)
    item = get_object_or_404(linkable.select(access).select_related("plan"), pk=pk)
    editable = not item.plan.is_adopted and linkable.select(access, Action.CHANGE).filter(pk=pk).exists()
    if request.method == "POST":
        if not editable:
            raise Http404
        return _change(request, access, kind, linkable, item)

    linked = incident_selectors.incident_list(access).filter(pk__in=item.incidents.values("pk"))
    page = Paginator(linked, PAGE_SIZE).get_page(request.GET.get("page"))
    hidden = item.incidents.count() - page.paginator.count
    query = filter_query(request.GET)
    candidates = IncidentFilter(request.GET or None, queryset=incident_selectors.incident_list(access)
                                .exclude(pk__in=item.incidents.values("pk")), access=access)
    matches = candidates.qs.count() if editable and query and candidates.is_valid() else None
    return render(request, "plans/linked_incidents.html", {
        "item": item, "kind": kind, "plan": item.plan, "back": _back(kind, item), "editable": editable,
        "page": page, "hidden": hidden, "filter": candidates, "query": query, "matches": matches, "limit": LIMIT,
        "preview": candidates.qs[:10] if matches else [],
    })


def _change(request, access, kind, linkable, item):
    """Link the incidents matching the posted filters, or unlink the chosen ones."""
    query = filter_query(request.POST)
    current = list(item.incidents.only("pk"))
    if request.POST.get("action") == "unlink":
        chosen = {int(v) for v in request.POST.getlist("ids") if v.isdigit()}
        incidents = [incident for incident in current if incident.pk not in chosen]
        done = len(current) - len(incidents)
        message = ngettext("%(count)s link was removed.", "%(count)s links were removed.", done)
    else:
        candidates = IncidentFilter(QueryDict(query), queryset=incident_selectors.incidents(access)
                                    .exclude(pk__in=[i.pk for i in current]), access=access)
        if not query or not candidates.is_valid():
            messages.error(request, _("Filter the incidents first, then link those that match."))
            return redirect(f"{request.path}?{query}")
        found = list(candidates.qs.order_by("pk")[: LIMIT + 1])
        if len(found) > LIMIT:
            messages.error(request, _("More than %(limit)s incidents match. Narrow the filter and link them in "
                                      "parts.") % {"limit": LIMIT})
            return redirect(f"{request.path}?{query}")
        incidents, done = current + found, len(found)
        message = ngettext("%(count)s incident was linked.", "%(count)s incidents were linked.", done)
    try:
        linkable.save(actor=request.user, plan=item.plan, incidents=incidents, **{linkable.item: item})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, message % {"count": done})
    return redirect(f"{request.path}?{query}" if query else request.path)
