"""The upload of indicator values: the file and the organisation whose own values they are."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 20 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_(
        "CSV or XLSX with the columns indikator, period, värde and område (e.g. a trygghetsmätning per area), "
        "Kolada's JSON or a file from Brå."))
    organisation = forms.TypedChoiceField(label=_("Whose values"), coerce=int, help_text=_(
        "Own values belong to this organisation; their areas are matched by name among its areas."))
    check_only = forms.BooleanField(label=_("Only check the file, import nothing"), required=False, initial=True)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return file


class CatalogueAddForm(forms.Form):
    """One KPI of Kolada's catalogue, fetched for a municipality the user may add national statistics for."""

    kpi = forms.RegexField(regex=r"^[A-Za-z0-9]{1,20}$", widget=forms.HiddenInput)
    kommunkod = forms.ChoiceField(label=_("For the municipality"))

    def __init__(self, *args, municipalities: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kommunkod"].choices = municipalities
