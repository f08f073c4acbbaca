"""The page "Gallring" of an organisation, reached from its settings: the rule that applies (its own or the one
it follows from above), what the next run would remove, the last run, and the form to set the rule. Only for
those who may manage the organisation (its admins and those of the organisations above it); 404 for everyone
else, as for the settings page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.access import Action, for_request
from samtrygg.accounts.selectors import organisation_get
from samtrygg.ui.render import save_form

from . import selectors, services
from .forms import RetentionRuleForm


def _organisation(request, pk):
    return organisation_get(for_request(request), pk, Action.MANAGE_ORGANISATION)


@login_required
def retention_rule(request, pk):
    org = _organisation(request, pk)
    own = selectors.rule_of(org)
    form = RetentionRuleForm(request.POST or None, instance=own)
    response = save_form(
        request, form,
        lambda f: services.retention_rule_save(actor=request.user, owner=org, **f.cleaned_data),
        _("The retention rule was saved. It is applied the next time the background jobs run."),
        lambda rule: reverse("retention:rule", args=[org.pk]))
    if response:
        return response
    rule = own or selectors.effective_rule(org)
    pending = selectors.pending_of(selectors.plan_for(org, rule, timezone.now())) if rule else None
    return render(request, "retention/rule.html", {
        "org": org, "form": form, "own": own, "rule": rule, "pending": pending,
        "last_run": selectors.last_run(org),
    })


@login_required
@require_POST
def retention_rule_remove(request, pk):
    """Remove the organisation's own rule, so that it follows the rule of the organisation above it."""
    org = _organisation(request, pk)
    try:
        services.retention_rule_delete(actor=request.user, owner=org)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The organisation's own retention rule was removed."))
    return redirect("retention:rule", pk=org.pk)
