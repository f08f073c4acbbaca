"""The results: the page (tables laid out like the kartläggning's, a bar per answer), and the XLSX, PDF and DOCX
downloads (in Swedish), each recorded in the audit log like every export."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from samtrygg.access import for_request
from samtrygg.audit.services import audit_download
from samtrygg.county import selectors as county
from samtrygg.ui.downloads import document_download

from .. import selectors
from ..document import compose_results
from ..exporting import results_xlsx
from ..models import Kind, YesNo
from ..results import by_section, survey_results
from ..tables import blocks

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _visible(request, pk):
    access = for_request(request)
    survey = selectors.survey_get(access, pk)
    if not selectors.results_visible(access, survey):
        raise Http404
    return survey, survey_results(selectors.questions(survey), selectors.submitted_answers(survey))


def _bars(result) -> list[tuple[str, int, int]]:
    """(label, count, percent) per answer: Ja/Nej/Vet ej in the interface's language, or the options."""
    labels = dict(YesNo.choices) if result.kind == Kind.YES_NO else {}
    return [(str(labels.get(c.value, c.value)), c.count, c.percent) for c in result.counts]


@login_required
def results(request, pk):
    survey, found = _visible(request, pk)
    sections = [(heading, [r for r in group if r.kind == Kind.YES_NO], [{"result": r, "bars": _bars(r)} for r in group])
                for heading, group in by_section(found)]
    return render(request, "surveys/results.html", {
        "survey": survey, "sections": sections, "labels": YesNo.labels, "answered": selectors.submitted_count(survey),
        "members": county.member_municipalities(survey.region).count(),
    })


@login_required
def download(request, pk, fmt):
    survey, found = _visible(request, pk)
    name = slugify(f"{survey.title}-resultat") or "kartlaggning"
    if fmt == "xlsx":
        response = HttpResponse(results_xlsx(survey.title, blocks(found)), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    else:
        document = compose_results(survey, blocks(found), answered=selectors.submitted_count(survey),
                                   members=county.member_municipalities(survey.region).count(),
                                   today=timezone.localdate())
        response = document_download(document, name, fmt, fallback="kartlaggning")
    audit_download(actor=request.user, organisation=survey.region.organisation, obj=survey, fmt=fmt,
                   document="survey results")
    return response
