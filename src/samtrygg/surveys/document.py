"""The results as a publishing.Document (PDF or DOCX through ui.downloads): the survey, its region, how many
members answered, and the tables of tables.py. In Swedish whatever the reader's interface language, like every
document."""

import datetime

from django.utils import translation
from django.utils.translation import gettext as _

from samtrygg.lagesbild.sections import LANGUAGE
from samtrygg.publishing.document import Document, Paragraph, Section, Table
from samtrygg.publishing.formatting import format_date

from .models import Survey
from .tables import Block


def compose_results(survey: Survey, blocks: list[Block], *, answered: int, members: int,
                    today: datetime.date) -> Document:
    with translation.override(LANGUAGE):
        region = survey.region.organisation.name
        summary = _("%(answered)s of %(members)s member municipalities answered.") % {
            "answered": answered, "members": members}
        sections = [Section("summary", _("About the survey"),
                            [Paragraph(text) for text in (survey.introduction, summary) if text])]
        for number, block in enumerate(blocks, start=1):
            sections.append(Section(f"table-{number}", block.heading, [
                Table(columns=block.columns, rows=block.rows, decimals=block.decimals, caption=block.heading)]))
        return Document(
            title=survey.title,
            subtitle=region,
            language=LANGUAGE,
            meta=[(_("Survey by"), region), (_("As of"), format_date(today, LANGUAGE)),
                  (_("Status"), survey.get_status_display())],
            sections=sections,
            footer=_("%(region)s · %(title)s · %(date)s") % {"region": region, "title": survey.title,
                                                            "date": format_date(today, LANGUAGE)},
        )
