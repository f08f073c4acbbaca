"""The installable web app: its manifest and its service worker (served from the site's root, so that it may serve
the report page offline; see templates/web/sw.js and static/samtrygg/outbox.js)."""

import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

# The pages that open without a network (each as a regular expression of its path): the report form, and a safety
# walk's observation form (opened once online before the walk).
OFFLINE_PAGES = (r"^/incidents/report/$", r"^/trygghetsvandring/\d+/iakttagelse/$")


@cache_control(max_age=3600)
def manifest(request):
    return JsonResponse({
        "name": "samtrygg", "short_name": "samtrygg", "lang": request.LANGUAGE_CODE,
        "description": _("Report incidents and places that feel unsafe, also without a network."),
        "start_url": reverse("incidents:report"), "scope": "/", "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#00527a",
        "icons": [{"src": static(f"samtrygg/icons/samtrygg-{size}.png"), "sizes": f"{size}x{size}",
                   "type": "image/png"} for size in (192, 512)],
    }, content_type="application/manifest+json")


@cache_control(no_cache=True)
def service_worker(request):
    body = render_to_string("web/sw.js", {
        "static_url": settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL,
        "pages": json.dumps(OFFLINE_PAGES),
    })
    return HttpResponse(body, content_type="text/javascript; charset=utf-8")
