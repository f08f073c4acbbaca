from django import forms
from django.utils.translation import gettext_lazy as _

from samtrygg.reference import kommuner

from .models import CountyPicture, Region


def county_choices():
    counties = sorted({(k.county_code, k.county_name) for k in kommuner().values()})
    return [("", "–"), *counties]


class RegionForm(forms.ModelForm):
    county_code = forms.ChoiceField(label=_("County"), choices=county_choices, required=False)

    class Meta:
        model = Region
        fields = ["county_code", "min_count"]


class MemberForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class DashboardForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    series = forms.ModelChoiceField(label=_("Statistics"), queryset=None, required=False)

    def __init__(self, *args, years, series, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]  # str: a year is not grouped like a number
        self.fields["series"].queryset = series


class PictureForm(forms.ModelForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    class Meta:
        model = CountyPicture
        fields = ["title", "year", "series", "summary", "conclusions"]
        help_texts = {
            "series": _("One national series (Kolada, Brå) to rank and map the members by."),
            "summary": _("What the county's picture shows, in a few sentences."),
            "conclusions": _("What the region proposes: shared priorities, support to members, joint measures."),
        }

    def __init__(self, *args, years, series, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["series"].queryset = series


class CouncilForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200,
                           help_text=_("For example the county's council for crime prevention, or its network of "
                                       "coordinators."))
    description = forms.CharField(label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    title = forms.CharField(label=_("Each member municipality's function"), max_length=120,
                            help_text=_("Every member municipality gets this function in the group; who holds it is "
                                        "chosen on the group's page."))


class CouncilMembersForm(forms.Form):
    title = forms.CharField(label=_("Function"), max_length=120)
