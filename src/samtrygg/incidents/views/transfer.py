"""Import (upload -> column mapping -> validation report -> confirm) and export of incidents.

The uploaded file waits between the steps in a private folder under DATA_DIR, named by a random token that
only the user's session holds (never the database); it is deleted after the import or when a new one starts."""

import secrets
from pathlib import Path
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samtrygg.access import for_request
from samtrygg.areas.forms import megabytes
from samtrygg.lib import crs, safe_read, tabular

from .. import export_job, exporting, import_job, importing, selectors
from ..filters import IncidentFilter
from ..forms import ExportForm

SESSION_KEY = "incident_import"
CRS_CHOICES = [
    (crs.AUTO, gettext_lazy("Detect (WGS 84 or SWEREF 99 TM)")),
    (crs.WGS84, gettext_lazy("WGS 84 (latitude, longitude)")),
    (crs.SWEREF99TM, gettext_lazy("SWEREF 99 TM (northing, easting)")),
]


def upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "private" / "incident-imports"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


class ImportUploadForm(forms.Form):
    owner = forms.ModelChoiceField(label=gettext_lazy("Reporting organisation"), queryset=None)
    file = forms.FileField(label=gettext_lazy("File (CSV, Excel .xlsx or GeoJSON)"))
    crs = forms.ChoiceField(label=gettext_lazy("Coordinate system"), choices=CRS_CHOICES, initial=crs.AUTO)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].initial = selectors.default_owner(owners)

    def clean_file(self):
        """The size first; then the file must open as a table (lib/tabular, with the caps of lib/safe_read) with a
        header and at least one row. Problems further down are listed by row in the check step."""
        upload = self.cleaned_data["file"]
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and upload.size > limit:
            raise forms.ValidationError(_("The file is too large: at most %(limit)s MB can be uploaded."),
                                        code="file_too_large", params={"limit": megabytes(limit)})
        upload.seek(0)
        try:
            table = tabular.read_table(upload, upload.name)
            first = next(table.rows, None)
        except tabular.TableError as exc:
            raise forms.ValidationError(importing.file_message(exc), code="unreadable") from None
        finally:
            upload.seek(0)
        if first is None:
            raise forms.ValidationError(
                _("The file holds no rows below the column names: there is nothing to import."), code="no_rows")
        return upload


class MappingForm(forms.Form):
    """One choice of column per field, the guesses preselected."""

    def __init__(self, *args, header, guessed, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(not in the file)"))] + [(str(i), name or f"#{i + 1}") for i, name in enumerate(header)]
        for name, (label, _synonyms) in importing.FIELDS.items():
            self.fields[name] = forms.TypedChoiceField(
                label=label, choices=choices, required=False, coerce=int, empty_value=None,
                initial=str(guessed[name]) if name in guessed else "",
            )

    def mapping(self) -> dict[str, int]:
        return {name: value for name, value in self.cleaned_data.items() if value is not None}


def _owners(access):
    owners = selectors.reporting_owners(access)
    if not owners.exists():
        raise Http404
    return owners


def _pending(request, access):
    """(state, path, owner) of the import waiting in this session, or a redirect to start over."""
    state = request.session.get(SESSION_KEY)
    if not state:
        return None
    path = upload_dir() / state["token"]
    owner = _owners(access).filter(pk=state["owner"]).first()
    if owner is None or not path.exists():
        _discard(request)
        return None
    return state, path, owner


def _discard(request) -> None:
    state = request.session.pop(SESSION_KEY, None)
    if state and all(c in "0123456789abcdefABCDEF_-" or c.isalnum() for c in state["token"]):
        (upload_dir() / state["token"]).unlink(missing_ok=True)


@login_required
def incident_import(request):
    """Step 1: the file, the organisation it is reported for and its coordinate system."""
    access = for_request(request)
    owners = _owners(access)
    form = ImportUploadForm(request.POST or None, request.FILES or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        _discard(request)
        token = secrets.token_urlsafe(24)
        with (upload_dir() / token).open("wb") as out:
            for chunk in form.cleaned_data["file"].chunks():
                out.write(chunk)
        request.session[SESSION_KEY] = {
            "token": token, "filename": safe_read.printable(Path(form.cleaned_data["file"].name).name[:200]),
            "owner": form.cleaned_data["owner"].pk, "crs": form.cleaned_data["crs"], "mapping": None,
        }
        return redirect("incidents:import_mapping")
    return render(request, "incidents/import.html", {"form": form, "step": 1})


@login_required
def incident_import_mapping(request):
    """Step 2: which column holds which field; then step 3, the validation report (nothing written yet)."""
    access = for_request(request)
    pending = _pending(request, access)
    if pending is None:
        return redirect("incidents:import")
    state, path, owner = pending
    try:
        with path.open("rb") as file:
            header = tabular.read_table(file, state["filename"]).header
    except tabular.TableError as exc:
        _discard(request)
        messages.error(request, importing.file_message(exc))
        return redirect("incidents:import")
    guessed = state["mapping"] or importing.guess_mapping(header)
    guessed = {k: int(v) for k, v in guessed.items()}
    form = MappingForm(request.POST or None, header=header, guessed=guessed)
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping()
        state["mapping"] = mapping
        request.session[SESSION_KEY] = state
        with path.open("rb") as file:
            report = importing.import_file(actor=request.user, owner=owner, file=file, filename=state["filename"],
                                           mapping=mapping, crs=state["crs"], commit=False)
        for warning in report.warnings:
            messages.warning(request, warning)
        return render(request, "incidents/import_preview.html", {
            "report": report, "owner": owner, "filename": state["filename"], "step": 3,
            "new": report.valid - report.duplicates,
        })
    return render(request, "incidents/import_mapping.html", {
        "form": form, "owner": owner, "filename": state["filename"], "header": header, "step": 2,
    })


@login_required
@require_POST
def incident_import_commit(request):
    """Step 4: the import, all or nothing; the waiting file is deleted either way. A file larger than
    IMPORT_IN_BACKGROUND_BYTES is imported by the background worker (import_job), with a page to follow it."""
    access = for_request(request)
    pending = _pending(request, access)
    if pending is None or pending[0].get("mapping") is None:
        return redirect("incidents:import")
    state, path, owner = pending
    if path.stat().st_size > settings.IMPORT_IN_BACKGROUND_BYTES:
        del request.session[SESSION_KEY]  # the upload is the job's now
        job = import_job.start(user=request.user, owner=owner, upload=path, filename=state["filename"],
                               mapping=state["mapping"], crs=state["crs"])
        return redirect("background:job", job.pk)
    with path.open("rb") as file:
        report = importing.import_file(actor=request.user, owner=owner, file=file, filename=state["filename"],
                                       mapping={k: int(v) for k, v in state["mapping"].items()}, crs=state["crs"],
                                       commit=True)
    if not report.committed:
        return render(request, "incidents/import_preview.html", {
            "report": report, "owner": owner, "filename": state["filename"], "step": 3, "new": 0,
        })
    _discard(request)
    messages.success(request, importing.done_message(report))
    try:
        return redirect(reverse("incidents:list"))
    except NoReverseMatch:
        return redirect("incidents:import")


@login_required
def incident_export(request):
    """The incidents the user may see, narrowed by the list filters, as CSV, XLSX or GeoJSON; in WGS 84, with
    SWEREF 99 TM beside it when chosen (the list's export form, ExportForm)."""
    access = for_request(request)
    form = ExportForm(request.GET)
    if not form.is_valid():
        raise Http404
    fmt = form.cleaned_data["format"]
    filterset = IncidentFilter(request.GET, queryset=selectors.incidents(access), access=access)
    incidents = filterset.qs if filterset.is_valid() else selectors.incidents(access).none()
    params = {k: request.GET.getlist(k) for k in request.GET if k not in ExportForm.OWN}
    if incidents.count() > settings.EXPORT_IN_BACKGROUND:
        back = f"{reverse('incidents:list')}?{urlencode(params, doseq=True)}"
        job = export_job.start(user=request.user, incidents=incidents, fmt=fmt, sweref=form.sweref(),
                               filters=params, back=back)
        return redirect("background:job", job.pk)
    rows = exporting.audited(actor=request.user, incidents=incidents, fmt=fmt, filters=params)
    content_type, extension = exporting.FORMATS[fmt]
    response = StreamingHttpResponse(exporting.stream(rows, fmt, sweref=form.sweref()), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exporting.file_name(extension)}"'
    response["Cache-Control"] = "no-store"
    return response
