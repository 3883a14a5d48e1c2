"""Top-level URLs: the archive at the root, the admin, accounts, the API, sitemap and robots."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from archive.forms import AdminLoginForm, LoginForm
from articles.api.main import api
from articles.sitemaps import SITEMAPS
from articles.views.site import robots_txt

admin.site.site_header = "Diplomatic coverage archive"
admin.site.site_title = "Archive admin"
admin.site.login_form = AdminLoginForm

# django.contrib.auth.urls, spelled out: the login page uses LoginForm, and the
# password-reset pages exist only when the site can send mail (EMAIL_URL or
# EMAIL_HOST); without mail they would promise a message that never comes.
account_patterns = [
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
if settings.PASSWORD_RESET_BY_EMAIL:
    account_patterns += [
        path("password_reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
        path(
            "password_reset/done/",
            auth_views.PasswordResetDoneView.as_view(),
            name="password_reset_done",
        ),
        path(
            "reset/<uidb64>/<token>/",
            auth_views.PasswordResetConfirmView.as_view(),
            name="password_reset_confirm",
        ),
        path(
            "reset/done/",
            auth_views.PasswordResetCompleteView.as_view(),
            name="password_reset_complete",
        ),
    ]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include(account_patterns)),
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
