"""Starting, running and clearing away jobs. The work a job does is audited by the code that starts it (an export
is on record before the job is queued, like a download); the job row is the user's own bookkeeping."""

import logging
from pathlib import Path

from django.db import transaction
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from . import runners
from .models import KEPT, Job

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 0.5  # seconds between progress writes, so a fast job does not write for every chunk


def job_start(*, user, kind: str, title: str, total: int, params: dict, input_file: Path | None = None) -> Job:
    """A job for `user`, queued once the caller's transaction commits (so the worker finds it). `input_file` (an
    upload the job works on) is moved to the job's own input path first, and cleared away with the job."""
    from .tasks import run_job

    if kind not in runners.RUNNERS:
        raise ValueError(f"no runner for {kind!r}")
    job = Job.objects.create(user=user, kind=kind, title=title[:200], total=total, params=params,
                             language=translation.get_language() or "sv")
    if input_file is not None:
        input_file.replace(job.input_path)
    transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    return job


def job_run(job_id: str) -> None:
    """Run a queued job (the task's body): its runner writes the file, progress is written on the way, and the
    job ends done, or failed: with the runner's message when it refused, else with the reason logged (the user
    reads that it failed, not a traceback)."""
    job = Job.objects.select_related("user").filter(pk=job_id, status=Job.Status.QUEUED).first()
    if job is None:
        return  # already run, or cleared away
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    last = [timezone.now()]

    def progress(done: int) -> None:
        now = timezone.now()
        if (now - last[0]).total_seconds() >= PROGRESS_EVERY:
            Job.objects.filter(pk=job.pk).update(done=done)
            last[0] = now

    def failed(message: str = "") -> None:
        job.path.unlink(missing_ok=True)
        Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, message=message[:500],
                                             finished_at=timezone.now())

    with translation.override(job.language):
        try:
            with job.path.open("wb") as out:
                outcome = runners.RUNNERS[job.kind](job, out, progress)
        except runners.Refused as refused:
            failed(str(refused))
            return
        except Exception:
            logger.exception("background job %s (%s) failed", job.pk, job.kind)
            failed()
            return
        finally:
            job.input_path.unlink(missing_ok=True)
    if outcome.file_name:
        job.path.chmod(0o600)
    else:
        job.path.unlink(missing_ok=True)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE, done=job.total, file_name=outcome.file_name[:100],
        content_type=outcome.content_type[:100], message=outcome.message[:500], url=outcome.url[:200],
        finished_at=timezone.now())


def jobs_clear(*, now=None) -> int:
    """Delete jobs (and their files) older than KEPT, and the task queue's finished entries as old; returns how
    many jobs (run-jobs does this each time)."""
    cutoff = (now or timezone.now()) - KEPT
    old = list(Job.objects.filter(created_at__lt=cutoff))
    for job in old:
        job.path.unlink(missing_ok=True)
        job.input_path.unlink(missing_ok=True)
    Job.objects.filter(pk__in=[job.pk for job in old]).delete()
    DBTaskResult.objects.filter(finished_at__lt=cutoff).delete()
    return len(old)
