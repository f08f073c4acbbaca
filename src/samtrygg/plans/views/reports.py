"""The plan as PDF and DOCX (an adopted plan's frozen document; a draft's as it is now), the follow-up report
for a half-year (the report to kommunstyrelsen) as PDF and DOCX, and the effect view of a measure."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samtrygg.access import for_request
from samtrygg.areas.models import Area
from samtrygg.audit.services import audit_download
from samtrygg.lagesbild.present import present
from samtrygg.publishing.document import Document, Figure, Section
from samtrygg.ui.downloads import document_download
from samtrygg.ui.render import add_service_errors

from .. import selectors
from ..document import compose_plan, compose_report
from ..forms import EffectForm, ReportForm
from ..selectors import effect


def _download(document: Document, name: str, fmt: str) -> HttpResponse:
    return document_download(document, name, fmt, fallback="atgardsplan")


@login_required
def plan_document(request, pk, fmt):
    plan = selectors.plan_get(for_request(request), pk)
    document = Document.from_dict(plan.document) if plan.is_adopted else compose_plan(plan)
    response = _download(document, f"atgardsplan-{plan.title}-v{plan.version}", fmt)
    audit_download(actor=request.user, organisation=plan.owner, obj=plan, fmt=fmt, document="plan")
    return response


@login_required
def plan_report(request, pk, fmt):
    """?half=2026-2: the follow-up report for July–December 2026, with the data as it stands today."""
    plan = selectors.plan_get(for_request(request), pk)
    form = ReportForm(request.GET)
    if not form.is_valid():
        raise Http404
    start, end = form.period()
    document = compose_report(plan, start, end, timezone.localdate())
    response = _download(document, f"uppfoljning-{plan.title}-{form.cleaned_data['half']}", fmt)
    audit_download(actor=request.user, organisation=plan.owner, obj=plan, fmt=fmt,
                   document=f"report {form.cleaned_data['half']}")
    return response


VERDICTS = {  # plain language for analysis.effect's verdicts
    "decrease": gettext_lazy("The incidents fell more in the measure's area than in the comparison area."),
    "increase": gettext_lazy("The incidents rose more in the measure's area than in the comparison area."),
    "no_clear_change": gettext_lazy("No clear difference: the change in the measure's area is within what chance "
                                    "and the comparison area's own change can explain."),
    "too_little_data": gettext_lazy("Too little data to say anything yet: at least three months before and after "
                                    "and twenty incidents in each area are needed."),
}


@login_required
def measure_effect(request, pk):
    """Did it work? The measure's incidents before and after it started against a comparison area
    (difference-in-differences), with what such an estimate can and cannot say."""
    access = for_request(request)
    measure = selectors.measure_get(access, pk)
    candidates = effect.control_areas(measure)
    form = EffectForm(request.GET or None, areas=Area.objects.filter(pk__in=[a.pk for a in candidates])
                      .defer("geometry").order_by("name"))
    context = {"measure": measure, "plan": measure.plan, "form": form}
    if form.is_valid():
        today = timezone.localdate()
        try:
            view = effect.measure_effect(measure, today=today, **form.cleaned_data)
            values = effect.measure_value_effect(measure, control_area=form.cleaned_data["control_area"], today=today)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            started = view.months[view.start_index].isoformat()[:7] if view.start_index < len(view.months) else "–"
            context.update(view=view, verdict=VERDICTS[view.effect.verdict], chart=_chart(
                view, [m.isoformat()[:7] for m in view.months],
                _("Incidents per month; the measure started %(month)s") % {"month": started}))
            if values is not None:
                context.update(values=values, values_verdict=VALUE_VERDICTS[values.effect.verdict],
                               values_chart=_chart(values, values.periods, values.series.name))
    return render(request, "plans/measure_effect.html", context)


VALUE_VERDICTS = {
    "decrease": gettext_lazy("The indicator fell more in the measure's area than in the comparison area."),
    "increase": gettext_lazy("The indicator rose more in the measure's area than in the comparison area."),
    "no_clear_change": VERDICTS["no_clear_change"],
    "too_little_data": gettext_lazy("Too few values to say anything yet: at least two periods before and two "
                                    "after are needed in each area."),
}


def _chart(view, labels: list[str], caption: str) -> dict:
    """The measure's areas against the comparison area, period by period, as the page shows a figure."""
    treated = ", ".join(area.name for area in view.treated_areas)
    figure = Figure("trend", {
        "labels": labels,
        "series": [{"name": treated, "values": view.treated}, {"name": view.control_area.name, "values": view.control}],
    }, caption=caption, alt=_("%(caption)s: %(treated)s and %(control)s, %(n)s periods.") % {
        "caption": caption, "treated": treated, "control": view.control_area.name, "n": len(labels)})
    return present(Document(title="", sections=[Section("effekt", "", [figure])]))[0]["blocks"][0]
