"""The public tip page /p/<kommunkod>/tips/: no login, no cookies needed beyond CSRF; the map is an aid (the
address or place-name field works without JavaScript)."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from samtrygg.areas.models import Area
from samtrygg.ui.maps import map_config
from samtrygg.ui.render import add_service_errors

from .. import selectors, services
from ..forms import TipForm


def _map(channel) -> dict:
    return map_config(Area.objects.filter(owner=channel.municipality, parent__isnull=True))


@never_cache
def tip_form(request, kommunkod):
    channel = selectors.open_channel(kommunkod)
    categories = selectors.public_categories(channel)
    form = TipForm(request.POST or None, request.FILES or None, categories=categories)
    limited = False
    if request.method == "POST" and form.is_valid():
        address = get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")
        if not services.quota_take(address, limit=settings.SAMTRYGG_TIPS_PER_HOUR):
            limited = True
        else:
            data = form.cleaned_data
            try:
                services.tip_submit(channel=channel, category=data["category"], lat=data["lat"], lon=data["lon"],
                                    place=data["place"], description=data["description"], photo=data["photo"],
                                    email=data["email"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("tips_public:thanks", kommunkod=kommunkod)
    response = render(request, "tips/public_form.html", {
        "channel": channel, "kommun": channel.municipality, "form": form, "limited": limited,
        "map": _map(channel)})
    if limited:
        response.status_code = 429
    return response


def thanks(request, kommunkod):
    channel = selectors.open_channel(kommunkod)
    return render(request, "tips/public_thanks.html", {"channel": channel, "kommun": channel.municipality})
