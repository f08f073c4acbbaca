"""The law at a glance: the five checks for a municipality on the page (status as a word and a shape, not colour
alone, with the explanation and a link to the evidence), the same as a one-page PDF for kommunstyrelsen (audited
as an export), and the municipality's rule for how old its lägesbild may be."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.access import Action, for_request
from samtrygg.ui.downloads import document_download
from samtrygg.ui.render import form_page, save_form

from .. import selectors, services
from ..compliance import GREEN, RED, YELLOW, checks, status_word
from ..document import compose_compliance
from ..forms import RuleForm
from .choice import chosen_municipality


def compliance_url(municipality) -> str:
    return f"{reverse('rhythm:compliance')}?kommun={municipality.pk}"


@login_required
def compliance_page(request):
    access = for_request(request)
    municipality, choice = chosen_municipality(request, access)
    context = {"municipality": municipality, "choice": choice,
               "several": selectors.municipalities(access).count() > 1}
    if municipality is not None:
        today = timezone.localdate()
        found = checks(municipality, today)
        for check in found:
            check.word = status_word(check.status)
        context.update(
            checks=found, today=today, rule=selectors.rule_of(municipality),
            counts={status: sum(1 for c in found if c.status == status) for status in (GREEN, YELLOW, RED)},
            can_change=selectors.municipalities(access, Action.CHANGE).filter(pk=municipality.pk).exists(),
        )
    return render(request, "rhythm/compliance.html", context)


@login_required
def compliance_pdf(request, pk):
    """The one-page PDF, in Swedish; the download is recorded in the municipality's audit log first."""
    municipality = selectors.municipality_get(for_request(request), pk)
    today = timezone.localdate()
    document = compose_compliance(municipality, today)
    services.compliance_exported(actor=request.user, municipality=municipality)
    return document_download(document, f"efterlevnad-{municipality.name}-{today.isoformat()}", "pdf",
                             fallback="efterlevnad")


@login_required
def compliance_rule(request, pk):
    municipality = selectors.municipality_get(for_request(request), pk, Action.CHANGE)
    form = RuleForm(request.POST or None, instance=selectors.rule_of(municipality))
    response = save_form(
        request, form,
        lambda f: services.rule_save(actor=request.user, owner=municipality, **f.cleaned_data),
        _("The rule was saved."), lambda rule: compliance_url(municipality))
    return response or form_page(
        request, form, title=_("How long a situation picture is current in %(name)s") % {"name": municipality.name},
        intro=_("The law asks for a situation picture that is followed up regularly. Set after how many months "
                "from its decision the municipality counts it as out of date; the compliance view turns yellow "
                "two months before and red after."),
        cancel=compliance_url(municipality))
