"""Top-level URLs: the archive at the root, the admin, accounts, the API, sitemap and robots."""

from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from articles.api.main import api
from articles.sitemaps import SITEMAPS
from articles.views.site import robots_txt

admin.site.site_header = "Diplomatic coverage archive"
admin.site.site_title = "Archive admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", api.urls),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path("", include("articles.urls")),
]

handler404 = "articles.views.errors.page_not_found"
handler500 = "articles.views.errors.server_error"
