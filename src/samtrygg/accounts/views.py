"""Login and two-factor pages, organisations and their members."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from samtrygg import guards
from samtrygg.access import Action, for_request
from samtrygg.replicas import reads_primary
from samtrygg.ui.render import add_service_errors

from . import selectors, services, sign_on, two_factor
from .forms import (
    ApiTokenForm,
    LoginForm,
    MemberAddForm,
    MemberAttachForm,
    MemberPasswordForm,
    OrganisationSettingsForm,
    OwnPasswordForm,
    PrivacyPolicyForm,
    RoleForm,
    SignOnGroupForm,
    SubOrganisationForm,
    TokenForm,
)
from .models import Role


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, sign_on=sign_on.enabled(),
                                        provider=settings.SAMTRYGG_OIDC_PROVIDER_NAME)


@login_required
def two_factor_verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.two_factor_verify(request=request, token=form.cleaned_data["token"]):
            return redirect("web:start")
        form.add_error("token", _("The code was not accepted. Wait for a new code and try again."))
    return render(request, "accounts/two_factor_verify.html", {"form": form})


@login_required
def two_factor_setup(request):
    if not two_factor.may_enrol(request):  # the middleware sends such requests to the prompt already
        return redirect("accounts:two_factor")
    device = two_factor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.two_factor_confirm(request=request, device=device, token=form.cleaned_data["token"]):
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("web:start")
        form.add_error("token", _("The code was not accepted. Check the clock on your phone and try again."))
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "qr": two_factor.qr_svg_data_uri(device), "secret": two_factor.secret_base32(device),
        "required": selectors.two_factor_required(request.user),
        "replacing": selectors.has_confirmed_device(request.user),
    })


@sensitive_post_parameters()
@login_required
def password_change(request):
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(
                actor=request.user, user=request.user, password=form.cleaned_data["new_password1"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            update_session_auth_hash(request, request.user)  # this session stays; the others end
            messages.success(request, _("Your password was changed."))
            return redirect("web:start")
    return render(request, "accounts/password_change.html", {"form": form})


@never_cache
@login_required
def api_tokens(request):
    """The user's own API tokens. A new token's secret is shown in the response to the POST that made it and
    never again (not stored in the session or a message, not cached); a reload makes no second token silently,
    the browser asks first."""
    form = ApiTokenForm(request.POST or None)
    created, secret = None, None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = services.api_token_create(
                actor=request.user, user=request.user, name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"], days=form.cleaned_data["days"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            form = ApiTokenForm()
    return render(request, "accounts/api_tokens.html", {
        "form": form, "tokens": selectors.api_token_list(request.user), "created": created, "secret": secret,
    })


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = selectors.api_token_get(request.user, pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token %(name)s was revoked. Programs using it are refused from now on.")
                     % {"name": token.name})
    return redirect("accounts:api_tokens")


@never_cache
@login_required
def member_api_tokens(request, pk):
    """An admin's view of the active API tokens of the organisation's members, each revocable."""
    access = for_request(request)
    organisation = selectors.organisation_get(access, pk, Action.MANAGE_ORGANISATION)
    return render(request, "accounts/member_api_tokens.html", {
        "organisation": organisation, "tokens": selectors.member_api_tokens(access, organisation)})


@login_required
@require_POST
def member_api_token_revoke(request, pk, token_pk):
    access = for_request(request)
    organisation = selectors.organisation_get(access, pk, Action.MANAGE_ORGANISATION)
    token = selectors.member_api_token_get(access, token_pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token %(name)s of %(user)s was revoked.")
                     % {"name": token.name, "user": token.user.get_username()})
    return redirect("accounts:member_api_tokens", organisation.pk)


def sign_on_start(request):
    """Off to the identity provider (404 while single sign-on is not configured)."""
    if not sign_on.enabled():
        raise Http404
    return OIDCAuthenticationRequestView.as_view()(request)


@reads_primary  # a GET that finds the person and their memberships, then writes them: read where it writes
def sign_on_callback(request):
    if not sign_on.enabled():
        raise Http404
    return sign_on.SignOnCallbackView.as_view()(request)


@login_required
def sign_on_groups(request, pk):
    """Which groups of the identity provider give which role in the organisation."""
    access = for_request(request)
    organisation = selectors.organisation_get(access, pk, Action.MANAGE_ORGANISATION)
    form = SignOnGroupForm(request.POST or None, issuers=settings.SAMTRYGG_OIDC_ISSUERS)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_on_group_add(actor=request.user, organisation=organisation, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The group was added."))
            return redirect("accounts:sign_on_groups", organisation.pk)
    return render(request, "accounts/sign_on_groups.html", {
        "organisation": organisation, "form": form, "enabled": sign_on.enabled(),
        "mappings": selectors.sign_on_groups(organisation),
        "callback_url": request.build_absolute_uri(reverse("accounts:oidc_callback"))})


@login_required
@require_POST
def sign_on_group_remove(request, pk):
    mapping = selectors.sign_on_group_get(for_request(request), pk)
    services.sign_on_group_remove(actor=request.user, mapping=mapping)
    messages.success(request, _("The group was removed. Its members lose the role at their next sign-in."))
    return redirect("accounts:sign_on_groups", mapping.organisation_id)


@login_required
def privacy_policy(request, pk):
    """What happens to each kind of personal data found in the organisation's text: refused, masked or flagged."""
    access = for_request(request)
    organisation = selectors.organisation_get(access, pk, Action.MANAGE_ORGANISATION)
    inherited = guards.policy_for(organisation.parent)
    form = PrivacyPolicyForm(request.POST or None, organisation=organisation, inherited=inherited)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_set_privacy_policy(actor=request.user, organisation=organisation,
                                                     actions=form.actions())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The policy was saved. It applies to text saved from now on; "
                                        "redact-personal-data applies it to text already stored."))
            return redirect("accounts:privacy_policy", organisation.pk)
    return render(request, "accounts/privacy_policy.html", {
        "organisation": organisation, "form": form, "effective": guards.policy_for(organisation),
        "markers": guards.MARKERS, "kind_names": guards.KIND_NAMES, "labels": guards.policy.ACTION_LABELS,
    })


@login_required
def organisation_list(request):
    access = for_request(request)
    organisations = list(selectors.organisation_list(access))
    for org in organisations:
        role = access.role_in(org)
        org.my_role = Role(role).label if role else ""
    return render(request, "accounts/organisation_list.html", {"organisations": organisations})


@login_required
def organisation_detail(request, pk):
    access = for_request(request)
    org = selectors.organisation_get(access, pk)
    can_manage = access.can_in(Action.MANAGE_ORGANISATION, org)
    memberships = list(selectors.membership_list(access, org))
    if can_manage:
        _mark_account_actions(request, access, memberships)
    return render(request, "accounts/organisation_detail.html", {
        "org": org,
        "role": access.role_in(org),
        "memberships": memberships,
        "children": selectors.organisation_list(access).filter(parent=org),
        "can_manage": can_manage,
        "role_form": RoleForm(),
    })


def _mark_account_actions(request, access, memberships) -> None:
    """Set `manages_account` on each membership: may the admin set this person's password and deactivate the
    account (only when they administer all of the person's organisations, never for themselves)."""
    outside = selectors.outside_members(access, {m.user_id for m in memberships})
    for m in memberships:
        m.manages_account = m.user_id not in outside and m.user_id != request.user.pk


@login_required
def organisation_settings(request, pk):
    access = for_request(request)
    org = selectors.organisation_get(access, pk, Action.MANAGE_ORGANISATION)
    form = OrganisationSettingsForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(actor=request.user, organisation=org, **{
                f: form.cleaned_data[f] for f in form.Meta.fields
            })
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("accounts:organisation", pk=org.pk)
    return render(request, "accounts/organisation_settings.html", {"org": org, "form": form})


@login_required
def suborganisation_create(request, pk):
    access = for_request(request)
    parent = selectors.organisation_get(access, pk, Action.MANAGE_ORGANISATION)
    form = SubOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.organisation_create(
                actor=request.user, parent=parent, kommunkod=parent.kommunkod, is_demo=parent.is_demo,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("accounts:organisation", pk=child.pk)
    return render(request, "accounts/suborganisation_form.html", {"org": parent, "form": form})


@sensitive_post_parameters("password")
@login_required
def member_add(request, pk):
    """A new account, with its first membership in this organisation."""
    access = for_request(request)
    org = selectors.organisation_get(access, pk, Action.MANAGE_ORGANISATION)
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_create(
                actor=request.user, username=data["username"], password=data["password"], organisation=org,
                role=data["role"], first_name=data["first_name"], last_name=data["last_name"], email=data["email"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(user)s is now a member.") % {"user": data["username"]})
            return redirect("accounts:organisation", pk=org.pk)
    return render(request, "accounts/member_add.html", {"org": org, "form": form})


@login_required
def member_attach(request, pk):
    """An existing account, but only one that is a member of an organisation the admin administers (e.g. moving
    someone from the kommun to a förvaltning). Any other username gets the same answer, whether it exists or not."""
    access = for_request(request)
    org = selectors.organisation_get(access, pk, Action.MANAGE_ORGANISATION)
    form = MemberAttachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = selectors.member_candidate_get(access, form.cleaned_data["username"])
        if user is None:
            form.add_error("username", _("There is no one with this username in the organisations you administer."))
        else:
            services.membership_set(actor=request.user, user=user, organisation=org, role=form.cleaned_data["role"])
            messages.success(request, _("%(user)s is now a member.") % {"user": user.username})
            return redirect("accounts:organisation", pk=org.pk)
    return render(request, "accounts/member_attach.html", {"org": org, "form": form})


def _account_membership(request, pk):
    """The membership, for a change to the person's account: 404 unless the admin administers all of their
    organisations (see selectors.administers_account)."""
    access = for_request(request)
    membership = selectors.membership_get(access, pk)
    if not selectors.administers_account(access, membership.user):
        raise Http404
    return membership


@sensitive_post_parameters()
@login_required
def member_password(request, pk):
    membership = _account_membership(request, pk)
    form = MemberPasswordForm(membership.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(
                actor=request.user, user=membership.user, password=form.cleaned_data["new_password1"],
                organisation=membership.organisation,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("A new password was set for %(user)s.") % {"user": membership.user.username})
            return redirect("accounts:organisation", pk=membership.organisation_id)
    return render(request, "accounts/member_password.html", {"m": membership, "form": form})


@login_required
@require_POST
def member_deactivate(request, pk):
    membership = _account_membership(request, pk)
    services.user_deactivate(actor=request.user, user=membership.user, organisation=membership.organisation)
    messages.success(request, _("The account of %(user)s was deactivated. It can no longer be used to log in.")
                     % {"user": membership.user.username})
    return redirect("accounts:organisation", pk=membership.organisation_id)


@login_required
@require_POST
def member_reactivate(request, pk):
    membership = _account_membership(request, pk)
    services.user_reactivate(actor=request.user, user=membership.user, organisation=membership.organisation)
    messages.success(request, _("The account of %(user)s was reactivated.") % {"user": membership.user.username})
    return redirect("accounts:organisation", pk=membership.organisation_id)


@login_required
@require_POST
def member_role(request, pk):
    access = for_request(request)
    membership = selectors.membership_get(access, pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        membership = services.membership_set(
            actor=request.user, user=membership.user, organisation=membership.organisation,
            role=form.cleaned_data["role"],
        )
        messages.success(request, _("The role was changed."))
    if request.htmx:
        _mark_account_actions(request, access, [membership])
        return render(request, "accounts/_member_row.html", {"m": membership, "can_manage": True})
    return redirect("accounts:organisation", pk=membership.organisation_id)


@login_required
@require_POST
def member_remove(request, pk):
    access = for_request(request)
    membership = selectors.membership_get(access, pk)
    org_id = membership.organisation_id
    services.membership_delete(actor=request.user, membership=membership)
    messages.success(request, _("The membership was removed."))
    return redirect("accounts:organisation", pk=org_id)


@login_required
@require_POST
def member_reset_two_factor(request, pk):
    membership = _account_membership(request, pk)
    two_factor.two_factor_reset(actor=request.user, user=membership.user, organisation=membership.organisation)
    messages.success(request, _("The member will set up a new authenticator at the next login."))
    return redirect("accounts:organisation", pk=membership.organisation_id)
