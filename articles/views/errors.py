"""Views: the archive's own "not found" and "server error" pages."""

from django.http import HttpResponseNotFound, HttpResponseServerError
from django.template import TemplateDoesNotExist, loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def page_not_found(request, exception):
    """The 404 page, inside the site's layout so readers can search or browse on."""
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"request_path": request.path}, request))


@requires_csrf_token
def server_error(request):
    """The 500 page: a standalone template rendered with no request context and no database.

    Whatever broke (the database, a context processor) must not break this page too.
    """
    try:
        template = loader.get_template("500.html")
    except TemplateDoesNotExist:
        return HttpResponseServerError(
            b"<!doctype html><title>Server error</title><h1>Server error</h1>",
            content_type="text/html",
        )
    return HttpResponseServerError(template.render())
