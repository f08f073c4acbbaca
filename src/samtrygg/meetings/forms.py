from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from samtrygg.plans.models import Measure
from samtrygg.ui.forms import DATE, ModelChoices, OwnerChoice

from .models import AgendaItem, Group, Task, TaskStatus

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL)


class GroupForm(OwnerChoice, forms.ModelForm):
    owner_label = _("Convening organisation")

    class Meta:
        model = Group
        fields = ["kind", "name", "area", "description", "weekly_reporting"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, owners=None, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_owner_choice(owners)
        self.fields["area"].queryset = areas


class FunctionForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    title = forms.CharField(label=_("Function"), max_length=120,
                            help_text=_("For example kommunpolis, fältsamordnare, bovärd or trygghetssamordnare."))
    holder = forms.ModelChoiceField(label=_("Held by"), queryset=None, required=False,
                                    help_text=_("The function keeps its tasks when another person takes it over."))

    def __init__(self, *args, organisations, holders, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["holder"].queryset = holders
        self.fields["holder"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"
        if editing:
            del self.fields["organisation"]


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME, input_formats=[DATETIME_LOCAL])
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME, input_formats=[DATETIME_LOCAL])
    location = forms.CharField(label=_("Place"), max_length=200, required=False)


class SeriesForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("Leave empty to use the group's name."))
    first_start = forms.DateTimeField(label=_("First meeting starts"), widget=DATETIME,
                                      input_formats=[DATETIME_LOCAL])
    duration_minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=15, max_value=600, initial=60)
    interval_weeks = forms.IntegerField(label=_("Every (weeks)"), min_value=1, max_value=26, initial=1)
    until = forms.DateField(label=_("Until"), widget=DATE)
    location = forms.CharField(label=_("Place"), max_length=200, required=False)


class ItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "summary", "proposal", "basis", "notes", "decision"]
        widgets = {name: forms.Textarea(attrs={"rows": 3})
                   for name in ("summary", "proposal", "basis", "notes", "decision")}


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["function", "title", "place", "area", "due"]
        widgets = {"due": DATE}

    def __init__(self, *args, functions, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["function"].queryset = functions
        self.fields["area"].queryset = areas


class TaskReportForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    outcome = forms.CharField(label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AdjustersForm(forms.Form):
    adjusters = ModelChoices(label=_("Adjusters (justerare)"), queryset=None, widget=forms.CheckboxSelectMultiple,
                             help_text=_("Choose two of the group's members."))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adjusters"].queryset = members
        self.fields["adjusters"].label_from_instance = lambda u: u.get_full_name() or u.username


def holders_for(organisations):
    """The people who may hold a function: members of the organisations (or of those above them)."""
    ids = set()
    for org in organisations:
        while org is not None:
            ids.add(org.pk)
            org = org.parent
    return get_user_model().objects.filter(memberships__organisation__in=ids, is_active=True).distinct().order_by(
        "first_name", "last_name", "username")


class MeasureFromItemForm(forms.ModelForm):
    """The few things a meeting decides about a new measure; the coordinator completes it in the plan."""

    plan = forms.ModelChoiceField(label=_("Action plan"), queryset=None,
                                  help_text=_("A draft plan of the convening organisation."))

    class Meta:
        model = Measure
        fields = ["title", "description", "kind", "owner", "owner_function", "start", "end"]
        widgets = {"start": DATE, "end": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plans, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["owner"].queryset = organisations
        self.order_fields(["plan", *self.Meta.fields])


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Attach a document"),
                           help_text=_("PDF, office document, text file or image; part of the basis for decision."))
