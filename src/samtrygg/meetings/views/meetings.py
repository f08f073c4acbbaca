"""Meeting pages: a new meeting or series, the meeting's page (the agenda with its generated part, the minutes
and decisions, the tasks, the adjusters and the protocol's workflow), the item and task forms, the tasks list,
and the protocol as PDF or DOCX."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samtrygg.access import Action, for_request
from samtrygg.accounts.models import Organisation
from samtrygg.accounts.selectors import two_factor_required
from samtrygg.accounts.two_factor import second_factor_passed
from samtrygg.audit.services import audit_download
from samtrygg.decisions.models import Status
from samtrygg.lagesbild.present import present
from samtrygg.lagesbild.sections import LANGUAGE
from samtrygg.plans import selectors as plan_selectors
from samtrygg.publishing.document import Document, Section
from samtrygg.ui.downloads import document_download
from samtrygg.ui.render import form_page, save_form

from .. import feedback, mail, selectors, services
from ..document import compose_protocol, generated_parts
from ..forms import (
    AdjustersForm,
    AttachmentForm,
    ItemForm,
    MeasureFromItemForm,
    MeetingForm,
    SeriesForm,
    TaskForm,
    TaskReportForm,
)
from ..models import ItemKind


def _changeable(access, meeting) -> bool:
    return selectors.groups(access, Action.CHANGE).filter(pk=meeting.group_id).exists()


@login_required
def meeting_create(request, pk):
    group = selectors.group_get(for_request(request), pk, Action.CHANGE)
    form = MeetingForm(request.POST or None, initial={"title": group.name})
    response = save_form(request, form,
                         lambda f: services.meeting_create(actor=request.user, group=group, **f.cleaned_data),
                         _("The meeting was created with the standard agenda."),
                         lambda m: reverse("meetings:meeting_detail", args=[m.pk]))
    return response or form_page(request, form, title=_("New meeting of %(group)s") % {"group": group.name},
                                 cancel=reverse("meetings:group_detail", args=[group.pk]))


@login_required
def series_create(request, pk):
    group = selectors.group_get(for_request(request), pk, Action.CHANGE)
    form = SeriesForm(request.POST or None)
    response = save_form(request, form,
                         lambda f: services.series_create(actor=request.user, group=group, **f.cleaned_data),
                         _("The meetings of the series were created."),
                         lambda s: reverse("meetings:group_detail", args=[group.pk]))
    return response or form_page(
        request, form, title=_("Meeting series for %(group)s") % {"group": group.name},
        cancel=reverse("meetings:group_detail", args=[group.pk]),
        intro=_("Meetings at a fixed rhythm, for example every Tuesday at 09.00. Each gets the standard agenda."))


@login_required
def meeting_detail(request, pk):
    access = for_request(request)
    meeting = selectors.meeting_get(access, pk)
    can_change = _changeable(access, meeting)
    frozen = meeting.status == Status.ADOPTED
    signed = {s.user_id for s in meeting.signatures.all()}
    items = list(selectors.items(meeting))
    generated = {}
    if not frozen:
        with translation.override(LANGUAGE):  # the generated part reads as the protocol will, numbered as one
            parts = generated_parts(meeting, {item.kind for item in items})
            presented = present(Document(title="", sections=[Section(kind, "", blocks)
                                                             for kind, blocks in parts.items()]))
        generated = {section["key"]: section["blocks"] for section in presented}
    for item in items:
        item.generated = generated.get(item.kind)
    return render(request, "meetings/meeting_detail.html", {
        "meeting": meeting, "group": meeting.group, "items": items, "document": frozen,
        "frozen_sections": present(Document.from_dict(meeting.document)) if frozen else [],
        "generated_language": LANGUAGE if any(item.generated for item in items) else "",
        "previous": selectors.previous_meeting(meeting),
        "can_change": can_change and meeting.status == Status.DRAFT,
        "can_step": can_change, "adjusters": meeting.adjusters.order_by("username"),
        "signatures": meeting.signatures.all(),
        "may_sign": meeting.status == Status.REVIEW and request.user.pk not in signed
                    and meeting.adjusters.filter(pk=request.user.pk).exists(),
        "matter_kind": ItemKind.MATTER,
    })


@login_required
def meeting_edit(request, pk):
    meeting = selectors.meeting_get(for_request(request), pk, Action.CHANGE)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        return _step(request, meeting, lambda: services.meeting_cancel(actor=request.user, meeting=meeting),
                     _("The meeting was cancelled."))
    form = MeetingForm(request.POST or None, initial={
        "title": meeting.title, "starts_at": meeting.starts_at, "ends_at": meeting.ends_at,
        "location": meeting.location})
    response = save_form(request, form,
                         lambda f: services.meeting_update(actor=request.user, meeting=meeting, **f.cleaned_data),
                         _("The changes were saved."), lambda m: reverse("meetings:meeting_detail", args=[m.pk]))
    return response or form_page(request, form, title=_("Edit the meeting"),
                                 cancel=reverse("meetings:meeting_detail", args=[meeting.pk]))


@login_required
def item_create(request, pk):
    meeting = selectors.meeting_get(for_request(request), pk, Action.CHANGE)
    form = ItemForm(request.POST or None)
    response = save_form(request, form,
                         lambda f: services.item_save(actor=request.user, meeting=meeting, **f.cleaned_data),
                         _("The matter was added to the agenda."),
                         lambda i: reverse("meetings:meeting_detail", args=[meeting.pk]) + f"#item-{i.pk}")
    return response or form_page(request, form, title=_("New matter"),
                                 cancel=reverse("meetings:meeting_detail", args=[meeting.pk]))


@login_required
def item_edit(request, pk):
    access = for_request(request)
    item = selectors.item_in(access, pk, Action.CHANGE)
    meeting = item.meeting
    back = reverse("meetings:meeting_detail", args=[meeting.pk]) + f"#item-{item.pk}"
    if request.method == "POST" and request.POST.get("action") == "delete":
        return _step(request, meeting, lambda: services.item_delete(actor=request.user, item=item),
                     _("The matter was removed."))
    form = ItemForm(request.POST or None, instance=item)
    response = save_form(request, form,
                         lambda f: services.item_save(actor=request.user, meeting=meeting, item=item,
                                                      **f.cleaned_data),
                         _("The item was saved."), lambda i: back)
    return response or render(request, "meetings/item_form.html", {
        "form": form, "item": item, "cancel": back, "attachment_form": AttachmentForm(),
        "attachments": item.attachments.all()})


@login_required
@require_POST
def attachment_add(request, pk):
    item = selectors.item_in(for_request(request), pk, Action.CHANGE)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("meetings:item_edit", pk=item.pk)
    upload = form.cleaned_data["file"]
    return _step(request, item.meeting, lambda: services.attachment_add(
        actor=request.user, item=item, name=upload.name, content=upload.read()), _("The document was attached."),
        to=reverse("meetings:item_edit", args=[item.pk]))


@login_required
def attachment_download(request, pk):
    """The document, only to those who see the meeting (404 otherwise)."""
    attachment = selectors.attachment_get(for_request(request), pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def attachment_delete(request, pk):
    attachment = selectors.attachment_get(for_request(request), pk, Action.CHANGE)
    item = attachment.item
    return _step(request, item.meeting, lambda: services.attachment_delete(actor=request.user, attachment=attachment),
                 _("The document was removed."), to=reverse("meetings:item_edit", args=[item.pk]))


@login_required
def task_create(request, pk):
    access = for_request(request)
    item = selectors.item_in(access, pk, Action.CHANGE)
    group = item.meeting.group
    form = TaskForm(request.POST or None, functions=selectors.functions(group),
                    areas=access.areas().filter(pk__in=selectors.group_area_ids(group)).order_by("name"))
    response = save_form(request, form,
                         lambda f: services.task_create(actor=request.user, item=item, **f.cleaned_data),
                         _("The task was handed to the function."),
                         lambda t: reverse("meetings:meeting_detail", args=[item.meeting_id]) + f"#item-{item.pk}")
    return response or form_page(
        request, form, title=_("New task under %(item)s") % {"item": item},
        cancel=reverse("meetings:meeting_detail", args=[item.meeting_id]),
        intro=_("A short-term action decided at the meeting, for a function with a deadline. It is followed up at "
                "the group's next meetings."))


@login_required
def measure_create(request, pk):
    """A decision puts a measure into a draft action plan of the convening organisation."""
    access = for_request(request)
    item = selectors.item_in(access, pk, Action.CHANGE)
    group = item.meeting.group
    plans = plan_selectors.plans(access, Action.CHANGE).filter(owner=group.owner, status=Status.DRAFT)
    form = MeasureFromItemForm(request.POST or None, plans=plans,
                               organisations=Organisation.objects.filter(
                                   pk__in=[o.pk for o in selectors.group_organisations(group)]).order_by("name"),
                               initial={"title": item.title, "description": item.decision,
                                        "start": timezone.localdate(), "owner": group.owner})
    response = save_form(request, form, lambda f: services.measure_from_item(actor=request.user, item=item,
                                                                             **f.cleaned_data),
                         _("The measure was put into the action plan. Complete it there."),
                         lambda m: reverse("plans:measure_edit", args=[m.pk]))
    return response or form_page(
        request, form, title=_("Measure in the action plan from %(item)s") % {"item": item},
        cancel=reverse("meetings:meeting_detail", args=[item.meeting_id]),
        intro=_("The decision puts a measure into a draft action plan; its goals, areas and resources are "
                "completed in the plan.") if plans.exists() else
        _("The convening organisation has no draft action plan: start a new version of the plan first."))


@login_required
def task_list(request):
    access = for_request(request)
    return render(request, "meetings/task_list.html", {
        "my_tasks": selectors.my_tasks(request.user),
        "group_tasks": selectors.tasks(access, Action.CHANGE).exclude(function__holder=request.user)
                       .filter(status="oppen").order_by("due", "pk")[:200],
    })


@login_required
def task_edit(request, pk):
    task = selectors.task_get(for_request(request), pk, Action.CHANGE)
    form = TaskReportForm(request.POST or None, initial={"status": task.status, "outcome": task.outcome})
    response = save_form(request, form,
                         lambda f: services.task_update(actor=request.user, task=task, **f.cleaned_data),
                         _("The task was updated."), lambda t: reverse("meetings:task_list"))
    return response or form_page(request, form, title=task.title, cancel=reverse("meetings:task_list"),
                                 intro=_("Deadline %(due)s · %(function)s") % {"due": task.due, "function":
                                                                               task.function})


@login_required
def adjusters(request, pk):
    meeting = selectors.meeting_get(for_request(request), pk, Action.CHANGE)
    members = selectors.members(meeting.group)
    form = AdjustersForm(request.POST or None, members=members,
                         initial={"adjusters": list(meeting.adjusters.all())})
    response = save_form(request, form,
                         lambda f: services.adjusters_set(actor=request.user, meeting=meeting,
                                                          users=f.cleaned_data["adjusters"]),
                         _("The adjusters were chosen."), lambda m: reverse("meetings:meeting_detail", args=[m.pk]))
    return response or form_page(request, form, title=_("Election of adjusters"),
                                 cancel=reverse("meetings:meeting_detail", args=[meeting.pk]))


STEPS = {
    "submit": (Action.CHANGE, gettext_lazy("The minutes were sent to the adjusters.")),
    "reopen": (Action.CHANGE, gettext_lazy("The minutes are back in draft.")),
    "sign": (Action.VIEW, gettext_lazy("You signed the minutes.")),
    "feedback": (Action.CHANGE, gettext_lazy("The reporters were told what was decided.")),
    "invite": (Action.CHANGE, gettext_lazy("The invitations were sent to the members with an e-mail address.")),
}


@login_required
@require_POST
def protocol_step(request, pk, step):
    if step not in STEPS:
        return redirect("meetings:meeting_detail", pk=pk)
    action, message = STEPS[step]
    meeting = selectors.meeting_get(for_request(request), pk, action)
    user = request.user
    run = {
        "submit": lambda: services.protocol_submit(actor=user, meeting=meeting),
        "reopen": lambda: services.protocol_reopen(actor=user, meeting=meeting),
        "sign": lambda: services.protocol_sign(actor=user, meeting=meeting,
                                               verified=second_factor_passed(request) or not two_factor_required(user)),
        "feedback": lambda: feedback.send_feedback(actor=user, meeting=meeting),
        "invite": lambda: _invite(request, meeting),
    }[step]
    return _step(request, meeting, run, message)


def _invite(request, meeting) -> int:
    """E-mail the invitation (.ics attached) to the group's members; recorded in the convening organisation's log."""
    sent = mail.send_invitations(meeting, request.build_absolute_uri(
        reverse("meetings:meeting_detail", args=[meeting.pk])))
    services.invitations_recorded(actor=request.user, meeting=meeting, sent=sent)
    return sent


def _step(request, meeting, run, message, to: str | None = None):
    try:
        run()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, str(message))
    return redirect(to or reverse("meetings:meeting_detail", args=[meeting.pk]))


@login_required
def protocol_document(request, pk, fmt):
    meeting = selectors.meeting_get(for_request(request), pk)
    document = Document.from_dict(meeting.document) if meeting.document else compose_protocol(meeting)
    response = document_download(document, f"protokoll-{meeting.group.name}-{meeting.starts_at:%Y-%m-%d}", fmt,
                                 fallback="protokoll")
    audit_download(actor=request.user, organisation=meeting.group.owner, obj=meeting, fmt=fmt, document="protocol")
    return response
