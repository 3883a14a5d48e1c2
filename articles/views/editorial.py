"""Views: editorial changes made on the article page, and each article's history.

The forms post here and every view redirects back to the article with a
message, so editing works without JavaScript. Permissions are checked on the
server for every request: anonymous visitors are sent to the login page,
signed-in users without the permission get 403.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from articles.forms import (
    LINK_PERMISSIONS,
    TAG_PERMISSIONS,
    EditorialLinkDeleteForm,
    EditorialLinkForm,
    TagAddForm,
    TagRemoveForm,
)
from articles.models import Article, EditorialLink
from articles.services.editorial import (
    article_history as article_history_entries,
)
from articles.services.editorial import (
    article_tag_add,
    article_tag_remove,
    describe_link,
    editorial_link_create,
    editorial_link_delete,
    tag_find,
)

HISTORY_PERMISSION = "admin.view_logentry"
# Messages about the panel carry this tag: the article page shows them next to the panel.
PANEL_MESSAGE = "editorial"
# What a failed form had typed, kept in the session so the panel shows it again.
DRAFT_KEY = "editorial_draft"
DRAFT_FIELDS = {"tag": ("tag",), "link": ("to_article", "relation", "note")}


def _refusal(request: HttpRequest, permission: str, next_url: str) -> HttpResponse | None:
    """A login redirect (back to ``next_url``) for anonymous users; 403 without ``permission``."""
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return None


def _back(article: Article) -> HttpResponse:
    return redirect(f"{article.get_absolute_url()}#editorial")


def _report_errors(request: HttpRequest, form: Form, *, draft: str | None = None) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error, extra_tags=PANEL_MESSAGE)
    if draft:
        _keep_draft(request, draft)


def _keep_draft(request: HttpRequest, draft: str) -> None:
    """Remember what the failed ``draft`` form ("tag" or "link") had typed, for one page view."""
    request.session[DRAFT_KEY] = {
        "form": draft,
        "data": {name: request.POST.get(name, "")[:2000] for name in DRAFT_FIELDS[draft]},
    }


def _editorial_post(request: HttpRequest, slug: str, permissions: dict):
    """The article and ``action`` an editing form posted, or the response refusing it: sign
    in first, an unknown action, or a missing permission."""
    article = get_object_or_404(Article, slug=slug)
    action = request.POST.get("action", "")
    if not request.user.is_authenticated:
        return article, action, redirect_to_login(article.get_absolute_url())
    if action not in permissions:
        return article, action, HttpResponseBadRequest("Unknown action.")
    return article, action, _refusal(request, permissions[action], article.get_absolute_url())


@require_POST
def article_tags(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a tag (``action=add``, ``tag`` a name) or remove one (``action=remove``, a slug)."""
    article, action, refusal = _editorial_post(request, slug, TAG_PERMISSIONS)
    if refusal:
        return refusal

    if action == "add":
        form = TagAddForm(request.POST)
        if not form.is_valid():
            _report_errors(request, form, draft="tag")
            return _back(article)
        name = form.cleaned_data["tag"]
        if tag_find(name) is None and not request.user.has_perm("articles.add_tag"):
            raise PermissionDenied
        article_tag = article_tag_add(article=article, tag_name=name, user=request.user)
        messages.success(request, f"Tagged “{article_tag.tag.name}”.", extra_tags=PANEL_MESSAGE)
    else:
        form = TagRemoveForm(request.POST, article=article)
        if not form.is_valid():
            _report_errors(request, form)
            return _back(article)
        tag = form.cleaned_data["tag"]
        article_tag_remove(article=article, tag=tag, user=request.user)
        messages.success(request, f"Removed the tag “{tag.name}”.", extra_tags=PANEL_MESSAGE)
    return _back(article)


@require_POST
def article_links(request: HttpRequest, slug: str) -> HttpResponse:
    """Create (``action=create``) or delete (``action=delete``) an editorial link."""
    article, action, refusal = _editorial_post(request, slug, LINK_PERMISSIONS)
    if refusal:
        return refusal

    if action == "create":
        form = EditorialLinkForm(request.POST, article=article)
        if not form.is_valid():
            _report_errors(request, form, draft="link")
            return _back(article)
        try:
            link = editorial_link_create(
                from_article=article,
                to_article=form.cleaned_data["to_article"],
                relation=form.cleaned_data["relation"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message, extra_tags=PANEL_MESSAGE)
            _keep_draft(request, "link")
            return _back(article)
        messages.success(
            request, f"Linked: {describe_link(link, article)}.", extra_tags=PANEL_MESSAGE
        )
    else:
        form = EditorialLinkDeleteForm(request.POST, article=article)
        if not form.is_valid():
            _report_errors(request, form)
            return _back(article)
        link: EditorialLink = form.cleaned_data["link"]
        description = describe_link(link, article)
        editorial_link_delete(link=link, user=request.user)
        messages.success(request, f"Removed the link: {description}.", extra_tags=PANEL_MESSAGE)
    return _back(article)


@require_GET
def article_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Every recorded change to the article, its tags and its links: who, what, when."""
    article = get_object_or_404(Article, slug=slug)
    if refusal := _refusal(request, HISTORY_PERMISSION, request.get_full_path()):
        return refusal
    return render(
        request,
        "editorial/article_history.html",
        {"article": article, "entries": article_history_entries(article)},
    )
