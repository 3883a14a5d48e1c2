"""Editorial writes: tags, editorial links, candidate reviews, and their audit trail.

This is the only place editorial data is written: the site's views, the admin
(inlines, change forms, delete pages, bulk actions) and commands all call these
functions. Every write records who did it and when in Django's admin
``LogEntry``, so a change reads the same in the history whichever way it was made.
Tag and link changes are logged against the article(s) they touch: the
article's history (and its admin "History" page) then tells the whole story,
even after the tag or link itself has been deleted. Callers check permissions;
these functions assume the user may do what they ask.
"""

from __future__ import annotations

from collections.abc import Container, Iterable

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet, Value
from django.db.models.functions import Lower
from django.utils.text import get_text_list

from articles.models import (
    EDITOR_OWNED_FIELDS,
    Article,
    ArticleTag,
    EditorialLink,
    Tag,
)

from .outlet_counts import OutletMove, article_places, outlet_totals_move
from .slugs import unique_slug

TAG_NAME_MAX_LENGTH = Tag._meta.get_field("name").max_length
LINK_NOTE_MAX_LENGTH = EditorialLink._meta.get_field("note").max_length
# Attempts at inserting a new tag when concurrent inserts keep taking its slug.
TAG_CREATE_ATTEMPTS = 3


def record_change(
    *, user: AbstractBaseUser, obj: models.Model, message: str, action: int = CHANGE
) -> LogEntry:
    """Write one row of the audit trail: who did what to which object, and when."""
    return LogEntry.objects.create(
        user_id=user.pk,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action_flag=action,
        change_message=message,
    )


TAG_EXISTS_MESSAGE = "A tag with this name already exists (tag names ignore case)."


def clean_tag_name(name: str) -> str:
    """A tag name with its whitespace collapsed; raises ValidationError if empty or too long."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError("Enter a tag name.", code="required")
    if len(cleaned) > TAG_NAME_MAX_LENGTH:
        raise ValidationError(
            f"A tag name has at most {TAG_NAME_MAX_LENGTH} characters.", code="max_length"
        )
    return cleaned


def _same_name(name: str) -> QuerySet[Tag]:
    """Tags whose name equals ``name`` ignoring case, as the unique constraint compares them."""
    key = Lower(Value(" ".join(name.split())))
    return Tag.objects.alias(key=Lower("name")).filter(key=key)


def tag_find(name: str) -> Tag | None:
    """The existing tag of that name, ignoring case and extra spaces."""
    return _same_name(name).first()


def _tag_insert(*, name: str, slug: str, description: str, user: AbstractBaseUser) -> Tag | None:
    """Insert a tag in a savepoint; None if a concurrent insert took its name or slug."""
    try:
        with transaction.atomic():
            return Tag.objects.create(
                name=name, slug=slug, description=description, created_by=user
            )
    except IntegrityError:
        return None


def tag_get_or_create(*, name: str, user: AbstractBaseUser) -> tuple[Tag, bool]:
    """The tag called ``name`` (any case), created with a fresh slug if there is none.

    Safe when several editors create the same tag at once: the database refuses the
    second insert (names are unique ignoring case), and the loser fetches the winner's tag.
    """
    name = clean_tag_name(name)
    for _ in range(TAG_CREATE_ATTEMPTS):
        tag = tag_find(name)
        if tag is not None:
            return tag, False
        slug = unique_slug(Tag, name, fallback="tag")
        tag = _tag_insert(name=name, slug=slug, description="", user=user)
        if tag is not None:
            record_change(user=user, obj=tag, message="Created tag.", action=ADDITION)
            return tag, True
    # Neither found nor inserted, again and again: something other than a race is wrong.
    raise IntegrityError(f"Could not create the tag “{name}”.")


@transaction.atomic
def tag_create(*, name: str, slug: str = "", description: str = "", user: AbstractBaseUser) -> Tag:
    """Create a tag (as the admin's "Add tag" does); raises ValidationError if it exists."""
    name = clean_tag_name(name)
    if tag_find(name) is not None:
        raise ValidationError(TAG_EXISTS_MESSAGE, code="duplicate")
    tag = _tag_insert(
        name=name,
        slug=slug or unique_slug(Tag, name, fallback="tag"),
        description=description,
        user=user,
    )
    if tag is None:
        raise ValidationError(TAG_EXISTS_MESSAGE, code="duplicate")
    record_change(user=user, obj=tag, message="Created tag.", action=ADDITION)
    return tag


@transaction.atomic
def tag_update(
    *, tag: Tag, name: str, slug: str, description: str, user: AbstractBaseUser
) -> list[str]:
    """Rename a tag or change its slug or description; returns the fields that changed."""
    name = clean_tag_name(name)
    if _same_name(name).exclude(pk=tag.pk).exists():
        raise ValidationError(TAG_EXISTS_MESSAGE, code="duplicate")
    old = Tag.objects.get(pk=tag.pk)
    tag.name, tag.slug, tag.description = name, slug, description
    changed = [f for f in ("name", "slug", "description") if getattr(old, f) != getattr(tag, f)]
    if changed:
        tag.save(update_fields=changed)
        labels = [str(Tag._meta.get_field(f).verbose_name) for f in changed]
        message = f"Changed {get_text_list(labels, 'and')}."
        if "name" in changed:
            message = f"Renamed “{old.name}” to “{tag.name}”. {message}"
        record_change(user=user, obj=tag, message=message)
    return changed


@transaction.atomic
def tag_delete(*, tag: Tag, user: AbstractBaseUser) -> None:
    """Delete a tag, noting in each tagged article's history that it lost the tag."""
    for article in Article.objects.filter(article_tags__tag=tag):
        record_change(
            user=user, obj=article, message=f"Removed tag “{tag.name}” (the tag was deleted)."
        )
    record_change(user=user, obj=tag, message="Deleted tag.", action=DELETION)
    tag.delete()


@transaction.atomic
def article_tag_add(
    *,
    article: Article,
    tag_name: str | None = None,
    tag: Tag | None = None,
    user: AbstractBaseUser,
) -> ArticleTag:
    """Tag an article with ``tag``, or by name (creating the tag if it is new).

    Tagging twice is harmless, also when two editors do it at the same moment.
    """
    if tag is None:
        tag, _ = tag_get_or_create(name=tag_name or "", user=user)
    article_tag, created = ArticleTag.objects.get_or_create(
        article=article, tag=tag, defaults={"added_by": user}
    )
    if created:
        record_change(user=user, obj=article, message=f"Added tag “{tag.name}”.")
    return article_tag


@transaction.atomic
def article_tag_remove(*, article: Article, tag: Tag, user: AbstractBaseUser) -> bool:
    """Take a tag off an article; returns False if the article did not have it."""
    deleted, _ = ArticleTag.objects.filter(article=article, tag=tag).delete()
    if deleted:
        record_change(user=user, obj=article, message=f"Removed tag “{tag.name}”.")
    return bool(deleted)


def describe_link(link: EditorialLink, article: Article) -> str:
    """The link as read on ``article``'s page, e.g. 'Follow-up to “Title” (slug)'."""
    other = link.to_article if article.pk == link.from_article_id else link.from_article
    return f"{link.wording_from(article)} “{other.title}” ({other.slug})"


def editorial_link_record(
    *, link: EditorialLink, user: AbstractBaseUser, verb: str
) -> list[LogEntry]:
    """Log a link change ("Added", "Changed", "Removed") in both articles' histories."""
    note = f" Note: {link.note}" if verb != "Removed" and link.note else ""
    return [
        record_change(
            user=user, obj=article, message=f"{verb} link: {describe_link(link, article)}.{note}"
        )
        for article in (link.from_article, link.to_article)
    ]


def editorial_link_validate(
    *,
    from_article: Article,
    to_article: Article,
    relation: str,
    note: str = "",
    exclude: EditorialLink | None = None,
) -> None:
    """Raise ValidationError unless this link may be saved (``exclude``: the link being edited)."""
    if relation not in EditorialLink.Relation.values:
        raise ValidationError(f"Unknown relation “{relation}”.", code="invalid_relation")
    if from_article.pk == to_article.pk:
        raise ValidationError("An article cannot be linked to itself.", code="self_link")
    if len(note.strip()) > LINK_NOTE_MAX_LENGTH:
        raise ValidationError(
            f"A note has at most {LINK_NOTE_MAX_LENGTH} characters.", code="max_length"
        )
    same = EditorialLink.objects.filter(
        from_article=from_article, to_article=to_article, relation=relation
    )
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    if same.exists():
        raise ValidationError(DUPLICATE_LINK_MESSAGE, code="duplicate")


DUPLICATE_LINK_MESSAGE = "These articles are already linked that way."


@transaction.atomic
def editorial_link_create(
    *,
    from_article: Article,
    to_article: Article,
    relation: str,
    note: str = "",
    user: AbstractBaseUser,
) -> EditorialLink:
    """Link two articles with a typed relation, recorded in both articles' histories.

    Two editors making the same link at once get one link: the second is refused
    with the same ValidationError as a link made twice in a row.
    """
    editorial_link_validate(
        from_article=from_article, to_article=to_article, relation=relation, note=note
    )
    try:
        with transaction.atomic():
            link = EditorialLink.objects.create(
                from_article=from_article,
                to_article=to_article,
                relation=relation,
                note=note.strip(),
                created_by=user,
            )
    except IntegrityError:
        raise ValidationError(DUPLICATE_LINK_MESSAGE, code="duplicate") from None
    editorial_link_record(link=link, user=user, verb="Added")
    return link


@transaction.atomic
def editorial_link_update(
    *,
    link: EditorialLink,
    to_article: Article,
    relation: str,
    note: str = "",
    user: AbstractBaseUser,
) -> EditorialLink:
    """Change a link's target, relation or note, recorded in the articles' histories."""
    old = EditorialLink.objects.select_related("from_article", "to_article").get(pk=link.pk)
    editorial_link_validate(
        from_article=old.from_article,
        to_article=to_article,
        relation=relation,
        note=note,
        exclude=old,
    )
    link.to_article, link.relation, link.note = to_article, relation, note.strip()
    if (old.to_article_id, old.relation, old.note) == (to_article.pk, relation, link.note):
        return link
    try:
        with transaction.atomic():
            link.save(update_fields=["to_article", "relation", "note"])
    except IntegrityError:
        raise ValidationError(DUPLICATE_LINK_MESSAGE, code="duplicate") from None
    if old.to_article_id != to_article.pk:
        # A new target: the old one's history says the link went away.
        record_change(
            user=user,
            obj=old.to_article,
            message=f"Removed link: {describe_link(old, old.to_article)}.",
        )
        editorial_link_record(link=link, user=user, verb="Added")
    else:
        editorial_link_record(link=link, user=user, verb="Changed")
    return link


@transaction.atomic
def editorial_link_delete(*, link: EditorialLink, user: AbstractBaseUser) -> None:
    """Delete an editorial link, recorded in both articles' histories."""
    editorial_link_record(link=link, user=user, verb="Removed")
    link.delete()


def article_record_edited_fields(*, article: Article, changed: Iterable[str]) -> list[str]:
    """Add the editor-owned fields among ``changed`` to ``article.edited_fields`` (not saved).

    The loader reads that list and never overwrites those fields again.
    """
    article.edited_fields = fields_mark_edited(
        edited=article.edited_fields, changed=changed, owned=EDITOR_OWNED_FIELDS
    )
    return article.edited_fields


@transaction.atomic
def article_editor_save(*, article: Article, changed: Iterable[str]) -> Article:
    """Save an editor's change to an article (its outlet, title, date...): the fields they
    changed are marked theirs, and a change of outlet moves the outlets' totals with it."""
    article_record_edited_fields(article=article, changed=changed)
    before = article_places([article.pk]).get(article.pk)
    article.save()
    outlet_totals_move(
        moves=[OutletMove(before=before, after=(article.collection_id, article.source_id))]
    )
    return article


def fields_mark_edited(
    *, edited: Iterable[str] | None, changed: Iterable[str], owned: Container[str]
) -> list[str]:
    """``edited`` with each of the ``owned`` fields among ``changed`` added once, in order."""
    marked = list(edited or [])
    marked += [name for name in dict.fromkeys(changed) if name in owned and name not in marked]
    return marked


def article_history(article: Article) -> QuerySet[LogEntry]:
    """The audit trail of one article, newest first: admin edits, tags and links."""
    return (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=str(article.pk),
        )
        .select_related("user", "content_type")
        .order_by("-action_time", "-pk")
    )
