"""The demo's safety walks in Exempelby (Incidents → Safety walks): one done last week in the district Centrum,
with the municipality, the police and the housing company, four observations (one already made an incident, one
put in the action plan if the municipality has a draft plan) and a summary; and one planned for next week."""

import json
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from samtrygg.accounts.models import Organisation, User
from samtrygg.areas.models import Area
from samtrygg.decisions.models import Status
from samtrygg.incidents.models import Category
from samtrygg.plans.models import ActionPlan
from samtrygg.walks import services

from . import geography as geo

PARTICIPANTS = [("Exempelby kommun", "Trygghetssamordnare", 1), ("Exempelby kommun", "Fältassistent", 2),
                ("Exempelby kommun", "Gatuenheten", 1), ("Lokalpolisområde Exempelby", "Kommunpolis", 1),
                ("Exempelbostäder AB", "Bovärd", 2), ("Exempelbostäder AB", "Boende", 6)]
# code, (dlat, dlon) from the centre, how unsafe, description, suggested measure, responsible, function
OBSERVATIONS = [
    ("fysisk-miljo.belysning", (0.0015, -0.002), 5, "Gångvägen mellan torget och stationen är helt mörk efter "
     "klockan sex; två lampor är trasiga.", "Byt de trasiga armaturerna och lägg till en lampa vid trappan.",
     "Exempelby kommun", "Gatuenheten"),
    ("fysisk-miljo.vegetation", (0.0008, 0.0012), 4, "Höga buskar skymmer sikten vid lekplatsen på gården.",
     "Röj buskarna ned till en meter.", "Exempelbostäder AB", "Bovärd"),
    ("skadegorelse.klotter", (-0.0006, 0.0005), 3, "Klotter på busskuren och elskåpet vid Storgatan.",
     "Sanera inom 24 timmar.", "Exempelby kommun", "Gatuenheten"),
    ("ordningsstorning.ungdomar", (-0.0012, -0.0008), 3, "Boende upplever att grupper samlas vid "
     "parkeringshuset på kvällarna.", "Fältassistenterna går förbi fredagar och lördagar.",
     "Exempelby kommun", "Fältassistent"),
]


def build(exempelby: Organisation, until: date) -> None:
    area = Area.objects.filter(owner=exempelby, name="Centrum").first()
    if area is None:
        return
    coordinator = User.objects.get(username="samordnare")
    field = User.objects.get(username="rapportor")
    lon, lat = geo.EXEMPELBY_CENTRE
    route = json.dumps({"type": "LineString", "coordinates": [
        [round(lon + dlon, 6), round(lat + dlat, 6)] for dlat, dlon in
        ((0.002, -0.003), (0.0015, -0.002), (0.0008, 0.0012), (-0.0006, 0.0005), (-0.0012, -0.0008))]})
    day = until - timedelta(days=until.weekday() + 5)  # Wednesday last week
    walk = services.walk_save(
        actor=coordinator, owner=exempelby, area=area, title="Kvällsvandring i Centrum",
        starts_at=timezone.make_aware(datetime.combine(day, time(18, 30))), meeting_place="Utanför biblioteket",
        route=route)
    organisations = {o.name: o for o in Organisation.objects.filter(name__in={p[0] for p in PARTICIPANTS})}
    for name, function, count in PARTICIPANTS:
        if name in organisations:
            services.participant_add(actor=coordinator, walk=walk, organisation=organisations[name],
                                     function=function, count=count)
    made = []
    for code, (dlat, dlon), unsafe, text, measure, responsible, function in OBSERVATIONS:
        made.append(services.observation_add(
            actor=field, walk=walk, category=Category.objects.get(owner__isnull=True, code=code), lat=lat + dlat,
            lon=lon + dlon, unsafe=unsafe, description=text, suggested_measure=measure,
            responsible=organisations.get(responsible), responsible_function=function))
    services.observation_to_incident(actor=coordinator, observation=made[2])
    plan = ActionPlan.objects.filter(owner=exempelby, status=Status.DRAFT).order_by("-period_end").first()
    if plan is not None:
        services.observation_to_measure(actor=coordinator, observation=made[0], plan=plan)
    services.walk_done(actor=coordinator, walk=walk, summary=(
        "Belysningen längs gångvägen till stationen är den viktigaste frågan; gatuenheten byter armaturerna. "
        "Bostadsbolaget röjer buskarna vid lekplatsen. Klottret är anmält som händelse och saneras. Nästa vandring "
        "görs i Norrby i vår."))
    next_week = until + timedelta(days=7 - until.weekday() + 1)  # Tuesday next week
    services.walk_save(actor=coordinator, owner=exempelby, area=area, title="Trygghetsvandring kring stationen",
                       starts_at=timezone.make_aware(datetime.combine(next_week, time(18, 0))),
                       meeting_place="Stationens huvudentré")
