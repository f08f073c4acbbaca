"""The list's export as a background job (samtrygg.background) when it holds more than
settings.EXPORT_IN_BACKGROUND rows: the export is audited when it is asked for, exactly as a direct download is
(exporting.record_export, up to the highest id counted then), and the worker writes the same file that the
direct download would stream, reporting its progress, with the access its user has when it runs."""

from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import ngettext

from samtrygg.access import Access
from samtrygg.background import runners
from samtrygg.background.models import Job
from samtrygg.background.services import job_start

from . import exporting, selectors
from .filters import IncidentFilter

KIND = "incidents.export"


def start(*, user, incidents, fmt: str, sweref: bool, filters: dict[str, list[str]], back: str) -> Job:
    """Record the export of `incidents` (scoped and filtered by the caller) and queue the job that writes it."""
    total = incidents.count()
    last = exporting.record_export(actor=user, incidents=incidents, fmt=fmt, filters=filters)
    title = ngettext("Export of %(count)s incident (%(format)s)", "Export of %(count)s incidents (%(format)s)",
                     total) % {"count": number_format(total, force_grouping=True), "format": fmt.upper()}
    return job_start(user=user, kind=KIND, title=title, total=total, params={
        "filters": filters, "format": fmt, "sweref": sweref, "last": last, "back": back})


def run(job: Job, out, progress) -> runners.Outcome:
    """The worker's part: the same rows and file as the direct download (views.transfer.incident_export)."""
    params = job.params
    access = Access(job.user)
    data = QueryDict(mutable=True)
    for name, values in params["filters"].items():
        data.setlist(name, values)
    filterset = IncidentFilter(data, queryset=selectors.incidents(access), access=access)
    incidents = filterset.qs if filterset.is_valid() else selectors.incidents(access).none()
    rows = exporting.Counting(exporting.rows_up_to(incidents, params["last"]), progress)
    for chunk in exporting.stream(rows, params["format"], sweref=params["sweref"]):
        out.write(chunk)
    content_type, extension = exporting.FORMATS[params["format"]]
    return runners.Outcome(file_name=exporting.file_name(extension, job.created_at), content_type=content_type)


runners.register(KIND, run)
