from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samtrygg.guards import policy

from .models import ApiToken, Organisation, OrgType, Role


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username"), max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Six-digit code from your authenticator app"), regex=r"^\d{6}$",
        error_messages={"invalid": _("Enter the six digits shown in the app.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class OrganisationSettingsForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "require_2fa", "allow_password_login"]
        help_texts = {
            "require_2fa": _("Members must use an authenticator app when they log in, or sign in through single "
                             "sign-on with the identity provider's multi-factor authentication."),
            "allow_password_login": _("Turn off when everyone signs in through single sign-on: samtrygg passwords "
                                      "are then refused for the members of this organisation and those below it."),
        }


class SignOnGroupForm(forms.Form):
    issuer = forms.ChoiceField(label=_("Identity provider (issuer)"))
    group = forms.CharField(
        label=_("Group"), max_length=255,
        help_text=_("As the identity provider sends it in the groups claim; in Microsoft Entra ID the group's "
                    "object id, e.g. 5f0c2c3a-8d9e-4b7a-9c1e-2a3b4c5d6e7f."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.LASARE)

    def __init__(self, *args, issuers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].choices = [(i, i) for i in issuers]


class SubOrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    type = forms.ChoiceField(label=_("Type"), choices=[(OrgType.NAMND, OrgType.NAMND.label)] + [
        c for c in OrgType.choices if c[0] in {OrgType.SKOLA, OrgType.BOSTADSBOLAG}
    ])


class MemberAddForm(forms.Form):
    """A new account with its first membership."""

    username = forms.CharField(label=_("Username"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    password = forms.CharField(
        label=_("Initial password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. Give it to the person in a safe way; they can change it later."),
    )


class MemberAttachForm(forms.Form):
    """An existing account, which must already be a member of an organisation the admin administers."""

    username = forms.CharField(label=_("Username"), max_length=150, widget=forms.TextInput(attrs={
        "autocomplete": "off", "autocapitalize": "none",
    }))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class _SetThroughService:
    """Django's password forms validate; the view writes with services.user_set_password (audited)."""

    def save(self, commit=True):
        raise NotImplementedError("set the password with samtrygg.accounts.services.user_set_password")


class OwnPasswordForm(_SetThroughService, PasswordChangeForm):
    """The logged-in user's own password: the current one, then the new one twice."""


class MemberPasswordForm(_SetThroughService, SetPasswordForm):
    """An admin sets a new initial password for a member."""


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new token"), max_length=100,
        help_text=_("What the token is for, e.g. the program or script that uses it."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    scope = forms.ChoiceField(
        label=_("Access"), choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ, widget=forms.RadioSelect,
        help_text=_("Read only is enough for reports, maps and exports. Only a program that reports or changes "
                    "data needs read and write."),
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"), coerce=int, initial=ApiToken.DEFAULT_LIFETIME,
        choices=lambda: [(d, ngettext("%(days)s day", "%(days)s days", d) % {"days": d}) for d in ApiToken.LIFETIMES],
        help_text=_("The token stops working after this; make a new one then."),
    )


class PrivacyPolicyForm(forms.Form):
    """One choice per kind of personal data: the organisation's own action, or "as above" (the organisation above
    it, else the default, named in the choice)."""

    INHERIT = ""

    def __init__(self, *args, organisation, inherited, **kwargs):
        super().__init__(*args, **kwargs)
        own = organisation.privacy_policy or {}
        for kind, allowed in policy.ALLOWED.items():
            above = policy.ACTION_LABELS[inherited.action(kind)]
            self.fields[kind] = forms.ChoiceField(
                label=capfirst(policy.KIND_NAMES[kind]), required=False, initial=own.get(kind, self.INHERIT),
                choices=[(self.INHERIT, (_("As above (%(action)s)") if organisation.parent_id else
                                         _("Default (%(action)s)")) % {"action": above})]
                + [(action, policy.ACTION_LABELS[action]) for action in allowed],
            )

    def actions(self) -> dict[str, str]:
        return {kind: action for kind, action in self.cleaned_data.items() if action}
