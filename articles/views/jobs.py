"""Views: the progress of background jobs (loads, re-links, re-clusters), for editors."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.selectors.jobs import job_detail as find_job
from articles.selectors.jobs import (
    job_task_failed,
    jobs_recent,
    user_may_see_job,
    user_may_see_jobs,
)

REFRESH_SECONDS = 2


@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One job: status, progress and what became of each file; reloads itself until done."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    job = find_job(pk=pk)
    if job is None:
        if not user_may_see_jobs(request.user):
            raise PermissionDenied
        raise Http404("No such job.")
    if not user_may_see_job(request.user, job):
        raise PermissionDenied
    task_failed = job_task_failed(job)
    context = {
        "job": job,
        "rows": list(job.rows.all()),
        "task_failed": task_failed,
        "refresh": None if job.finished or task_failed else REFRESH_SECONDS,
    }
    return render(request, "editorial/job_detail.html", context)


@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    """The newest jobs, whoever started them."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user_may_see_jobs(request.user):
        raise PermissionDenied
    return render(request, "editorial/job_list.html", {"jobs": jobs_recent()})
