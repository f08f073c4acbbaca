"""The demo's surveys (kartläggning) of a region: one closed survey with the questions of the Stockholm county's
kartläggning (Tabell 1 and 2: political directives and strategic plans, external collaboration) plus a choice, a
number and a free-text question, answered by the given member municipalities (deterministically, each through one of
its coordinators or administrators: a member without one does not answer), and one open survey."""

import datetime

from samtrygg.accounts.models import Membership, Role
from samtrygg.surveys import services
from samtrygg.surveys.models import Kind

DIRECTIVES = "Politiska direktiv och strategiska planer"
COLLABORATION = "Extern samverkan"
QUESTIONS = [
    (DIRECTIVES, "Har politiken gett några särskilda direktiv vad gäller arbete med trygghet i er kommun?"),
    (DIRECTIVES, "Beskrivs trygghetsfrågor i er kommuns översiktsplan?"),
    (DIRECTIVES, "Har ni en strategi för trygghetsskapande arbete och insatser?"),
    (DIRECTIVES, "Har ni i er kommun definierat vad som innefattas i begreppet kommunalt trygghetsarbete?"),
    (COLLABORATION, "Har ni någon form av medborgardialog vad gäller trygghetsfrågor?"),
    (COLLABORATION, "Samverkar ni med någon/några andra kommuner när det gäller trygghetsfrågor?"),
]
ORGANISATION = ["Direkt under kommunledningen", "På en förvaltning", "Annat"]
ANSWERS = [  # per member, in turn: the six yes/no answers, where the work sits, staff (heltidstjänster), free text
    (("yes", "yes", "yes", "no", "yes", "yes"), 0, "2.5", "Trygghetsvandringar med fastighetsägarna varje höst."),
    (("yes", "no", "no", "no", "yes", "yes"), 0, "1", "Vi saknar resurser för uppföljning."),
    (("no", "yes", "yes", "yes", "yes", "no"), 1, "0.5", ""),
    (("yes", "yes", "no", "dont_know", "yes", "yes"), 2, "3", "Samverkan med grannkommunerna om EST."),
]


def _answerer(municipality):
    membership = (Membership.objects.filter(organisation=municipality, role__in=[Role.ADMIN, Role.SAMORDNARE])
                  .select_related("user").order_by("role", "user__username").first())
    return membership.user if membership else None


def build(region, *, actor, members) -> None:
    today = datetime.date.today()
    survey = services.survey_save(
        actor=actor, region=region, title="Kartläggning av kommunernas trygghetsarbete",
        introduction="Frågorna följer länets kartläggning: politiska direktiv, strategier och extern samverkan.",
        opens=today - datetime.timedelta(days=60), closes=today - datetime.timedelta(days=30))
    questions = [services.question_save(actor=actor, survey=survey, section=section, text=text, kind=Kind.YES_NO)
                 for section, text in QUESTIONS]
    questions.append(services.question_save(actor=actor, survey=survey, kind=Kind.CHOICE, choices=ORGANISATION,
                                             text="Var i organisationen ligger trygghetsarbetet?"))
    questions.append(services.question_save(actor=actor, survey=survey, kind=Kind.NUMBER,
                                             text="Hur många heltidstjänster arbetar med trygghetsfrågor?"))
    questions.append(services.question_save(actor=actor, survey=survey, kind=Kind.TEXT,
                                             text="Beskriv ett arbetssätt som fungerar bra."))
    services.survey_open(actor=actor, survey=survey)
    for number, member in enumerate(members):
        municipality = getattr(member, "municipality", member)
        answerer = _answerer(municipality)
        if answerer is None:
            continue
        yes_no, where, staff, text = ANSWERS[number % len(ANSWERS)]
        values = dict(zip([q.pk for q in questions], [*yes_no, ORGANISATION[where], staff, text], strict=True))
        services.answers_save(actor=answerer, survey=survey, municipality=municipality, values=values, submit=True)
    services.survey_close(actor=actor, survey=survey)

    following = services.survey_save(
        actor=actor, region=region, title="Uppföljning: samverkan med polisen",
        opens=today, closes=today + datetime.timedelta(days=30))
    services.question_save(actor=actor, survey=following, section=COLLABORATION, kind=Kind.YES_NO,
                           text="Har ni en aktuell samverkansöverenskommelse med polisen?")
    services.question_save(actor=actor, survey=following, kind=Kind.TEXT, text="Vad vill ni att länet stöttar med?")
    services.survey_open(actor=actor, survey=following)
