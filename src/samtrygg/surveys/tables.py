"""The results laid out as the kartläggning's tables, in Swedish whatever the interface language (like every
document): per section a table "Fråga | Antal Ja, Nej, Vet ej | Frekvens Ja, Nej, Vet ej" for the yes/no questions,
and per other question its own small table. Shared by the XLSX export and the PDF/DOCX document."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from samtrygg.lagesbild.sections import LANGUAGE

from .models import Kind
from .results import QuestionResult, by_section


@dataclass
class Block:
    heading: str
    columns: list[str]
    rows: list[list]
    decimals: list[int]


def yes_no_columns() -> list[str]:
    return [_("Question"), _("Number yes"), _("Number no"), _("Number don't know"),
            _("Percent yes"), _("Percent no"), _("Percent don't know")]


def yes_no_row(result: QuestionResult) -> list:
    return [result.text, *(c.count for c in result.counts), *(c.percent for c in result.counts)]


def blocks(results: list[QuestionResult]) -> list[Block]:
    """In Swedish: the yes/no questions of each section in one table, every other question in a table of its own."""
    with translation.override(LANGUAGE):
        found: list[Block] = []
        for section, group in by_section(results):
            yes_no = [r for r in group if r.kind == Kind.YES_NO]
            if yes_no:
                found.append(Block(section or _("Questions"), yes_no_columns(), [yes_no_row(r) for r in yes_no],
                                   [0] * 7))
            for r in group:
                if r.kind == Kind.CHOICE:
                    found.append(Block(r.text, [_("Option"), _("Count"), _("Percent")],
                                       [[c.value, c.count, c.percent] for c in r.counts], [0, 0, 0]))
                elif r.kind == Kind.NUMBER:
                    n = r.numbers
                    row = [n.n, n.mean, n.median, n.min, n.max] if n else [0, None, None, None, None]
                    found.append(Block(r.text, [_("Answers"), _("Mean"), _("Median"), _("Lowest"), _("Highest")],
                                       [row], [0, 1, 1, 1, 1]))
                elif r.kind == Kind.TEXT:
                    found.append(Block(r.text, [_("Municipality"), _("Answer")], [list(t) for t in r.texts], [0, 0]))
        return found
