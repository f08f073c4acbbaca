"""Forms of the incident pages: the quick report, the edit form, status changes (one or many), the choice among
possible duplicates on submit and the merge of duplicates."""

from datetime import datetime, time, timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samtrygg import guards
from samtrygg.guards.dates import within_calendar
from samtrygg.lib import photos, privacy
from samtrygg.ui.forms import DATE

from . import exporting, selectors
from .models import Category, PlaceType, PoliceReported, Source, Status
from .taxonomy import category_label

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def refuse_identity_numbers(form, field: str) -> str:
    """The cleaned text of `field`; if it holds an identity number, an error naming the kind, and the number is
    replaced in the form's data so that the page shown again never echoes it."""
    text = form.cleaned_data.get(field, "")
    errors = guards.privacy_errors(text)
    if errors:
        found = [f for f in privacy.find_personal_data(text) if f.kind in privacy.IDENTITY_KINDS]
        form.data = form.data.copy()
        form.data[form.add_prefix(field)] = privacy.redact(text, found, by_kind=True)
        raise forms.ValidationError(errors, code="personal_data")
    return text


class SubcategorySelect(forms.Select):
    """Each option names its main category (data-parent), so report.js can offer only the matching ones."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-parent"] = str(instance.parent_id)
        return option


class IncidentForm(forms.Form):
    """The fields a reporter fills in. Category as a main category (big radio buttons) plus an optional
    subcategory; the place as a point (lat/lon, filled in by the map or the phone's position) or an area."""

    category = forms.ModelChoiceField(
        label=_("What happened?"), queryset=Category.objects.none(), widget=forms.RadioSelect, empty_label=None,
    )
    subcategory = forms.ModelChoiceField(
        label=_("More precisely (optional)"), queryset=Category.objects.none(), required=False,
        widget=SubcategorySelect,
    )
    occurred_from = forms.DateTimeField(
        label=_("When?"), input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d"], validators=[within_calendar],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    lat = forms.FloatField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    lon = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    area = forms.ModelChoiceField(
        label=_("Or choose an area"), queryset=Category.objects.none(), required=False,
        empty_label=_("No area chosen"),
    )
    place_type = forms.ChoiceField(
        label=_("Type of place"), choices=[("", _("Not stated"))] + PlaceType.choices, required=False,
    )
    description = forms.CharField(
        label=_("Short description"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Describe what happened and where. Never write names, personal identity numbers, phone "
                    "numbers or registration numbers."),
    )
    reported_to_police = forms.ChoiceField(
        label=_("Reported to the police?"), choices=PoliceReported.choices, widget=forms.RadioSelect,
        initial=PoliceReported.UNKNOWN,
    )
    damage_cost_sek = forms.IntegerField(
        label=_("Cost of damage (SEK)"), required=False, min_value=0, max_value=100_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, categories, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories.filter(parent__isnull=True)
        self.fields["subcategory"].queryset = categories.filter(parent__isnull=False).select_related("parent")
        self.fields["category"].label_from_instance = self.fields["subcategory"].label_from_instance = category_label
        self.fields["area"].queryset = areas
        if not self.is_bound and "occurred_from" not in self.initial:
            self.initial["occurred_from"] = timezone.localtime().replace(second=0, microsecond=0)

    def clean_description(self):
        return refuse_identity_numbers(self, "description")

    def clean(self):
        data = super().clean()
        main, sub = data.get("category"), data.get("subcategory")
        if main and sub and sub.parent_id != main.pk:
            self.add_error("subcategory", _("Choose a subcategory of the chosen category."))
        if (data.get("lat") is None) != (data.get("lon") is None):
            self.add_error("lat", _("A place needs both latitude and longitude."))
        return data

    def incident_fields(self) -> dict:
        """The cleaned values as keyword arguments of services.incident_create/update."""
        data = self.cleaned_data
        fields = {
            "category": data["subcategory"] or data["category"],
            "occurred_from": data["occurred_from"], "lat": data["lat"], "lon": data["lon"], "area": data["area"],
            "place_type": data["place_type"], "description": data["description"],
            "reported_to_police": data["reported_to_police"], "damage_cost_sek": data["damage_cost_sek"],
        }
        for extra in ("occurred_to", "source"):
            if extra in data:
                fields[extra] = data[extra]
        return fields


class PhotoForm(forms.Form):
    """An optional photo, cleaned to a JPEG without metadata (lib.photos) before anything is stored."""

    photo = forms.FileField(
        label=_("Photo (optional)"), required=False, widget=forms.FileInput(attrs={"accept": "image/*"}),
        help_text=_("Location and camera data are removed from the photo before it is stored. Do not "
                    "photograph people."),
    )

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and upload.size > limit:
            raise forms.ValidationError(_("The photo is too large."), code="photo_too_large")
        try:
            return photos.clean_photo(upload.read())
        except photos.PhotoError as exc:
            if exc.code == "too_large":
                raise forms.ValidationError(_("The photo has too many pixels."), code="photo_too_large") from None
            raise forms.ValidationError(
                _("The file is not a picture that can be read (use JPEG, PNG, WebP or GIF)."), code="not_image",
            ) from None


class ReportForm(IncidentForm, PhotoForm):
    """The quick report: the organisation only when the reporter reports for several, and an optional photo."""

    owner = forms.ModelChoiceField(label=_("Reporting for"), queryset=None, empty_label=None)
    client_key = forms.UUIDField(required=False, widget=forms.HiddenInput)  # the device's key: sent once
    field_order = ["owner", "category", "subcategory", "occurred_from"]

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].initial = (selectors.default_owner(owners) or owners[0]).pk
        if len(owners) == 1:
            self.fields["owner"].widget = forms.HiddenInput()


class EditForm(IncidentForm, PhotoForm):
    """Changing a stored incident: also the end of an interval and the source; a new photo, or none."""

    occurred_to = forms.DateTimeField(
        label=_("Until (for a period)"), required=False, input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M"],
        validators=[within_calendar],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)
    field_order = ["category", "subcategory", "occurred_from", "occurred_to"]

    def __init__(self, *args, has_photo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if has_photo:
            self.fields["photo"].label = _("Replace the photo (optional)")
        else:
            del self.fields["remove_photo"]

    def photo_change(self) -> dict:
        """The service's photo arguments: a new photo, or remove=True, or nothing."""
        if self.cleaned_data.get("photo"):
            return {"photo": self.cleaned_data["photo"]}
        return {"remove_photo": True} if self.cleaned_data.get("remove_photo") else {}

    @staticmethod
    def initial_for(incident) -> dict:
        category = incident.category
        return {
            "category": category.parent_id or category.pk, "subcategory": category.pk if category.parent_id else None,
            "occurred_from": timezone.localtime(incident.occurred_from),
            "occurred_to": timezone.localtime(incident.occurred_to) if incident.occurred_to else None,
            "lat": incident.lat, "lon": incident.lon, "area": incident.area_id, "place_type": incident.place_type,
            "description": incident.description, "reported_to_police": incident.reported_to_police,
            "damage_cost_sek": incident.damage_cost_sek, "source": incident.source,
        }


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=500)

    def clean_note(self):
        return refuse_identity_numbers(self, "note")


class BulkStatusForm(StatusForm):
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=True)
    query = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any ids may be posted; the view acts only on those the user may change.
        raw = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [(v, v) for v in raw if str(v).isdigit()]
        self.fields["ids"].error_messages["required"] = _("Choose at least one incident.")


def candidate_label(incident) -> str:
    """One possible duplicate in a sentence: category, time, distance, area, organisation and the description's
    start (the user may see it: candidates are scoped)."""
    label = gettext("%(category)s, %(when)s, %(distance)s m away, %(area)s, reported by %(organisation)s") % {
        "category": category_label(incident.category), "distance": round(incident.distance_m),
        "when": date_format(timezone.localtime(incident.occurred_from), "Y-m-d H:i"),
        "area": incident.area.name if incident.area else "–", "organisation": incident.owner.name,
    }
    if incident.description:
        label += f": “{Truncator(incident.description).chars(160)}”"
    return label


class DuplicateChoiceForm(forms.Form):
    """On submit: is the report the same as one of the incidents nearby (duplicates.candidates), or new?"""

    NEW = "new"
    duplicate_choice = forms.ChoiceField(label=_("Is it the same as one of these?"), widget=forms.RadioSelect,
                                         initial=NEW)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {str(incident.pk): incident for incident in candidates}
        self.fields["duplicate_choice"].choices = [
            *((pk, candidate_label(incident)) for pk, incident in self.candidates.items()),
            (self.NEW, _("No, it is a new incident")),
        ]

    def chosen(self):
        """The incident chosen, or None for a new one."""
        return self.candidates.get(self.cleaned_data["duplicate_choice"])


class MergeForm(forms.Form):
    """The duplicates to merge into the incident (only those the user may change are offered)."""

    ids = forms.TypedMultipleChoiceField(label=_("Duplicates to merge into this incident"), coerce=int,
                                         widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {incident.pk: incident for incident in candidates}
        self.fields["ids"].choices = [(pk, candidate_label(incident)) for pk, incident in self.candidates.items()]
        self.fields["ids"].error_messages["required"] = _("Choose at least one incident.")

    def chosen(self) -> list:
        return [self.candidates[pk] for pk in self.cleaned_data["ids"]]


# --- several events in one report (the weekly report) ------------------------------------------------------------
class BatchForm(forms.Form):
    """The weekly report's head: for which organisation and which days."""

    owner = forms.ModelChoiceField(label=_("Reporting for"), queryset=None, empty_label=None)
    period_start = forms.DateField(label=_("From"), widget=DATE)
    period_end = forms.DateField(label=_("To"), widget=DATE)
    note = forms.CharField(label=_("Note on the week (optional)"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Describe places and events, never people."))

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].initial = (selectors.default_owner(owners) or owners[0]).pk
        if len(owners) == 1:
            self.fields["owner"].widget = forms.HiddenInput()
        today = timezone.localdate()
        self.fields["period_start"].initial = today - timedelta(days=today.weekday() + 7)  # last week's Monday
        self.fields["period_end"].initial = today - timedelta(days=today.weekday() + 1)  # and its Sunday


class EventForm(forms.Form):
    """One event of the weekly report: what, where, which day (and time, if known) and how many."""

    category = forms.ModelChoiceField(label=_("What"), queryset=None)
    area = forms.ModelChoiceField(label=_("Where"), queryset=None)
    day = forms.DateField(label=_("Day"), widget=DATE)
    time = forms.TimeField(label=_("Time (optional)"), required=False,
                           widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    count = forms.IntegerField(label=_("How many"), min_value=1, max_value=50, initial=1)
    description = forms.CharField(label=_("Description (optional)"), max_length=2000, required=False)

    def __init__(self, *args, categories, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["category"].label_from_instance = category_label
        self.fields["area"].queryset = areas

    def event(self) -> dict:
        """The event as keyword arguments of services.batch_create: a time makes a moment, a day alone the whole
        day as an interval (so the analysis of hours does not read a made-up time)."""
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        if data["time"] is not None:
            start, end = datetime.combine(data["day"], data["time"], zone), None
        else:
            start = datetime.combine(data["day"], time(0, 0), zone)
            end = datetime.combine(data["day"], time(23, 59), zone)
        return {"category": data["category"], "area": data["area"], "occurred_from": start, "occurred_to": end,
                "description": data["description"], "source": Source.OWN, "count": data["count"]}


class BaseEventFormSet(forms.BaseFormSet):
    def __init__(self, *args, categories, areas, **kwargs):
        self.categories, self.areas = categories, areas
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"categories": self.categories, "areas": self.areas}

    def events(self) -> list[dict]:
        return [form.event() for form in self.forms if form.has_changed() and form.cleaned_data]


EventFormSet = forms.formset_factory(EventForm, formset=BaseEventFormSet, extra=6, max_num=50, validate_max=True)


EXPORT_LABELS = {"csv": "CSV", "xlsx": _("Excel (XLSX)"), "geojson": "GeoJSON"}  # one per exporting.FORMATS


class ExportForm(forms.Form):
    """The list's export: the file format, and the coordinates (always WGS 84, as maps and GeoJSON use; on request
    also SWEREF 99 TM, the Swedish grid, as two more columns). Bound to request.GET by the export view; on the
    list page, `query` (the list's request.GET) gives the filters the form carries as hidden fields, so the file
    holds what the list shows."""

    OWN = ("format", "coordinates", "sweref", "page")  # the export's own parameters; every other one is a filter
    WGS84, SWEREF = "wgs84", "sweref"

    format = forms.ChoiceField(label=_("File format"), required=False, initial="csv", widget=forms.RadioSelect,
                               choices=[(fmt, EXPORT_LABELS[fmt]) for fmt in exporting.FORMATS])
    coordinates = forms.ChoiceField(
        label=_("Coordinate system"), required=False, initial=WGS84, widget=forms.RadioSelect,
        choices=[(WGS84, _("WGS 84 (latitude, longitude)")),
                 (SWEREF, _("WGS 84 and SWEREF 99 TM (northing, easting)"))],
    )

    def __init__(self, *args, query=None, **kwargs):
        kwargs.setdefault("auto_id", "export_%s")
        super().__init__(*args, **kwargs)
        self.filters = [(key, value) for key, values in (query.lists() if query is not None else ())
                        if key not in self.OWN for value in values]

    def clean_format(self) -> str:
        return self.cleaned_data["format"] or "csv"

    def sweref(self) -> bool:
        """SWEREF 99 TM chosen (or asked for as links and scripts did before the form: ?sweref=1)."""
        return self.cleaned_data.get("coordinates") == self.SWEREF or self.data.get("sweref") in ("1", "on", "true")
