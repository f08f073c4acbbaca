from django import forms
from django.utils.translation import gettext_lazy as _

from samtrygg.incidents.forms import DATETIME_LOCAL, PhotoForm
from samtrygg.incidents.taxonomy import category_label

from .models import Unsafe

SWEDEN = (55.0, 69.2, 10.5, 24.3)  # lat and lon bounds: a point outside is a mistake
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL)


class WalkForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Municipality"), queryset=None, empty_label=None)
    area = forms.ModelChoiceField(label=_("Area"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Time"), widget=DATETIME, input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M"])
    meeting_place = forms.CharField(label=_("Meeting place"), max_length=200, required=False,
                                    help_text=_("Where the participants meet, for example outside the library."))
    route = forms.CharField(required=False, widget=forms.HiddenInput, max_length=100_000)
    summary = forms.CharField(label=_("Summary"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("What the walk found and what happens next; shown in the walk report."))

    def __init__(self, *args, owners, areas, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["area"].queryset = areas
        if editing or owners.count() == 1:
            self.fields["owner"].widget = forms.HiddenInput()
        if editing:
            del self.fields["owner"]
        else:
            del self.fields["summary"]


class ParticipantForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    function = forms.CharField(label=_("Function"), max_length=200,
                               help_text=_("A role, not a name: for example kommunpolis, bovärd or boende."))
    count = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=500, initial=1)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ObservationForm(PhotoForm):
    client_key = forms.UUIDField(required=False, widget=forms.HiddenInput)  # the phone's key: stored once
    category = forms.ModelChoiceField(label=_("What makes the place unsafe?"), queryset=None,
                                      widget=forms.RadioSelect, empty_label=None)
    lat = forms.FloatField(label=_("Latitude"), min_value=SWEDEN[0], max_value=SWEDEN[1],
                           widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    lon = forms.FloatField(label=_("Longitude"), min_value=SWEDEN[2], max_value=SWEDEN[3],
                           widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    unsafe = forms.TypedChoiceField(label=_("How unsafe does it feel?"), choices=Unsafe.choices, coerce=int,
                                    widget=forms.RadioSelect, initial=3)
    description = forms.CharField(
        label=_("Description"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Describe the place, never people: no names, personal identity numbers or registration "
                    "numbers."))
    suggested_measure = forms.CharField(label=_("Suggested measure"), max_length=2000, required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}),
                                        help_text=_("For example: cut back the bushes, change the lamp."))
    responsible = forms.ModelChoiceField(label=_("Who does it: organisation"), queryset=None, required=False,
                                         empty_label=_("Not decided"))
    responsible_function = forms.CharField(label=_("Who does it: function"), max_length=200, required=False,
                                           help_text=_("A role, not a name: for example gatuenheten or bovärd."))
    field_order = ["category", "lat", "lon", "unsafe", "description", "suggested_measure", "responsible",
                   "responsible_function", "photo"]

    def __init__(self, *args, categories, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["category"].label_from_instance = category_label
        self.fields["responsible"].queryset = organisations


class DoneForm(forms.Form):
    summary = forms.CharField(label=_("Summary"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("What the walk found and what happens next; shown in the walk report."))


class MeasureForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Action plan"), queryset=None, empty_label=None)

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
