"""The kartläggning in a browser, on a desktop and on a phone: the builder (as the länsstyrelse's coordinator), the
answer page (as Alice, administrator of the member Exempelstad kommun) and the results; each passes axe (WCAG 2.1
A/AA) and the phone scrolls only downwards."""

import pytest

from browsing import assert_accessible
from personas import PASSWORD
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import OrgType, Role
from samtrygg.county import services as county
from samtrygg.surveys import selectors, services
from samtrygg.surveys.models import Kind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def surveys(world):
    lst = accounts.organisation_create(actor=None, name="Länsstyrelsen i Exempellän", type=OrgType.LANSSTYRELSE)
    lina = accounts.user_create(actor=None, username="lina", password=PASSWORD, organisation=lst,
                                role=Role.SAMORDNARE)
    region = county.region_save(actor=lina, organisation=lst)
    for kommun in (world.kommun_a, world.kommun_b):
        county.member_add(actor=None, region=region, municipality=kommun)
    made = {}
    for name in ("draft", "open", "closed"):
        survey = services.survey_save(actor=lina, region=region, title=f"Kartläggning ({name})",
                                      introduction="Frågor om trygghetsarbetet.")
        for text in ("Har politiken gett några särskilda direktiv vad gäller arbete med trygghet i er kommun?",
                     "Beskrivs trygghetsfrågor i er kommuns översiktsplan?"):
            services.question_save(actor=lina, survey=survey, section="Politiska direktiv och strategiska planer",
                                   text=text, kind=Kind.YES_NO)
        services.question_save(actor=lina, survey=survey, section="Extern samverkan", kind=Kind.CHOICE,
                               text="Med vilka samverkar ni mest?", choices=["Polisen", "Skolan", "Bostadsbolagen"])
        services.question_save(actor=lina, survey=survey, kind=Kind.NUMBER, text="Antal heltidstjänster?")
        services.question_save(actor=lina, survey=survey, kind=Kind.TEXT, text="Beskriv ett arbetssätt.")
        made[name] = survey
    for name in ("open", "closed"):
        services.survey_open(actor=lina, survey=made[name])
    questions = list(selectors.questions(made["closed"]))
    for user, kommun, values in ((world.alice, world.kommun_a, ["yes", "no", "Polisen", "2", "Trygghetsvandringar"]),
                                 (world.carol, world.kommun_b, ["yes", "dont_know", "Skolan", "1", ""])):
        services.answers_save(actor=user, survey=made["closed"], municipality=kommun, submit=True,
                              values={q.pk: v for q, v in zip(questions, values, strict=True)})
    services.survey_close(actor=lina, survey=made["closed"])
    return region, made


@pytest.mark.parametrize("size", list(SIZES))
def test_the_builder_the_answer_page_and_the_results(world, live_server, page_for, size):
    region, made = surveys(world)
    page = page_for("lina", viewport=SIZES[size])
    page.goto(f"{live_server.url}/kartlaggning/{region.pk}/")
    assert page.locator("table a").count() == 3
    assert_accessible(page, f"surveys-list-{size}")
    page.goto(f"{live_server.url}/kartlaggning/enkat/{made['draft'].pk}/")
    assert page.locator("ol.survey-questions li").count() == 5
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, f"surveys-builder-{size}")
    page.goto(f"{live_server.url}/kartlaggning/enkat/{made['closed'].pk}/resultat/")
    assert page.locator("figure.survey-bars svg[role=img] title").count() == 3
    assert page.locator("table.survey-table tbody tr").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, f"surveys-results-{size}")

    page = page_for("alice", viewport=SIZES[size])
    page.goto(f"{live_server.url}/kartlaggning/enkat/{made['open'].pk}/svara/{world.kommun_a.pk}/")
    assert page.locator("fieldset.form-group > legend").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, f"surveys-answer-{size}")
    page.locator("input[type=radio][value=yes]").first.check()
    page.locator("button[value=draft]").click()
    page.wait_for_url(f"{live_server.url}/kartlaggning/enkat/{made['open'].pk}/")
    assert selectors.response_for(made["open"], world.kommun_a).answers.count() == 1
