"""The demo's tips from residents: Exempelby's tip page is open (/p/9901/tips/) and three tips wait in the
moderation queue (Tips in the menu for `samordnare`): a dark footpath marked on the map, litter by the sports hall
given only as a place name, and graffiti in an underpass whose sender asked for a reply."""

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


def build(exempelby) -> None:
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
