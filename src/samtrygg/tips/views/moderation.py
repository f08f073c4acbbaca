"""The moderators' pages under /tips/: the queue of tips waiting in the municipalities the user moderates, one
tip with its photo (approve as an incident or as an observation in a draft lägesbild, or reject with a reason;
reply if the resident left an e-mail), and the tip page's settings."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.access import for_request
from samtrygg.incidents.models import Category
from samtrygg.ui.downloads import photo_response
from samtrygg.ui.render import form_page, save_form

from .. import selectors, services
from ..forms import ApproveForm, ChannelForm, RejectForm
from ..models import DEFAULT_CATEGORIES


@login_required
def queue(request):
    access = for_request(request)
    municipalities = list(selectors.moderated(access))
    if not municipalities:
        raise Http404
    channels = selectors.channels(municipalities)
    return render(request, "tips/queue.html", {
        "tips": selectors.tips(access), "now": timezone.now(),
        "pages": [(m, channels.get(m.pk)) for m in municipalities],
    })


@login_required
def tip_detail(request, pk):
    tip = selectors.tip_get(for_request(request), pk)
    has_contact = hasattr(tip, "contact")
    action = request.POST.get("action") if request.method == "POST" else None
    approve = ApproveForm(
        request.POST if action == "approve" else None, prefix="approve",
        categories=selectors.categories_for(tip.channel.municipality), drafts=selectors.draft_lagesbilder(tip),
        has_contact=has_contact, initial={"category": tip.category, "lat": tip.lat, "lon": tip.lon,
                                          "description": tip.description,
                                          "occurred_from": timezone.localtime(tip.received_at)})
    reject = RejectForm(request.POST if action == "reject" else None, has_contact=has_contact, prefix="reject")
    response = None
    if action == "approve":
        response = save_form(request, approve, lambda f: services.tip_approve(actor=request.user, tip=tip,
                                                                             **f.cleaned_data),
                             _("The tip was approved."), lambda _made: reverse("tips:queue"))
    elif action == "reject":
        response = save_form(request, reject, lambda f: services.tip_reject(actor=request.user, tip=tip,
                                                                           **f.cleaned_data),
                             _("The tip was rejected and deleted."), lambda _none: reverse("tips:queue"))
    return response or render(request, "tips/tip_detail.html", {
        "tip": tip, "approve": approve, "reject": reject, "has_contact": has_contact})


@login_required
def tip_photo(request, pk):
    return photo_response(selectors.tip_get(for_request(request), pk).photo, cache="private, no-store")


@login_required
def channel_settings(request, pk):
    access = for_request(request)
    channel = selectors.channel_of(access, pk)
    municipality = selectors.moderated(access).get(pk=pk)
    initial = {} if channel else {"categories": Category.objects.filter(owner__isnull=True,
                                                                        code__in=DEFAULT_CATEGORIES)}
    form = ChannelForm(request.POST or None, instance=channel, categories=selectors.categories_for(municipality),
                       initial=initial)
    response = save_form(request, form, lambda f: services.channel_save(
        actor=request.user, municipality=municipality, open=f.cleaned_data["open"],
        introduction=f.cleaned_data["introduction"], categories=f.cleaned_data["categories"]),
        _("The tip page was saved."), lambda _c: reverse("tips:queue"))
    return response or form_page(
        request, form, title=_("Tip page of %(name)s") % {"name": municipality.name}, cancel=reverse("tips:queue"),
        intro=_("Residents send tips at %(url)s while the page is open. Tips wait here until a coordinator approves "
                "or rejects them.") % {"url": request.build_absolute_uri(
                    reverse("tips_public:form", args=[municipality.kommunkod or "-"]))})
