"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), so that a municipality's existing fault-report app
can send safety reports into samtrygg. The jurisdiction is the municipality (`jurisdiction_id` = its kommunkod); its
services are the categories of its tip page; a request becomes a tip in the moderation queue, exactly as one from the
public page. Posting needs `api_key`: a samtrygg API token with write access whose user may report in the
municipality. Reading the requests needs no key and tells only status and times — never a description, place or
e-mail, which are for the municipality's moderators alone."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from samtrygg.access import Access, Action
from samtrygg.accounts import selectors as account_selectors
from samtrygg.accounts import services as account_services
from samtrygg.tips import selectors as tip_selectors
from samtrygg.tips import services as tip_services
from samtrygg.tips.forms import SWEDEN

from .formats import to_xml

MAX_RANGE = timedelta(days=90)
MAX_REQUESTS = 1000
CONTENT_TYPES = {"json": "application/json", "xml": "text/xml; charset=utf-8"}


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status, self.description = status, description


def _answer(fmt: str, kind: str, data, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(to_xml(kind, data), status=status, content_type=CONTENT_TYPES["xml"])
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _handles_errors(view):
    def wrapped(request, *args, fmt, **kwargs):
        try:
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as error:
            return _answer(fmt, "errors", [{"code": error.status, "description": error.description}], error.status)
    wrapped.__name__, wrapped.__doc__ = view.__name__, view.__doc__
    return wrapped


def _param(request, name: str) -> str:
    source = request.POST if request.method == "POST" else request.GET
    return (source.get(name) or "").strip()


def _channel(request):
    code = _param(request, "jurisdiction_id")
    if not code:
        raise Open311Error(400, _("jurisdiction_id is required: the municipality's kommunkod."))
    channel = tip_selectors.channel_by_code(code)
    if channel is None:
        raise Open311Error(404, _("No municipality with this jurisdiction_id takes reports here."))
    return channel


def _when(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


@require_GET
def discovery(request):
    url = request.build_absolute_uri(reverse("open311:services", kwargs={"fmt": "json"})).rsplit("/", 1)[0] + "/"
    return JsonResponse({"changeset": "2026-12-04T00:00:00Z", "contact": "", "key_service": "", "endpoints": [
        {"specification": "http://wiki.open311.org/GeoReport_v2", "url": url, "changeset": "2026-12-04T00:00:00Z",
         "type": "production", "formats": ["application/json", "text/xml"]}]})


@require_GET
@_handles_errors
def services(request, fmt):
    channel = _channel(request)
    return _answer(fmt, "services", [
        {"service_code": c.code, "service_name": c.name, "description": str(c), "metadata": False,
         "type": "realtime", "keywords": "", "group": c.parent.name if c.parent_id else ""}
        for c in tip_selectors.public_categories(channel).select_related("parent")])


@require_GET
@_handles_errors
def service_definition(request, code, fmt):
    channel = _channel(request)
    if not tip_selectors.public_categories(channel).filter(code=code).exists():
        raise Open311Error(404, _("No such service_code."))
    return _answer(fmt, "definition", {"service_code": code, "attributes": []})


def _float(request, name: str, low: float, high: float) -> float | None:
    raw = _param(request, name)
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise Open311Error(400, _("%(name)s is not a number.") % {"name": name}) from None
    if not low <= value <= high:
        raise Open311Error(400, _("%(name)s is outside Sweden.") % {"name": name})
    return value


def _post(request, fmt):
    channel = _channel(request)
    token = account_selectors.api_token_for_secret(_param(request, "api_key"))
    if token is None or account_selectors.api_token_refusal(token.user):
        raise Open311Error(403, _("Invalid, revoked or expired api_key."))
    if token.read_only:
        raise Open311Error(403, _("This api_key may only read."))
    if not Access(token.user).can_in(Action.REPORT, channel.municipality_id):
        raise Open311Error(403, _("This api_key may not report to this jurisdiction."))
    account_services.api_token_mark_used(token=token)
    category = tip_selectors.public_categories(channel).filter(code=_param(request, "service_code")).first()
    if category is None:
        raise Open311Error(400, _("service_code is missing or not one of this jurisdiction's services."))
    lat, lon = _float(request, "lat", SWEDEN[0], SWEDEN[1]), _float(request, "long", SWEDEN[2], SWEDEN[3])
    if (lat is None) != (lon is None) or (lat is None and not _param(request, "address_string")):
        raise Open311Error(400, _("Give lat and long, or address_string."))
    description = _param(request, "description")
    if len(description) > 2000 or len(_param(request, "address_string")) > 200:
        raise Open311Error(400, _("description (2,000) or address_string (200 characters) is too long."))
    try:
        tip = tip_services.tip_submit(
            actor=token.user, channel=channel, category=category, lat=lat, lon=lon,
            place=_param(request, "address_string"), description=description, email=_param(request, "email"))
    except ValidationError as error:
        raise Open311Error(400, " ".join(error.messages)) from None
    return _answer(fmt, "requests", [{"service_request_id": tip.reference, "account_id": None,
                                      "service_notice": _("A coordinator reads the report before it is used.")}])


def _dates(request) -> tuple[datetime, datetime]:
    parsed = []
    for name in ("start_date", "end_date"):
        raw = _param(request, name)
        value = parse_datetime(raw) if raw else None
        if raw and (value is None or timezone.is_naive(value)):
            raise Open311Error(400, _("%(name)s must be a w3 date and time with its zone, e.g. "
                                      "2026-01-01T00:00:00Z.") % {"name": name})
        parsed.append(value)
    start, end = parsed
    end = end or (start + MAX_RANGE if start else timezone.now())
    start = start or end - MAX_RANGE
    if end < start or end - start > MAX_RANGE:
        raise Open311Error(400, _("start_date to end_date may span at most 90 days."))
    return start, end


def _listed(request, channel, references: list[str] | None = None) -> list[dict]:
    if references is None:
        references = [r for r in _param(request, "service_request_id").split(",") if r]
    codes = [c for c in _param(request, "service_code").split(",") if c]
    statuses = {s for s in _param(request, "status").split(",") if s} or {"open", "closed"}
    if statuses - {"open", "closed"}:
        raise Open311Error(400, _("status is open or closed."))
    pending, decided = tip_selectors.requests(channel, references=references, codes=codes,
                                              between=None if references else _dates(request))
    name = channel.municipality.name
    rows = []
    if "open" in statuses:
        rows += [_request(t.reference, "open", "", t.category, t.received_at, t.received_at, name) for t in pending]
    if "closed" in statuses:
        rows += [_request(o.reference, "closed", o.get_status_display(), o.category, o.received_at, o.decided_at,
                          name) for o in decided]
    return sorted(rows, key=lambda r: r["requested_datetime"], reverse=True)[:MAX_REQUESTS]


def _request(reference, status, notes, category, requested, updated, agency) -> dict:
    return {"service_request_id": reference, "status": status, "status_notes": notes,
            "service_name": category.name, "service_code": category.code, "description": None,
            "agency_responsible": agency, "service_notice": "", "requested_datetime": _when(requested),
            "updated_datetime": _when(updated), "expected_datetime": None, "address": None,
            "address_id": None, "zipcode": None, "lat": None, "long": None, "media_url": None}


@csrf_exempt  # no session: a POST is authorised by its api_key alone
@require_http_methods(["GET", "POST"])
@_handles_errors
def requests(request, fmt):
    if request.method == "POST":
        return _post(request, fmt)
    return _answer(fmt, "requests", _listed(request, _channel(request)))


@require_GET
@_handles_errors
def request_detail(request, reference, fmt):
    found = _listed(request, _channel(request), [reference])
    if not found:
        raise Open311Error(404, _("No such service_request_id."))
    return _answer(fmt, "requests", found)
