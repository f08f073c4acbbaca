"""Several events in one report (the EST partners' weekly report): the form (the week, then one row per event:
what, where, which day, how many) and the report as sent, with its incidents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.access import for_request
from samtrygg.ui.render import add_service_errors

from .. import selectors, services
from ..forms import BatchForm, EventFormSet
from .pages import _reporting_scope


@login_required
def batch_create(request):
    access = for_request(request)
    owners, categories, _own_areas = _reporting_scope(access)
    areas = access.areas().defer("geometry").order_by("name")  # a partner reports on the areas shared with it
    head = BatchForm(request.POST or None, owners=owners)
    rows = EventFormSet(request.POST or None, prefix="event", categories=categories, areas=areas)
    if request.method == "POST" and head.is_valid() and rows.is_valid():
        events = rows.events()
        try:
            batch = services.batch_create(actor=request.user, owner=head.cleaned_data["owner"],
                                          period_start=head.cleaned_data["period_start"],
                                          period_end=head.cleaned_data["period_end"],
                                          note=head.cleaned_data["note"], events=events)
        except ValidationError as exc:
            add_service_errors(head, exc)
        else:
            n = batch.incidents.count()
            messages.success(request, ngettext("Thank you! The report was sent: %(n)s incident.",
                                               "Thank you! The report was sent: %(n)s incidents.", n) % {"n": n})
            return redirect("incidents:batch_detail", pk=batch.pk)
    return render(request, "incidents/batch_form.html", {"head": head, "rows": rows})


@login_required
def batch_detail(request, pk):
    access = for_request(request)
    batch = selectors.batch_get(access, pk)
    incidents = selectors.incident_list(access).filter(batches=batch).order_by("occurred_from", "pk")
    return render(request, "incidents/batch_detail.html", {"batch": batch, "incidents": incidents,
                                                            "title": _("Weekly report")})
