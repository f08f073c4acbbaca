"""The task the worker runs (django.tasks): one job by its id."""

from django.tasks import task

from .services import job_run


@task()
def run_job(job_id: str) -> None:
    job_run(job_id)
