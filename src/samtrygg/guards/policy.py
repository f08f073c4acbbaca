"""What happens to each kind of personal data found in text: refused (the text is not stored), masked (replaced by a
marker such as "[telefonnummer]" when it is stored) or only flagged (stored, with a warning to the writer).

Each organisation may set its own action per kind (`Organisation.privacy_policy`, {kind: action}); a kind it has not
set follows the nearest organisation above it that has, else the installation's default. Identity numbers are never
merely flagged: they are refused or masked. Plain code, free of the models: an organisation is anything with
`privacy_policy` and `parent`."""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from samtrygg.lib import privacy

REFUSE, MASK, WARN = "refuse", "mask", "warn"
ACTION_LABELS = {
    REFUSE: _("refuse the text"),
    MASK: _("mask on save"),
    WARN: _("only warn"),
}
DEFAULTS = {
    privacy.PERSONNUMMER: REFUSE,
    privacy.SAMORDNINGSNUMMER: REFUSE,
    privacy.PHONE: MASK,
    privacy.EMAIL: MASK,
    privacy.ADDRESS: MASK,
    privacy.HANDLE: MASK,
    privacy.VEHICLE_REGISTRATION: WARN,
    privacy.NAME: WARN,
}
ALLOWED = {kind: (REFUSE, MASK) if kind in privacy.IDENTITY_KINDS else (REFUSE, MASK, WARN) for kind in DEFAULTS}
STRICTNESS = {WARN: 0, MASK: 1, REFUSE: 2}

# What the user reads about a kind (the stored markers below are data, and always Swedish).
KIND_NAMES = {
    privacy.PERSONNUMMER: _("personal identity number"),
    privacy.SAMORDNINGSNUMMER: _("coordination number"),
    privacy.PHONE: _("phone number"),
    privacy.EMAIL: _("e-mail address"),
    privacy.ADDRESS: _("home address with flat number"),
    privacy.HANDLE: _("social media username"),
    privacy.VEHICLE_REGISTRATION: _("registration number"),
    privacy.NAME: _("name"),
}
MARKERS = {
    privacy.PERSONNUMMER: "[personnummer]",
    privacy.SAMORDNINGSNUMMER: "[samordningsnummer]",
    privacy.PHONE: "[telefonnummer]",
    privacy.EMAIL: "[e-postadress]",
    privacy.ADDRESS: "[adress]",
    privacy.HANDLE: "[användarnamn]",
    privacy.VEHICLE_REGISTRATION: "[registreringsnummer]",
    privacy.NAME: "[namn]",
}


@dataclass(frozen=True)
class Policy:
    actions: Mapping[str, str]  # every kind -> REFUSE, MASK or WARN

    def action(self, kind: str) -> str:
        return self.actions[kind]

    def kinds(self, *actions: str) -> frozenset[str]:
        return frozenset(kind for kind, action in self.actions.items() if action in actions)

    def masking(self) -> "Policy":
        """This policy for text that cannot be refused (a feed, text already stored): what it refuses is masked."""
        return Policy({kind: MASK if action == REFUSE else action for kind, action in self.actions.items()})


DEFAULT_POLICY = Policy(DEFAULTS)
IDENTITY_ONLY = Policy({kind: REFUSE if kind in privacy.IDENTITY_KINDS else WARN for kind in DEFAULTS})


def valid_actions(raw) -> dict[str, str]:
    """The allowed {kind: action} pairs of a stored or submitted policy; anything else is dropped."""
    if not isinstance(raw, Mapping):
        return {}
    return {kind: action for kind, action in raw.items() if kind in ALLOWED and action in ALLOWED[kind]}


def policy_for(organisation) -> Policy:
    """The policy that applies to text an organisation owns: per kind its own action, else that of the nearest
    organisation above it that set one, else the default. None (text no organisation owns): the default."""
    actions: dict[str, str] = {}
    seen: set = set()
    org = organisation
    while org is not None and org.pk not in seen and len(actions) < len(DEFAULTS):
        seen.add(org.pk)
        for kind, action in valid_actions(getattr(org, "privacy_policy", None)).items():
            actions.setdefault(kind, action)
        org = org.parent
    return Policy({kind: actions.get(kind, default) for kind, default in DEFAULTS.items()})


@dataclass(frozen=True)
class Screened:
    """A text under a policy: what may be stored (masked), and the kinds refused, masked and only flagged."""

    text: str
    findings: tuple[privacy.Finding, ...]
    refused: frozenset[str]
    masked: frozenset[str]
    flagged: frozenset[str]


@lru_cache(maxsize=8192)
def findings_in(text: str) -> tuple[privacy.Finding, ...]:
    """privacy.find_personal_data, remembered for the latest texts: a bulk writer that screens its rows first (the
    police feed masks before comparing with what is stored) does not pay for the detector again when the guard
    screens the same rows on the write. At most 8,192 texts, so memory stays bounded."""
    return tuple(privacy.find_personal_data(text))


def screen_text(text: str, policy: Policy, findings=None) -> Screened:
    findings = findings_in(text) if findings is None else tuple(findings)
    by_action: dict[str, set[str]] = {REFUSE: set(), MASK: set(), WARN: set()}
    parts, pos = [], 0
    for finding in findings:  # sorted by start, never overlapping
        action = policy.action(finding.kind)
        by_action[action].add(finding.kind)
        if action == MASK:
            parts += [text[pos : finding.start], MARKERS[finding.kind]]
            pos = finding.end
    masked = "".join([*parts, text[pos:]]) if parts else text
    return Screened(
        masked, findings, frozenset(by_action[REFUSE]), frozenset(by_action[MASK]), frozenset(by_action[WARN])
    )
