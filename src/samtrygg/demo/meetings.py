"""Exempelby's working rhythm for the demo, built through the meetings services (validated and audited):

- the weekly EST group for Norrby (the trygghetssamordnare, a fältassistent, the kommunpolis and Exempelbostäder's
  bovärd), with a weekly series on Tuesdays at 09.00 from six weeks before `until` to eight weeks after; the past
  meetings have their ärenden, decisions and tasks, are justerade by the kommunpolis and the bovärd, and the
  reporters got feedback; so the next meeting's generated agenda follows up open tasks;
- the strategic council, met two months ago (justerat) and meeting again in three weeks with numbered ärenden.

Exempelby shares its incidents in Norrby with Exempelbostäder, so the group (which reads only what every one of
its organisations may read) has the kommun's reports to review."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from samtrygg.accounts.models import User
from samtrygg.areas.models import Area
from samtrygg.incidents import services as incidents
from samtrygg.incidents.models import Category
from samtrygg.meetings import feedback, services
from samtrygg.meetings.models import GroupKind, ItemKind, Meeting, TaskStatus
from samtrygg.sharing import services as sharing
from samtrygg.sharing.models import Access, DataKind

EST_AREA = "Norrby"
TASKS = [  # (ärende, decision, task, function, place, days to the deadline)
    ("Klotter i gångtunneln under Norrbyleden", "Klottret saneras inom ett dygn; belysningen ses över.",
     "Sanera klottret i gångtunneln", "Bovärd", "Gångtunneln, Norrbyleden", 2),
    ("Ungdomar samlas vid Norrby centrum sena kvällar", "Fältassistenterna är på plats fredag och lördag kväll.",
     "Fältarbete vid Norrby centrum fredag–lördag kväll", "Fältassistent", "Norrby centrum", 5),
    ("Trasig belysning på gångvägen mot skolan", "Kommunen byter armaturerna; polisen följer upp med närvaro.",
     "Felanmäla och följa upp belysningen på gångvägen", "Trygghetssamordnare", "Gångvägen mot Norrbyskolan", 7),
]


FRESH = [  # reports of the last few days in Norrby, for the next meeting's generated agenda: (category, hours ago,
    # description; places and situations, never persons)
    ("skadegorelse.klotter", 5, "Nytt klotter på gångtunnelns norra vägg."),
    ("skadegorelse.glaskross", 20, "Krossad ruta i busskuren vid Norrby centrum."),
    ("ordningsstorning.ungdomar", 30, "Stor samling vid centrumtorget efter klockan 22, mopeder på gångvägen."),
    ("skadegorelse.klotter", 44, "Klotter på elskåpet vid skolans parkering."),
    ("brand.avfall", 52, "Brand i papperskorg vid lekplatsen, släckt av förbipasserande."),
]


def _fresh_reports(reporter, kommun, norrby, until) -> None:
    """A few reports of the last days (only when the demo is built up to today)."""
    if until != timezone.localdate():
        return
    centre = norrby.shape.representative_point()
    now = timezone.now()
    for k, (code, hours, text) in enumerate(FRESH):
        incidents.incident_create(
            actor=reporter, owner=kommun, category=Category.objects.get(owner__isnull=True, code=code),
            occurred_from=now - timedelta(hours=hours), lat=centre.y + 0.0007 * (k - 2), lon=centre.x + 0.001 * (k % 3),
            description=text)


def _local(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), timezone.get_current_timezone())


def build(orgs: dict, until: date) -> None:
    users = {u.username: u for u in User.objects.filter(is_demo=True)}
    kommun, police, housing = orgs["Exempelby kommun"], orgs["Lokalpolisområde Exempelby"], orgs["Exempelbostäder AB"]
    coordinator = users["samordnare"]
    norrby = Area.objects.get(owner=kommun, name=EST_AREA)
    sharing.grant_create(actor=None, grantor=kommun, grantee=housing, kind=DataKind.INCIDENTS, access=Access.READ,
                         areas=[norrby], note="EST Norrby (demo)")
    _fresh_reports(users["rapportor"], kommun, norrby, until)
    _est(coordinator, users, kommun, police, housing, norrby, until)
    _council(coordinator, users, kommun, police, until)


def _est(coordinator, users, kommun, police, housing, norrby, until):
    group = services.group_save(actor=coordinator, owner=kommun, kind=GroupKind.EST, name="EST Norrby", area=norrby,
                                description="Veckovis genomgång av rapporterna i Norrby: snabba åtgärder, veckans "
                                            "fokusplatser och återkoppling till dem som rapporterat.",
                                weekly_reporting=True)
    functions = {
        "Trygghetssamordnare": services.function_save(actor=coordinator, group=group, organisation=kommun,
                                                      title="Trygghetssamordnare", holder=coordinator),
        "Fältassistent": services.function_save(actor=coordinator, group=group, organisation=kommun,
                                                title="Fältassistent", holder=users["rapportor"]),
        "Kommunpolis": services.function_save(actor=coordinator, group=group, organisation=police,
                                              title="Kommunpolis", holder=users["polis"]),
        "Bovärd": services.function_save(actor=coordinator, group=group, organisation=housing, title="Bovärd",
                                         holder=users["bovard"]),
    }
    tuesday = until - timedelta(days=(until.weekday() - 1) % 7)  # the latest Tuesday up to `until`
    first = tuesday - timedelta(weeks=6)
    services.series_create(actor=coordinator, group=group, first_start=_local(first, 9), duration_minutes=60,
                           interval_weeks=1, until=tuesday + timedelta(weeks=8), location="Norrby medborgarkontor",
                           title="EST-möte Norrby")
    now = timezone.now()
    held = list(Meeting.objects.filter(group=group, ends_at__lt=now).order_by("starts_at"))
    for k, meeting in enumerate(held[-3:]):
        matter, decision, task, function, place, days = TASKS[k % len(TASKS)]
        item = services.item_save(actor=coordinator, meeting=meeting, title=matter,
                                  summary="Rapporterat sedan förra mötet.", decision=decision)
        made = services.task_create(actor=coordinator, item=item, function=functions[function], title=task,
                                    due=timezone.localdate(meeting.starts_at) + timedelta(days=days), place=place,
                                    area=norrby)
        if k == 0:  # the oldest is done; the others are still open for the next meeting to follow up
            services.task_update(actor=functions[function].holder, task=made, status=TaskStatus.DONE,
                                 outcome="Utfört enligt beslutet.")
        justera(coordinator, meeting, users["polis"], users["bovard"])
        feedback.send_feedback(actor=coordinator, meeting=meeting)


def justera(coordinator, meeting, first, second):
    """The meeting's protocol justerat by `first` and `second` (the agenda approved, the adjusters elected)."""
    notes = {ItemKind.AGENDA: "Dagordningen fastställdes.", ItemKind.ADJUSTERS:
             f"{first.get_full_name()} och {second.get_full_name()} valdes att justera protokollet."}
    for item in meeting.items.filter(kind__in=list(notes)):
        services.item_save(actor=coordinator, meeting=meeting, item=item, notes=notes[item.kind])
    services.adjusters_set(actor=coordinator, meeting=meeting, users=[first, second])
    services.protocol_submit(actor=coordinator, meeting=meeting)
    services.protocol_sign(actor=first, meeting=meeting, verified=True)
    services.protocol_sign(actor=second, meeting=meeting, verified=True)


def _council(coordinator, users, kommun, police, until):
    area = Area.objects.get(owner=kommun, parent__isnull=True)
    group = services.group_save(actor=coordinator, owner=kommun, kind=GroupKind.COUNCIL,
                                name="Strategiskt råd för trygghet", area=area,
                                description="Kommunens strategiska forum enligt lagen (2023:196): kommundirektören, "
                                            "lokalpolisområdeschefen och förvaltningscheferna.")
    services.function_save(actor=coordinator, group=group, organisation=kommun, title="Kommundirektör",
                           holder=users["admin"])
    services.function_save(actor=coordinator, group=group, organisation=police, title="Lokalpolisområdeschef",
                           holder=users["polis"])
    services.function_save(actor=coordinator, group=group, organisation=kommun, title="Samordnare (sekreterare)",
                           holder=coordinator)
    past = services.meeting_create(actor=coordinator, group=group, title="Strategiska rådet",
                                   starts_at=_local(until - timedelta(days=60), 13),
                                   ends_at=_local(until - timedelta(days=60), 15), location="Stadshuset, sal 2")
    services.item_save(actor=coordinator, meeting=past, title="Lägesbild för Exempelby",
                       summary="Samordnaren redogör för årets lägesbild och de tre prioriterade problemen.",
                       proposal="Rådet ställer sig bakom lägesbilden och överlämnar den till kommunstyrelsen.",
                       basis="Lägesbild för Exempelby\nTjänsteskrivelse från samordnaren",
                       decision="Enligt förslaget.")
    justera(coordinator, past, users["admin"], users["polis"])
    upcoming = services.meeting_create(actor=coordinator, group=group, title="Strategiska rådet",
                                       starts_at=_local(until + timedelta(days=21), 13),
                                       ends_at=_local(until + timedelta(days=21), 15), location="Stadshuset, sal 2")
    services.item_save(actor=coordinator, meeting=upcoming, title="Halvårsuppföljning av åtgärdsplanen",
                       summary="Uppföljningen till kommunstyrelsen: målen mot målvärdena, åtgärderna och de "
                               "försenade uppföljningarna.",
                       proposal="Rådet godkänner uppföljningen och överlämnar den till kommunstyrelsen.",
                       basis="Halvårsrapport för åtgärdsplanen (PDF)")
    services.item_save(actor=coordinator, meeting=upcoming, title="Revidering av samverkansöverenskommelsen",
                       summary="Överenskommelsen med polisen löper ut vid årsskiftet.",
                       proposal="Samordnaren får i uppdrag att ta fram ett förslag till ny överenskommelse.")
