"""Editors' other names for records: name variants of people and countries, outlet aliases.

A variant an editor adds or corrects is the editor's from then on (the gazetteer load and the
outlets sync leave it alone). Each write is logged against the record the name belongs to,
worded like the editorial services, so the person's, country's or outlet's history shows it.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction

from articles.models import CountryName, Origin, PersonName

from .editorial import record_change

NameVariant = PersonName | CountryName


def _owner(variant: NameVariant) -> models.Model:
    return variant.person if isinstance(variant, PersonName) else variant.country


@transaction.atomic
def variant_save(
    *, variant: models.Model, owner: models.Model, noun: str, origin: str, user: AbstractBaseUser
) -> models.Model:
    """Save a new or edited other name as the editor's (``origin``), logged on ``owner``."""
    adding = variant._state.adding
    old = None if adding else type(variant).objects.filter(pk=variant.pk).first()
    variant.origin = origin
    variant.save()
    if adding:
        message = f"Added {noun} “{variant.name}”."
    elif old is not None and old.name != variant.name:
        message = f"Changed {noun} “{old.name}” to “{variant.name}”."
    else:
        message = f"Changed {noun} “{variant.name}”."
    record_change(user=user, obj=owner, message=message)
    return variant


@transaction.atomic
def variant_delete(
    *, variant: models.Model, owner: models.Model, noun: str, user: AbstractBaseUser
) -> None:
    record_change(user=user, obj=owner, message=f"Removed {noun} “{variant.name}”.")
    variant.delete()


def name_variant_check_delete(variant: NameVariant) -> None:
    """Refuse to delete a gazetteer variant: the next load would only bring it back."""
    if variant.pk and variant.origin == Origin.GAZETTEER:
        raise ValidationError(
            f"“{variant.name}” comes from the gazetteer and the next load would "
            "restore it: remove it from the gazetteer file instead.",
            code="gazetteer",
        )


def name_variant_save(*, variant: NameVariant, user: AbstractBaseUser) -> NameVariant:
    """Save a person's or country's new or edited name variant; it becomes the editor's."""
    return variant_save(
        variant=variant, owner=_owner(variant), noun="name variant", origin=Origin.EDITOR, user=user
    )


def name_variant_delete(*, variant: NameVariant, user: AbstractBaseUser) -> None:
    """Delete an editor's name variant; raises ValidationError for a gazetteer one."""
    name_variant_check_delete(variant)
    variant_delete(variant=variant, owner=_owner(variant), noun="name variant", user=user)
