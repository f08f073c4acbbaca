"""`samtrygg demo`: the fictional municipalities Exempelby (9901) and Grannby (9902) with their partners,
areas and users. Deterministic: the same seed gives the same data."""

import random
from dataclasses import dataclass

from django.db import transaction
from shapely.geometry import mapping

from samtrygg.accounts import services as accounts
from samtrygg.accounts.backends import DEMO_PASSWORD
from samtrygg.accounts.models import Organisation, OrgType, Role
from samtrygg.areas import services as areas
from samtrygg.areas.models import AreaKind, PoliceClassification
from samtrygg.sharing import services as sharing
from samtrygg.sharing.models import Access, DataKind

from . import geography as geo

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
]


def demo_exists() -> bool:
    return Organisation.objects.filter(type=OrgType.KOMMUN, kommunkod=DEMO_KOMMUNKOD, is_demo=True).exists()


@transaction.atomic
def build_demo(*, seed: int = 2023) -> dict[str, Organisation]:
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

    kommun_area = _municipality(rng, exempelby, "Exempelby", geo.EXEMPELBY_CENTRE, 9.0, geo.EXEMPELBY_DISTRICTS, 41_000)
    _municipality(rng, grannby, "Grannby", geo.GRANNBY_CENTRE, 6.0, geo.GRANNBY_DISTRICTS, 14_000)

    for user in DEMO_USERS:
        accounts.user_create(
            actor=None, username=user.username, password=DEMO_PASSWORD, organisation=orgs[user.org],
            role=user.role, first_name=user.username.capitalize(), last_name="Demo", is_demo=True,
        )
    sharing.grant_create(
        actor=None, grantor=exempelby, grantee=orgs["Lokalpolisområde Exempelby"], kind=DataKind.INCIDENTS,
        access=Access.READ, areas=[kommun_area], note="Samverkansöverenskommelse 2026–2027 (demo)",
    )
    return orgs


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
