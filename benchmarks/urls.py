"""The archive's URLs plus one trivial view: the floor that every page's req/s is compared with."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache


# Rendered on every request, never from the page cache: the floor is the cost of the
# middleware (the page cache's own lookup included) around a view that does nothing.
@never_cache
def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), path("", include("archive.urls"))]
