"""Personas: Alice administers Exempelstad kommun, Bob reports there, Erik coordinates in its
Socialförvaltning, Carol coordinates Grannstad kommun, Dave reads for the police."""

from shapely.geometry import box, mapping

from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import OrgType, Role
from samtrygg.areas import services as areas
from samtrygg.areas.models import AreaKind

PASSWORD = "correct horse battery staple"


def make_area(owner, name, bounds, kind=AreaKind.KOMMUNDEL, parent=None, **fields):
    return areas.area_create(
        actor=None, owner=owner, name=name, kind=kind, parent=parent, geometry=mapping(box(*bounds)), **fields
    )


class World:
    """Two municipalities and the police, with people and areas."""

    def __init__(self):
        self.kommun_a = accounts.organisation_create(actor=None, name="Exempelstad kommun", type=OrgType.KOMMUN,
                                                     kommunkod="0180")
        self.forvaltning_a = accounts.organisation_create(
            actor=None, name="Socialförvaltningen", type=OrgType.NAMND, kommunkod="0180", parent=self.kommun_a
        )
        self.kommun_b = accounts.organisation_create(actor=None, name="Grannstad kommun", type=OrgType.KOMMUN,
                                                     kommunkod="0181")
        self.police = accounts.organisation_create(actor=None, name="Lokalpolisområde Södertälje",
                                                   type=OrgType.LOKALPOLISOMRADE)
        self.alice = self.user("alice", self.kommun_a, Role.ADMIN)
        self.bob = self.user("bob", self.kommun_a, Role.RAPPORTOR)
        self.carol = self.user("carol", self.kommun_b, Role.SAMORDNARE)
        self.dave = self.user("dave", self.police, Role.LASARE)
        self.erik = self.user("erik", self.forvaltning_a, Role.SAMORDNARE)
        self.area_a = make_area(self.kommun_a, "Centrum", (17.60, 59.18, 17.70, 59.22), kind=AreaKind.KOMMUN)
        self.area_a_sub = make_area(self.kommun_a, "Torget", (17.62, 59.19, 17.63, 59.20), parent=self.area_a)
        self.area_a2 = make_area(self.kommun_a, "Norr", (17.60, 59.22, 17.70, 59.25))
        self.area_b = make_area(self.kommun_b, "Grannstad C", (17.80, 59.18, 17.90, 59.22), population=12000)

    @staticmethod
    def user(username, org, role):
        return accounts.user_create(actor=None, username=username, password=PASSWORD, organisation=org, role=role)
