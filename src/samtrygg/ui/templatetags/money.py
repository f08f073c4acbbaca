"""`{% load money %}{{ amount|kronor }}`: an amount in the active language, "250 000 kr" or "250,000 SEK", by the
same rule as the documents (publishing.formatting.format_kronor)."""

from django import template
from django.utils.translation import get_language

from samtrygg.publishing.formatting import format_kronor

register = template.Library()


@register.filter
def kronor(value) -> str:
    return format_kronor(value, get_language() or "sv")
