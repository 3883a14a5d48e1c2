"""Writes about outlets: the outlets data file into Source rows, and outlets named in documents.

``sources_sync`` creates and updates one Source per entry of ``articles/data/sources.toml``
with its aliases. A field an editor changed (``Source.edited_fields``) is never rewritten, and
editors' aliases are never removed. An existing row is matched by slug, then by name or alias
(ignoring case), so an outlet the loader created from a document's "Source:" line becomes the
data file's record rather than a duplicate.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from django.contrib.admin.models import ADDITION, DELETION
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.text import get_text_list, slugify

from articles.models import Country, Source, SourceAlias
from articles.pipeline.outlets import OutletEntry, parse_outlets

from .editorial import fields_mark_edited, record_change
from .names import variant_delete, variant_save

SOURCES_FILE = Path(__file__).resolve().parent.parent / "data" / "sources.toml"


@dataclass
class SourcesSyncResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    aliases_created: int = 0
    aliases_removed: int = 0
    conflicts: list[str] = field(default_factory=list)  # aliases that name another outlet

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.aliases_created or self.aliases_removed)


def read_sources(path: Path | None = None) -> tuple[OutletEntry, ...]:
    """The outlets data file, parsed (``OutletDataError`` names a bad entry)."""
    return parse_outlets((path or SOURCES_FILE).read_text(encoding="utf-8"))


@transaction.atomic
def sources_sync(*, data: Iterable[OutletEntry], dry_run: bool = False) -> SourcesSyncResult:
    """Bring Sources and their aliases in line with the data file, keeping editors' changes.

    A fixed handful of queries to read, then one write per changed outlet. ``dry_run`` does
    the same work and rolls it back, so its counts are exactly what a real run would do.
    """
    result = SourcesSyncResult()
    sources = list(Source.objects.all())
    by_slug = {source.slug: source for source in sources}
    by_name = {source.name.casefold(): source for source in sources}
    aliases = {alias.name.casefold(): alias for alias in SourceAlias.objects.all()}
    countries = _countries(entry.country for entry in data if entry.country)
    for entry in data:
        source = by_slug.get(entry.slug) or _named(entry, by_name, aliases)
        is_new = source is None
        if is_new:
            source = Source(slug=_free_slug(entry.slug, by_slug), origin=Source.Origin.DATA_FILE)
        changed = _apply(source, entry, countries)
        if source.origin == Source.Origin.DOCUMENT:
            source.origin = Source.Origin.DATA_FILE  # the data file now describes it
            changed = True
        if is_new or changed:
            source.save()
        result.created += is_new
        result.updated += changed and not is_new
        result.unchanged += not (is_new or changed)
        by_slug[source.slug] = source
        by_name[source.name.casefold()] = source
        _sync_aliases(source, entry, aliases, result)
    if dry_run:
        transaction.set_rollback(True)
    return result


def _named(entry: OutletEntry, by_name: dict, aliases: dict) -> Source | None:
    for name in (entry.name, *entry.aliases):
        key = name.casefold()
        if key in by_name:
            return by_name[key]
        if key in aliases:
            return aliases[key].source
    return None


def _values(entry: OutletEntry, countries: dict[str, Country]) -> dict:
    return {
        "name": entry.name,
        "country": countries.get(entry.country) if entry.country else None,
        "city": entry.city,
        "kind": entry.kind,
        "owner": entry.owner,
        "languages": list(entry.languages),
        "country_citation": entry.citations.get("country", ""),
        "kind_citation": entry.citations.get("kind", ""),
        "owner_citation": entry.citations.get("owner", ""),
    }


def _apply(source: Source, entry: OutletEntry, countries: dict[str, Country]) -> bool:
    """Set the data file's values on the fields no editor owns; whether any changed."""
    changed = False
    for name, value in _values(entry, countries).items():
        if name in source.edited_fields:
            continue
        current = source.country if name == "country" else getattr(source, name)
        if current != value:
            setattr(source, name, value)
            changed = True
    return changed


def _sync_aliases(source: Source, entry: OutletEntry, aliases: dict, result) -> None:
    wanted = list(entry.aliases)
    if source.name.casefold() != entry.name.casefold():
        wanted.append(entry.name)  # an editor renamed it: the data file's name still maps here
    wanted_keys = {name.casefold() for name in wanted}
    new = []
    for name in wanted:
        key = name.casefold()
        existing = aliases.get(key)
        if existing is None:
            alias = SourceAlias(source=source, name=name, origin=Source.Origin.DATA_FILE)
            aliases[key] = alias
            new.append(alias)
        elif existing.source_id != source.pk:
            result.conflicts.append(f"{name!r} of {entry.slug!r} already names {existing.source}")
    SourceAlias.objects.bulk_create(new)
    result.aliases_created += len(new)
    stale = [
        alias
        for key, alias in aliases.items()
        if alias.source_id == source.pk
        and alias.origin == Source.Origin.DATA_FILE
        and key not in wanted_keys
    ]
    if stale:
        SourceAlias.objects.filter(pk__in=[alias.pk for alias in stale]).delete()
        for alias in stale:
            aliases.pop(alias.name.casefold(), None)
        result.aliases_removed += len(stale)


def _countries(codes: Iterable[str]) -> dict[str, Country]:
    """The Country rows for ``codes``, creating from ISO 3166 any the gazetteer has not."""
    codes = set(codes)
    found = Country.objects.in_bulk(codes)
    for code in sorted(codes - found.keys()):
        known = pycountry.countries.get(alpha_2=code)
        name = getattr(known, "common_name", None) or known.name
        found[code] = Country.objects.create(code=code, name=name, slug=code.lower())
    return found


def _free_slug(slug: str, taken: Container[str]) -> str:
    candidate, counter = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{counter}"
        counter += 1
    return candidate


def source_for_name(*, name: str) -> Source:
    """The outlet a document names (by name or alias), created when no record has that name."""
    source = Source.objects.named(name).first()
    if source is not None:
        return source
    base = slugify(name)[:190] or "outlet"
    taken = set(Source.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    return Source.objects.create(
        name=name, slug=_free_slug(base, taken), origin=Source.Origin.DOCUMENT
    )


def source_record_edited_fields(*, source: Source, changed: Iterable[str]) -> list[str]:
    """Add the data-file fields among ``changed`` to ``source.edited_fields`` (not saved)."""
    source.edited_fields = fields_mark_edited(
        edited=source.edited_fields, changed=changed, owned=Source.DATA_FIELDS
    )
    return source.edited_fields


@transaction.atomic
def source_save(*, source: Source, changed: Iterable[str], user: AbstractBaseUser) -> Source:
    """Save an editor's new or corrected outlet, logged; the data-file fields they changed
    stay theirs (the sync never rewrites them)."""
    adding = source._state.adding
    changed = list(changed)
    source_record_edited_fields(source=source, changed=changed)
    source.save()
    if adding:
        record_change(user=user, obj=source, message="Added outlet.", action=ADDITION)
    elif changed:
        labels = [str(Source._meta.get_field(name).verbose_name) for name in changed]
        record_change(user=user, obj=source, message=f"Changed {get_text_list(labels, 'and')}.")
    return source


@transaction.atomic
def source_delete(*, source: Source, user: AbstractBaseUser) -> None:
    record_change(user=user, obj=source, message="Deleted outlet.", action=DELETION)
    source.delete()


def source_alias_save(*, alias: SourceAlias, user: AbstractBaseUser) -> SourceAlias:
    """Save a new or edited alias as the editor's: the sync never removes it."""
    return variant_save(
        variant=alias, owner=alias.source, noun="alias", origin=Source.Origin.EDITOR, user=user
    )


def source_alias_delete(*, alias: SourceAlias, user: AbstractBaseUser) -> None:
    variant_delete(variant=alias, owner=alias.source, noun="alias", user=user)
