"""The results of a survey as plain computation: per question the number who answered and, by kind, the count and
whole percent per answer (Ja/Nej/Vet ej, or per option), the numbers' n, mean, median, min and max, or the free
texts per municipality. Percentages are of those who answered the question, rounded half up to a whole percent
(21, 4 and 1 of 26 give 81 %, 15 % and 4 %, as Tabell 1 of the kartläggning), so they need not add up to 100."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

YES_NO = ("yes", "no", "dont_know")


@dataclass(frozen=True)
class AnswerRow:
    """One submitted answer: its question, the answering municipality's name and the value in its kind's field."""

    question_id: int
    municipality: str
    choice: str = ""
    number: Decimal | float | int | None = None
    text: str = ""


@dataclass(frozen=True)
class Count:
    value: str  # "yes"/"no"/"dont_know" or the option itself
    count: int
    percent: int


@dataclass(frozen=True)
class Numbers:
    n: int
    mean: float
    median: float
    min: float
    max: float


@dataclass
class QuestionResult:
    question_id: int
    section: str
    text: str
    kind: str
    answered: int = 0
    counts: list[Count] = field(default_factory=list)
    numbers: Numbers | None = None
    texts: list[tuple[str, str]] = field(default_factory=list)  # (municipality, text), by municipality


def percent(count: int, total: int) -> int:
    """`count` of `total` as a whole percent, rounded half up; 0 of nothing is 0."""
    return (200 * count + total) // (2 * total) if total else 0


def counted(values: Sequence[str], options: Sequence[str]) -> list[Count]:
    """Count and percent per option, in the options' order; values outside them are not counted."""
    total = sum(1 for v in values if v in options)
    return [Count(o, n, percent(n, total)) for o in options for n in [sum(1 for v in values if v == o)]]


def numbers(values: Iterable) -> Numbers | None:
    found = [float(v) for v in values if v is not None]
    if not found:
        return None
    return Numbers(len(found), sum(found) / len(found), float(median(found)), min(found), max(found))


def question_result(question, answers: Sequence[AnswerRow]) -> QuestionResult:
    """The result of one question (anything with id, section, text, kind and choices) from its answers."""
    result = QuestionResult(question.id, question.section, question.text, question.kind)
    if question.kind == "yes_no":
        result.counts = counted([a.choice for a in answers], YES_NO)
        result.answered = sum(c.count for c in result.counts)
    elif question.kind == "choice":
        result.counts = counted([a.choice for a in answers], list(question.choices or []))
        result.answered = sum(c.count for c in result.counts)
    elif question.kind == "number":
        result.numbers = numbers(a.number for a in answers)
        result.answered = result.numbers.n if result.numbers else 0
    else:
        result.texts = sorted((a.municipality, a.text) for a in answers if a.text.strip())
        result.answered = len(result.texts)
    return result


def survey_results(questions: Iterable, answers: Iterable[AnswerRow]) -> list[QuestionResult]:
    by_question: dict[int, list[AnswerRow]] = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    return [question_result(q, by_question.get(q.id, [])) for q in questions]


def by_section(results: Iterable[QuestionResult]) -> list[tuple[str, list[QuestionResult]]]:
    """Consecutive questions under the same section heading, in order ("" for questions without one)."""
    groups: list[tuple[str, list[QuestionResult]]] = []
    for result in results:
        if groups and groups[-1][0] == result.section:
            groups[-1][1].append(result)
        else:
            groups.append((result.section, [result]))
    return groups
