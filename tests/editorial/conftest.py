"""Fixtures for the editorial tests: an editor and two articles."""

import pytest
from django.contrib.auth.models import Group, User
from model_bakery import baker

from articles.models import Article
from tests.editorial import PASSWORD


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def article(db) -> Article:
    return baker.make(Article, slug="astana-talks", title="Talks in Astana", edited_fields=[])


@pytest.fixture
def other(db) -> Article:
    return baker.make(Article, slug="tashkent-talks", title="Talks in Tashkent")
