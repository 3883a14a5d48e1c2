"""Views: an article's original capture as a download, and the editors' "Add coverage" page."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from articles.selectors.captures import article_capture, user_may_add_coverage
from articles.services.coverage_upload import (
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_FILES,
    coverage_upload_save,
)
from articles.tasks import job_enqueue
from articles.upload_forms import CoverageAddForm


@require_GET
def capture_download(request: HttpRequest, slug: str) -> HttpResponse:
    """The page as it was saved: always a download, never rendered as HTML on this site."""
    capture = article_capture(slug=slug)
    if capture is None:
        raise Http404("This article has no saved capture.")
    response = HttpResponse(bytes(capture.content), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{slug}-capture.html"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@csrf_exempt  # checked by _coverage_add, once the size is known to be within the limit
@require_http_methods(["GET", "POST"])
def coverage_add(request: HttpRequest) -> HttpResponse:
    """The permission and the request's size are checked before anything reads the body.

    The CSRF check reads the form, so it runs after them (in ``_coverage_add``):
    a request over the limit is refused without a byte of it being parsed.
    """
    if not user_may_add_coverage(request.user):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    if request.method == "POST" and _content_length(request) > MAX_UPLOAD_BYTES:
        refusal = f"The upload is larger than the {MAX_UPLOAD_BYTES:,}-byte limit."
        return _page(request, CoverageAddForm(), refusal=refusal, status=413)
    return _coverage_add(request)


@csrf_protect
def _coverage_add(request: HttpRequest) -> HttpResponse:
    """A valid form's files are saved and queued as a job; the editor follows it there."""
    if request.method == "POST":
        form = CoverageAddForm(request.POST, request.FILES)
        if form.is_valid():
            job = coverage_upload_save(
                files=form.cleaned_data["files"],
                collection=form.cleaned_data["collection"].slug,
                pasted=form.pasted(),
                user=request.user,
            )
            return redirect(job_enqueue(job))
    else:
        form = CoverageAddForm()
    return _page(request, form)


def _page(request, form, *, refusal: str = "", status: int = 200) -> HttpResponse:
    context = {"form": form, "refusal": refusal, "max_files": MAX_UPLOAD_FILES}
    return render(request, "editorial/coverage_add.html", context, status=status)


def _content_length(request: HttpRequest) -> int:
    """The declared body size (without one, Django reads no body); unreadable counts as over."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return MAX_UPLOAD_BYTES + 1
