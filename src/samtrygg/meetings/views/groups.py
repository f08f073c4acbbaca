"""Group pages: the groups a user sees (with their next meetings and the user's own tasks), a new group, a
group's page with its members (functions), meetings and open tasks, and the member forms."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.access import Action, for_request
from samtrygg.accounts.models import Organisation
from samtrygg.ui.render import add_service_errors, form_page, save_form

from .. import selectors, services
from ..forms import FunctionForm, GroupForm, holders_for
from ..models import Function, TaskStatus


def _owners(access):
    return Organisation.objects.filter(pk__in=access.orgs_for(Action.CHANGE)).order_by("name")


@login_required
def group_list(request):
    access = for_request(request)
    now = timezone.now()
    return render(request, "meetings/group_list.html", {
        "groups": selectors.groups(access).select_related("owner", "area"),
        "upcoming": selectors.meetings(access).filter(starts_at__gte=now - timedelta(hours=3),
                                                      cancelled=False)
                    .select_related("group").order_by("starts_at")[:10],
        "my_tasks": selectors.my_tasks(request.user), "today": timezone.localdate(),
        "can_create": _owners(access).exists(),
    })


@login_required
def group_create(request):
    access = for_request(request)
    owners = _owners(access)
    if not owners.exists():
        raise Http404
    form = GroupForm(request.POST or None, owners=owners, areas=access.areas().order_by("name"))
    response = save_form(
        request, form,
        lambda f: services.group_save(actor=request.user, owner=f.cleaned_data["owner"], **f.service_fields()),
        _("The group was created. Add its members next."), lambda g: reverse("meetings:group_detail", args=[g.pk]))
    return response or form_page(
        request, form, title=_("New group"), cancel=reverse("meetings:group_list"),
        intro=_("A group meets across organisations: the strategic council, a steering group, a coordination group "
                "or an EST group for an area. It reads only what every one of its organisations may read."))


@login_required
def group_edit(request, pk):
    access = for_request(request)
    group = selectors.group_get(access, pk, Action.CHANGE)
    form = GroupForm(request.POST or None, instance=group, areas=access.areas().order_by("name"))
    response = save_form(request, form,
                         lambda f: services.group_save(actor=request.user, group=group, **f.cleaned_data),
                         _("The changes were saved."), lambda g: reverse("meetings:group_detail", args=[g.pk]))
    return response or form_page(request, form, title=_("Edit %(group)s") % {"group": group.name},
                                 cancel=reverse("meetings:group_detail", args=[group.pk]))


@login_required
def group_detail(request, pk):
    access = for_request(request)
    group = selectors.group_get(access, pk)
    now = timezone.now()
    meetings = group.meetings.order_by("starts_at")
    return render(request, "meetings/group_detail.html", {
        "group": group,
        "functions": selectors.functions(group),
        "upcoming": meetings.filter(starts_at__gte=now - timedelta(hours=3))[:8],
        "past": meetings.filter(starts_at__lt=now - timedelta(hours=3)).order_by("-starts_at")[:12],
        "open_tasks": group.tasks.filter(status=TaskStatus.OPEN).select_related("function",
                                                                                "function__organisation"),
        "can_change": selectors.groups(access, Action.CHANGE).filter(pk=group.pk).exists(),
    })


def _member_organisations(access, group):
    """The organisations a member may come from: those the user sees, and those already in the group."""
    ids = access.organisation_ids() | {o.pk for o in selectors.group_organisations(group)}
    return Organisation.objects.filter(pk__in=ids).order_by("name")


@login_required
def function_create(request, pk):
    access = for_request(request)
    group = selectors.group_get(access, pk, Action.CHANGE)
    organisations = _member_organisations(access, group)
    chosen = organisations.filter(pk=request.POST.get("organisation") or 0)
    form = FunctionForm(request.POST or None, organisations=organisations,
                        holders=holders_for(list(chosen) or list(organisations)))
    response = save_form(request, form, lambda f: services.function_save(actor=request.user, group=group,
                                                                         **f.cleaned_data),
                         _("The member was added."), lambda f: reverse("meetings:group_detail", args=[group.pk]))
    return response or form_page(
        request, form, title=_("New member of %(group)s") % {"group": group.name},
        cancel=reverse("meetings:group_detail", args=[group.pk]),
        intro=_("A member is a function of an organisation, held by a person who belongs to it."))


@login_required
def function_edit(request, pk):
    access = for_request(request)
    function = get_object_or_404(Function.objects.select_related("group", "organisation"), pk=pk,
                                 group__in=selectors.groups(access, Action.CHANGE).values("pk"))
    group = function.group
    if request.method == "POST" and request.POST.get("action") == "remove":
        try:
            services.function_remove(actor=request.user, function=function)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The member was removed."))
        return redirect("meetings:group_detail", pk=group.pk)
    form = FunctionForm(request.POST or None, organisations=Organisation.objects.filter(pk=function.organisation_id),
                        holders=holders_for([function.organisation]), editing=True,
                        initial={"title": function.title, "holder": function.holder})
    if request.method == "POST" and form.is_valid():
        try:
            services.function_save(actor=request.user, group=group, function=function, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("meetings:group_detail", pk=group.pk)
    return render(request, "meetings/function_form.html", {"form": form, "function": function, "group": group,
                                                           "has_tasks": function.tasks.filter(
                                                               ~Q(status=TaskStatus.CANCELLED)).exists()})
