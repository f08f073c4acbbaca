"""`samtrygg demo`: the fictional municipalities Exempelby (9901) and Grannby (9902) with their partners,
areas and users. Deterministic: the same seed gives the same data."""

import io
import random
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from shapely import unary_union
from shapely.geometry import mapping

from samtrygg.accounts import services as accounts
from samtrygg.accounts.backends import DEMO_PASSWORD
from samtrygg.accounts.models import Organisation, OrgType, Role, User
from samtrygg.areas import services as areas
from samtrygg.areas.models import Area, AreaKind, PoliceClassification
from samtrygg.incidents import importing, police
from samtrygg.indicators import formats as indicator_formats
from samtrygg.indicators import services as indicators
from samtrygg.lagesbild import services as lagesbild
from samtrygg.plans import services as plans
from samtrygg.sharing import services as sharing
from samtrygg.sharing.models import Access, DataKind

from . import county as demo_county
from . import deso as demo_deso
from . import field as demo_field
from . import geography as geo
from . import incidents as demo_incidents
from . import indicators as demo_indicators
from . import meetings as demo_meetings
from . import plans as demo_plans
from . import police_events as demo_police
from . import retention as demo_retention
from . import rhythm as demo_rhythm
from . import surveys as demo_surveys
from . import walks as demo_walks

DEMO_KOMMUNKOD = "9901"


@dataclass(frozen=True)
class DemoUser:
    username: str
    org: str
    role: str
    description: str


DEMO_USERS = [
    DemoUser("admin", "Exempelby kommun", Role.ADMIN, "administratör, Exempelby kommun"),
    DemoUser("samordnare", "Exempelby kommun", Role.SAMORDNARE, "trygghetssamordnare, Exempelby kommun"),
    DemoUser("rapportor", "Exempelby kommun", Role.RAPPORTOR, "rapportör (fältassistent), Exempelby kommun"),
    DemoUser("lasare", "Exempelby kommun", Role.LASARE, "läsare (förtroendevald), Exempelby kommun"),
    DemoUser("polis", "Lokalpolisområde Exempelby", Role.SAMORDNARE, "kommunpolis, Lokalpolisområde Exempelby"),
    DemoUser("bovard", "Exempelbostäder AB", Role.RAPPORTOR, "bovärd, Exempelbostäder AB"),
    DemoUser("grannby", "Grannby kommun", Role.SAMORDNARE, "trygghetssamordnare, Grannby kommun"),
    DemoUser("lan", "Exempelläns kommunalförbund", Role.SAMORDNARE,
             "brottsförebyggande samordnare, Exempelläns kommunalförbund (länsnivån)"),
]


def demo_exists() -> bool:
    return Organisation.objects.filter(type=OrgType.KOMMUN, kommunkod=DEMO_KOMMUNKOD, is_demo=True).exists()


# Who reports the demo incidents: (organisation, reporting user, share of the incidents, where: a municipality,
# or the housing company's estates).
DEMO_REPORTERS = [
    ("Exempelby kommun", "rapportor", 0.62, "Exempelby"),
    ("Exempelbostäder AB", "bovard", 0.18, "Exempelbostäder"),
    ("Grannby kommun", "grannby", 0.20, "Grannby"),
]
# The housing company's estates (its own areas, in Exempelby's districts): (name, district, half side in km).
DEMO_ESTATES = [("Norrbyhöjden", "Norrby", 0.7), ("Söderbygården", "Söderby", 0.7), ("Ekdalsbacken", "Ekdalen", 0.5)]


@transaction.atomic
def build_demo(*, seed: int = 2023, incidents: int = 20_000, until: date | None = None) -> dict[str, Organisation]:
    """The demo world; with about two years of synthetic incidents up to `until` (default today), stored through
    the product's own importer, as a municipality would load its history."""
    rng = random.Random(seed)
    orgs: dict[str, Organisation] = {}

    def org(name, type, kommunkod="", parent=None):
        orgs[name] = accounts.organisation_create(
            actor=None, name=name, type=type, kommunkod=kommunkod, parent=parent, is_demo=True
        )
        return orgs[name]

    exempelby = org("Exempelby kommun", OrgType.KOMMUN, "9901")
    for name in ["Kommunstyrelseförvaltningen", "Socialförvaltningen", "Stadsbyggnadsförvaltningen",
                 "Utbildningsförvaltningen"]:
        org(name, OrgType.NAMND, "9901", exempelby)
    org("Lokalpolisområde Exempelby", OrgType.LOKALPOLISOMRADE)
    org("Exempelbostäder AB", OrgType.BOSTADSBOLAG, "9901")
    grannby = org("Grannby kommun", OrgType.KOMMUN, "9902")
    # Personal data in text (the page "Personuppgifter i text"): Exempelby masks plates, which the default only
    # flags, and its förvaltningar follow; the housing company refuses social-media handles outright.
    accounts.organisation_set_privacy_policy(actor=None, organisation=exempelby,
                                             actions={"vehicle_registration": "mask"})
    accounts.organisation_set_privacy_policy(actor=None, organisation=orgs["Exempelbostäder AB"],
                                             actions={"handle": "refuse"})

    kommun_area = _municipality(rng, exempelby, "Exempelby", geo.EXEMPELBY_CENTRE, 9.0, geo.EXEMPELBY_DISTRICTS, 41_000)
    grannby_area = _municipality(rng, grannby, "Grannby", geo.GRANNBY_CENTRE, 6.0, geo.GRANNBY_DISTRICTS, 14_000)

    demo_county.build(random.Random(seed + 6), orgs, until or timezone.localdate(), incidents=bool(incidents))
    for user in DEMO_USERS:
        accounts.user_create(
            actor=None, username=user.username, password=DEMO_PASSWORD, organisation=orgs[user.org],
            role=user.role, first_name=user.username.capitalize(), last_name="Demo", is_demo=True,
        )
    sharing.grant_create(
        actor=None, grantor=exempelby, grantee=orgs["Lokalpolisområde Exempelby"], kind=DataKind.INCIDENTS,
        access=Access.READ, areas=[kommun_area], note="Samverkansöverenskommelse 2026–2027 (demo)",
    )
    estates = _housing_company(exempelby, orgs["Exempelbostäder AB"], kommun_area)
    demo_indicators.build(random.Random(seed + 4), until or timezone.localdate())  # before the lägesbilder
    demo_deso.build(random.Random(seed + 5), kommun_area, (until or timezone.localdate()).year - 1)
    if incidents:
        outlines = {"Exempelby": kommun_area.shape, "Grannby": grannby_area.shape, "Exempelbostäder": estates}
        until = until or timezone.localdate()
        _incidents(random.Random(seed + 1), orgs, outlines, incidents, until)
        items = demo_police.feed_items(random.Random(seed + 2), {"Exempelby": geo.EXEMPELBY_CENTRE,
                                                                 "Grannby": geo.GRANNBY_CENTRE}, until=until)
        police.police_events_import(actor=None, items=items, source="samtrygg demo", places=demo_police.KOMMUNKODER)
        _surveys(random.Random(seed + 3), orgs["Exempelby kommun"], until)
        _lagesbilder(orgs, kommun_area, until)
    _promises(orgs, until or timezone.localdate())
    demo_plans.build(orgs, until or timezone.localdate())
    demo_meetings.build(orgs, until or timezone.localdate())
    demo_rhythm.build(orgs, until or timezone.localdate())
    demo_retention.build(orgs, until or timezone.localdate())
    demo_field.build(orgs["Exempelby kommun"], orgs["Lokalpolisområde Exempelby"], until or timezone.localdate())
    region = orgs[demo_county.REGION].region
    coordinator = User.objects.get(username="lan")
    demo_surveys.build(region, actor=coordinator, members=list(region.members.all()))
    demo_county.pictures(region, actor=coordinator, until=until or timezone.localdate())
    demo_county.council(region, actor=coordinator, until=until or timezone.localdate())
    demo_walks.build(orgs["Exempelby kommun"], until or timezone.localdate())
    return orgs


def _housing_company(exempelby, housing, kommun_area):
    """Exempelbostäder AB as a housing company works with the municipality: its estates are its own areas (its
    bovärdar's reports are filed under them), it shares its reports there with the municipality — so the
    municipality's lägesbild counts them and names the company — and reads the lägesbild the municipality shares
    with it (which its bovärd adds observations to). The estates' outline, for the company's demo reports."""
    districts = {a.name: a for a in Area.objects.filter(owner=exempelby, kind=AreaKind.KOMMUNDEL)}
    estates = []
    for name, district, half_km in DEMO_ESTATES:
        shape = districts[district].shape
        outline = shape.intersection(geo.square(tuple(shape.representative_point().coords[0]), half_km))
        estates.append(areas.area_create(actor=None, owner=housing, name=name, kind=AreaKind.OMRADE,
                                         geometry=mapping(outline)))
    sharing.grant_create(
        actor=None, grantor=housing, grantee=exempelby, kind=DataKind.INCIDENTS, access=Access.READ, areas=estates,
        note="Bovärdarnas rapporter till kommunens lägesbild (demo)",
    )
    sharing.grant_create(
        actor=None, grantor=exempelby, grantee=housing, kind=DataKind.LAGESBILDER, access=Access.READ,
        areas=[kommun_area], note="Gemensam lägesbild med bostadsbolaget (demo)",
    )
    return unary_union([estate.shape for estate in estates])


def _promises(orgs, until):
    """Exempelby's medborgarlöften with the police: two public ones (see /p/9901/medborgarloften/) and one
    still being prepared, which residents do not see."""
    exempelby, police_org = orgs["Exempelby kommun"], orgs["Lokalpolisområde Exempelby"]
    coordinator = User.objects.get(username="samordnare")
    districts = {a.name: a for a in exempelby.areas.all()}
    start, end = date(until.year, 1, 1), date(until.year + 1, 12, 31)
    for title, district, public, activities in DEMO_PROMISES:
        promise = plans.promise_create(
            actor=coordinator, owner=exempelby, partners=[police_org], area=districts.get(district), title=title,
            period_start=start, period_end=end, status="pagaende" if public else "planerat", public=public,
        )
        for description, status in activities:
            plans.activity_add(actor=coordinator, promise=promise, description=description, status=status)


DEMO_PROMISES = [
    ("Vi ska minska skadegörelsen och öka tryggheten vid resecentrum", "Stationsområdet", True, [
        ("Polisen och kommunens trygghetsvärdar är på plats fredag och lördag kväll", "pagaende"),
        ("Belysningen runt resecentrum byts och förstärks", "genomfort"),
        ("Klotter tas bort inom 24 timmar", "pagaende"),
    ]),
    ("Vi ska göra gångtunneln i Norrby trygg att gå genom", "Norrby", True, [
        ("Trygghetsvandring med boende, bostadsbolaget och polisen", "genomfort"),
        ("Buskage röjs och tunneln målas ljus", "planerat"),
    ]),
    ("Samverkan mot bränder i soprum (under beredning)", "Söderby", False, [
        ("Kartläggning av soprum tillsammans med räddningstjänsten", "planerat"),
    ]),
]


def _surveys(rng, exempelby, until):
    """Exempelby's own safety survey (trygghetsmätning) per district for the last three years, as a
    municipality would import its spreadsheet (`samtrygg import-indicators FILE --org ...`)."""
    lines = ["Indikator;Område;År;Värde;Enhet"]
    for district in geo.EXEMPELBY_DISTRICTS:
        level = rng.uniform(12, 38)
        for year in range(until.year - 2, until.year + 1):
            level = max(3.0, level + rng.uniform(-4, 3))
            lines.append(f"Andel som känner sig otrygga utomhus sent på kvällen;{district};{year};"
                         f"{level:.1f}".replace(".", ",") + ";procent")
    data = "\n".join(lines).encode("utf-8")
    parsed = indicator_formats.parse(data, "demo-trygghetsmatning.csv", "table")
    indicators.import_indicators(parsed, user=User.objects.get(username="samordnare"), owner=exempelby)


def _lagesbilder(orgs, kommun_area, until):
    """Last year's lägesbild with partners' observations, adopted by kommunstyrelsen, and this year's draft with
    theirs; both shared with the police (and, see _housing_company, with the housing company)."""
    exempelby, police_org = orgs["Exempelby kommun"], orgs["Lokalpolisområde Exempelby"]
    coordinator = User.objects.get(username="samordnare")
    sharing.grant_create(
        actor=None, grantor=exempelby, grantee=police_org, kind=DataKind.LAGESBILDER, access=Access.READ,
        areas=[kommun_area], note="Gemensam lägesbild (demo)",
    )
    last_year = until.year - 1
    adopted = lagesbild.lagesbild_create(
        actor=coordinator, owner=exempelby, area=kommun_area, title=f"Lägesbild Exempelby {last_year}",
        period_start=date(last_year, 1, 1), period_end=date(last_year, 12, 31),
        summary="Skadegörelse och klotter dominerar och ökar kring centrum och resecentrum under kvällar och helger. "
                "Otryggheten är störst i Norrby.",
        conclusions="Samverkansgruppen föreslår tre prioriterade problem för åtgärdsplanen.",
    )
    for title, description in DEMO_PROBLEMS:
        lagesbild.problem_save(actor=coordinator, lagesbild=adopted, title=title, description=description)
    for org_name, username, text in DEMO_ADOPTED_OBSERVATIONS:  # carried into a new version of it (then droppable)
        lagesbild.observation_add(actor=User.objects.get(username=username), lagesbild=adopted,
                                  organisation=orgs[org_name], text=text)
    lagesbild.lagesbild_submit(actor=coordinator, lagesbild=adopted)
    lagesbild.lagesbild_adopt(actor=coordinator, lagesbild=adopted, decided_on=min(date(until.year, 2, 15), until),
                              decided_by="Kommunstyrelsen")
    draft = lagesbild.lagesbild_create(
        actor=coordinator, owner=exempelby, area=kommun_area, title=f"Lägesbild Exempelby {until.year}",
        period_start=date(until.year, 1, 1), period_end=until,
    )
    for org_name, username, text in DEMO_OBSERVATIONS:
        lagesbild.observation_add(actor=User.objects.get(username=username), lagesbild=draft,
                                  organisation=orgs[org_name], text=text)


DEMO_PROBLEMS = [
    ("Skadegörelse vid resecentrum kvällstid",
     "Klotter och krossat glas vid resecentrum i Stationsområdet, främst fredag–lördag kväll."),
    ("Otrygghet i gångtunneln i Norrby", "Boende undviker gångtunneln efter mörkrets inbrott; trasig belysning."),
    ("Bränder i soprum i Söderby", "Anlagda bränder i soprum i flerbostadshus under vinterhalvåret."),
]
DEMO_ADOPTED_OBSERVATIONS = [
    ("Lokalpolisområde Exempelby", "polis", "Skadegörelsen vid resecentrum ökar fredag–lördag kväll; polisen "
                                            "prioriterar området under helgerna."),
    ("Exempelbostäder AB", "bovard", "Bränderna i soprummen i Söderby har ökat under vintern."),
]
DEMO_OBSERVATIONS = [
    ("Lokalpolisområde Exempelby", "polis", "Fler ungdomar samlas vid centrumparkeringen sena fredagskvällar."),
    ("Exempelbostäder AB", "bovard", "Belysningen i gångtunneln i Norrby är lagad; klottret vid soprummen minskar."),
]


def _incidents(rng, orgs, outlines, count, until):
    # from New Year two years back: last year's lägesbild then has a whole previous year to compare with
    days = (until - date(until.year - 2, 1, 1)).days
    for org_name, username, share, place in DEMO_REPORTERS:
        buffer = io.StringIO()
        demo_incidents.write_csv(
            demo_incidents.generate(rng, outlines[place], until=until, count=round(count * share), days=days,
                                    id_prefix=f"demo-{username}"),
            buffer,
        )
        report = importing.import_file(
            actor=User.objects.get(username=username), owner=orgs[org_name],
            file=io.BytesIO(buffer.getvalue().encode("utf-8")), filename=f"demo-{username}.csv", commit=True,
        )
        if report.errors:
            raise RuntimeError(f"demo incidents refused: {report.errors[:3]}")


def _municipality(rng, owner, name, centre, radius_km, district_names, population):
    outline = geo.blob(rng, centre, radius_km)
    kommun = areas.area_create(
        actor=None, owner=owner, name=name, kind=AreaKind.KOMMUN, geometry=mapping(outline), population=population
    )
    cells = geo.districts(rng, outline, district_names)
    weights = [rng.uniform(0.5, 1.5) for _ in cells]
    for i, (district, shape) in enumerate(cells):
        areas.area_create(
            actor=None, owner=owner, name=district, kind=AreaKind.KOMMUNDEL, parent=kommun,
            geometry=mapping(shape), population=int(population * weights[i] / sum(weights)),
            police_classification=PoliceClassification.UTSATT if i == 2 else "",
        )
    return kommun
