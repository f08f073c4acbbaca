"""Sharing (samverkan): the grants given and received, new grants, revocation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.access import Action, for_request
from samtrygg.accounts.models import Organisation
from samtrygg.accounts.selectors import grantee_choices
from samtrygg.areas.selectors import area_list
from samtrygg.ui.render import add_service_errors

from . import selectors, services
from .forms import GrantForm


@login_required
def grant_list(request):
    access = for_request(request)
    grants = selectors.grant_list(access)
    managed = access.orgs_for(Action.MANAGE_SHARING)
    return render(request, "sharing/grant_list.html", {
        "given": [g for g in grants if g.grantor_id in access.roles],
        "received": [g for g in grants if g.grantee_id in access.roles],
        "managed": managed,
    })


@login_required
def grant_create(request):
    access = for_request(request)
    grantors = Organisation.objects.filter(pk__in=access.orgs_for(Action.MANAGE_SHARING))
    if not grantors.exists():
        raise Http404
    grantor = grantors.filter(pk=request.POST.get("grantor") or request.GET.get("grantor")).first()
    grantor = grantor or grantors.first()
    form = GrantForm(
        request.POST or None, grantors=grantors, grantees=grantee_choices(access, grantor),
        areas=area_list(access, action=Action.MANAGE_SHARING).filter(owner=grantor), initial={"grantor": grantor},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The data is now shared."))
            return redirect("sharing:list")
    return render(request, "sharing/grant_form.html", {"form": form, "grantor": grantor})


@login_required
@require_POST
def grant_revoke(request, pk):
    access = for_request(request)
    grant = selectors.grant_get(access, pk, Action.MANAGE_SHARING)
    try:
        services.grant_revoke(actor=request.user, grant=grant)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The sharing was revoked."))
    return redirect("sharing:list")
