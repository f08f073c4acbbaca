"""Collaboration agreement pages: the list, a new agreement, its page with each party's commitments (linked to
the measures that carry them out), and editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.access import Action, for_request
from samtrygg.accounts.models import Organisation, OrgType
from samtrygg.ui.render import form_page, save_form

from .. import selectors, services
from ..forms import AgreementForm, CommitmentForm


def _owners(access):
    return Organisation.objects.filter(pk__in=access.orgs_for(Action.CHANGE), type=OrgType.KOMMUN).order_by("name")


def _parties(access):
    """The organisations the user sees, and every local police area (agreements are mostly made with them)."""
    return Organisation.objects.filter(
        Q(pk__in=access.organisations().values("pk")) | Q(type=OrgType.LOKALPOLISOMRADE)
    ).order_by("name")


@login_required
def agreement_list(request):
    access = for_request(request)
    return render(request, "plans/agreement_list.html", {
        "agreements": selectors.agreements(access).select_related("owner").prefetch_related("parties"),
        "can_create": _owners(access).exists(),
    })


@login_required
def agreement_create(request):
    access = for_request(request)
    owners = _owners(access)
    if not owners.exists():
        raise Http404
    form = AgreementForm(request.POST or None, owners=owners, parties=_parties(access))
    response = save_form(
        request, form,
        lambda f: services.agreement_save(actor=request.user, owner=f.cleaned_data["owner"], **f.service_fields()),
        _("The agreement was saved."), lambda a: reverse("plans:agreement_detail", args=[a.pk]))
    return response or form_page(
        request, form, title=_("New collaboration agreement"), cancel=reverse("plans:agreement_list"),
        intro=_("A samverkansöverenskommelse says what the municipality and its partners, above all the police, "
                "work on together for a period: the focus areas, and what each party commits to."))


@login_required
def agreement_edit(request, pk):
    access = for_request(request)
    agreement = selectors.agreement_get(access, pk, Action.CHANGE)
    form = AgreementForm(request.POST or None, instance=agreement, parties=_parties(access))
    response = save_form(
        request, form,
        lambda f: services.agreement_save(actor=request.user, agreement=agreement, **f.cleaned_data),
        _("The changes were saved."), lambda a: reverse("plans:agreement_detail", args=[a.pk]))
    return response or form_page(request, form, title=_("Edit %(agreement)s") % {"agreement": agreement},
                                  cancel=reverse("plans:agreement_detail", args=[agreement.pk]))


def _measures(access, agreement):
    """The measures a commitment can be linked to: those of the plans the user sees, of the agreement's
    municipality."""
    return selectors.measures(access).filter(plan__owner=agreement.owner).select_related("plan").order_by("title")


@login_required
def agreement_detail(request, pk):
    access = for_request(request)
    agreement = selectors.agreement_get(access, pk)
    can_change = selectors.agreements(access, Action.CHANGE).filter(pk=pk).exists()
    commitments = list(agreement.commitments.select_related("party").prefetch_related(
        Prefetch("measures", queryset=selectors.measures(access).order_by("title"), to_attr="visible_measures")))
    return render(request, "plans/agreement_detail.html", {
        "agreement": agreement, "parties": agreement.parties.all(), "commitments": commitments,
        "promises": selectors.promises(access).filter(agreement=agreement),
        "can_change": can_change,
        "commitment_form": CommitmentForm(agreement=agreement, measures=_measures(access, agreement))
        if can_change else None,
    })


@login_required
@require_POST
def commitment_add(request, pk):
    access = for_request(request)
    agreement = selectors.agreement_get(access, pk, Action.CHANGE)
    form = CommitmentForm(request.POST, agreement=agreement, measures=_measures(access, agreement))
    if form.is_valid():
        try:
            services.commitment_save(actor=request.user, agreement=agreement, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The commitment was added."))
    else:
        messages.error(request, _("The commitment was not added: %(errors)s") % {
            "errors": " ".join(e for errors in form.errors.values() for e in errors)})
    return redirect("plans:agreement_detail", pk=agreement.pk)


@login_required
@require_POST
def commitment_delete(request, pk, commitment_pk):
    agreement = selectors.agreement_get(for_request(request), pk, Action.CHANGE)
    services.commitment_delete(actor=request.user, commitment=get_object_or_404(agreement.commitments,
                                                                                pk=commitment_pk))
    messages.success(request, _("The commitment was removed."))
    return redirect("plans:agreement_detail", pk=agreement.pk)
