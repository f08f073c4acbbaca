"""The demo's reports from residents and the field. Exempelby's tip page is open (/p/9901/tips/) and three tips
wait in the moderation queue (Incidents → Tips from residents for `samordnare`): a dark footpath marked on the map,
litter by the sports hall given only as a place name, and graffiti in an underpass whose sender asked for a reply.
The police (`polis`) sent last week's weekly report: three kinds of events in Exempelby's districts at once."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from samtrygg.accounts.models import User
from samtrygg.areas.models import Area
from samtrygg.incidents import services as incidents
from samtrygg.incidents.models import Category
from samtrygg.tips import services

from . import geography as geo

TIPS = [
    ("fysisk-miljo.belysning", (0.004, -0.006), "",
     "Gångvägen mellan skolan och busshållplatsen är helt mörk, två lampor är trasiga sedan i höstas.", ""),
    ("nedskrapning.skrap", None, "Bakom idrottshallen vid Norra skolan",
     "Mycket skräp och krossat glas på gräsytan varje måndag morgon.", ""),
    ("skadegorelse.klotter", (-0.003, 0.002), "Gångtunneln under Storgatan",
     "Nytt klotter på båda väggarna, och det luktar urin. Många undviker tunneln på kvällen.",
     "boende@example.org"),
]


WEEK = [("ordningsstorning.ungdomar", "Centrum", 4, time(22, 30), 3), ("narkotika.fynd", "Centrum", 5, None, 1),
        ("trafik.moped", "Norrby", 2, time(21, 0), 2)]


def build(exempelby, police, until: date) -> None:
    _tips(exempelby)
    _weekly_report(exempelby, police, until)


def _weekly_report(exempelby, police, until: date) -> None:
    monday = until - timedelta(days=until.weekday() + 7)
    areas = {a.name: a for a in Area.objects.filter(owner=exempelby)}
    events = []
    for code, where, offset, at, count in WEEK:
        area = areas.get(where) or next(iter(areas.values()))
        day = monday + timedelta(days=offset)
        start = timezone.make_aware(datetime.combine(day, at or time(0, 0)))
        end = None if at else timezone.make_aware(datetime.combine(day, time(23, 59)))
        events.append({"category": Category.objects.get(owner__isnull=True, code=code), "area": area,
                       "occurred_from": start, "occurred_to": end, "count": count})
    incidents.batch_create(actor=User.objects.get(username="polis"), owner=police, period_start=monday,
                           period_end=monday + timedelta(days=6), events=events,
                           note="Veckans rapport från kommunpolisen inför EST-mötet.")


def _tips(exempelby) -> None:
    channel = services.channel_save(
        actor=None, municipality=exempelby, open=True,
        introduction="Tipsa kommunen om platser som känns otrygga: mörka gångvägar, trasig belysning, skräp och "
                     "klotter. Kommunens trygghetssamordnare läser alla tips och tar upp dem med polisen och "
                     "fastighetsägarna.")
    lon, lat = geo.EXEMPELBY_CENTRE
    for code, offset, place, text, email in TIPS:
        point = (lat + offset[0], lon + offset[1]) if offset else (None, None)
        services.tip_submit(channel=channel, category=Category.objects.get(owner__isnull=True, code=code),
                            lat=point[0], lon=point[1], place=place, description=text, email=email)
