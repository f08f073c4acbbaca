"""A page, or a part of one, served again as its user was last shown it, while nothing on it has changed.

`cached_page(request, versions, build)` answers a GET with `build()`'s response and keeps that response's HTML in
this process (the "pages" cache, settings.CACHES), named by the user, the language, the whole path with its query,
whether htmx asked for a part only, and `versions`: what the view says its page is made of, each as a value that
changes when that changes (the user's roles, the version of the incidents they see, …). The next GET with the same
name is answered from the kept HTML. So a view that passes `versions` promises that its page is a function of them
and of the request's name: anything else it shows must be named in them too.

`cached_part(request, name, versions, build)` does the same for a part of a page that several pages and queries
show alike (the incident filters' panel): its HTML is kept per user and language under `name` and `versions`, which
must then say all the part is made of, the request's path and query not being in its name.

What differs per request is not kept: the CSRF token and the CSP nonce are put back fresh, and a page with a
message to show (django.contrib.messages) is neither served from nor kept in the cache. Only 200 HTML responses are
kept. Entries are per user: nothing one user was shown is served to another."""

import hashlib
import re

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_MARK, NONCE_MARK = "\x00csrf-token\x00", "\x00csp-nonce\x00"  # never in rendered HTML


def cached_page(request, versions: tuple, build) -> HttpResponse:
    if request.method != "GET" or len(get_messages(request)):
        return build()
    cache = caches["pages"]
    htmx = getattr(request, "htmx", None)
    key = _key(request, ("page", request.get_full_path(), bool(htmx), bool(htmx and htmx.boosted)), versions)
    kept = cache.get(key)
    if kept is not None:
        html, content_type = kept
        return HttpResponse(_fresh(request, html), content_type=content_type)
    response = build()
    if response.status_code == 200 and not response.streaming and \
            response.get("Content-Type", "").startswith("text/html"):
        cache.set(key, (_marked(request, response.content.decode(response.charset)), response["Content-Type"]))
    return response


def cached_part(request, name: tuple, versions: tuple, build) -> SafeString:
    """The HTML `build()` gives, kept for this user and language under `name` and `versions`."""
    cache = caches["pages"]
    key = _key(request, ("part", *name), versions)
    kept = cache.get(key)
    if kept is None:
        html = build()
        cache.set(key, _marked(request, html))
        return mark_safe(html)  # noqa: S308 (build() gives rendered, escaped HTML)
    return mark_safe(_fresh(request, kept))  # noqa: S308


def _key(request, name: tuple, versions: tuple) -> str:
    named = repr((request.user.pk, request.user.get_username(), get_language(), name, versions))
    return "page:" + hashlib.sha256(named.encode()).hexdigest()


def _marked(request, html: str) -> str:
    """The HTML with this request's CSRF token and CSP nonce replaced by marks."""
    for token in set(CSRF_VALUE.findall(html)):
        html = html.replace(token, CSRF_MARK)
    nonce = get_nonce(request)
    if nonce:  # the page used one (a LazyNonce is true once generated)
        html = html.replace(f'nonce="{nonce}"', f'nonce="{NONCE_MARK}"')
    return html


def _fresh(request, html: str) -> str:
    """Kept HTML with this request's own CSRF token and CSP nonce in place of the marks."""
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, get_token(request))
    if NONCE_MARK in html:
        html = html.replace(NONCE_MARK, str(get_nonce(request)))
    return html
