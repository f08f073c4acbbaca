"""Outside statistics (indikatorer): the series a user may read, one series' values, and the upload of own values.

A public series (Kolada, Brå) shows a municipality beside its län and Sweden, the user's own municipality unless
another is chosen; an own series (a trygghetsmätning) shows its values per area and period. Own values are
uploaded by those who may change the organisation's data. National statistics, which every user reads, are
imported for every place by the installation's administrators (staff, `samtrygg import-indicators`, the scheduled
Kolada fetch); a coordinator adds them for their municipality, its county and Sweden: uploaded, or chosen in
Kolada's catalogue (catalogue.py)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.access import Action, for_request
from samtrygg.accounts.models import Organisation
from samtrygg.lib import safe_read
from samtrygg.publishing import figures
from samtrygg.publishing.document import Figure
from samtrygg.reference import kommuner

from . import catalogue as kpi_catalogue
from . import formats, selectors
from .forms import CatalogueAddForm, ImportForm
from .services import import_indicators, import_national

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
        "can_add_national": bool(_national_municipalities(request, access)),
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
        municipalities = dict(kommuner())
        own = selectors.municipality(_own_kommunkod(access))
        if own is not None and own.code not in municipalities:  # a demo's fictional municipality
            municipalities = {own.code: own, **municipalities}
        kommunkod = request.GET.get("kommun") or (own.code if own else "")
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
        dry_run = form.cleaned_data["check_only"]
        if parsed.source == formats.OWN:
            return import_indicators(parsed, user=request.user, owner=owner, dry_run=dry_run)
        if request.user.is_staff:
            return import_national(parsed, user=request.user, region_codes=None, dry_run=dry_run)
        places = set().union(*selectors.national_places(for_request(request)).values())
        if not places:
            form.add_error("file", _("This is national statistics (%(format)s). You may add it for the "
                                     "municipality of an organisation where you are an administrator or "
                                     "coordinator; the installation's administrators import it for everyone.")
                           % {"format": parsed.format})
            return None
        return import_national(parsed, user=request.user, region_codes=places, dry_run=dry_run)
    except formats.FormatError as exc:
        form.add_error("file", _("The file cannot be imported: %(reason)s") % {"reason": exc})
        return None


def _national_municipalities(request, access) -> dict[str, str]:
    """{kommunkod: name} of the municipalities the user may add national statistics for: those of the
    organisations where they are an administrator or coordinator; every municipality for the installation's
    administrators (staff)."""
    if request.user.is_staff:
        return {code: k.name for code, k in kommuner().items()}
    return {code: selectors.municipality(code).name for code in selectors.national_places(access)}


@login_required
def catalogue(request):
    """Kolada's key figures, searched by title (Kolada's catalogue when the installation is online, else the
    recommended list), each to add for the user's municipality, its county and Sweden."""
    access = for_request(request)
    municipalities = _national_municipalities(request, access)
    if not municipalities:
        raise PermissionDenied
    query = " ".join(request.GET.get("q", "").split())[:100]
    found = kpi_catalogue.search(query)
    online = bool(kpi_catalogue.base_url())
    kommunkod = next(iter(selectors.national_places(access)), None) or next(iter(municipalities))
    today = timezone.localdate()
    return render(request, "indicators/catalogue.html", {
        "q": query, "found": found, "online": online, "municipalities": list(municipalities.items()),
        "kommunkod": kommunkod, "kommun_name": municipalities[kommunkod],
        "rows": [(kpi, "" if online else kpi_catalogue.download_url(kpi.id, kommunkod, today))
                 for kpi in found.kpis],
        "bra": [] if query else kpi_catalogue.bra_crimes(),
    })


@login_required
@require_POST
def catalogue_add(request):
    """Fetch the chosen key figure from Kolada for the municipality, its county and Sweden, and show it."""
    access = for_request(request)
    municipalities = _national_municipalities(request, access)
    if not municipalities:
        raise PermissionDenied
    form = CatalogueAddForm(request.POST, municipalities=list(municipalities.items()))
    query = request.POST.get("q", "")[:100]
    back = reverse("indicators:catalogue") + (f"?{urlencode({'q': query})}" if query else "")
    if not form.is_valid():
        messages.error(request, _("Choose a key figure and one of your municipalities."))
        return redirect(back)
    kpi, kommunkod = form.cleaned_data["kpi"], form.cleaned_data["kommunkod"]
    try:
        result = kpi_catalogue.add_for_municipality(user=request.user, kpi=kpi, kommunkod=kommunkod,
                                                    today=timezone.localdate())
    except formats.FormatError as exc:
        messages.error(request, _("%(kpi)s could not be fetched from Kolada: %(reason)s")
                       % {"kpi": kpi, "reason": exc.reason})
        return redirect(back)
    series = result.series[0].series
    messages.success(request, _("“%(name)s” was fetched from Kolada for %(kommun)s, its county and Sweden: "
                                "%(created)s new values, %(updated)s updated, %(unchanged)s unchanged.") % {
        "name": series.name, "kommun": municipalities[kommunkod], "created": result.created,
        "updated": result.updated, "unchanged": result.unchanged})
    return redirect(reverse("indicators:series_detail", args=[series.pk]) + "?" + urlencode({"kommun": kommunkod}))
