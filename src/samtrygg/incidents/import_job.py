"""An incident import as a background job (samtrygg.background), for files larger than
settings.IMPORT_IN_BACKGROUND_BYTES: the last step of the import pages (views.transfer.incident_import_commit)
hands the checked upload to the job, and the worker imports it all or nothing (importing.import_file, audited
there) for an organisation its user may still report for when it runs."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.access import Access
from samtrygg.background import runners
from samtrygg.background.models import Job
from samtrygg.background.services import job_start

from . import importing, selectors

KIND = "incidents.import"


def start(*, user, owner, upload, filename: str, mapping: dict, crs: str) -> Job:
    """Queue the import of the file at `upload` (moved to the job) for `owner`."""
    return job_start(user=user, kind=KIND, title=_("Import of %(file)s") % {"file": filename}, total=0,
                     params={"owner": owner.pk, "filename": filename, "mapping": mapping, "crs": crs},
                     input_file=upload)


def run(job: Job, out, progress) -> runners.Outcome:
    params = job.params
    owner = selectors.reporting_owners(Access(job.user)).filter(pk=params["owner"]).first()
    if owner is None:
        raise runners.Refused(_("Nothing was imported: you may no longer report for that organisation."))
    with job.input_path.open("rb") as file:
        report = importing.import_file(
            actor=job.user, owner=owner, file=file, filename=params["filename"], crs=params["crs"], commit=True,
            mapping={field: int(column) for field, column in params["mapping"].items()})
    if not report.committed:
        raise runners.Refused(ngettext(
            "Nothing was imported: the file has %(count)s problem. Check it again on the import page.",
            "Nothing was imported: the file has %(count)s problems. Check it again on the import page.",
            report.error_count) % {"count": report.error_count})
    return runners.Outcome(message=importing.done_message(report), url=reverse("incidents:list"))


runners.register(KIND, run)
