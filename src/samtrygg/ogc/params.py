"""The query parameters of OGC API – Features, checked before anything is read: `limit`, `offset`, `bbox` (WGS 84
longitude/latitude, CRS84), `datetime` (an instant or an interval "a/b", "../b", "a/.."), `resolution` (H3),
`kommunkod`, `f`. A value that is not understood is a 400 naming the parameter, never a guess.

Times: an RFC 3339 date-time (with "Z" or an offset; without one it is Swedish local time) or a plain date, which
stands for that whole local day. Interval ends are inclusive."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from samtrygg.incidents.query import local_midnight
from samtrygg.lib.cells import CELL_RESOLUTION

DEFAULT_LIMIT = 100
MAX_LIMIT = 10000
DEFAULT_RESOLUTION = 8
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
FORMATS = ("json", "geojson")
OPEN = ("", "..")


class ParameterError(ValidationError):
    """A query parameter the service cannot use: 400 with the parameter's name and the reason."""

    default_code = "InvalidParameterValue"

    def __init__(self, name: str, reason: str):
        super().__init__({name: [reason]})
        self.parameter, self.reason = name, reason


@dataclass(frozen=True)
class Query:
    """What one items request asks for."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0
    bbox: tuple[float, float, float, float] | None = None
    start: datetime | None = None  # inclusive
    end: datetime | None = None  # exclusive
    datetime_text: str | None = None
    resolution: int = DEFAULT_RESOLUTION
    kommunkod: str = ""

    @property
    def has_time(self) -> bool:
        return self.start is not None or self.end is not None


def parse(params) -> Query:
    """A Query from the request's query parameters (a QueryDict or a dict)."""
    check_common(params)
    text = params.get("datetime")
    start, end = parse_datetime_parameter(text) if text else (None, None)
    return Query(
        limit=min(_integer(params, "limit", DEFAULT_LIMIT, 1), MAX_LIMIT),
        offset=_integer(params, "offset", 0, 0),
        bbox=parse_bbox(params.get("bbox")) if params.get("bbox") else None,
        start=start, end=end, datetime_text=text or None,
        resolution=_resolution(params),
        kommunkod=(params.get("kommunkod") or "").strip(),
    )


def check_common(params) -> None:
    """What every resource refuses: a token in the address (tokens go in the Authorization header only), an output
    format other than JSON, a coordinate system other than WGS 84 longitude/latitude."""
    if "token" in params or "access_token" in params:
        raise ParameterError("token", _("API tokens are never accepted in the address. Send the token in the "
                                        "header: Authorization: Bearer <token>."))
    fmt = params.get("f")
    if fmt is not None and fmt.lower() not in FORMATS:
        raise ParameterError("f", _("Choose one of: %(formats)s.") % {"formats": ", ".join(FORMATS)})
    for name in ("bbox-crs", "crs"):
        value = params.get(name)
        if value is not None and value not in (CRS84, ""):
            raise ParameterError(name, _("Only WGS 84 longitude/latitude is offered: %(crs)s.") % {"crs": CRS84})


def _integer(params, name: str, default: int, minimum: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ParameterError(name, _("Give a whole number.")) from None
    if value < minimum:
        raise ParameterError(name, _("Give a number of at least %(minimum)s.") % {"minimum": minimum})
    return value


def _resolution(params) -> int:
    value = _integer(params, "resolution", DEFAULT_RESOLUTION, 0)
    if value > CELL_RESOLUTION:
        raise ParameterError("resolution", _("Give an H3 resolution from 0 to %(max)s.") % {"max": CELL_RESOLUTION})
    return value


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """min lon, min lat, max lon, max lat (WGS 84); six numbers (with heights) are taken without the heights."""
    parts = text.split(",")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    if len(numbers) != 4 or any(n != n for n in numbers):
        raise ParameterError("bbox", _("Give four numbers: min longitude, min latitude, max longitude, max "
                                       "latitude (WGS 84)."))
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise ParameterError("bbox", _("Longitudes lie between -180 and 180, latitudes between -90 and 90."))
    if min_lon > max_lon or min_lat > max_lat:
        raise ParameterError("bbox", _("The lower left corner comes first: min longitude, min latitude, max "
                                       "longitude, max latitude."))
    return min_lon, min_lat, max_lon, max_lat


def parse_datetime_parameter(text: str) -> tuple[datetime | None, datetime | None]:
    """[start, end) for an instant or an interval; either end may be open ("..", or empty)."""
    if "/" not in text:
        start, end = _moment(text)
        return start, end
    first, _slash, last = text.partition("/")
    if first in OPEN and last in OPEN:
        raise ParameterError("datetime", _("An interval needs at least one end."))
    start = None if first in OPEN else _moment(first)[0]
    end = None if last in OPEN else _moment(last)[1]
    if start is not None and end is not None and end <= start:
        raise ParameterError("datetime", _("The interval ends before it starts."))
    return start, end


def _moment(text: str) -> tuple[datetime, datetime]:
    """[start, end) of one instant: a date-time stands for itself, a date for its whole local day."""
    text = text.strip()
    try:
        day = parse_date(text)  # first: Python reads a plain date as a date-time at midnight too
        moment = None if day else parse_datetime(text.replace(" ", "T", 1))
    except ValueError:
        moment = day = None
    if moment is not None:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment, moment + timedelta(microseconds=1)
    if isinstance(day, date):
        return local_midnight(day), local_midnight(day + timedelta(days=1))
    raise ParameterError("datetime", _("Give a date-time as in RFC 3339 (2026-05-04T12:00:00Z), a date "
                                       "(2026-05-04), or an interval of them: a/b, ../b or a/.."))
