"""The start page's items about the user's own background work: each job of the last day, with its state, so a
user who left the progress page finds the file again."""

from django.urls import reverse
from django.utils.translation import gettext as _

from samtrygg.access import Access
from samtrygg.ui.attention import Item

from . import selectors
from .models import Job


def personal_items(access: Access) -> list[Item]:
    texts = {
        Job.Status.QUEUED: _("%(title)s: waiting to start."),
        Job.Status.RUNNING: _("%(title)s: %(percent)s %% done."),
        Job.Status.DONE: _("%(title)s: the file is ready to download."),
        Job.Status.FAILED: _("%(title)s: failed."),
    }
    return [Item(texts[job.status] % {"title": job.title, "percent": job.percent},
                 reverse("background:job", args=[job.pk]), urgent=job.status == Job.Status.FAILED)
            for job in selectors.recent_jobs(access.user)]
