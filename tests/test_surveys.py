"""The kartläggning: a länsstyrelse builds a survey of its member municipalities, opens it (their coordinators are
told), members' coordinators answer, the region closes it, and the results reproduce every row of Tabell 1 and
Tabell 2 of the Stockholm county's kartläggning (26 municipalities) from the answers; exports as XLSX and PDF."""

import io
from datetime import date

import openpyxl
import pypdfium2
import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from identity_numbers import identity_number
from personas import PASSWORD
from samtrygg.access import Access
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import OrgType, Role
from samtrygg.audit.models import Action as AuditAction
from samtrygg.audit.models import AuditEntry
from samtrygg.county import services as county
from samtrygg.surveys import results, selectors, services
from samtrygg.surveys.models import Answer, Kind, Question, Status
from samtrygg.surveys.tables import blocks

pytestmark = pytest.mark.django_db

TABELL_1 = [  # question, counts (ja, nej, vet ej), frekvens in %
    ("Har politiken gett några särskilda direktiv vad gäller arbete med trygghet i er kommun?", (21, 5, 0),
     (81, 19, 0)),
    ("Beskrivs trygghetsfrågor i er kommuns översiktsplan?", (21, 4, 1), (81, 15, 4)),
    ("Har ni en strategi för trygghetsskapande arbete och insatser?", (16, 10, 0), (62, 38, 0)),
    ("Har ni i er kommun definierat vad som innefattas i begreppet kommunalt trygghetsarbete?", (9, 17, 0),
     (35, 65, 0)),
]
TABELL_2 = [
    ("Har ni någon form av medborgardialog vad gäller trygghetsfrågor?", (26, 0, 0), (100, 0, 0)),
    ("Samverkar ni med någon/några andra kommuner när det gäller trygghetsfrågor?", (24, 2, 0), (92, 8, 0)),
]
OPTIONS = ["Kommunledningen", "En förvaltning", "Annat"]


class Region:
    """Länsstyrelsen with a coordinator (Lina) and a reader (Rut), and `n` member municipalities (fictional
    kommunkoder from 9901), each with a coordinator (k9901, …); one municipality (Utanby) is no member."""

    def __init__(self, n: int):
        self.lst = accounts.organisation_create(actor=None, name="Länsstyrelsen i Exempellän",
                                                type=OrgType.LANSSTYRELSE)
        self.lina = accounts.user_create(actor=None, username="lina", password=PASSWORD, organisation=self.lst,
                                         role=Role.SAMORDNARE)
        self.rut = accounts.user_create(actor=None, username="rut", password=PASSWORD, organisation=self.lst,
                                        role=Role.LASARE)
        self.region = county.region_save(actor=self.lina, organisation=self.lst)
        self.kommuner, self.coordinators = [], []
        for i in range(n):
            code = f"{9901 + i}"
            kommun = accounts.organisation_create(actor=None, name=f"Kommun {code}", type=OrgType.KOMMUN,
                                                  kommunkod=code, is_demo=True)
            county.member_add(actor=None, region=self.region, municipality=kommun)
            self.kommuner.append(kommun)
            self.coordinators.append(accounts.user_create(
                actor=None, username=f"k{code}", password=None, organisation=kommun, role=Role.SAMORDNARE,
                email=f"k{code}@example.se"))
        self.reader = accounts.user_create(actor=None, username="rolf", password=PASSWORD,
                                           organisation=self.kommuner[0], role=Role.LASARE)
        self.outside = accounts.organisation_create(actor=None, name="Utanby kommun", type=OrgType.KOMMUN,
                                                    kommunkod="9999", is_demo=True)
        self.stranger = accounts.user_create(actor=None, username="sven", password=PASSWORD,
                                             organisation=self.outside, role=Role.ADMIN)

    def survey(self):
        survey = services.survey_save(actor=self.lina, region=self.region, title="Kartläggning 2026",
                                      introduction="Frågor om trygghetsarbetet.", closes=date(2026, 12, 31))
        for text, _counts, _percent in TABELL_1:
            services.question_save(actor=self.lina, survey=survey, section="Politiska direktiv och strategiska planer",
                                   text=text, kind=Kind.YES_NO)
        for text, _counts, _percent in TABELL_2:
            services.question_save(actor=self.lina, survey=survey, section="Extern samverkan", text=text,
                                   kind=Kind.YES_NO)
        services.question_save(actor=self.lina, survey=survey, text="Var ligger arbetet?", kind=Kind.CHOICE,
                               choices=OPTIONS)
        services.question_save(actor=self.lina, survey=survey, text="Antal heltidstjänster?", kind=Kind.NUMBER)
        services.question_save(actor=self.lina, survey=survey, text="Beskriv ett arbetssätt.", kind=Kind.TEXT)
        return survey


def answer_as_tabell(region: Region, survey) -> None:
    """Each of the members answers so that the counts are those of Tabell 1 and 2."""
    questions = list(selectors.questions(survey))
    for i, (kommun, user) in enumerate(zip(region.kommuner, region.coordinators, strict=True)):
        values = {}
        for question, (_text, (yes, no, _dont), _pct) in zip(questions, TABELL_1 + TABELL_2, strict=False):
            values[question.pk] = "yes" if i < yes else "no" if i < yes + no else "dont_know"
        values[questions[6].pk] = OPTIONS[i % 3]
        values[questions[7].pk] = str(i % 4)
        values[questions[8].pk] = f"Arbetssätt {i}" if i < 3 else ""
        services.answers_save(actor=user, survey=survey, municipality=kommun, values=values, submit=True)


@pytest.fixture
def small(db):
    return Region(3)


@pytest.fixture
def closed(db):
    region = Region(26)
    survey = region.survey()
    services.survey_open(actor=region.lina, survey=survey)
    answer_as_tabell(region, survey)
    services.survey_close(actor=region.lina, survey=survey)
    return region, survey


def test_percent_rounds_half_up_of_those_who_answered():
    assert [results.percent(n, 26) for n in (21, 4, 1)] == [81, 15, 4]
    assert results.percent(1, 8) == 13 and results.percent(0, 0) == 0


def test_results_reproduce_every_row_of_tabell_1_and_2(closed):
    region, survey = closed
    found = results.survey_results(selectors.questions(survey), selectors.submitted_answers(survey))
    for result, (text, counts, percents) in zip(found, TABELL_1 + TABELL_2, strict=False):
        assert result.text == text
        assert tuple(c.count for c in result.counts) == counts
        assert tuple(c.percent for c in result.counts) == percents
        assert result.answered == 26
    choice, number, text = found[6:]
    assert [(c.value, c.count, c.percent) for c in choice.counts] == [
        ("Kommunledningen", 9, 35), ("En förvaltning", 9, 35), ("Annat", 8, 31)]
    assert (number.numbers.n, number.numbers.min, number.numbers.max, number.numbers.median) == (26, 0, 3, 1)
    assert number.numbers.mean == pytest.approx(sum(i % 4 for i in range(26)) / 26)
    assert text.texts == [("Kommun 9901", "Arbetssätt 0"), ("Kommun 9902", "Arbetssätt 1"),
                          ("Kommun 9903", "Arbetssätt 2")]
    sections = [heading for heading, _group in results.by_section(found)]
    assert sections == ["Politiska direktiv och strategiska planer", "Extern samverkan", ""]


def test_the_xlsx_export_holds_the_table_with_numbers_as_numbers(closed, login):
    region, survey = closed
    response = login(region.rut).get(reverse("surveys:download", args=[survey.pk, "xlsx"]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    for text, counts, percents in TABELL_1 + TABELL_2:
        assert [text, *counts, *percents] in rows
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_id=str(survey.pk)).exists()


def test_the_pdf_renders_with_extractable_text_and_the_docx_downloads(closed, login):
    region, survey = closed
    client = login(region.coordinators[5])  # a member sees the results once closed
    pdf = client.get(reverse("surveys:download", args=[survey.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    document = pypdfium2.PdfDocument(pdf.content)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "Kartläggning 2026" in text and "Extern samverkan" in text and "81" in text
    docx = client.get(reverse("surveys:download", args=[survey.pk, "docx"]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")


def test_the_results_page_shows_the_tables(closed, login):
    region, survey = closed
    page = login(region.lina).get(reverse("surveys:results", args=[survey.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert TABELL_1[1][0] in html and "<td>15 %</td>" in html and "<title" in html
    assert "Arbetssätt 2" in html


def test_building_moving_removing_and_opening_tells_the_members_coordinators(small, mailoutbox,
                                                                             django_capture_on_commit_callbacks):
    survey = small.survey()
    first, second = list(selectors.questions(survey))[:2]
    services.question_move(actor=small.lina, question=second, up=True)
    assert list(selectors.questions(survey))[:2] == [second, first]
    services.question_delete(actor=small.lina, question=first)
    assert not Question.objects.filter(pk=first.pk).exists()
    with pytest.raises(ValidationError):
        services.question_save(actor=small.lina, survey=survey, text="Välj", kind=Kind.CHOICE, choices=["Bara en"])
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_open(actor=small.lina, survey=survey)
    assert sorted(m.to[0] for m in mailoutbox) == ["k9901@example.se", "k9902@example.se", "k9903@example.se"]
    with pytest.raises(ValidationError):  # opening again is refused, and so is changing the questions
        services.survey_open(actor=small.lina, survey=survey)
    with pytest.raises(ValidationError):
        services.question_save(actor=small.lina, survey=survey, text="Sent", kind=Kind.TEXT)
    with pytest.raises(ValidationError):  # a reader of the region does not build
        services.survey_save(actor=small.rut, region=small.region, title="Nej")
    created = AuditEntry.objects.filter(organisation=small.lst, object_type__icontains="question")
    assert created.filter(action=AuditAction.CREATE).count() == 9
    assert created.filter(action=AuditAction.DELETE).count() == 1


def test_a_member_coordinator_answers_saves_a_draft_and_submits(small, login):
    survey = small.survey()
    services.survey_open(actor=small.lina, survey=survey)
    kommun, user = small.kommuner[0], small.coordinators[0]
    questions = list(selectors.questions(survey))
    client = login(user)
    url = reverse("surveys:answer", args=[survey.pk, kommun.pk])
    assert client.get(url).status_code == 200
    data = {f"q{q.pk}": "yes" for q in questions[:6]} | {"action": "draft"}
    assert client.post(url, data).status_code == 302
    response = selectors.response_for(survey, kommun)
    assert response.submitted_at is None and response.answers.count() == 6
    data |= {f"q{questions[6].pk}": OPTIONS[1], f"q{questions[7].pk}": "2,5", "action": "submit"}
    assert client.post(url, data).status_code == 302
    response.refresh_from_db()
    assert response.submitted_at is not None and response.submitted_by == user
    assert Answer.objects.get(response=response, question=questions[7]).number == 2.5
    shown = client.get(url).content.decode()  # read only now, with the answers
    assert OPTIONS[1] in shown and "2.50" in shown and 'name="action"' not in shown
    with pytest.raises(ValidationError):  # submitted answers are final
        services.answers_save(actor=user, survey=survey, municipality=kommun, values={}, submit=False)
    entries = AuditEntry.objects.filter(organisation=kommun, object_type__icontains="answer")
    assert entries.filter(action=AuditAction.CREATE).count() == 8


def test_submitting_needs_every_question_but_the_free_text(small):
    survey = small.survey()
    services.survey_open(actor=small.lina, survey=survey)
    with pytest.raises(ValidationError) as refused:
        services.answers_save(actor=small.coordinators[1], survey=survey, municipality=small.kommuner[1],
                              values={}, submit=True)
    assert len(refused.value.error_dict) == 8


def test_a_non_member_a_reader_and_a_closed_survey_are_refused(small, login):
    survey = small.survey()
    kommun = small.kommuner[0]
    with pytest.raises(ValidationError):  # still a draft
        services.answers_save(actor=small.coordinators[0], survey=survey, municipality=kommun, values={})
    services.survey_open(actor=small.lina, survey=survey)
    with pytest.raises(ValidationError):  # a reader of the member
        services.answers_save(actor=small.reader, survey=survey, municipality=kommun, values={})
    with pytest.raises(ValidationError):  # another member's coordinator
        services.answers_save(actor=small.coordinators[1], survey=survey, municipality=kommun, values={})
    with pytest.raises(ValidationError):  # a municipality that is no member
        services.answers_save(actor=small.stranger, survey=survey, municipality=small.outside, values={})
    assert login(small.reader).get(reverse("surveys:answer", args=[survey.pk, kommun.pk])).status_code == 404
    assert login(small.stranger).get(reverse("surveys:detail", args=[survey.pk])).status_code == 404
    services.survey_close(actor=small.lina, survey=survey)
    with pytest.raises(ValidationError):
        services.answers_save(actor=small.coordinators[0], survey=survey, municipality=kommun, values={})


def test_members_see_opened_surveys_their_own_response_and_results_only_after_close(small):
    survey = small.survey()
    member, staff = Access(small.coordinators[0]), Access(small.rut)
    assert list(selectors.surveys(member)) == [] and list(selectors.surveys(staff)) == [survey]
    with pytest.raises(Http404):
        selectors.survey_get(member, survey.pk)
    with pytest.raises(Http404):
        selectors.survey_get(staff, survey.pk, action="change")
    services.survey_open(actor=small.lina, survey=survey)
    question = selectors.questions(survey).first()
    for kommun, user in zip(small.kommuner, small.coordinators, strict=True):
        services.answers_save(actor=user, survey=survey, municipality=kommun, values={question.pk: "no"})
    assert selectors.survey_get(member, survey.pk) == survey
    assert [r.municipality for r in selectors.responses(member, survey)] == [small.kommuner[0]]
    assert len(selectors.responses(staff, survey)) == 3
    assert selectors.results_visible(staff, survey) and not selectors.results_visible(member, survey)
    assert list(selectors.surveys(Access(small.stranger))) == []
    survey = services.survey_close(actor=small.lina, survey=survey)
    assert survey.status == Status.CLOSED and selectors.results_visible(member, survey)


def test_a_personnummer_in_a_free_text_answer_is_refused_or_masked_per_policy(small):
    survey = small.survey()
    services.survey_open(actor=small.lina, survey=survey)
    text_question = selectors.questions(survey).get(kind=Kind.TEXT)
    kommun, user = small.kommuner[0], small.coordinators[0]
    number = identity_number(date(1980, 5, 17), 123)
    with pytest.raises(ValidationError) as refused:
        services.answers_save(actor=user, survey=survey, municipality=kommun,
                              values={text_question.pk: f"Kontakta {number} om detta."})
    assert f"q{text_question.pk}" in refused.value.error_dict
    assert number not in str(refused.value)
    assert not Answer.objects.exists()
    accounts.organisation_set_privacy_policy(actor=small.coordinators[0], organisation=kommun,
                                             actions={"personnummer": "mask"})
    kommun.refresh_from_db()
    services.answers_save(actor=user, survey=survey, municipality=kommun,
                          values={text_question.pk: f"Kontakta {number} eller 070-123 45 67."})
    stored = Answer.objects.get(question=text_question).text
    assert number not in stored and "070-123 45 67" not in stored and stored.startswith("Kontakta [")


def test_the_answer_page_refuses_a_personnummer_with_a_message_on_the_question(small, login):
    survey = small.survey()
    services.survey_open(actor=small.lina, survey=survey)
    text_question = selectors.questions(survey).get(kind=Kind.TEXT)
    client = login(small.coordinators[0])
    with translation.override("en"):
        page = client.post(reverse("surveys:answer", args=[survey.pk, small.kommuner[0].pk]),
                           {f"q{text_question.pk}": identity_number(date(1990, 1, 2), 456), "action": "draft"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    assert not Answer.objects.exists()


def test_the_builder_pages_work_for_the_region(small, login):
    client = login(small.lina)
    assert client.get(reverse("surveys:list", args=[small.region.pk])).status_code == 200
    page = client.post(reverse("surveys:create", args=[small.region.pk]), {"title": "Ny kartläggning"})
    assert page.status_code == 302
    survey = selectors.surveys(Access(small.lina)).get(title="Ny kartläggning")
    page = client.post(reverse("surveys:question_add", args=[survey.pk]),
                       {"text": "Välj en", "kind": Kind.CHOICE, "choices": "A\nB\n"})
    assert page.status_code == 302
    assert selectors.questions(survey).get().choices == ["A", "B"]
    assert client.get(reverse("surveys:detail", args=[survey.pk])).status_code == 200
    assert client.post(reverse("surveys:open", args=[survey.pk])).status_code == 302
    survey.refresh_from_db()
    assert survey.status == Status.OPEN
    assert login(small.reader).get(reverse("surveys:results", args=[survey.pk])).status_code == 404
    assert login(small.rut).post(reverse("surveys:close", args=[survey.pk])).status_code == 404


def test_the_swedish_tables_for_the_documents(closed):
    _region, survey = closed
    found = results.survey_results(selectors.questions(survey), selectors.submitted_answers(survey))
    first = blocks(found)[0]
    assert first.heading == "Politiska direktiv och strategiska planer"
    assert first.rows[0][1:] == [21, 5, 0, 81, 19, 0]


def test_the_demo_makes_a_closed_survey_answered_by_its_members_and_an_open_one(small):
    from samtrygg.demo import surveys as demo

    demo.build(small.region, actor=small.lina, members=small.region.members.all())
    closed, opened = selectors.surveys(Access(small.rut)).order_by("pk")
    assert (closed.status, opened.status) == (Status.CLOSED, Status.OPEN)
    found = results.survey_results(selectors.questions(closed), selectors.submitted_answers(closed))
    assert [r.kind for r in found] == ["yes_no"] * 6 + ["choice", "number", "text"]
    assert all(r.answered == 3 for r in found[:8])
    assert [tuple(c.count for c in r.counts) for r in found[:2]] == [(2, 1, 0), (2, 1, 0)]


def test_the_results_page_reads_a_fixed_number_of_queries(closed, login, django_assert_max_num_queries):
    region, survey = closed
    client = login(region.lina)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 200
