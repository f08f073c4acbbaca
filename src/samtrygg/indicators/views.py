"""Outside statistics (indikatorer): the series a user may read, one series' values, and the upload of own values.

A public series (Kolada, Brå) shows a municipality beside its län and Sweden, the user's own municipality unless
another is chosen; an own series (a trygghetsmätning) shows its values per area and period. Own values are
uploaded by those who may change the organisation's data; national statistics are imported by the installation's
administrators (staff, or `samtrygg import-indicators`), since every user reads them."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samtrygg.access import Action, for_request
from samtrygg.accounts.models import Organisation
from samtrygg.lib import safe_read
from samtrygg.publishing import figures
from samtrygg.publishing.document import Figure
from samtrygg.reference import kommuner

from . import formats, selectors
from .forms import ImportForm
from .services import import_indicators

PAGE_SIZE = 50
MAX_AREA_LINES = 8


@login_required
def series_list(request):
    access = for_request(request)
    query = request.GET.get("q", "").strip()
    found = selectors.series(access).order_by(F("owner").asc(nulls_first=True), "source", "name")
    if query:
        found = found.filter(Q(name__icontains=query) | Q(external_id__icontains=query))
    return render(request, "indicators/series_list.html", {
        "page": Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")), "q": query,
        "query": urlencode({"q": query}) if query else "", "can_import": bool(access.orgs_for(Action.CHANGE)),
    })


def _own_kommunkod(access) -> str:
    for organisation in Organisation.objects.filter(pk__in=list(access.roles)).order_by("pk"):
        if code := organisation.municipality_code():
            return code
    return ""


def _chart(figure: Figure) -> dict:
    """The figure as the pages show figures: an SVG data URI with its alternative text."""
    return {"src": figures.svg_data_uri(figure, get_language()), "alt": figure.alt}


@login_required
def series_detail(request, pk):
    access = for_request(request)
    series = get_object_or_404(selectors.series(access), pk=pk)
    context = {"series": series}
    if series.owner_id is None:
        municipalities = kommuner()
        kommunkod = request.GET.get("kommun") or _own_kommunkod(access)
        if kommunkod not in municipalities:
            kommunkod = next(iter(municipalities))
        comparison = selectors.compare(access, series, kommunkod)
        rows = comparison.rows
        names = [comparison.kommun_name, comparison.county_name, _("Sweden")]
        context.update(comparison=comparison, kommunkod=kommunkod, municipalities=municipalities.values(),
                       columns=names)
        if len(rows) > 1:
            context["chart"] = _chart(Figure("trend", {
                "labels": [r.period for r in rows],
                "series": [{"name": name, "values": [getattr(r, column) for r in rows]}
                           for name, column in zip(names, ("kommun", "lan", "riket"), strict=True)],
            }, alt=_("%(series)s: %(kommun)s, %(county)s and Sweden, %(n)s periods.") % {
                "series": series.name, "kommun": comparison.kommun_name, "county": comparison.county_name,
                "n": len(rows)}))
    else:
        values = list(selectors.values(access, series))
        periods = sorted({(v.period_start, v.period) for v in values})
        by_area: dict[str, dict[str, float | None]] = {}
        for value in values:
            by_area.setdefault(value.area.name if value.area else value.region_code, {})[value.period] = value.value
        context.update(periods=[p for _start, p in periods],
                       areas=[(name, [row.get(p) for _s, p in periods]) for name, row in sorted(by_area.items())])
        if len(periods) > 1:
            context["chart"] = _chart(Figure("trend", {
                "labels": [p for _start, p in periods],
                "series": [{"name": name, "values": values} for name, values in context["areas"][:MAX_AREA_LINES]],
            }, alt=_("%(series)s per area, %(n)s periods.") % {"series": series.name, "n": len(periods)}))
    return render(request, "indicators/series_detail.html", context)


@login_required
def indicator_import(request):
    access = for_request(request)
    organisations = Organisation.objects.filter(pk__in=access.orgs_for(Action.CHANGE)).order_by("name")
    if not organisations:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    result = None
    if request.method == "POST" and form.is_valid():
        result = _import(request, form, organisations.get(pk=form.cleaned_data["organisation"]))
        if result is not None and not result.dry_run:
            messages.success(request, _("The values were imported."))
    return render(request, "indicators/import.html", {"form": form, "result": result})


def _import(request, form, owner):
    """Parse and import (or only check) the uploaded file; None with the reason on the form if it cannot be."""
    upload = form.cleaned_data["file"]
    try:
        parsed = formats.parse(upload.read(), safe_read.printable(upload.name))
        for warning in parsed.warnings:
            messages.warning(request, _("Not read: %(warning)s") % {"warning": warning})
        if parsed.source != formats.OWN and not request.user.is_staff:
            form.add_error("file", _("This is national statistics (%(format)s), which the installation's "
                                     "administrators import for everyone.") % {"format": parsed.format})
            return None
        return import_indicators(parsed, user=request.user, owner=owner, dry_run=form.cleaned_data["check_only"])
    except formats.FormatError as exc:
        form.add_error("file", _("The file cannot be imported: %(reason)s") % {"reason": exc})
        return None
