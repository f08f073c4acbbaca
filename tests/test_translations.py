"""The Swedish interface is complete and the committed catalogues are usable as they are.

Source strings are English; src/samtrygg/locale/sv/LC_MESSAGES/django.po holds the Swedish, and the compiled
django.mo next to it is what Django reads at runtime (no gettext tools needed). After changing a translatable
string, run scripts/update-translations, translate what it marks, run it again, and commit .po and .mo."""

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext, ngettext

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
CATALOGUES = ["sv", "en"]

# %(name)s, %s, %d, %.1f ... (not the escaped %%), and {name} / {0} / {} for python-brace-format.
PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa]")
BRACE = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})")


def po_file(lang: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"))


def mo_file(lang: str) -> polib.MOFile:
    return polib.mofile(str(LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo"))


def describe(entry) -> str:
    return repr(entry.msgid) + (f" (context {entry.msgctxt!r})" if entry.msgctxt else "")


def live(po):
    return [e for e in po if not e.obsolete]


@pytest.mark.parametrize("lang", CATALOGUES)
def test_the_catalogue_header_is_valid(lang):
    po = po_file(lang)
    assert not po.metadata_is_fuzzy, f"{lang}: remove '#, fuzzy' from the header"
    assert po.metadata.get("Language") == lang
    assert po.metadata.get("Content-Type") == "text/plain; charset=UTF-8"
    assert po.metadata.get("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert live(po), f"{lang}: the catalogue is empty; run scripts/update-translations"


def test_every_swedish_string_is_translated_and_none_is_fuzzy():
    po = po_file("sv")
    untranslated = [describe(e) for e in po.untranslated_entries()]
    fuzzy = [describe(e) for e in po.fuzzy_entries()]
    assert not (untranslated or fuzzy), (
        f"sv/django.po: {len(untranslated)} untranslated:\n" + "\n".join(untranslated)
        + f"\n{len(fuzzy)} fuzzy (check them, then remove the flag):\n" + "\n".join(fuzzy)
    )


def _placeholders(text: str, entry) -> tuple[Counter, Counter]:
    printf = Counter()
    if "python-format" in entry.flags or "%(" in entry.msgid:
        printf = Counter(PRINTF.findall(text.replace("%%", "")))
    return printf, Counter(BRACE.findall(text))


def test_every_swedish_string_keeps_the_placeholders_of_its_source():
    problems = []
    for entry in live(po_file("sv")):
        if entry.msgid_plural:
            pairs = [(entry.msgid if n == 0 else entry.msgid_plural, text)
                     for n, text in sorted(entry.msgstr_plural.items())]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            if text and _placeholders(source, entry) != _placeholders(text, entry):
                problems.append(f"{source!r} -> {text!r}")
    assert not problems, "placeholders differ:\n" + "\n".join(problems)


def _po_translations(po) -> dict:
    found = {}
    for entry in po.translated_entries():
        key = (entry.msgctxt, entry.msgid)
        if entry.msgid_plural:
            found[key] = (entry.msgid_plural, tuple(v for _, v in sorted(entry.msgstr_plural.items())))
        else:
            found[key] = entry.msgstr
    return found


@pytest.mark.parametrize("lang", CATALOGUES)
def test_the_committed_mo_file_is_compiled_from_the_po_file(lang):
    mo = mo_file(lang)
    assert mo.metadata.get("Language") == lang
    compiled = _po_translations(mo)
    source = _po_translations(po_file(lang))
    stale = sorted(
        {repr(k[1]) for k in source.keys() - compiled.keys()}
        | {repr(k[1]) for k in compiled.keys() - source.keys()}
        | {repr(k[1]) for k in source.keys() & compiled.keys() if source[k] != compiled[k]}
    )
    assert not stale, (f"{lang}/django.mo is out of date for {len(stale)} strings (run scripts/update-translations "
                       "and commit the .mo):\n" + "\n".join(stale[:20]))


@pytest.mark.parametrize("source, swedish", [
    ("Username", "Användarnamn"),
    ("Password", "Lösenord"),
    ("Log in", "Logga in"),
    ("Areas", "Områden"),
    ("Search", "Sök"),
    ("Filter", "Filtrera"),
    ("Language", "Språk"),
    ("Sharing", "Samverkan"),
    ("Audit log", "Logg"),
    ("Too many attempts", "För många försök"),
    ("Action plans", "Åtgärdsplaner"),
    ("Situation pictures (lägesbilder)", "Lägesbilder"),
    ("Local police area", "Lokalpolisområde"),
])
def test_key_strings_are_swedish_under_the_swedish_locale(source, swedish):
    with translation.override("sv"):
        assert gettext(source) == swedish
    with translation.override("en"):
        assert gettext(source) == source


def test_role_names_plurals_and_templates_are_swedish():
    from samtrygg.accounts.models import Role

    with translation.override("sv"):
        assert [str(label) for _, label in Role.choices] == ["Administratör", "Samordnare", "Rapportör", "Läsare"]
        assert ngettext("%(counter)s area", "%(counter)s areas", 1) % {"counter": 1} == "1 område"
        assert ngettext("%(counter)s area", "%(counter)s areas", 3) % {"counter": 3} == "3 områden"
        template = Template(
            "{% load i18n %}{% translate 'Log in' %} | {% blocktranslate with name='Alice' %}Welcome, {{ name }}"
            "{% endblocktranslate %} | {% blocktranslate count counter=2 %}{{ counter }} entry{% plural %}"
            "{{ counter }} entries{% endblocktranslate %}"
        )
        assert template.render(Context()) == "Logga in | Välkommen, Alice | 2 loggposter"
