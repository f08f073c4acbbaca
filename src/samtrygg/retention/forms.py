"""The retention rule's form: months after which descriptions and photos are removed; empty keeps them."""

from django import forms

from .models import RetentionRule


class RetentionRuleForm(forms.ModelForm):
    class Meta:
        model = RetentionRule
        fields = ["description_months", "photo_months"]
        widgets = {
            "description_months": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
            "photo_months": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
        }
