"""The calendar: a meeting's invitation as an .ics file, the page where a user makes or revokes their feed, and
the feed itself.

The feed is fetched by calendar programs, which carry no session: its secret URL is the credential, so it is not
behind the login (and SecondFactorMiddleware acts only on signed-in sessions). Only the secret's digest is
stored; the full URL is shown once, in the answer to the POST that made it."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from samtrygg.access import for_request

from .. import selectors, services
from ..calendar import calendar_of, summary
from ..models import CalendarFeed

FEED_PAST, FEED_AHEAD = timedelta(days=90), timedelta(days=400)  # the meetings a feed lists, around today


def _ics(body: bytes, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _page_url(request):
    return lambda meeting: request.build_absolute_uri(reverse("meetings:meeting_detail", args=[meeting.pk]))


@login_required
@require_safe
def invitation(request, pk):
    """One meeting as an .ics file to open in a calendar program (404 unless the user may see the meeting)."""
    meeting = selectors.meeting_get(for_request(request), pk)
    day = timezone.localtime(meeting.starts_at).date().isoformat()
    return _ics(calendar_of([meeting], summary(meeting), _page_url(request)), f"mote-{day}.ics")


@never_cache
@login_required
def feed_page(request):
    """Whether the user has a feed, what it is, and the buttons to make a new one or stop it."""
    secret = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            secret = services.calendar_feed_create(actor=request.user)
        elif action == "revoke":
            services.calendar_feed_revoke(actor=request.user)
            messages.success(request, _("Your calendar feed was stopped. Calendars using it get no more updates."))
            return redirect("meetings:feed_page")
    feed = CalendarFeed.objects.filter(user=request.user).first()  # the user's own row: nothing to scope
    return render(request, "meetings/calendar_feed.html", {
        "feed": feed,
        "feed_url": request.build_absolute_uri(reverse("meetings:feed", args=[secret])) if secret else None,
    })


@require_safe
def feed(request, secret):
    """The user's meetings from 90 days ago to 400 days ahead, for a calendar program to subscribe to. No login:
    an unknown or revoked secret, or an inactive user, is answered 404 like any other address."""
    user = selectors.feed_user(services.feed_digest(secret))
    if user is None:
        raise Http404
    now = timezone.now()
    meetings = selectors.my_meetings(user, now - FEED_PAST, now + FEED_AHEAD)
    response = _ics(calendar_of(meetings, _("Meetings in samtrygg"), _page_url(request)))
    response["Cache-Control"] = "private, no-store"
    return response
