"""Rules every service applies to what people write and choose, in one place: free text never holds an
identity number (the kind of data is named, the data itself never echoed), and a period never ends before it
starts. Used by the incidents, the lägesbilder and the action plans alike."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samtrygg.lib import privacy


def privacy_errors(text: str) -> list[str]:
    """Why `text` may not be stored, if it holds an identity number (the kinds are named, the data never)."""
    kinds = {f.kind for f in privacy.find_personal_data(text) if f.kind in privacy.IDENTITY_KINDS}
    return [
        _("The text contains a %(kind)s. Remove it: reports must never hold personal data.")
        % {"kind": privacy.KIND_LABELS[kind]}
        for kind in sorted(kinds)
    ]


def refuse_personal_data(**fields) -> None:
    """ValidationError by field for every text field holding an identity number; None when all may be stored."""
    errors = {name: privacy_errors(value) for name, value in fields.items() if isinstance(value, str) and value}
    errors = {name: messages for name, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)


def check_period(start, end) -> None:
    if start and end and end < start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
