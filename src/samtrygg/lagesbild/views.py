"""Lägesbild pages: the analysis page, the list, a new draft, the document page (with problems, partner
observations and the workflow), editing, adopting, new versions, PDF and DOCX, and two versions side by side."""

import hashlib
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samtrygg.access import Action, for_request
from samtrygg.accounts.models import Organisation
from samtrygg.audit.services import audit_download
from samtrygg.decisions.forms import AdoptForm
from samtrygg.decisions.models import Status
from samtrygg.incidents import selectors as incident_selectors
from samtrygg.publishing.document import Document
from samtrygg.ui.downloads import document_download
from samtrygg.ui.render import add_service_errors

from . import selectors, services
from .document import document_key, document_of, draft_document, figure_bytes
from .explore import explore
from .forms import AddToDraftForm, AnalysisForm, LagesbildForm, ObservationForm, ProblemForm
from .present import present


def _owners(access):
    return Organisation.objects.filter(pk__in=access.orgs_for(Action.CHANGE)).order_by("name")


def _choices(access, owners):
    """The areas and categories a coordinator of `owners` can build a lägesbild on."""
    owner_ids = {o.pk for o in owners}
    areas = access.areas().filter(owner__in=owner_ids | access.ancestors(owner_ids)).defer("geometry")
    return areas.order_by("name"), incident_selectors.categories_visible(access).select_related("parent")


@login_required
def lagesbild_list(request):
    access = for_request(request)
    return render(request, "lagesbild/lagesbild_list.html", {
        "lagesbilder": selectors.lagesbild_list(access), "can_create": _owners(access).exists(),
    })


@login_required
def lagesbild_create(request):
    access = for_request(request)
    owners = _owners(access)
    if not owners.exists():
        raise Http404
    areas, categories = _choices(access, owners)
    form = LagesbildForm(request.POST or None, owners=owners, areas=areas, categories=categories)
    if request.method == "POST" and form.is_valid():
        try:
            lagesbild = services.lagesbild_create(actor=request.user, owner=form.cleaned_data["owner"],
                                                  **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The draft was created."))
            return redirect("lagesbild:detail", pk=lagesbild.pk)
    return render(request, "lagesbild/lagesbild_form.html", {"form": form, "creating": True})


@login_required
def lagesbild_detail(request, pk):
    access = for_request(request)
    lagesbild = selectors.lagesbild_get(access, pk)
    can_change = selectors.lagesbilder(access, Action.CHANGE).filter(pk=pk).exists()
    reporting = incident_selectors.reporting_owners(access)
    editable = not lagesbild.is_adopted
    key = document_key(lagesbild)  # its three small queries once per request
    document, computed_at = (lagesbild.document, None) if lagesbild.is_adopted else draft_document(lagesbild, key)
    return render(request, "lagesbild/lagesbild_detail.html", {
        "lagesbild": lagesbild, "can_change": can_change,
        "sections": present(Document.from_dict(document), _figure_url(lagesbild, key)),
        "computed_at": computed_at,
        "problems": lagesbild.problems.select_related("area"),
        "deepenings": lagesbild.deepenings.select_related("area"),
        "carried": lagesbild.observations.filter(carried_from__isnull=False).select_related(
            "organisation", "carried_from__lagesbild") if can_change and editable else (),
        "problem_form": ProblemForm(areas=_choices(access, [lagesbild.owner])[0]) if can_change and editable
        else None,
        "observation_form": ObservationForm(organisations=reporting) if editable and reporting else None,
        "adopt_form": AdoptForm() if can_change and lagesbild.status == Status.REVIEW else None,
        "versions": selectors.versions(lagesbild),
        "later_versions": selectors.lagesbilder(access).filter(previous=lagesbild),
    })


@login_required
def lagesbild_edit(request, pk):
    access = for_request(request)
    lagesbild = selectors.lagesbild_get(access, pk, Action.CHANGE)
    if lagesbild.is_adopted:
        raise Http404
    areas, categories = _choices(access, [lagesbild.owner])
    form = LagesbildForm(request.POST or None, instance=lagesbild, areas=areas, categories=categories)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            services.lagesbild_update(actor=request.user, lagesbild=lagesbild,
                                      categories=list(fields.pop("categories")), **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("lagesbild:detail", pk=lagesbild.pk)
    return render(request, "lagesbild/lagesbild_form.html", {"form": form, "lagesbild": lagesbild})


def _add_part(request, lagesbild, form, add, done: str, not_done: str):
    """Add a problem or an observation posted from a lägesbild's page; the outcome as a message."""
    if form.is_valid():
        try:
            add(actor=request.user, lagesbild=lagesbild, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done)
    else:
        messages.error(request, not_done % {"errors": " ".join(e for errors in form.errors.values() for e in errors)})
    return redirect("lagesbild:detail", pk=lagesbild.pk)


@login_required
@require_POST
def problem_add(request, pk):
    access = for_request(request)
    lagesbild = selectors.lagesbild_get(access, pk, Action.CHANGE)
    form = ProblemForm(request.POST, areas=_choices(access, [lagesbild.owner])[0])
    return _add_part(request, lagesbild, form, services.problem_save, _("The problem was added."),
                     _("The problem was not added: %(errors)s"))


def _delete_part(request, pk, part_pk, parts, delete):
    """Remove a problem, a deepening or a carried-over observation of a lägesbild the user may change (never from
    an adopted one)."""
    lagesbild = selectors.lagesbild_get(for_request(request), pk, Action.CHANGE)
    part = get_object_or_404(parts(lagesbild), pk=part_pk)
    try:
        delete(request.user, part)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("lagesbild:detail", pk=lagesbild.pk)


@login_required
@require_POST
def problem_delete(request, pk, problem_pk):
    return _delete_part(request, pk, problem_pk, lambda lagesbild: lagesbild.problems.all(),
                        lambda actor, part: services.problem_delete(actor=actor, problem=part))


@login_required
@require_POST
def observation_add(request, pk):
    access = for_request(request)
    lagesbild = selectors.lagesbild_get(access, pk)
    form = ObservationForm(request.POST, organisations=incident_selectors.reporting_owners(access))
    return _add_part(request, lagesbild, form, services.observation_add, _("Thank you! The observation was added."),
                     _("The observation was not added: %(errors)s"))


@login_required
@require_POST
def observation_drop(request, pk, observation_pk):
    """Drop an observation carried over from the previous version from a draft the user may change."""
    return _delete_part(request, pk, observation_pk,
                        lambda lagesbild: lagesbild.observations.filter(carried_from__isnull=False),
                        lambda actor, part: services.observation_delete(actor=actor, observation=part))


STEPS = {  # lazy: the message is worded in the language of the request, not of the import
    "submit": (services.lagesbild_submit, gettext_lazy("The situation picture was sent for review.")),
    "reopen": (services.lagesbild_reopen, gettext_lazy("The situation picture is a draft again.")),
}


@login_required
@require_POST
def lagesbild_step(request, pk, step):
    access = for_request(request)
    lagesbild = selectors.lagesbild_get(access, pk, Action.CHANGE)
    if step not in STEPS:
        raise Http404
    service, message = STEPS[step]
    try:
        service(actor=request.user, lagesbild=lagesbild)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, str(message))
    return redirect("lagesbild:detail", pk=lagesbild.pk)


@login_required
@require_POST
def lagesbild_adopt(request, pk):
    access = for_request(request)
    lagesbild = selectors.lagesbild_get(access, pk, Action.CHANGE)
    form = AdoptForm(request.POST)
    if form.is_valid():
        try:
            services.lagesbild_adopt(actor=request.user, lagesbild=lagesbild, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The situation picture was adopted. Its numbers are now frozen."))
    else:
        messages.error(request, _("Give the decision date and the body that decided."))
    return redirect("lagesbild:detail", pk=lagesbild.pk)


@login_required
@require_POST
def lagesbild_new_version(request, pk):
    access = for_request(request)
    lagesbild = selectors.lagesbild_get(access, pk, Action.CHANGE)
    try:
        copy = services.lagesbild_new_version(actor=request.user, lagesbild=lagesbild)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("lagesbild:detail", pk=lagesbild.pk)
    messages.success(request, _("A new version was started as a draft."))
    return redirect("lagesbild:detail", pk=copy.pk)


def _download(request, pk, fmt: str) -> HttpResponse:
    lagesbild = selectors.lagesbild_get(for_request(request), pk)
    response = document_download(document_of(lagesbild), f"lagesbild-{lagesbild.title}-v{lagesbild.version}", fmt,
                                 fallback="lagesbild")
    audit_download(actor=request.user, organisation=lagesbild.owner, obj=lagesbild, fmt=fmt, document="lagesbild")
    return response


@login_required
def lagesbild_pdf(request, pk):
    return _download(request, pk, "pdf")


@login_required
def lagesbild_docx(request, pk):
    return _download(request, pk, "docx")


# --- the analysis page -----------------------------------------------------------------------------------------

def _analysis_form(request, access) -> AnalysisForm:
    """The analysis form bound to the URL's query, or to the last twelve months of the first area."""
    areas = access.areas().defer("geometry").order_by("name")
    categories = incident_selectors.categories_visible(access).select_related("parent")
    data = request.GET
    if not data:
        today, first = timezone.localdate(), areas.filter(parent__isnull=True).first() or areas.first()
        data = {"area": first.pk if first else "", "period_to": today.isoformat(),
                "period_from": (today - timedelta(days=364)).isoformat()}
    return AnalysisForm(data, areas=areas, categories=categories)


@login_required
def analysis(request):
    """Explore: an area, a period and categories → the incidents by category, the hot spot map and the time
    patterns, counted from what the user sees; any view can be added to a draft lägesbild."""
    access = for_request(request)
    form = _analysis_form(request, access)
    sections, add_form = [], None
    if form.is_valid():
        data = form.cleaned_data
        sections = present(Document(title="", sections=explore(access, **data)))
        drafts = selectors.lagesbilder(access, Action.CHANGE).exclude(status=Status.ADOPTED).order_by("title")
        if drafts.exists():
            add_form = AddToDraftForm(drafts=drafts, initial={"title": data["area"].name})
    return render(request, "lagesbild/analysis.html", {
        "form": form, "sections": sections, "add_form": add_form, "query": request.GET.urlencode(),
    })


@login_required
@require_POST
def analysis_add(request):
    """Add one view of the analysis (the query in the URL) to a draft lägesbild."""
    access = for_request(request)
    form = _analysis_form(request, access)
    drafts = selectors.lagesbilder(access, Action.CHANGE).exclude(status=Status.ADOPTED)
    add_form = AddToDraftForm(request.POST, drafts=drafts)
    if not (form.is_valid() and add_form.is_valid()):
        messages.error(request, _("The view was not added: choose a draft, a view and a heading."))
        return redirect(f"{reverse('lagesbild:analysis')}?{request.GET.urlencode()}")
    data, target = form.cleaned_data, add_form.cleaned_data
    try:
        services.deepening_add(actor=request.user, lagesbild=target["lagesbild"], kind=target["kind"],
                               title=target["title"], area=data["area"], period_start=data["period_from"],
                               period_end=data["period_to"], categories=data["category"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"{reverse('lagesbild:analysis')}?{request.GET.urlencode()}")
    messages.success(request, _("The view was added to the draft."))
    return redirect("lagesbild:detail", pk=target["lagesbild"].pk)


@login_required
@require_POST
def deepening_delete(request, pk, deepening_pk):
    return _delete_part(request, pk, deepening_pk, lambda lagesbild: lagesbild.deepenings.all(),
                        lambda actor, part: services.deepening_delete(actor=actor, deepening=part))


FIGURE_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def _version(key: str) -> str:
    """The short form of a document_key that figure addresses carry."""
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _figure_url(lagesbild, key: str):
    """figure_url for present(): each figure's address carries its document's version (of `key`, its document_key),
    so that a browser may keep it (lagesbild_figure) and asks again only when the document changed."""
    return lambda number, fmt: f"{reverse('lagesbild:figure', args=[lagesbild.pk, number, fmt])}?v={_version(key)}"


@login_required
def lagesbild_figure(request, pk, number, fmt):
    """Figure `number` (as numbered in the captions) as SVG (the page's <img>) or PNG at full size (for zooming on a
    phone), drawn once per document version (document.figure_bytes). Asked for by the page's versioned address, the
    browser keeps it privately for a day; the image is shown only to who may see the lägesbild."""
    lagesbild = selectors.lagesbild_get(for_request(request), pk)
    key = document_key(lagesbild)
    found = figure_bytes(lagesbild, number, fmt, key) if fmt in FIGURE_TYPES else None
    if found is None:
        raise Http404
    response = HttpResponse(found, content_type=FIGURE_TYPES[fmt])
    current = request.GET.get("v") == _version(key)
    patch_cache_control(response, private=True, **({"max_age": 24 * 3600} if current else {"no_cache": True}))
    return response


@login_required
def lagesbild_compare(request, pk, other_pk):
    """Two lägesbilder (typically two versions) side by side, section by section."""
    access = for_request(request)
    left, right = selectors.lagesbild_get(access, pk), selectors.lagesbild_get(access, other_pk)
    left_key, right_key = document_key(left), document_key(right)
    left_sections = present(document_of(left, left_key), _figure_url(left, left_key))
    right_sections = present(document_of(right, right_key), _figure_url(right, right_key))
    right_by_key = {section["key"]: section for section in right_sections}
    rows = [  # section by section (a section only one of them has stands beside nothing)
        {"heading": a["heading"], "language": a["language"], "left": a["blocks"],
         "right": right_by_key.pop(a["key"], {"blocks": []})["blocks"]}
        for a in left_sections
    ] + [{"heading": b["heading"], "language": b["language"], "left": [], "right": b["blocks"]}
         for b in right_by_key.values()]
    return render(request, "lagesbild/lagesbild_compare.html", {"left": left, "right": right, "rows": rows})
