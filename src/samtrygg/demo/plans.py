"""Exempelby's action plan for the demo: what a coordinator who opens the demo should find a few months into a
lived-in plan. Built through the plans services (validated and audited), from the adopted lägesbild.

- The plan for this year and next, decided by kommunfullmäktige a few months before `until`, takes over last
  year's lägesbild's prioritised problems, each with its cause analysis and evidence.
- Three goals: one counted from incidents (skadegörelse in Stationsområdet, baseline the 12 whole months before
  the decision, −30 %), one read from the demo's own safety survey (Norrby), one with values entered at
  follow-ups.
- Seven measures of five organisations, situational and social, followed up since the decision; the SSPF
  measure is deliberately overdue for follow-up.
- A goal conflict (clearing bushes vs. nature conservation) escalated and resolved, Socialförvaltningen's
  draft sub-plan, and the collaboration agreement with the police, to which the medborgarlöften belong.

Fixed texts and `until` make it deterministic. Follow-ups are spread over the time since the decision (see
decision_date), so a demo built early in a year has a freshly adopted plan with little to follow up."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from samtrygg.access import OrganisationAccess
from samtrygg.accounts.models import User
from samtrygg.decisions.models import Status
from samtrygg.incidents.models import Category
from samtrygg.incidents.query import Period
from samtrygg.indicators import selectors as indicator_selectors
from samtrygg.indicators.models import IndicatorSeries
from samtrygg.lagesbild.gather import Scope, incidents_for
from samtrygg.lagesbild.models import Lagesbild
from samtrygg.plans import services as plans
from samtrygg.plans.models import ActionPlan, CitizenPromise, GoalSource, MethodEntry
from samtrygg.plans.selectors.progress import incident_baseline

SURVEY = "Andel som känner sig otrygga utomhus sent på kvällen"
EVIDENCE_INCIDENTS = 12  # incidents linked to a problem as examples of its evidence


@dataclass(frozen=True)
class DemoProblem:
    district: str
    category: str  # the national category whose incidents are linked as examples
    survey: bool  # the safety survey is part of the evidence
    analysis: dict[str, str]  # the cause analysis, by Problem field


@dataclass(frozen=True)
class DemoFollowUp:
    at: float  # the fraction of the way from the decision to `until`
    status: str
    production: str
    process: str
    effect: str
    goal_values: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoMeasure:
    key: str
    problem: int  # index of the plan's problem
    title: str
    description: str
    method: str  # code in the national method bank, or ""
    kind: str  # "" when the method gives it
    addresses: str
    owner: str
    function: str
    holder: str  # username of the function's current holder, or ""
    reporter: str  # username of who records the follow-ups
    starts: float | None  # fraction after the decision; None: when the plan period starts
    ends: float | None  # fraction after the decision; None: when the plan period ends
    budget: int | None
    hours: int | None
    ordinary_work: bool
    follow_up_months: int
    goals: tuple[str, ...]
    districts: tuple[str, ...]
    follow_ups: tuple[DemoFollowUp, ...]


@dataclass
class Context:
    orgs: dict
    users: dict[str, User]
    districts: dict
    decided_on: date
    until: date

    def on(self, fraction: float) -> date:
        """The day `fraction` of the way from the decision to `until`."""
        return self.decided_on + timedelta(days=round(fraction * (self.until - self.decided_on).days))


def build(orgs: dict, until: date) -> ActionPlan | None:
    """The plan with everything around it; None when the demo has no adopted lägesbild (built without incidents)."""
    exempelby = orgs["Exempelby kommun"]
    lagesbild = Lagesbild.objects.filter(owner=exempelby, status=Status.ADOPTED).order_by("-period_end").first()
    if lagesbild is None:
        return None
    ctx = Context(orgs, {u.username: u for u in User.objects.filter(is_demo=True)},
                  {a.name: a for a in exempelby.areas.all()}, decision_date(lagesbild.decided_on, until), until)
    coordinator = ctx.users["samordnare"]
    start, end = date(until.year, 1, 1), date(until.year + 1, 12, 31)
    plan = plans.plan_create(
        actor=coordinator, owner=exempelby, area=lagesbild.area, lagesbild=lagesbild,
        title=f"Åtgärdsplan för brottsförebyggande arbete i Exempelby {start.year}–{end.year}",
        period_start=start, period_end=end,
        summary=f"Planen bygger på lägesbilden för {lagesbild.period_start.year} och tar sig an dess tre prioriterade "
                "problem: skadegörelsen vid resecentrum, otryggheten i gångtunneln i Norrby och bränderna i soprum i "
                "Söderby. Den är kommunens åtgärdsplan enligt lagen om kommuners ansvar för brottsförebyggande arbete "
                "och följs upp till kommunstyrelsen varje halvår.",
    )
    problems = _analyse(ctx, plan, lagesbild)
    goals = _goals(ctx, plan, problems)
    measures = {m.key: _measure(ctx, plan, m, problems, goals, start, end) for m in MEASURES}
    plans.plan_submit(actor=coordinator, plan=plan)
    plans.plan_adopt(actor=coordinator, plan=plan, decided_on=ctx.decided_on, decided_by="Kommunfullmäktige")
    for spec in MEASURES:
        _follow_ups(ctx, measures[spec.key], spec, goals)
    _conflict(ctx, plan, measures)
    _sub_plan(ctx, plan)
    _agreement(ctx, plan, measures)
    return plan


def decision_date(lagesbild_decided: date, until: date) -> date:
    """About five and a half months before `until` (kommunfullmäktige's last meeting before the summer, for a
    demo built in late autumn), but at least eight weeks after the lägesbild's adoption, on a weekday."""
    day = min(max(lagesbild_decided + timedelta(weeks=8), until - timedelta(days=165)), until)
    while day.weekday() >= 5 and day - timedelta(days=1) >= lagesbild_decided:
        day -= timedelta(days=1)
    return day


def _analyse(ctx: Context, plan: ActionPlan, lagesbild: Lagesbild) -> list:
    """Each problem taken over from the lägesbild gets its district, cause analysis and example incidents."""
    coordinator, problems = ctx.users["samordnare"], list(plan.problems.order_by("priority"))
    series = IndicatorSeries.objects.filter(owner=plan.owner, name=SURVEY).first()
    period = Period(lagesbild.period_start, lagesbild.period_end)
    for problem, spec in zip(problems, PROBLEMS, strict=True):
        area = ctx.districts[spec.district]
        scope = Scope(OrganisationAccess(plan.owner), area, period, [_category(spec.category).pk],
                      plan.owner.municipality_code())
        examples = list(incidents_for(scope, period).order_by("-occurred_from", "external_id")[:EVIDENCE_INCIDENTS])
        plans.problem_save(actor=coordinator, plan=plan, problem=problem, area=area, incidents=examples,
                           indicators=[series] if series and spec.survey else None, **spec.analysis)
    return problems


def _category(code: str) -> Category:
    return Category.objects.get(owner=None, code=code)


def _goals(ctx: Context, plan: ActionPlan, problems: list) -> dict:
    """The incident goal (−30 % on the 12 whole months before the decision), the survey goal (−25 % on last
    year's value in Norrby, if the survey is there) and the manual goal for graffiti removal."""
    coordinator, owner = ctx.users["samordnare"], plan.owner
    station, norrby = ctx.districts["Stationsområdet"], ctx.districts["Norrby"]
    baseline_date = ctx.decided_on.replace(day=1) - timedelta(days=1)
    damage = _category("skadegorelse")
    count = incident_baseline(plan, station, [damage.pk], baseline_date)  # as the goal itself counts
    goals = {"skadegorelse": plans.goal_save(
        actor=coordinator, plan=plan, problem=problems[0], categories=[damage],
        title=f"Skadegörelsen i Stationsområdet ska minska med 30 procent till utgången av {plan.period_end.year}",
        indicator="Anmäld skadegörelse i Stationsområdet, rullande 12 månader", unit="händelser",
        source=GoalSource.INCIDENTS, area=station, baseline=count, baseline_date=baseline_date,
        target=round(count * 0.7), target_date=plan.period_end,
    )}
    series = IndicatorSeries.objects.filter(owner=owner, name=SURVEY).first()
    last_year = date(ctx.until.year - 1, 1, 1)
    value = series and indicator_selectors.values(OrganisationAccess(owner), series, areas=[norrby],
                                                  start=last_year, end=last_year).first()
    if value is not None and value.value is not None:
        target = round(value.value * 0.75, 1)
        goals["otrygghet"] = plans.goal_save(
            actor=coordinator, plan=plan, problem=problems[1], source=GoalSource.INDICATOR, series=series,
            title=f"Andelen i Norrby som känner sig otrygga utomhus sent på kvällen ska minska från "
                  f"{_decimal(value.value)} till {_decimal(target)} procent till {plan.period_end.year}",
            indicator=SURVEY + " (kommunens trygghetsmätning)", unit="procent", area=norrby,
            baseline=value.value, baseline_date=last_year, target=target, target_date=plan.period_end,
        )
    goals["sanering"] = plans.goal_save(
        actor=coordinator, plan=plan, problem=problems[0], source=GoalSource.MANUAL,
        title="Minst 90 procent av klottret vid resecentrum och i Norrby ska vara sanerat inom 24 timmar",
        indicator="Andel anmält klotter som sanerats inom 24 timmar", unit="procent",
        baseline=55, baseline_date=baseline_date, target=90, target_date=date(plan.period_end.year, 6, 30),
    )
    return goals


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _measure(ctx: Context, plan, spec: DemoMeasure, problems, goals, start: date, end: date):
    fields = {
        "problem": problems[spec.problem], "addresses": spec.addresses, "title": spec.title,
        "description": spec.description, "owner": ctx.orgs[spec.owner], "owner_function": spec.function,
        "holder": ctx.users.get(spec.holder), "start": start if spec.starts is None else ctx.on(spec.starts),
        "end": end if spec.ends is None else ctx.on(spec.ends), "budget": spec.budget, "hours": spec.hours,
        "ordinary_work": spec.ordinary_work, "follow_up_months": spec.follow_up_months,
    }
    if spec.method:
        fields["method"] = MethodEntry.objects.get(owner=None, code=spec.method)
    if spec.kind:
        fields["kind"] = spec.kind
    return plans.measure_save(
        actor=ctx.users["samordnare"], plan=plan, goals=[goals[key] for key in spec.goals if key in goals],
        areas=[ctx.districts[name] for name in spec.districts], **fields,
    )


def _follow_ups(ctx: Context, measure, spec: DemoMeasure, goals: dict) -> None:
    author = ctx.users[spec.reporter]
    for follow_up in spec.follow_ups:
        values = {goals[key]: value for key, value in follow_up.goal_values.items() if key in goals}
        plans.follow_up_add(actor=author, measure=measure, date=ctx.on(follow_up.at), status=follow_up.status,
                            production=follow_up.production, process=follow_up.process, effect=follow_up.effect,
                            goal_values=values)


def _conflict(ctx: Context, plan: ActionPlan, measures: dict) -> None:
    """Recorded when the clearing stopped, escalated, then resolved."""
    coordinator = ctx.users["samordnare"]
    conflict = plans.conflict_save(
        actor=coordinator, plan=plan, parties=[ctx.orgs[name] for name in CONFLICT["parties"]],
        measures=[measures[key] for key in CONFLICT["measures"]], title=CONFLICT["title"],
        description=CONFLICT["description"], escalated_to="Miljö- och byggnadsnämnden", status="eskalerad",
    )
    plans.conflict_save(actor=coordinator, plan=plan, conflict=conflict, status="lost",
                        resolution=CONFLICT["resolution"], resolved_on=ctx.on(0.6))


def _sub_plan(ctx: Context, plan: ActionPlan) -> ActionPlan:
    """Socialförvaltningen's own plan beneath the municipality's, still a draft (seen by the municipality's
    coordinator: the förvaltning is part of the municipality)."""
    owner, author = ctx.orgs["Socialförvaltningen"], ctx.users["samordnare"]
    sub = plans.plan_create(actor=author, owner=owner, parent=plan, area=plan.area,
                            title=f"Socialförvaltningens delplan {plan.period_start.year}–{plan.period_end.year}",
                            period_start=plan.period_start, period_end=plan.period_end, summary=SUB_PLAN["summary"])
    problem = plans.problem_save(actor=author, plan=sub, **SUB_PLAN["problem"])
    for title, function, budget, district, description in SUB_PLAN["measures"]:
        plans.measure_save(actor=author, plan=sub, problem=problem, addresses="faktorer", title=title,
                           description=description, kind="social", owner=owner, owner_function=function,
                           start=ctx.on(0.9), end=plan.period_end, budget=budget, areas=[ctx.districts[district]])
    return sub


def _agreement(ctx: Context, plan: ActionPlan, measures: dict) -> None:
    """The agreement with the police for the plan's period; each commitment carried by measures of the plan; the
    municipality's medborgarlöften given under it."""
    coordinator, exempelby = ctx.users["samordnare"], plan.owner
    agreement = plans.agreement_save(
        actor=coordinator, owner=exempelby, parties=[ctx.orgs["Lokalpolisområde Exempelby"]],
        title=f"Samverkansöverenskommelse Exempelby kommun och Lokalpolisområde Exempelby "
              f"{plan.period_start.year}–{plan.period_end.year}",
        description=AGREEMENT["description"], focus_areas=AGREEMENT["focus_areas"],
        period_start=plan.period_start, period_end=plan.period_end, signed_on=ctx.decided_on,
    )
    for party, focus_area, text, keys in AGREEMENT["commitments"]:
        plans.commitment_save(actor=coordinator, agreement=agreement, party=ctx.orgs[party], focus_area=focus_area,
                              text=text, measures=[measures[key] for key in keys])
    for promise in CitizenPromise.objects.filter(owner=exempelby).order_by("pk"):
        plans.promise_update(actor=coordinator, promise=promise, agreement=agreement)


PROBLEMS = [
    DemoProblem("Stationsområdet", "skadegorelse", False, {
        "place": "Resecentrums baksida mot pendelparkeringen är dåligt upplyst, väntutrymmena är skymda och "
                 "glaspartierna syns inte från gatan. Efter sista bussavgången vid 22 rör sig få människor där.",
        "offender": "Främst grupper av yngre tonåringar som samlas vid resecentrum och centrumparkeringen fredag och "
                    "lördag kväll. Klottret är till stor del taggar från ett fåtal återkommande signaturer.",
        "target": "Busskurer, glaspartier och fasader som ägs av kommunen, kollektivtrafiken och Exempelbostäder. "
                  "Resenärer, särskilt kvinnor och äldre, upplever platsen som otrygg kvällstid.",
        "place_managers": "Stadsbyggnadsförvaltningen (gata och park), kollektivtrafikmyndigheten (väntsal och "
                          "hållplatser), Exempelbostäder (angränsande fastigheter) och centrumföreningen.",
        "guardians": "Stationsvärdar dagtid och butikspersonal fram till stängning. Efter 22 finns i praktiken "
                     "ingen som ser platsen, utom polisen vid insatser.",
        "handlers": "Vårdnadshavare, skolorna i centrum, kommunens fältarbetare och fritidsgården, som stänger 21 "
                    "på fredagar.",
        "risk_factors": "Få meningsfulla fritidsaktiviteter sena helgkvällar, alkohol, grupptryck och klotter som "
                        "får sitta kvar och drar till sig mer.",
        "protective_factors": "Fungerande samverkan mellan skola, socialtjänst, polis och fritid, föreningar som "
                              "nattvandrar och snabb klottersanering i Exempelbostäders bestånd.",
        "evidence": "Händelserapporterna i samtrygg (klotter och glaskross i Stationsområdet), lägesbildens ökning "
                    "mot året innan och de nya hot spots som vuxit fram de senaste månaderna, polisens händelser "
                    "och polisens och bovärdarnas observationer.",
    }),
    DemoProblem("Norrby", "fysisk-miljo", True, {
        "place": "Gångtunneln under Norrbyleden är det enda gena stråket mellan bostäderna och busshållplatsen. "
                 "Den är lång och krökt, belysningen är ofta trasig och täta buskage vid mynningarna skymmer sikten.",
        "offender": "Få anmälda brott. Otryggheten drivs av mörker, klotter och nedskräpning och av grupper som "
                    "uppehåller sig i tunneln kvällstid.",
        "target": "Boende på väg till och från bussen kvällstid, särskilt kvinnor, äldre och barn på väg till "
                  "aktiviteter. Många tar en längre omväg längs vägen.",
        "place_managers": "Stadsbyggnadsförvaltningen äger tunneln och belysningen, parkenheten sköter vegetationen "
                          "och Exempelbostäder äger gårdarna intill.",
        "guardians": "Förbipasserande och boende vars fönster vetter mot mynningarna, i dag skymda av buskaget.",
        "handlers": "Fältarbetarna och fritidsgården i Norrby.",
        "risk_factors": "Mörker under vinterhalvåret, skymd sikt, långa åtgärdstider för felanmäld belysning och ett "
                        "dåligt rykte som gör att färre går där.",
        "protective_factors": "En aktiv hyresgästförening, goda erfarenheter av trygghetsvandringar och bovärdar "
                              "som finns i området dagtid.",
        "evidence": "Kommunens trygghetsmätning med högst andel otrygga i Norrby, felanmälningar om belysning och "
                    "vegetation i samtrygg och synpunkter från medborgardialogen.",
    }),
    DemoProblem("Söderby", "brand", False, {
        "place": "Soprummen i flerbostadshusen i Söderby är olåsta eller har trasiga lås, ligger vid entréerna och "
                 "saknar brandskydd. Brännbart grovavfall ställs ofta utanför.",
        "offender": "Okända. Mönstret, kvällar och nätter under vinterhalvåret och flera bränder samma vecka, tyder "
                    "på ett fåtal unga som anlägger bränder för spänningens skull.",
        "target": "Soprum och containrar, och därmed de boende: röken sprids till trapphusen och hushåll har fått "
                  "utrymmas.",
        "place_managers": "Exempelbostäder som fastighetsägare och förvaltare, och renhållningen som tömmer kärlen.",
        "guardians": "Boende, bovärdar dagtid och räddningstjänsten vid tillsyn.",
        "handlers": "Skolan i Söderby, socialtjänstens fältarbetare och SSPF-gruppen.",
        "risk_factors": "Lättåtkomligt brännbart material, olåsta utrymmen och låg insyn nattetid.",
        "protective_factors": "Exempelbostäders lokala förvaltning, räddningstjänstens skolinformation och "
                              "grannsamverkan i två kvarter.",
        "evidence": "Händelserapporterna i samtrygg om bränder i avfall, räddningstjänstens insatser och "
                    "Exempelbostäders felanmälningar.",
    }),
]

MEASURES = [
    DemoMeasure(
        "kamera", 0, "Kamerabevakning vid resecentrum",
        "Tio kameror på resecentrums baksida, vid cykelparkeringen och i gångpassagen mot centrum, med inspelning "
        "dygnet runt och skyltning.", "kamerabevakning", "", "plats", "Lokalpolisområde Exempelby",
        "Kommunpolis", "polis", "polis", 0.0, None, 380_000, 200, False, 3, ("skadegorelse",),
        ("Stationsområdet",), (
            DemoFollowUp(0.3, "gul", "Platserna är inventerade och beslut om bevakning är fattat.",
                         "Leveransen av kamerorna är försenad hos leverantören.",
                         "För tidigt att bedöma."),
            DemoFollowUp(0.8, "gul", "Sex av tio kameror är uppsatta och i drift, skyltning klar.",
                         "Resterande kameror kräver ny elförsörjning som Stadsbyggnadsförvaltningen beställt.",
                         "Glaskrossen vid cykelparkeringen har minskat sedan kamerorna kom upp; skadegörelsen i "
                         "övrigt ligger kvar på samma nivå."),
        )),
    DemoMeasure(
        "klotter", 0, "Klottersanering inom 24 timmar",
        "Klotter på Exempelbostäders och kommunens fastigheter, busskurer och i gångtunneln tas bort inom ett dygn "
        "efter anmälan; bovärdarna anmäler i samtrygg.", "neka-vinster", "", "plats", "Exempelbostäder AB",
        "Områdeschef", "", "bovard", None, None, 300_000, 400, True, 2, ("skadegorelse", "sanering"),
        ("Stationsområdet", "Norrby"), (
            DemoFollowUp(0.2, "gron", "Saneringsavtal med ny entreprenör, gemensam anmälan via samtrygg.",
                         "Rutinen fungerar vardagar; helgklotter blir kvar till måndag.",
                         "Andelen sanerat inom ett dygn har ökat.", {"sanering": 68}),
            DemoFollowUp(0.55, "gron", "Helgberedskap införd hos entreprenören.",
                         "Bra samarbete mellan bovärdar och kommunens gatuenhet.",
                         "Färre nya taggar på de sanerade ytorna.", {"sanering": 79}),
            DemoFollowUp(0.9, "gron", "Cirka 140 saneringar sedan förra uppföljningen.",
                         "Kostnaden ligger inom budget.",
                         "Klottret vid resecentrum har minskat tydligt.", {"sanering": 86}),
        )),
    DemoMeasure(
        "faltarbete", 0, "Fältarbete och vuxennärvaro fredag och lördag kväll",
        "Fältarbetarna är ute vid resecentrum, centrum och Norrby fredag och lördag kväll tillsammans med "
        "föreningarnas nattvandrare, och slussar unga vidare till fritidsgården och till socialtjänsten vid oro.",
        "", "social", "garningsperson", "Socialförvaltningen", "Fältsamordnare", "rapportor", "rapportor", None,
        None, None, 1_600, True, 3, ("skadegorelse", "otrygghet"), ("Stationsområdet", "Centrum", "Norrby"), (
            DemoFollowUp(0.35, "gron", "Fältarbete 22 helgkvällar; nattvandring 14 kvällar.",
                         "Samordningen med nattvandrarna sker via en gemensam chattgrupp utan personuppgifter.",
                         "Färre större grupper vid resecentrum sent på kvällen enligt polisen."),
            DemoFollowUp(0.85, "gron", "Fältarbete 20 helgkvällar; 9 orosanmälningar vidare till socialtjänsten.",
                         "Svårt att bemanna under semesterperioden.",
                         "Fritidsgårdens förlängda fredagsöppet lockar fler."),
        )),
    DemoMeasure(
        "trygghetsvandring", 1, "Trygghetsvandring i Norrby",
        "Trygghetsvandring genom gångtunneln och gångvägarna till hållplatsen med boende, hyresgästföreningen, "
        "Exempelbostäder och polisen; brister förs in i samtrygg och lämnas till ansvarig förvaltning.",
        "trygghetsvandring", "", "kontroll", "Kommunstyrelseförvaltningen", "Trygghetssamordnare", "samordnare",
        "samordnare", 0.05, 0.3, 15_000, 60, False, 3, ("otrygghet",), ("Norrby",), (
            DemoFollowUp(0.15, "gron", "Vandringen genomförd med 24 deltagare; 17 brister noterade.",
                         "Bra uppslutning från boende, svårare att nå unga.",
                         "Bristlistan ligger till grund för belysnings- och röjningsåtgärden."),
            DemoFollowUp(0.35, "gron", "Alla brister överlämnade; 11 åtgärdade.",
                         "Återkoppling till deltagarna via hyresgästföreningen.",
                         "Avslutad; ny vandring planeras nästa höst."),
        )),
    DemoMeasure(
        "belysning", 1, "Ny belysning och siktröjning vid gångtunneln i Norrby",
        "Ny armatur i tunneln och längs gångvägarna dit, ljusa väggar och röjning av buskaget vid mynningarna så "
        "att man ser igenom tunneln och syns från husen.", "forbattrad-gatubelysning", "", "plats",
        "Stadsbyggnadsförvaltningen", "Enhetschef gata och park", "", "samordnare", 0.0, None, 650_000, 160,
        False, 3, ("otrygghet",), ("Norrby",), (
            DemoFollowUp(0.25, "rod", "Belysningen är upphandlad.",
                         "Röjningen stoppades: buskaget är en del av en spridningskorridor med skyddsvärda arter. "
                         "Frågan är lyft till Miljö- och byggnadsnämnden.",
                         "Inget ännu."),
            DemoFollowUp(0.7, "gul", "Ny belysning i tunneln och längs 300 meter gångväg; väggarna målade.",
                         "Röjningen görs nu i minskad omfattning enligt nämndens beslut, utanför häckningstid.",
                         "Boende på hyresgästföreningens möte upplever tunneln som ljusare och tryggare."),
        )),
    DemoMeasure(
        "sspf", 0, "SSPF för unga i riskzon i centrum och Söderby",
        "Skola, socialtjänst, polis och fritid gör gemensamma handlingsplaner för unga som återkommer i "
        "skadegörelse och anlagda bränder, med vårdnadshavarnas samtycke.", "sspf", "social", "garningsperson",
        "Socialförvaltningen", "SSPF-samordnare", "", "rapportor", 0.0, None, 200_000, 800, False, 2,
        ("skadegorelse",), ("Centrum", "Söderby"), (
            DemoFollowUp(0.15, "gul", "Styrgruppen utsedd och rutin för samtycke framtagen.",
                         "Uppstarten är försenad: samordnartjänsten är vakant sedan sommaren.",
                         "Inget ännu."),
        )),
    DemoMeasure(
        "soprum", 2, "Brandsäkra soprum i Söderby",
        "Låsta soprum med passerbrickor, brandsäkra kärl och tätare hämtning av grovavfall i Exempelbostäders "
        "hus i Söderby.", "forstark-skyddet-av-malet", "", "mal", "Exempelbostäder AB", "Fastighetschef", "bovard",
        "bovard", 0.0, None, 900_000, 300, False, 3, (), ("Söderby",), (
            DemoFollowUp(0.4, "gron", "Lås och brandsäkra kärl i 14 av 22 soprum.",
                         "Boende har fått information vid varje entré.",
                         "Inga bränder i de ombyggda soprummen hittills."),
            DemoFollowUp(0.8, "gron", "Alla 22 soprum ombyggda; grovsopor hämtas varje vecka.",
                         "Räddningstjänsten har besiktat utan anmärkning.",
                         "Två bränder sedan förra uppföljningen, båda i containrar utanför."),
        )),
]

CONFLICT = {
    "title": "Röjning av buskage vid gångtunneln mot naturvårdshänsyn",
    "description": "Siktröjningen vid gångtunnelns mynningar berör en spridningskorridor med häckande fåglar som "
                   "naturvårdsplanen ska skydda. Parkenheten stoppade röjningen i väntan på besked.",
    "parties": ["Stadsbyggnadsförvaltningen", "Kommunstyrelseförvaltningen"],
    "measures": ["belysning"],
    "resolution": "Miljö- och byggnadsnämnden beslutade om röjning i minskad omfattning: buskaget gallras och "
                  "hålls lägre än en meter närmast gångvägen, större träd och ett skyddsbälte längre in sparas, och "
                  "arbetet görs utanför häckningstiden.",
}

SUB_PLAN = {
    "summary": "Socialnämndens del av kommunens åtgärdsplan: förvaltningens egna åtgärder för unga som riskerar "
               "att dras in i skadegörelse och anlagda bränder.",
    "problem": {
        "title": "Unga som dras in i skadegörelse och anlagda bränder",
        "description": "En liten grupp unga i högstadieåldern återkommer i skadegörelsen vid resecentrum och i "
                       "bränderna i Söderby, främst helgkvällar.",
        "offender": "Unga med hög skolfrånvaro som saknar vuxenkontakt kvällstid; ofta i grupp.",
        "handlers": "Vårdnadshavare, skolan, fältarbetarna och fritidsgårdarnas personal.",
        "risk_factors": "Skolfrånvaro, lite vuxennärvaro kvällstid, äldre förebilder i kriminalitet.",
        "protective_factors": "Fritidsgårdar som unga söker sig till, föreningsliv och föräldranätverk.",
    },
    "measures": [
        ("Förlängt fredagsöppet på fritidsgårdarna", "Enhetschef fritid", 350_000, "Söderby",
         "Fritidsgårdarna i centrum och Söderby håller öppet till midnatt fredagar, med fältarbetarna på plats."),
        ("Föräldraträffar och vuxenstöd i Söderby", "Enhetschef förebyggande arbete", 80_000, "Söderby",
         "Träffar för vårdnadshavare om ungas kvällar, i samarbete med skolan och föreningarna."),
    ],
}

AGREEMENT = {
    "description": "Kommunen och polisen är överens om att gemensamt minska skadegörelsen och öka tryggheten "
                   "utifrån den gemensamma lägesbilden, och att följa upp arbetet varje halvår.",
    "focus_areas": ["Skadegörelse och otrygghet vid resecentrum", "Trygga offentliga miljöer i Norrby",
                    "Unga i riskzon"],
    "commitments": [
        ("Lokalpolisområde Exempelby", "Skadegörelse och otrygghet vid resecentrum",
         "Polisen kamerabevakar resecentrum och är synlig där fredag och lördag kväll tillsammans med kommunens "
         "fältarbetare.", ["kamera", "faltarbete"]),
        ("Lokalpolisområde Exempelby", "Unga i riskzon",
         "Polisen deltar i SSPF och lämnar underlag till de gemensamma handlingsplanerna.", ["sspf"]),
        ("Exempelby kommun", "Skadegörelse och otrygghet vid resecentrum",
         "Kommunen ser till, tillsammans med Exempelbostäder, att klotter saneras inom 24 timmar.", ["klotter"]),
        ("Exempelby kommun", "Trygga offentliga miljöer i Norrby",
         "Kommunen förbättrar belysning och sikt vid gångtunneln och leder trygghetsvandringarna.",
         ["belysning", "trygghetsvandring"]),
        ("Exempelby kommun", "Unga i riskzon", "Kommunen samordnar SSPF och fältarbetet.", ["sspf", "faltarbete"]),
    ],
}
