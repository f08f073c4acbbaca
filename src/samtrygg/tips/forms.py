from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from samtrygg.incidents.forms import DATETIME_LOCAL, PhotoForm
from samtrygg.incidents.taxonomy import category_label, category_name

from .models import Channel

SWEDEN = (55.0, 69.2, 10.5, 24.3)  # lat and lon bounds: a point outside is a mistake
MIN_SECONDS = 3  # a person takes longer than this to fill in the form; a script often does not
MAX_AGE = 24 * 3600
SALT = "samtrygg.tips.form"


def form_token() -> str:
    """A signed time stamp put in the form when it is shown."""
    return signing.TimestampSigner(salt=SALT).sign("tip")


class TipForm(PhotoForm):
    """The resident's tip. Two traps for scripts, none for people: `website` (hidden from people and from screen
    readers, left empty by them) and `token` (the form was shown at least MIN_SECONDS ago, signed by the server)."""

    category = forms.ModelChoiceField(label=_("What makes the place unsafe?"), queryset=None,
                                      widget=forms.RadioSelect, empty_label=None)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=SWEDEN[0], max_value=SWEDEN[1],
                           widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=SWEDEN[2], max_value=SWEDEN[3],
                           widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    place = forms.CharField(label=_("Address or name of the place"), max_length=200, required=False,
                            help_text=_("If you do not mark the place on the map: for example Storgatan 12, or the "
                                        "footpath behind the sports hall."))
    description = forms.CharField(
        label=_("What is it like there? (optional)"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Describe the place, never people: no names, personal identity numbers or registration "
                    "numbers."))
    email = forms.EmailField(
        label=_("Your e-mail, if you want a reply (optional)"), required=False,
        help_text=_("Kept apart from the tip and deleted when the tip has been handled."))
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
    token = forms.CharField(widget=forms.HiddenInput)
    field_order = ["category", "lat", "lon", "place", "description", "photo", "email"]

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["category"].label_from_instance = category_name  # plain words, no main category
        self.fields["token"].initial = form_token()

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("The tip could not be sent. Try again."), code="trap")
        signer, token = signing.TimestampSigner(salt=SALT), data.get("token") or ""
        try:
            signer.unsign(token, max_age=MAX_AGE)
        except signing.BadSignature:
            raise forms.ValidationError(_("The form is too old. Fill it in again."), code="stale") from None
        try:
            signer.unsign(token, max_age=MIN_SECONDS)
        except signing.SignatureExpired:
            pass  # shown long enough ago
        else:
            raise forms.ValidationError(_("The tip could not be sent. Try again."), code="too_fast")
        if (data.get("lat") is None) != (data.get("lon") is None):
            self.add_error("lat", _("A place needs both latitude and longitude."))
        if data.get("lat") is None and not (data.get("place") or "").strip():
            self.add_error("place", _("Mark the place on the map or write an address or the place's name."))
        return data


class ChannelForm(forms.ModelForm):
    class Meta:
        model = Channel
        fields = ["open", "introduction", "categories"]
        widgets = {"categories": forms.CheckboxSelectMultiple, "introduction": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = categories
        self.fields["categories"].label_from_instance = category_label


class ApproveForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=None)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90,
                           widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180,
                           widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    occurred_from = forms.DateTimeField(
        label=_("When"), input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL))
    description = forms.CharField(label=_("Description"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=_("Correct the text if it says anything about people."))
    lagesbild_draft = forms.ModelChoiceField(
        label=_("Approve as"), queryset=None, required=False, empty_label=_("An incident on the map"),
        help_text=_("Or as an observation in a draft situation picture."))
    reply = forms.CharField(label=_("Reply to the resident (optional)"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, categories, drafts, has_contact: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["category"].label_from_instance = category_label
        self.fields["lagesbild_draft"].queryset = drafts
        self.fields["lagesbild_draft"].label_from_instance = lambda lb: str(
            _("Observation in %(title)s") % {"title": lb.title})
        if not has_contact:
            del self.fields["reply"]


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Why is the tip rejected?"), max_length=300,
                             help_text=_("Kept in the audit log; the tip itself is deleted."))
    reply = forms.CharField(label=_("Reply to the resident (optional)"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, has_contact: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_contact:
            del self.fields["reply"]
