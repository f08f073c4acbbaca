"""The demo's county level: Exempelläns kommunalförbund (in the county where the demo places its municipalities)
with four members. Exempelby and Grannby share their incident counts and hexagon counts, Åsby (a small
municipality with few incidents, so the dashboard shows hidden small counts) shares its counts only, and Norrby
shares nothing. The demo user `lan` is the association's coordinator; the county's lägesbild of last year is
adopted, this year's a draft. The association's network of the members' coordinators meets for mellankommunala
frågor: its last meeting's protocol is justerat, the next one is on the agenda."""

import io
import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from shapely.geometry import mapping

from samtrygg.access import Access
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import Organisation, OrgType, User
from samtrygg.areas import services as areas
from samtrygg.areas.models import AreaKind
from samtrygg.county import services as county
from samtrygg.county import statistics
from samtrygg.county.models import ShareKind
from samtrygg.incidents import importing
from samtrygg.indicators.selectors import DEMO_COUNTY_CODE
from samtrygg.meetings import services as meetings
from samtrygg.meetings.models import ItemKind

from . import geography as geo
from . import incidents as demo_incidents
from .meetings import justera

REGION = "Exempelläns kommunalförbund"
ASBY_CENTRE = (16.20, 59.47)
SHARES = {"9901": (ShareKind.AREA_COUNTS, ShareKind.CELL_COUNTS, ShareKind.COLLABORATION),
          "9902": (ShareKind.AREA_COUNTS, ShareKind.CELL_COUNTS), "9903": (ShareKind.AREA_COUNTS,), "9904": ()}


def build(rng: random.Random, orgs: dict[str, Organisation], until: date, *, incidents: bool) -> Organisation:
    def org(name, type, kommunkod=""):
        orgs[name] = accounts.organisation_create(actor=None, name=name, type=type, kommunkod=kommunkod, is_demo=True)
        return orgs[name]

    association = org(REGION, OrgType.KOMMUNALFORBUND)
    asby = org("Åsby kommun", OrgType.KOMMUN, "9903")
    org("Norrby kommun", OrgType.KOMMUN, "9904")
    outline = geo.blob(rng, ASBY_CENTRE, 5.0)
    areas.area_create(actor=None, owner=asby, name="Åsby", kind=AreaKind.KOMMUN, geometry=mapping(outline),
                      population=6_200)
    if incidents:
        buffer = io.StringIO()
        demo_incidents.write_csv(demo_incidents.generate(rng, outline, until=until, count=90,
                                                         days=(until - date(until.year - 2, 1, 1)).days,
                                                         id_prefix="demo-asby"), buffer)
        report = importing.import_file(actor=None, owner=asby, file=io.BytesIO(buffer.getvalue().encode("utf-8")),
                                       filename="demo-asby.csv", commit=True)
        if report.errors:
            raise RuntimeError(f"demo incidents refused: {report.errors[:3]}")
    region = county.region_save(actor=None, organisation=association, county_code=DEMO_COUNTY_CODE)
    for municipality in Organisation.objects.filter(kommunkod__in=SHARES, type=OrgType.KOMMUN, is_demo=True):
        member = county.member_add(actor=None, region=region, municipality=municipality)
        for kind in SHARES[municipality.kommunkod]:
            county.share_create(actor=None, member=member, kind=kind)
    return association


def pictures(region, *, actor, until: date) -> None:
    """The county's lägesbild for last year, adopted by the association's board, and this year's draft."""
    series = statistics.national_series(Access(actor)).filter(name__icontains="skadegörelse").first()
    adopted = county.picture_save(
        actor=actor, region=region, title=f"Länets lägesbild {until.year - 1}", year=until.year - 1, series=series,
        summary="Skadegörelse och ordningsstörningar är de vanligaste händelserna i de kommuner som delar sina "
                "antal. Exempelby och Grannby har heta punkter kring sina centrum och stationer.",
        conclusions="Förbundet föreslår en länsgemensam satsning mot klotter längs pendelstråket och stöd till "
                    "Åsby och Norrby i att börja rapportera och dela händelser.")
    county.picture_submit(actor=actor, picture=adopted)
    county.picture_adopt(actor=actor, picture=adopted, decided_on=date(until.year, 3, 1) if until.month > 3
                         else until, decided_by="Förbundsstyrelsen")
    county.picture_save(actor=actor, region=region, title=f"Länets lägesbild {until.year}", year=until.year,
                        series=series, summary="Utkast: årets siffror hittills.")


def council(region, *, actor, until: date) -> None:
    """The members' coordinators' network: Exempelby's and Grannby's coordinators hold their municipalities'
    functions (Åsby and Norrby have named no one yet), `lan` convenes; one meeting justerat, one ahead."""
    group = county.council_create(
        actor=actor, region=region, name="Länets nätverk för brottsförebyggande samordnare",
        description="Medlemskommunernas samordnare träffas varannan månad: vad kan vi göra länsgemensamt?",
        title="Brottsförebyggande samordnare")
    holders = {"Exempelby kommun": User.objects.get(username="samordnare"),
               "Grannby kommun": User.objects.get(username="grannby")}
    for function in group.functions.select_related("organisation"):
        if function.organisation.name in holders:
            meetings.function_save(actor=actor, group=group, function=function, title=function.title,
                                   holder=holders[function.organisation.name])
    meetings.function_save(actor=actor, group=group, organisation=region.organisation, title="Sammankallande",
                           holder=actor)

    def at(day: date, hour: int) -> dict:
        start = timezone.make_aware(datetime.combine(day, time(hour)))
        return {"starts_at": start, "ends_at": start + timedelta(hours=2)}

    past = meetings.meeting_create(actor=actor, group=group, title="Nätverksmöte", location="Förbundets kansli",
                                   **at(until - timedelta(days=45), 9))
    meetings.item_save(actor=actor, meeting=past, title="Länsgemensam satsning mot klotter längs pendelstråket",
                       summary="Skadegörelsen längs pendelstråket syns i flera kommuner; den heta punkten vid "
                               "kommungränsen hör till två av dem.",
                       proposal="Förbundet tar fram ett förslag till gemensam klotterrutin med kommunerna och "
                                "Trafikverket.", decision="Enligt förslaget.")
    standing = past.items.get(kind=ItemKind.INTERMUNICIPAL)
    meetings.item_save(actor=actor, meeting=past, item=standing,
                       notes="Grannby tar upp att ungdomar rör sig mellan centrum i Exempelby och Grannby på "
                             "fredagskvällar. Exempelby och Grannby samordnar fältarbetet.")
    justera(actor, past, *holders.values())
    upcoming = meetings.meeting_create(actor=actor, group=group, title="Nätverksmöte", location="Förbundets kansli",
                                       **at(until + timedelta(days=14), 9))
    meetings.item_save(actor=actor, meeting=upcoming, title="Kartläggningen av medlemmarnas arbete",
                       summary="Resultatet av förbundets kartläggning av det brottsförebyggande arbetet.",
                       proposal="Nätverket diskuterar resultatet och föreslår vad förbundet ska stödja.")
