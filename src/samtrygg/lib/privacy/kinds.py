"""The kinds of personal data the guard finds, and a finding: where in a text one of them is."""

from dataclasses import dataclass

PERSONNUMMER = "personnummer"
SAMORDNINGSNUMMER = "samordningsnummer"
PHONE = "phone"
EMAIL = "email"
ADDRESS = "address"  # a home address down to one household: "Ringvägen 3B, lgh 1001"
HANDLE = "handle"  # a social-media account: "@namn_123", "användaren X på Snapchat"
VEHICLE_REGISTRATION = "vehicle_registration"
NAME = "name"

KIND_LABELS = {
    PERSONNUMMER: "personnummer",
    SAMORDNINGSNUMMER: "samordningsnummer",
    PHONE: "telefonnummer",
    EMAIL: "e-postadress",
    ADDRESS: "adress med lägenhet",
    HANDLE: "användarnamn i sociala medier",
    VEHICLE_REGISTRATION: "registreringsnummer",
    NAME: "namn",
}
KINDS = tuple(KIND_LABELS)
IDENTITY_KINDS = frozenset({PERSONNUMMER, SAMORDNINGSNUMMER})
# Where findings overlap, the kind with the lower number is kept.
PRIORITY = {
    PERSONNUMMER: 0, SAMORDNINGSNUMMER: 0, EMAIL: 1, PHONE: 2, HANDLE: 3, ADDRESS: 4, VEHICLE_REGISTRATION: 5,
    NAME: 6,
}


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KIND_LABELS
    start: int  # text[start:end] is the personal data
    end: int

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]
