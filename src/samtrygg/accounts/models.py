"""Organisations, people and their roles; people's API tokens."""

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrgType(models.TextChoices):
    KOMMUN = "kommun", _("Municipality")
    NAMND = "namnd", _("Committee or department (nämnd/förvaltning)")
    LOKALPOLISOMRADE = "lokalpolisomrade", _("Local police area")
    BOSTADSBOLAG = "bostadsbolag", _("Housing company")
    FASTIGHETSAGARE = "fastighetsagare", _("Property owner")
    RADDNINGSTJANST = "raddningstjanst", _("Rescue service")
    KOLLEKTIVTRAFIK = "kollektivtrafik", _("Public transport")
    BEVAKNINGSFORETAG = "bevakningsforetag", _("Security company")
    SKOLA = "skola", _("School")
    FORENING = "forening", _("Association / civil society")
    REGION = "region", _("Region")
    LANSSTYRELSE = "lansstyrelse", _("County administrative board")
    KOMMUNALFORBUND = "kommunalforbund", _("Municipal association")


# Organisations at the county level: they work with their members' shared numbers, not with areas of their own.
REGIONAL_TYPES = (OrgType.LANSSTYRELSE, OrgType.KOMMUNALFORBUND, OrgType.REGION)


class Role(models.TextChoices):
    """Ordered from most to least rights; see samtrygg.access for what each may do."""

    ADMIN = "admin", _("Administrator")
    SAMORDNARE = "samordnare", _("Coordinator")
    RAPPORTOR = "rapportor", _("Reporter")
    LASARE = "lasare", _("Reader")


class User(AbstractUser):
    is_demo = models.BooleanField(_("demo account"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=30, choices=OrgType.choices)
    kommunkod = models.CharField(_("municipality code"), max_length=4, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    is_demo = models.BooleanField(_("demo organisation"), default=False)
    require_2fa = models.BooleanField(_("require two-factor authentication"), default=False)
    allow_password_login = models.BooleanField(
        _("allow login with a samtrygg password"), default=True,
        help_text=_("Turn off when everyone signs in through the organisation's single sign-on."),
    )
    # {kind: "refuse" | "mask" | "warn"} for personal data found in text the organisation owns; kinds not set
    # follow the organisation above, else the default (samtrygg.guards.policy).
    privacy_policy = models.JSONField(_("policy for personal data in text"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["kommunkod"], condition=models.Q(type="kommun"), name="one_org_per_kommunkod"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def municipality_code(self) -> str:
        """The kommunkod of this organisation or of the nearest one above it that has one; "" if none has."""
        organisation = self
        while organisation is not None:
            if organisation.kommunkod:
                return organisation.kommunkod
            organisation = organisation.parent
        return ""


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    # Given by the identity provider's groups (SignOnGroup) at sign-in, and taken away there when the group goes.
    via_sign_on = models.BooleanField(default=False)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


class SignOnGroup(models.Model):
    """Single sign-on: members of `group` at the identity provider `issuer` get `role` in the organisation. The
    group is the value the provider sends in its groups claim (in Microsoft Entra ID the group's object id)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sign_on_groups")
    issuer = models.CharField(_("identity provider (issuer)"), max_length=300)
    group = models.CharField(_("group at the identity provider"), max_length=255)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["issuer", "group"]
        verbose_name = _("single sign-on group")
        verbose_name_plural = _("single sign-on groups")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "issuer", "group"], name="one_role_per_sign_on_group"),
        ]

    def __str__(self) -> str:
        return f"{self.group} → {self.get_role_display()}"


class SignOnIdentity(models.Model):
    """A person at an identity provider (issuer and subject, the provider's stable id) and their samtrygg account.
    `mfa` says whether their latest sign-in carried the provider's multi-factor claim."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_on_identities")
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    last_sign_on_at = models.DateTimeField(null=True, blank=True)
    mfa = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="one_account_per_identity")]

    def __str__(self) -> str:
        return f"{self.subject} @ {self.issuer}"


class ApiToken(models.Model):
    """A personal token for the REST API (`Authorization: Bearer <token>`). Only the SHA-256 digest of the token
    is stored, with a short prefix that lets its owner recognise it; the token itself is shown once, when made.
    A request with it acts as the user, with the user's rights — all of them (read and write) or only reading —
    until it expires or is revoked. Revoked and expired tokens stay as a record."""

    SCHEME = "samtrygg_"  # every token starts with this, so secret scanners and people recognise it
    LIFETIMES = (30, 90, 180, 365)  # days a new token may live; the longest is a year
    DEFAULT_LIFETIME = 90

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("beginning"), max_length=20)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    scope = models.CharField(_("access"), max_length=10, choices=Scope.choices, default=Scope.READ)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def read_only(self) -> bool:
        return self.scope == self.Scope.READ

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode("utf-8")).hexdigest()
