"""Editorial writes: tags, editorial links, candidate reviews, and their audit trail.

Every write here records who did it and when in Django's admin ``LogEntry``,
so changes made on the site and changes made in the admin share one history.
Tag and link changes are logged against the article(s) they touch: the
article's history (and its admin "History" page) then tells the whole story,
even after the tag or link itself has been deleted. Callers check permissions;
these functions assume the user may do what they ask.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from articles.models import (
    EDITOR_OWNED_FIELDS,
    Article,
    ArticleTag,
    EditorialLink,
    Origin,
    Person,
    PersonCandidate,
    Tag,
)

from .slugs import unique_slug

TAG_NAME_MAX_LENGTH = Tag._meta.get_field("name").max_length


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


def tag_find(name: str) -> Tag | None:
    """The existing tag of that name, ignoring case and extra spaces."""
    return Tag.objects.filter(name__iexact=" ".join(name.split())).first()


def tag_get_or_create(*, name: str, user: AbstractBaseUser) -> tuple[Tag, bool]:
    """The tag called ``name`` (any case), created with a fresh slug if there is none."""
    name = clean_tag_name(name)
    tag = tag_find(name)
    if tag is not None:
        return tag, False
    try:
        with transaction.atomic():
            tag = Tag.objects.create(
                name=name, slug=unique_slug(Tag, name, fallback="tag"), created_by=user
            )
    except IntegrityError:
        # Another editor created it a moment ago.
        tag = tag_find(name)
        if tag is None:
            raise
        return tag, False
    record_change(user=user, obj=tag, message="Created tag.", action=ADDITION)
    return tag, True


@transaction.atomic
def article_tag_add(*, article: Article, tag_name: str, user: AbstractBaseUser) -> ArticleTag:
    """Tag an article (creating the tag if it is new); tagging twice is harmless."""
    tag, _ = tag_get_or_create(name=tag_name, user=user)
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


def tag_deletion_record(*, tags: Iterable[Tag], user: AbstractBaseUser) -> None:
    """Before tags are deleted, note in each tagged article's history that it loses the tag."""
    for tag in tags:
        for article in Article.objects.filter(article_tags__tag=tag):
            record_change(
                user=user, obj=article, message=f"Removed tag “{tag.name}” (the tag was deleted)."
            )


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


@transaction.atomic
def editorial_link_create(
    *,
    from_article: Article,
    to_article: Article,
    relation: str,
    note: str = "",
    user: AbstractBaseUser,
) -> EditorialLink:
    """Link two articles with a typed relation, recorded in both articles' histories."""
    if relation not in EditorialLink.Relation.values:
        raise ValidationError(f"Unknown relation “{relation}”.", code="invalid_relation")
    if from_article.pk == to_article.pk:
        raise ValidationError("An article cannot be linked to itself.", code="self_link")
    if EditorialLink.objects.filter(
        from_article=from_article, to_article=to_article, relation=relation
    ).exists():
        raise ValidationError("These articles are already linked that way.", code="duplicate")
    link = EditorialLink.objects.create(
        from_article=from_article,
        to_article=to_article,
        relation=relation,
        note=note.strip(),
        created_by=user,
    )
    editorial_link_record(link=link, user=user, verb="Added")
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
    edited = list(article.edited_fields or [])
    for field in changed:
        if field in EDITOR_OWNED_FIELDS and field not in edited:
            edited.append(field)
    article.edited_fields = edited
    return edited


@transaction.atomic
def candidate_accept(*, candidate: PersonCandidate, user: AbstractBaseUser) -> Person:
    """Make a person of a name the linker could not match, and mark the candidate accepted."""
    candidate = PersonCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status == PersonCandidate.Status.ACCEPTED and candidate.person_id:
        return candidate.person
    person = Person.objects.create(
        name=candidate.name,
        slug=unique_slug(Person, candidate.name, fallback="person"),
        origin=Origin.EDITOR,
    )
    candidate.status = PersonCandidate.Status.ACCEPTED
    candidate.person = person
    candidate.reviewed_by = user
    candidate.reviewed_at = timezone.now()
    candidate.save(update_fields=["status", "person", "reviewed_by", "reviewed_at"])
    record_change(
        user=user,
        obj=person,
        message=f"Created from candidate “{candidate.name}”.",
        action=ADDITION,
    )
    record_change(user=user, obj=candidate, message=f"Accepted as person “{person.slug}”.")
    return person


@transaction.atomic
def candidate_dismiss(*, candidate: PersonCandidate, user: AbstractBaseUser) -> None:
    """Dismiss a candidate: the loader leaves the status alone, so it stays dismissed."""
    candidate.status = PersonCandidate.Status.DISMISSED
    candidate.reviewed_by = user
    candidate.reviewed_at = timezone.now()
    candidate.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    record_change(user=user, obj=candidate, message="Dismissed.")


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
