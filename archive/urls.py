"""Top-level URLs: the archive at the root, the admin, and accounts."""

from django.contrib import admin
from django.urls import include, path

from articles.api.main import api

admin.site.site_header = "Diplomatic coverage archive"
admin.site.site_title = "Archive admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", api.urls),
    path("", include("articles.urls")),
]

handler404 = "articles.views.errors.page_not_found"
handler500 = "articles.views.errors.server_error"
