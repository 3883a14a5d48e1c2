"""Candidate reviews: accepting a candidate as a new person, dismissing one, or merging one
into an existing person as a name variant. Each records who did it and when in the audit
trail. Callers check permissions.
"""

from __future__ import annotations

from django.contrib.admin.models import ADDITION
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from articles.models import Origin, Person, PersonCandidate, PersonName

from .editorial import record_change
from .slugs import unique_slug


@transaction.atomic
def candidate_merge(
    *, candidate: PersonCandidate, person: Person, user: AbstractBaseUser
) -> PersonName | None:
    """Merge a candidate into ``person``: its name becomes one of the person's name variants.

    Returns the new variant, or None when the name already was the person's name or a variant
    (the candidate is then marked accepted all the same). Merging again is harmless.
    """
    candidate = PersonCandidate.objects.select_for_update().get(pk=candidate.pk)
    variant = None
    same_name = candidate.name.casefold() == person.name.casefold()
    if not same_name and not person.names.filter(name__iexact=candidate.name).exists():
        variant = PersonName.objects.create(
            person=person, name=candidate.name, origin=Origin.EDITOR
        )
        record_change(
            user=user,
            obj=person,
            message=f"Added name variant “{candidate.name}” from a candidate.",
        )
    candidate.status = PersonCandidate.Status.ACCEPTED
    candidate.person = person
    candidate.reviewed_by = user
    candidate.reviewed_at = timezone.now()
    candidate.save(update_fields=["status", "person", "reviewed_by", "reviewed_at"])
    record_change(user=user, obj=candidate, message=f"Merged into person “{person.slug}”.")
    return variant


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
