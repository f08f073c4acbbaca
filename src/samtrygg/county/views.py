"""The county level's pages: the regions a user sees, the county dashboard, a region's settings and members, and a
member municipality's sharing with its region."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samtrygg.access import Action, for_request
from samtrygg.audit.services import audit_download
from samtrygg.decisions.forms import AdoptForm
from samtrygg.lagesbild.present import present
from samtrygg.publishing import figures
from samtrygg.ui.downloads import document_download
from samtrygg.ui.render import add_service_errors, form_page, save_form

from . import council, geography, publication, selectors, services, statistics
from . import document as county_document
from .collaboration import collaboration_map
from .forms import CouncilForm, CouncilMembersForm, DashboardForm, MemberForm, PictureForm, RegionForm
from .models import AggregateShare, ShareKind


@login_required
def region_list(request):
    access = for_request(request)
    return render(request, "county/region_list.html", {
        "regions": selectors.regions(access),
        "memberships": selectors.memberships_managed(access),
        "can_create": selectors.regional_organisations(access).filter(region__isnull=True).exists(),
    })


@login_required
def region_create(request):
    access = for_request(request)
    organisations = selectors.regional_organisations(access).filter(region__isnull=True)
    if not organisations.exists():
        raise Http404
    organisation = organisations.filter(pk=request.POST.get("organisation")).first() or organisations.first()
    if request.method == "POST":
        try:
            region = services.region_save(actor=request.user, organisation=organisation)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            return redirect("county:settings", region.pk)
    return render(request, "county/region_create.html", {"organisations": organisations})


@login_required
def dashboard(request, pk):
    access = for_request(request)
    region = selectors.region_get(access, pk)
    this_year = timezone.localdate().year
    years = publication.years(timezone.localdate())
    national = statistics.national_series(access)
    year, chosen = this_year - 1, national.first()
    form = DashboardForm(request.GET or None, years=years, series=national,
                         initial={"year": year, "series": chosen})
    if form.is_valid():
        year = form.cleaned_data["year"] or year
        chosen = form.cleaned_data["series"] or chosen
    members = list(selectors.member_municipalities(region))
    table = publication.publish(region, year, reader_names=True)
    spots = geography.county_hotspots(region, year)
    ranking = statistics.ranking(access, region, chosen, members) if chosen else None
    can_change = access.can_in(Action.CHANGE, region.organisation_id)
    councils = list(council.councils(region))
    for group in councils:
        group.missing = council.missing_members(region, group) if can_change else []
    return render(request, "county/dashboard.html", {
        "region": region, "form": form, "year": year, "table": table, "spots": spots,
        "spots_src": figures.svg_data_uri(spots.figure, request.LANGUAGE_CODE) if spots.figure else "",
        "ranking": ranking,
        "maps": [figures.svg_data_uri(f, request.LANGUAGE_CODE) for f in ranking.figures] if ranking else [],
        "staff": selectors.is_region_staff(access, region),
        "manage": access.can_in(Action.MANAGE_ORGANISATION, region.organisation_id),
        "pictures": selectors.pictures(access, region),
        "can_change": can_change, "councils": councils,
        "member_title": CouncilMembersForm(initial={"title": _("Crime prevention coordinator")}),
    })


@login_required
def council_create(request, pk):
    region = selectors.region_get(for_request(request), pk, Action.CHANGE)
    form = CouncilForm(request.POST or None, initial={
        "name": _("Council for inter-municipal matters"), "title": _("Crime prevention coordinator")})
    response = save_form(
        request, form, lambda f: services.council_create(actor=request.user, region=region, **f.cleaned_data),
        _("The council was created with a function for each member municipality. Choose who holds each, then plan "
          "its meetings."), lambda group: reverse("meetings:group_detail", args=[group.pk]))
    return response or form_page(
        request, form, title=_("New council or network for inter-municipal matters"),
        cancel=reverse("county:dashboard", args=[region.pk]),
        intro=_("The member municipalities meet in it, and its meetings have the standing item 'Inter-municipal "
                "matters' with the members' shared picture."))


@login_required
@require_POST
def council_members(request, pk):
    """Add the member municipalities a council lacks (those that joined the region after it was formed)."""
    access = for_request(request)
    region, group = council.council_get(access, pk, Action.CHANGE)
    form = CouncilMembersForm(request.POST)
    if form.is_valid():
        added = services.council_members_add(actor=request.user, region=region, group=group,
                                             title=form.cleaned_data["title"])
        messages.success(request, ngettext("%(n)s member municipality was added.",
                                           "%(n)s member municipalities were added.", len(added)) % {"n": len(added)})
    else:
        messages.error(request, _("Give the function's title."))
    return redirect("county:dashboard", region.pk)


@login_required
def region_settings(request, pk):
    access = for_request(request)
    region = selectors.region_get(access, pk, Action.MANAGE_ORGANISATION)
    form = RegionForm(request.POST or None, instance=region)
    if request.method == "POST" and form.is_valid():
        try:
            services.region_save(actor=request.user, organisation=region.organisation,
                                 county_code=form.cleaned_data["county_code"],
                                 min_count=form.cleaned_data["min_count"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("county:settings", region.pk)
    return render(request, "county/region_settings.html", {
        "region": region, "form": form, "members": selectors.members(region),
        "add_form": MemberForm(municipalities=selectors.municipality_choices(region)),
    })


@login_required
def member_add(request, pk):
    access = for_request(request)
    region = selectors.region_get(access, pk, Action.MANAGE_ORGANISATION)
    form = MemberForm(request.POST or None, municipalities=selectors.municipality_choices(region))
    if request.method == "POST" and form.is_valid():
        try:
            services.member_add(actor=request.user, region=region, municipality=form.cleaned_data["municipality"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The municipality is now a member."))
            return redirect("county:settings", region.pk)
    return form_page(request, form, title=_("Add a member municipality"),
                     cancel=reverse("county:settings", args=[region.pk]))


@login_required
@require_POST
def member_remove(request, pk):
    access = for_request(request)
    member = selectors.member_get(access, pk, Action.MANAGE_ORGANISATION)
    if not access.can_in(Action.MANAGE_ORGANISATION, member.region.organisation_id):
        raise Http404
    region = member.region
    services.member_remove(actor=request.user, member=member)
    messages.success(request, _("The municipality is no longer a member."))
    return redirect("county:settings", region.pk)


@login_required
def member_sharing(request, pk):
    access = for_request(request)
    member = selectors.member_get(access, pk)
    active = {share.kind: share for share in member.shares.active()}
    return render(request, "county/member_sharing.html", {
        "member": member, "kinds": [(value, label, active.get(value)) for value, label in ShareKind.choices],
        "history": selectors.shares(member),
    })


@login_required
@require_POST
def share_create(request, pk):
    access = for_request(request)
    member = selectors.member_get(access, pk)
    if not access.can_in(Action.MANAGE_SHARING, member.municipality_id):
        raise Http404
    try:
        services.share_create(actor=request.user, member=member, kind=request.POST.get("kind", ""))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The aggregates are now shared with %(region)s.") % {"region": member.region})
    return redirect("county:member", member.pk)


@login_required
@require_POST
def share_revoke(request, pk):
    access = for_request(request)
    share = get_object_or_404(AggregateShare.objects.select_related("member"), pk=pk)
    member = selectors.member_get(access, share.member_id)
    if not access.can_in(Action.MANAGE_SHARING, member.municipality_id):
        raise Http404
    try:
        services.share_revoke(actor=request.user, share=share)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The sharing was revoked."))
    return redirect("county:member", member.pk)


# --- the county's lägesbild -------------------------------------------------------------------------------------

def _picture_form(request, access, instance=None):
    this_year = timezone.localdate().year
    initial = {} if instance else {
        "year": this_year - 1, "title": _("The county's situation picture %(year)s") % {"year": this_year - 1}}
    return PictureForm(request.POST or None, instance=instance, initial=initial,
                       series=statistics.national_series(access),
                       years=publication.years(timezone.localdate()))


def _save_picture(request, form, region, picture=None):
    try:
        return services.picture_save(actor=request.user, region=region, picture=picture, **form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@login_required
def picture_create(request, pk):
    access = for_request(request)
    region = selectors.region_get(access, pk, Action.CHANGE)
    form = _picture_form(request, access)
    if request.method == "POST" and form.is_valid() and (picture := _save_picture(request, form, region)):
        messages.success(request, _("The draft was created."))
        return redirect("county:picture", picture.pk)
    return form_page(request, form, title=_("New county situation picture"),
                     cancel=reverse("county:dashboard", args=[region.pk]))


@login_required
def picture_edit(request, pk):
    access = for_request(request)
    picture = selectors.picture_get(access, pk, Action.CHANGE)
    form = _picture_form(request, access, instance=picture)
    if request.method == "POST" and form.is_valid() and _save_picture(request, form, picture.region, picture):
        messages.success(request, _("The changes were saved."))
        return redirect("county:picture", picture.pk)
    return form_page(request, form, title=_("Edit texts and settings"), cancel=reverse("county:picture", args=[pk]))


@login_required
def picture_detail(request, pk):
    access = for_request(request)
    picture = selectors.picture_get(access, pk)
    document = county_document.document_of(picture, access)
    return render(request, "county/picture_detail.html", {
        "picture": picture, "sections": present(document),
        "can_change": access.can_in(Action.CHANGE, picture.region.organisation_id),
        "adopt_form": AdoptForm(),
    })


@login_required
@require_POST
def picture_step(request, pk, step):
    access = for_request(request)
    picture = selectors.picture_get(access, pk, Action.CHANGE)
    steps = {"submit": services.picture_submit, "reopen": services.picture_reopen}
    if step not in steps:
        raise Http404
    try:
        steps[step](actor=request.user, picture=picture)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("county:picture", picture.pk)


@login_required
@require_POST
def picture_adopt(request, pk):
    access = for_request(request)
    picture = selectors.picture_get(access, pk, Action.CHANGE)
    form = AdoptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the decision date and the body that decided."))
        return redirect("county:picture", picture.pk)
    try:
        services.picture_adopt(actor=request.user, picture=picture, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The situation picture is adopted."))
    return redirect("county:picture", picture.pk)


@login_required
def picture_download(request, pk, fmt):
    access = for_request(request)
    picture = selectors.picture_get(access, pk)
    document = county_document.document_of(picture, access)
    response = document_download(document, f"{picture.title}-v{picture.version}", fmt, fallback="lanslagesbild")
    audit_download(actor=request.user, organisation=picture.region.organisation, obj=picture, fmt=fmt,
                   document="lanslagesbild")
    return response


@login_required
def collaboration(request, pk):
    region = selectors.region_get(for_request(request), pk)
    return render(request, "county/collaboration.html", {
        "region": region, "map": collaboration_map(region, timezone.localdate()),
    })
