"""The audit log for an organisation's admins: view, filter, export as CSV."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.utils import timezone

from samtrygg.access import Action, for_request
from samtrygg.accounts.models import Organisation
from samtrygg.ui.render import render_page

from . import selectors, services
from .forms import AuditFilterForm


def _filtered(request):
    access = for_request(request)
    org_ids = access.orgs_for(Action.VIEW_AUDIT)
    if not org_ids:
        raise Http404
    orgs = Organisation.objects.filter(pk__in=org_ids)
    form = AuditFilterForm(request.GET or None, organisations=orgs)
    filters = {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    query = dict(filters)
    if "organisation" in query:
        query["organisation"] = query["organisation"].pk
    return form, orgs, filters, selectors.audit_list(org_ids=org_ids, **query)


@login_required
def audit_list(request):
    form, _orgs, _filters, entries = _filtered(request)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(request, "audit/audit_list.html", {
        "form": form, "page": page, "query": query.urlencode(),
    }, partial="audit/_audit_table.html")


@login_required
def audit_export(request):
    form, orgs, filters, entries = _filtered(request)
    organisation = filters.get("organisation") or orgs.order_by("id").first()
    lines = services.audit_export_csv(  # the export is on record (committed) before the first line is sent
        actor=request.user, organisation=organisation, entries=entries,
        filters={k: str(v) for k, v in filters.items()},
    )
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="samtrygg-logg-{stamp}.csv"'
    return response
