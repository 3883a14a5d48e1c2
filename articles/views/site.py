"""Files for crawlers: robots.txt (the sitemap itself is django.contrib.sitemaps)."""

from django.shortcuts import render
from django.urls import reverse


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    context = {"sitemap_url": sitemap_url}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
