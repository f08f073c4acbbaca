"""A job is read by the user who started it, and by no one else."""

from django.utils import timezone

from .models import KEPT, Job


def job_for(user, pk) -> Job | None:
    return Job.objects.filter(pk=pk, user_id=user.pk).first() if user.is_authenticated else None


def recent_jobs(user, limit: int = 5) -> list[Job]:
    """The user's jobs not yet cleared away (KEPT), newest first."""
    return list(Job.objects.filter(user_id=user.pk, created_at__gte=timezone.now() - KEPT)[:limit])
