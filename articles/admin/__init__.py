"""The editors' admin: every model, with provenance read-only and an audit trail.

Rules that keep editors' work safe from the loader:
- only ``EDITOR_OWNED_FIELDS`` of an article are editable, and a change to one
  is recorded in ``Article.edited_fields`` so the loader leaves it alone;
- name variants an editor adds or edits are ``origin=editor``; gazetteer
  variants cannot be deleted here, because the next load would restore them;
- candidate reviews (accept/dismiss) are never changed by the loader;
- mentions, quotes and facts are derived by the linker and are read-only.
Tags, article tags, editorial links and candidate reviews are written only through
``articles.services.editorial`` (the same functions the site's views call), which
also writes their audit trail; so a change reads the same in the history whether
it was made on the site or here.

Each module registers the admins of one subject.
"""

from . import articles, candidates, collections, derived, editorial, jobs, names, sources

__all__ = [
    "articles",
    "candidates",
    "collections",
    "derived",
    "editorial",
    "jobs",
    "names",
    "sources",
]
