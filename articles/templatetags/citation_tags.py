"""Citation metadata on the article page: ``{% citation_head %}`` and ``{% cite_box %}``.

Both take the lists the page already has, so they add no queries.
"""

from django import template

from articles import citations

register = template.Library()


def _citation(context, article, authors, tags=()):
    permalink = context["request"].build_absolute_uri(article.get_absolute_url())
    return citations.article_citation(article, authors=authors, tags=tags, permalink=permalink)


@register.inclusion_tag("includes/citation_head.html", takes_context=True)
def citation_head(context, article, authors, tags=()):
    """Highwire ``citation_*`` meta tags, a canonical link and schema.org JSON-LD."""
    citation = _citation(context, article, authors, tags)
    return {
        "citation": citation,
        "meta_tags": citations.highwire_tags(citation),
        "json_ld": citations.json_ld_script(citation),
    }


@register.inclusion_tag("includes/cite_box.html", takes_context=True)
def cite_box(context, article, authors):
    """The "Cite this" box: a formatted reference, the permalink and the downloads."""
    citation = _citation(context, article, authors)
    return {
        "article": article,
        "citation": citation,
        "formatted": citations.formatted(citation),
        "bibtex": citations.bibtex(citation),
    }
