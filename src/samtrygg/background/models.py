"""A job a user started: what it is, how far it has come, and where its file is."""

import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

KEPT = timedelta(days=1)  # a job and its file are cleared away after this (run-jobs)


def files_dir() -> Path:
    """Where finished jobs' files wait for their download: private, under DATA_DIR, never served as media."""
    path = Path(settings.DATA_DIR) / "private" / "jobs"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def local_url(url) -> str:
    """`url` when it is a path on this site, else nothing (a link shown to the user never leads elsewhere)."""
    return url if isinstance(url, str) and url.startswith("/") and not url.startswith("//") else ""


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)  # in the URL: not guessable
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=50)  # a key of runners.RUNNERS
    title = models.CharField(_("title"), max_length=200)  # written by the code that starts the job
    params = models.JSONField(_("parameters"), default=dict)
    language = models.CharField(_("language"), max_length=10)  # the interface's, for the file's texts
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    file_name = models.CharField(_("file name"), max_length=100, blank=True)  # as the download names it
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)  # written by the runner's code
    url = models.CharField(_("link"), max_length=200, blank=True)  # a page of this site showing the result
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return self.title

    @property
    def path(self) -> Path:
        return files_dir() / self.id.hex

    @property
    def input_path(self) -> Path:
        return files_dir() / f"{self.id.hex}.in"

    @property
    def back_url(self) -> str:
        """Where the job was started from (a page of this site), for the link back."""
        return local_url(self.params.get("back", "") if isinstance(self.params, dict) else "")

    @property
    def result_url(self) -> str:
        return local_url(self.url)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0
