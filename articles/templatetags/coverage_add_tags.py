"""Whether the signed-in user may use the "Add coverage" page (for the link to it)."""

from django import template

from articles.selectors.captures import user_may_add_coverage

register = template.Library()


@register.simple_tag
def may_add_coverage(user) -> bool:
    return bool(user) and user_may_add_coverage(user)
