"""The archive's URLs plus one trivial view: the floor that every page's req/s is compared with."""

from django.http import HttpResponse
from django.urls import include, path


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), path("", include("archive.urls"))]
