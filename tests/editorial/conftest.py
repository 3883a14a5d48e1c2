"""Fixtures for the editorial tests: an editor and two articles."""

import pytest
from django.contrib.auth.models import Group, User

from articles.models import Article
from tests.editorial import PASSWORD
from tests.factories import ArticleFactory


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def article(db) -> Article:
    return ArticleFactory(
        slug="astana-talks", title="Talks in Astana", source=None, published=None, edited_fields=[]
    )


@pytest.fixture
def other(db) -> Article:
    return ArticleFactory(
        slug="tashkent-talks", title="Talks in Tashkent", source=None, published=None
    )
