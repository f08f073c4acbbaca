"""The law at a glance as a one-page document for kommunstyrelsen (publishing.Document, rendered to PDF like the
lägesbild and the plan): the municipality, the day, a summary, and each of the five checks with its status in
words and the explanation (naming what it rests on). In Swedish whatever the reader's interface language, like
every document."""

import datetime

from django.utils import translation
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation
from samtrygg.lagesbild.sections import LANGUAGE
from samtrygg.publishing.document import Document, Paragraph, Section
from samtrygg.publishing.formatting import format_date

from .compliance import GREEN, RED, YELLOW, checks, status_word

LAW = "Lag (2023:196) om kommuners ansvar för brottsförebyggande arbete"


def compose_compliance(municipality: Organisation, today: datetime.date) -> Document:
    with translation.override(LANGUAGE):
        found = checks(municipality, today)
        counts = {status: sum(1 for c in found if c.status == status) for status in (GREEN, YELLOW, RED)}
        summary = _("%(green)s of %(total)s met, %(yellow)s need attention, %(red)s not met") % {
            "green": counts[GREEN], "yellow": counts[YELLOW], "red": counts[RED], "total": len(found)}
        sections = []
        for check in found:
            text = f"{status_word(check.status)}. {check.explanation}"
            if check.evidence is not None and check.evidence.label not in check.explanation:
                text += " " + _("Evidence: %(label)s.") % {"label": check.evidence.label}
            sections.append(Section(check.key, check.heading, [Paragraph(text)]))
        return Document(
            title=_("The law at a glance"),
            subtitle=municipality.name,
            language=LANGUAGE,
            meta=[(_("As of"), format_date(today, LANGUAGE)), (_("Law"), LAW), (_("Summary"), summary)],
            sections=sections,
            footer=_("%(name)s · the law at a glance · %(date)s") % {"name": municipality.name,
                                                                      "date": format_date(today, LANGUAGE)},
        )
