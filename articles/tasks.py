"""The archive's background tasks, and ``job_enqueue``, which hands a job to them.

Each task takes the id of a ``Job`` the request created and runs the service that
does the work through ``job_execute``, which records progress and the outcome on
the job. With the database backend (``JOBS_BACKEND=database``, the default) the
request only inserts a row; ``python manage.py db_worker`` processes, on any
machine that reaches the database, pick it up.
"""

from __future__ import annotations

from django_tasks import task

from articles.models import Job
from articles.services.coverage_upload import coverage_upload_load
from articles.services.jobs import job_execute, job_recluster, job_relink, job_task_recorded


@task()
def load_upload(job_id: int) -> str:
    """Load the documents an editor uploaded (``/coverage/add/``)."""
    return job_execute(job_id=job_id, work=lambda job: coverage_upload_load(job=job))


@task()
def relink_articles(job_id: int) -> str:
    """Re-link the job's articles (or every article), then rebuild the quote clusters."""
    return job_execute(job_id=job_id, work=lambda job: job_relink(job=job))


@task()
def recluster_quotes(job_id: int) -> str:
    """Rebuild the quote clusters."""
    return job_execute(job_id=job_id, work=lambda job: job_recluster(job=job))


TASKS_BY_KIND = {
    Job.Kind.LOAD: load_upload,
    Job.Kind.RELINK: relink_articles,
    Job.Kind.RECLUSTER: recluster_quotes,
}


def job_enqueue(job: Job) -> Job:
    """Queue the job's task (a job already finished, with nothing to do, is left alone)."""
    if not job.finished:
        result = TASKS_BY_KIND[job.kind].enqueue(job.pk)
        job_task_recorded(job=job, task_id=str(result.id))
        job.refresh_from_db()
    return job
