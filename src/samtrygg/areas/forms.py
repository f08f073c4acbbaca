from django import forms
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .models import STATISTICAL_KINDS, Area, AreaKind


class AreaForm(forms.ModelForm):
    class Meta:
        model = Area
        fields = ["name", "kind", "parent", "police_classification", "population"]

    def __init__(self, *args, parent_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parent_choices if parent_choices is not None else Area.objects.none()


class AreaImportForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    file = forms.FileField(label=_("GeoJSON file (WGS 84)"))
    kind = forms.ChoiceField(label=_("Kind of area"), choices=AreaKind.choices, initial=AreaKind.KOMMUNDEL)
    name_property = forms.CharField(
        label=_("Property holding the name"), initial="name", max_length=60,
        help_text=_("The feature property that holds each area's name, e.g. name or NAMN."),
    )
    parent = forms.ModelChoiceField(label=_("Parent area"), queryset=None, required=False)

    def __init__(self, *args, owners, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["parent"].queryset = parents
        if owners.count() == 1:
            self.fields["owner"].initial = owners.first()

    def clean_file(self):
        """Django's upload settings do not cap the size of an uploaded file, so the form does, at the limit of
        a request body (SAMTRYGG_UPLOAD_MAX_MB), before the service reads the file into memory."""
        upload = self.cleaned_data["file"]
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large: at most %(limit)s MB can be uploaded."),
                code="file_too_large", params={"limit": megabytes(limit)},
            )
        return upload


def megabytes(size: int) -> str:
    """A byte count in MB (2**20 bytes) for messages: 20, 0.5, 0.000977 (three significant digits), localised."""
    mb = float(f"{size / 2**20:.3g}")
    return number_format(int(mb) if mb.is_integer() else mb)


class AreaFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds"))] + AreaKind.choices, required=False)


class _ScbForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        if owners.count() == 1:
            self.fields["owner"].initial = owners.first()

    clean_file = AreaImportForm.clean_file


class ScbAreasForm(_ScbForm):
    """SCB's DeSO or RegSO boundaries: a GeoPackage or GeoJSON file as SCB publishes it."""

    file = forms.FileField(label=_("SCB's GeoPackage or GeoJSON file"),
                           help_text=_("For example DeSO_2025.gpkg or RegSO_2025.gpkg, in SWEREF 99 TM or WGS 84."))
    kind = forms.ChoiceField(label=_("Kind of area"), choices=[(k.value, k.label) for k in STATISTICAL_KINDS])
    all_municipalities = forms.BooleanField(
        label=_("Import the areas of every municipality in the file"), required=False,
        help_text=_("Otherwise only the areas of the owner's municipality are imported."),
    )


class ScbPopulationForm(_ScbForm):
    """The population of the DeSO and RegSO areas: SCB's statistics API answer in JSON-stat2."""

    file = forms.FileField(label=_("SCB's population table (JSON-stat2)"),
                           help_text=_("PxWebApi's answer for e.g. table FolkmDesoAldKon, saved as json-stat2."))
    year = forms.RegexField(label=_("Year"), regex=r"^\d{4}$", required=False,
                            help_text=_("Leave empty for the latest year in the file."))
