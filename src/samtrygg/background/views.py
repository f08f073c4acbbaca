"""A job's page (its progress, polled by htmx until it is finished) and its file."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone

from . import selectors

NO_WORKER_AFTER = timedelta(minutes=1)  # a job still waiting by then: say that no worker seems to be running


@login_required
def job_detail(request, pk):
    job = selectors.job_for(request.user, pk)
    if job is None:
        raise Http404
    context = {"job": job, "stuck": job.status == job.Status.QUEUED
               and timezone.now() - job.created_at > NO_WORKER_AFTER}
    template = "background/_job_status.html" if request.htmx else "background/job_detail.html"
    return render(request, template, context)


@login_required
def job_file(request, pk):
    job = selectors.job_for(request.user, pk)
    if job is None or job.status != job.Status.DONE or not job.path.exists():
        raise Http404
    response = FileResponse(job.path.open("rb"), as_attachment=True, filename=job.file_name,
                            content_type=job.content_type)
    response["Cache-Control"] = "no-store"
    return response
