"""The survey's form, a question's form, and the answer form built from the survey's questions (grouped by section
heading)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samtrygg.ui.forms import DATE, Fieldsets

from .models import Kind, Question, Survey, YesNo


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "introduction", "opens", "closes"]
        widgets = {"opens": DATE, "closes": DATE, "introduction": forms.Textarea(attrs={"rows": 4})}


class QuestionForm(forms.ModelForm):
    choices = forms.CharField(
        label=_("Options"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only for the kind \"One of listed options\": one option per line."))

    class Meta:
        model = Question
        fields = ["section", "text", "kind", "choices"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"section": _("Optional, e.g. \"Extern samverkan\". Questions under the same heading are "
                                   "shown and counted together.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["choices"] = "\n".join(self.instance.choices or [])

    def clean_choices(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["choices"].splitlines() if line.strip()]


class AnswerForm(Fieldsets, forms.Form):
    """One field per question, named q<id>; the sections are the fieldsets."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fieldsets = []
        for question in questions:
            name = f"q{question.pk}"
            self.fields[name] = self._field(question)
            if not self.fieldsets or self.fieldsets[-1][0] != question.section:
                self.fieldsets.append((question.section, []))  # "" for questions without a heading: no fieldset
            self.fieldsets[-1][1].append(name)

    @staticmethod
    def _field(question: Question) -> forms.Field:
        label = question.text
        if question.kind == Kind.YES_NO:
            return forms.ChoiceField(label=label, required=False, choices=YesNo.choices, widget=forms.RadioSelect)
        if question.kind == Kind.CHOICE:
            return forms.ChoiceField(label=label, required=False, choices=[(c, c) for c in question.choices],
                                     widget=forms.RadioSelect)
        if question.kind == Kind.NUMBER:
            return forms.DecimalField(label=label, required=False, max_digits=14, decimal_places=2,
                                      localize=True)
        return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def values(self) -> dict[int, object]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}
