"""The admin: every page loads with data present, and the editorial actions work."""

import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from model_bakery import baker

from articles.models import (
    ArchiveVersion,
    Article,
    ArticleDerivedState,
    ArticleEntity,
    ArticleSlugAlias,
    ArticleTag,
    Capture,
    Collection,
    CollectionSourceCount,
    Country,
    CountryName,
    EditorialLink,
    Fact,
    ItineraryStop,
    Job,
    JobFileResult,
    Mention,
    Origin,
    Person,
    PersonCandidate,
    PersonName,
    PersonRole,
    Quote,
    QuoteCluster,
    QuoteClusterAlias,
    QuoteClusterWord,
    QuoteWord,
    Source,
    SourceAlias,
    Tag,
)
from articles.services.editorial import article_history
from tests.factories import person_change_form


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("root", "root@example.org", "unused-password-1")


@pytest.fixture
def editor(db) -> User:
    user = baker.make(User, username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def data(db, superuser) -> dict:
    """One row of every model, related as they are in the archive."""
    country = Country.objects.create(code="KZ", name="Kazakhstan", slug="kz")
    source = baker.make(Source, name="Astana Times", slug="astana-times", country=country)
    person = baker.make(Person, name="Antony Blinken", slug="antony-blinken", country=country)
    article = baker.make(Article, slug="talks", title="Talks", source=source, authors=[person])
    other = baker.make(Article, slug="more-talks", title="More talks", source=source)
    tag = baker.make(Tag, name="Energy", slug="energy", created_by=superuser)
    cluster = baker.make(QuoteCluster, key="k1", speaker=person, representative="We agree.")
    candidate = baker.make(PersonCandidate, name="Ivan Petrov", key="ivan petrov")
    candidate.articles.add(article)
    rows = {
        Country: country,
        CountryName: baker.make(CountryName, country=country, name="Qazaqstan"),
        Person: person,
        PersonName: baker.make(PersonName, person=person, name="Blinken"),
        PersonRole: baker.make(
            PersonRole,
            person=person,
            title="US Secretary of State",
            start=datetime.date(2021, 1, 26),
            end=None,
        ),
        Source: source,
        SourceAlias: baker.make(SourceAlias, source=source, name="astanatimes.com"),
        PersonCandidate: candidate,
        Article: article,
        Mention: baker.make(
            Mention, article=article, kind="person", person=person, start=0, end=7, text="Blinken"
        ),
        Tag: tag,
        ArticleTag: baker.make(ArticleTag, article=article, tag=tag, added_by=superuser),
        EditorialLink: baker.make(
            EditorialLink, from_article=article, to_article=other, relation="follow_up"
        ),
        QuoteCluster: cluster,
        Quote: baker.make(
            Quote,
            article=article,
            start=10,
            end=20,
            text="We agree.",
            speaker=person,
            cluster=cluster,
        ),
        Fact: baker.make(Fact, article=article, kind="money", start=30, end=40, text="$5 million"),
        QuoteClusterAlias: baker.make(QuoteClusterAlias, key="k0", cluster=cluster),
        QuoteClusterWord: baker.make(QuoteClusterWord, cluster=cluster, word="agree"),
        ArticleDerivedState: baker.make(ArticleDerivedState, article=article, linked_with="v1"),
        ArticleEntity: baker.make(
            ArticleEntity, article=article, kind="person", person=person, mentions=1
        ),
        Collection: article.collection,
        CollectionSourceCount: CollectionSourceCount.objects.create(
            collection=article.collection, source=source, article_count=2
        ),
        ItineraryStop: baker.make(
            ItineraryStop, collection=article.collection, date="2023-02-28", place="Astana"
        ),
        Capture: baker.make(
            Capture, article=article, content=b"<html></html>", size=13, file_name="talks.html"
        ),
        ArticleSlugAlias: baker.make(ArticleSlugAlias, slug="former-slug", article=article),
        ArchiveVersion: ArchiveVersion.objects.get(),
    }
    rows[QuoteWord] = baker.make(QuoteWord, quote=rows[Quote], word="agree")
    rows[Job] = baker.make(Job, kind=Job.Kind.LOAD, started_by=superuser, summary="1 created.")
    rows[JobFileResult] = baker.make(
        JobFileResult, job=rows[Job], position=0, name="talks.txt", status="created"
    )
    rows[LogEntry] = LogEntry.objects.create(
        user=superuser,
        content_type_id=1,
        object_id="1",
        object_repr="x",
        action_flag=2,
        change_message="",
    )
    return rows


REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.app_label in {"articles", "admin"}),
    key=lambda model: model._meta.label,
)


def test_every_archive_model_has_an_admin():
    assert set(apps.get_app_config("articles").get_models()) <= set(REGISTERED)
    assert LogEntry in REGISTERED


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.model_name)
def test_changelist_and_change_page_load(client, superuser, data, model):
    client.force_login(superuser)
    opts = model._meta
    changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count >= 1

    obj = data[model]
    change = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    assert change.status_code == 200

    search = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": "a"})
    assert search.status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.model_name)
def test_editor_can_open_every_list(client, editor, data, model):
    client.force_login(editor)
    opts = model._meta
    response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert response.status_code == 200


def test_article_list_prefetches_what_it_shows(
    client, superuser, data, django_assert_max_num_queries
):
    for n in range(10):
        article = baker.make(Article, slug=f"article-{n}", source=data[Source])
        article.tags.add(data[Tag], through_defaults={"added_by": superuser})
    client.force_login(superuser)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200
    assert "Energy" in response.content.decode()


def test_derived_data_is_read_only(client, superuser, data):
    client.force_login(superuser)
    mention = data[Mention]
    response = client.get(reverse("admin:articles_mention_change", args=[mention.pk]))
    assert response.context["has_change_permission"] is False
    assert client.get(reverse("admin:articles_fact_add")).status_code == 403
    assert client.get(reverse("admin:articles_article_add")).status_code == 403


# --- Bulk tag actions ----------------------------------------------------------------


def _action(client, name, articles, **extra):
    data = {"action": name, "_selected_action": [a.pk for a in articles], **extra}
    return client.post(reverse("admin:articles_article_changelist"), data)


def test_add_tag_action_asks_for_the_tag_then_tags_every_article(client, editor, data):
    articles = list(Article.objects.all())
    client.force_login(editor)

    form_page = _action(client, "add_tag", articles, index=0)
    assert form_page.status_code == 200
    assert form_page.templates[0].name == "admin/articles/article/tag_action.html"
    assert not ArticleTag.objects.filter(tag__name="Sanctions").exists()

    done = _action(client, "add_tag", articles, apply="Add", tag="Sanctions")

    assert done.status_code == 302
    tagged = ArticleTag.objects.filter(tag__name="Sanctions")
    assert {t.article for t in tagged} == set(articles)
    assert {t.added_by for t in tagged} == {editor}
    assert article_history(articles[0]).first().change_message == "Added tag “Sanctions”."


def test_remove_tag_action_offers_the_selected_articles_tags(client, editor, data):
    articles = list(Article.objects.all())
    unused = baker.make(Tag, name="Unused", slug="unused")
    client.force_login(editor)

    form_page = _action(client, "remove_tag", articles, index=0)
    choices = list(form_page.context["form"].fields["tag"].queryset)
    assert choices == [data[Tag]]
    assert unused not in choices

    _action(client, "remove_tag", articles, apply="Remove", tag=data[Tag].pk)

    assert not ArticleTag.objects.exists()
    assert Tag.objects.filter(pk=data[Tag].pk).exists()


def test_tag_actions_need_tagging_permissions(client, data):
    viewer = baker.make(User, is_staff=True)
    viewer.user_permissions.add(*_perms("view_article", "change_article"))
    client.force_login(viewer)

    response = _action(client, "add_tag", list(Article.objects.all()), apply="Add", tag="X")

    # The action is not offered to this user, so Django ignores it and shows the list.
    assert response.status_code == 200
    assert response.context["action_form"] is None  # no action is offered at all
    assert not Tag.objects.filter(name="X").exists()


# --- Name variants --------------------------------------------------------------------


def test_new_variants_from_the_inline_are_the_editors(client, editor, data):
    person = data[Person]
    gazetteer = data[PersonName]
    gazetteer.origin = Origin.GAZETTEER
    gazetteer.save()
    client.force_login(editor)

    response = client.post(
        reverse("admin:articles_person_change", args=[person.pk]),
        person_change_form(
            person, [{"id": gazetteer.pk, "name": "Blinken"}, {"name": "Tony Blinken"}]
        ),
    )

    assert response.status_code == 302
    assert PersonName.objects.get(name="Tony Blinken").origin == Origin.EDITOR
    assert PersonName.objects.get(name="Blinken").origin == Origin.GAZETTEER  # unchanged


def test_gazetteer_variants_cannot_be_deleted(client, editor, data):
    person = data[Person]
    gazetteer = data[PersonName]
    gazetteer.origin = Origin.GAZETTEER
    gazetteer.save()
    client.force_login(editor)

    response = client.post(
        reverse("admin:articles_person_change", args=[person.pk]),
        person_change_form(person, [{"id": gazetteer.pk, "name": "Blinken", "DELETE": "on"}]),
    )

    assert response.status_code == 200
    assert "comes from the gazetteer" in response.content.decode()
    assert PersonName.objects.filter(pk=gazetteer.pk).exists()
    standalone = reverse("admin:articles_personname_delete", args=[gazetteer.pk])
    assert client.post(standalone, {"post": "yes"}).status_code == 403


def test_country_name_added_by_an_editor_is_theirs(client, editor, data):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_countryname_add"),
        {"country": "KZ", "name": "Kazakstan", "kind": "name"},
    )
    assert response.status_code == 302
    assert CountryName.objects.get(name="Kazakstan").origin == Origin.EDITOR


# --- Candidates, tags and links -------------------------------------------------------


def test_candidate_actions(client, editor, data):
    dismissed = baker.make(PersonCandidate, name="Foreign Ministry", key="foreign ministry")
    client.force_login(editor)
    url = reverse("admin:articles_personcandidate_changelist")

    client.post(url, {"action": "accept", "_selected_action": [data[PersonCandidate].pk]})
    client.post(url, {"action": "dismiss", "_selected_action": [dismissed.pk]})

    accepted = PersonCandidate.objects.get(pk=data[PersonCandidate].pk)
    assert accepted.status == PersonCandidate.Status.ACCEPTED
    assert accepted.person.slug == "ivan-petrov"
    # The candidate's articles were re-linked, by a job (run at once by the tests' backend).
    job = Job.objects.get(kind=Job.Kind.RELINK)
    assert (job.article_ids, job.status, job.started_by) == (
        [data[Article].pk],
        Job.Status.SUCCEEDED,
        editor,
    )
    dismissed.refresh_from_db()
    assert (dismissed.status, dismissed.reviewed_by) == (PersonCandidate.Status.DISMISSED, editor)


def test_deleting_a_tag_is_recorded_in_its_articles_histories(client, editor, data):
    client.force_login(editor)
    tag = data[Tag]
    response = client.post(reverse("admin:articles_tag_delete", args=[tag.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Tag.objects.exists()
    assert article_history(data[Article]).first().change_message == (
        "Removed tag “Energy” (the tag was deleted)."
    )


def test_links_made_in_the_admin_go_into_both_histories(client, editor, data):
    client.force_login(editor)
    article, other = data[Article], Article.objects.get(slug="more-talks")
    response = client.post(
        reverse("admin:articles_editoriallink_add"),
        {"from_article": other.pk, "to_article": article.pk, "relation": "contradicts", "note": ""},
    )
    assert response.status_code == 302
    assert EditorialLink.objects.get(relation="contradicts").created_by == editor
    assert article_history(article).first().change_message == (
        "Added link: Contradicted by “More talks” (more-talks)."
    )
    assert article_history(other).first().change_message == (
        "Added link: Contradicts “Talks” (talks)."
    )


def test_admin_refuses_a_self_link(client, editor, data):
    client.force_login(editor)
    article = data[Article]
    response = client.post(
        reverse("admin:articles_editoriallink_add"),
        {"from_article": article.pk, "to_article": article.pk, "relation": "follow_up"},
    )
    assert response.status_code == 200
    assert EditorialLink.objects.count() == 1


def _perms(*codenames):
    return Permission.objects.filter(codename__in=codenames)


def test_article_inline_refuses_a_self_link_and_logs_readable_links(client, editor, data):
    client.force_login(editor)
    article = data[Article]
    other = Article.objects.get(slug="more-talks")
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = {
        "title": article.title,
        "source": article.source_id,
        "published": "",
        "url": "",
        "language": article.language,
        "article_tags-TOTAL_FORMS": "0",
        "article_tags-INITIAL_FORMS": "0",
        "links_out-TOTAL_FORMS": "1",
        "links_out-INITIAL_FORMS": "0",
        "links_out-0-relation": "translation",
        "links_in-TOTAL_FORMS": "0",
        "links_in-INITIAL_FORMS": "0",
    }

    refused = client.post(url, form | {"links_out-0-to_article": article.pk})
    assert refused.status_code == 200
    assert EditorialLink.objects.count() == 1

    accepted = client.post(url, form | {"links_out-0-to_article": other.pk})
    assert accepted.status_code == 302
    link = EditorialLink.objects.get(relation="translation")
    assert link.created_by == editor
    # Worded as when the link is made on the site, and in both articles' histories.
    assert article_history(article).first().get_change_message() == (
        "Added link: Translation of “More talks” (more-talks)."
    )
    assert article_history(other).first().get_change_message() == (
        "Added link: Translated as “Talks” (talks)."
    )
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert "Translation of “More talks”" in history.content.decode()


def test_candidate_merge_action_shows_role_and_merges(client, editor, data, monkeypatch):
    monkeypatch.setattr(
        "articles.admin.candidates.relink_articles", lambda articles=None, user=None: Job(pk=1)
    )
    candidate = baker.make(
        PersonCandidate,
        name="Roman Vasilenko",
        key="roman vasilenko",
        role="Kazakh Deputy Foreign Minister",
        context="Kazakh Deputy Foreign Minister Roman Vasilenko briefed diplomats.",
    )
    person = baker.make(Person, name="Roman Vassilenko", slug="roman-vassilenko")
    client.force_login(editor)
    url = reverse("admin:articles_personcandidate_changelist")

    page = client.get(url).content.decode()
    assert "Kazakh Deputy Foreign Minister" in page
    assert "briefed diplomats." in page

    response = client.post(
        url, {"action": "merge", "person": person.pk, "_selected_action": [candidate.pk]}
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.person == person
    assert list(person.names.values_list("name", flat=True)) == ["Roman Vasilenko"]
