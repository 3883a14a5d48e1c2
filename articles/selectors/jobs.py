"""Reads for background jobs: a job with its file results, the newest jobs, who sees them."""

from __future__ import annotations

from django.db.models import Prefetch
from django_tasks import default_task_backend
from django_tasks.exceptions import TaskResultDoesNotExist

from articles.models import Job, JobFileResult

from .captures import user_may_add_coverage

RECENT_JOBS = 50


def job_detail(*, pk: int) -> Job | None:
    """The job with its starter and its file results in order; None when there is none."""
    rows = Prefetch("rows", queryset=JobFileResult.objects.order_by("position"))
    return Job.objects.select_related("started_by").prefetch_related(rows).filter(pk=pk).first()


def job_task_failed(job: Job) -> bool:
    """Whether the task behind an unfinished job failed before the job could record it
    (a worker that could not import or start it): the job will never move on."""
    if job.finished or not job.task_id or not default_task_backend.supports_get_result:
        return False
    try:
        result = default_task_backend.get_result(job.task_id)
    except TaskResultDoesNotExist:
        return False
    return result.status == "FAILED"


def jobs_recent(*, limit: int = RECENT_JOBS) -> list[Job]:
    """The newest jobs, with who started them."""
    return list(Job.objects.select_related("started_by").order_by("-created_at", "-pk")[:limit])


def user_may_see_jobs(user) -> bool:
    """Editors (who may add coverage, and so start loads) follow every job."""
    return user_may_add_coverage(user)


def user_may_see_job(user, job: Job) -> bool:
    """Editors, and whoever started the job (an admin re-link, say)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return job.started_by_id == user.pk or user_may_see_jobs(user)
