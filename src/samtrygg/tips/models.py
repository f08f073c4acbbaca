"""Tips from residents: a municipality's public tip page (`Channel`: open or closed, the categories residents choose
from), the tips waiting for moderation (`Tip`: a place, what makes it unsafe, a text, a photo without metadata; no
account, no address, nothing about the sender), the optional e-mail for a reply (`TipContact`, a row of its own,
deleted when the tip is decided), and the per-address limit (`Quota`: a keyed digest of the address per hour, never
the address). A decided tip is deleted: an approved one lives on as an incident or a lägesbild observation, a
rejected one leaves only its reason in the audit log."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_CATEGORIES = (
    "fysisk-miljo.belysning", "fysisk-miljo.vegetation", "fysisk-miljo.trasigt", "fysisk-miljo.overgivet",
    "skadegorelse.klotter", "skadegorelse.glaskross", "nedskrapning.skrap", "nedskrapning.dumpning",
    "narkotika.fynd", "ordningsstorning.ungdomar", "trafik.moped", "ovrigt",
)


class Channel(models.Model):
    municipality = models.OneToOneField("accounts.Organisation", verbose_name=_("municipality"),
                                        on_delete=models.PROTECT, related_name="tip_channel")
    open = models.BooleanField(_("open for tips"), default=False)
    introduction = models.TextField(
        _("introduction"), blank=True, max_length=2000,
        help_text=_("Shown above the form: what happens with a tip, and where to call in an emergency."))
    categories = models.ManyToManyField("incidents.Category", verbose_name=_("categories for residents"),
                                        related_name="+", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tip page")
        verbose_name_plural = _("tip pages")

    def __str__(self) -> str:
        return str(self.municipality)


def new_reference() -> str:
    """A tip's public reference (its Open311 service_request_id): random, so references cannot be enumerated."""
    return secrets.token_hex(8)


class Tip(models.Model):
    reference = models.CharField(max_length=16, unique=True, default=new_reference, editable=False)
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="tips")
    category = models.ForeignKey("incidents.Category", verbose_name=_("what makes the place unsafe"),
                                 on_delete=models.PROTECT, related_name="+")
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    place = models.CharField(_("address or name of the place"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    photo = models.ImageField(_("photo"), upload_to="tips/%Y/%m/", blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("tip")
        verbose_name_plural = _("tips")
        indexes = [models.Index(fields=["channel", "received_at"], name="tip_channel_received")]

    def __str__(self) -> str:
        if not self.received_at:
            return str(self.category)
        return f"{self.category} ({timezone.localtime(self.received_at):%Y-%m-%d %H.%M})"


class OutcomeStatus(models.TextChoices):
    APPROVED = "godkand", _("Approved")
    REJECTED = "avvisad", _("Rejected")


class Outcome(models.Model):
    """What became of a decided tip, for a status look-up by its reference (Open311): the category and the times,
    never its text, place or reason."""

    reference = models.CharField(max_length=16, unique=True)
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="outcomes")
    category = models.ForeignKey("incidents.Category", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=OutcomeStatus.choices)
    received_at = models.DateTimeField()
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_at", "pk"]
        indexes = [models.Index(fields=["channel", "received_at"], name="outcome_channel_received")]

    def __str__(self) -> str:
        return f"{self.reference}: {self.get_status_display()}"


class TipContact(models.Model):
    """The resident's e-mail for a reply, apart from the tip; deleted when the tip is decided (after the reply)."""

    tip = models.OneToOneField(Tip, on_delete=models.CASCADE, related_name="contact")
    email = models.EmailField(_("e-mail"))

    def __str__(self) -> str:
        return f"contact of tip {self.tip_id}"  # never the address


class Quota(models.Model):
    """Tips from one address in one hour: `digest` is an HMAC of the address and the hour under the installation's
    secret, so the address itself is never stored and cannot be matched across hours."""

    digest = models.CharField(max_length=64)
    hour = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["digest", "hour"], name="one_quota_per_hour")]

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H}: {self.count}"
