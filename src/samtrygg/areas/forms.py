from django import forms
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .models import Area, AreaKind


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
