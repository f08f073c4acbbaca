"""Strings of Django itself that its Swedish catalogue does not have yet (new in Django 6.x). Listed here so that
`makemessages` puts them into our catalogue, which Django consults first (LOCALE_PATHS): without this the empty
choice of every select list would read "- Select an option -" in the Swedish UI."""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = [
    gettext_noop("- Select an option -"),  # django.db.models.fields.BLANK_CHOICE_LABEL
]
