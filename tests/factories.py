"""Model factories for the tests, and ``build_archive``: a small, realistic archive.

Every factory makes a valid row with nothing passed; tests pass what they assert on. Country
factories look codes up first (``CountryFactory(code="KZ")`` twice is one country), as the
loader does. ``build_archive`` is shared by the browse, entity, search and browser tests.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass

import factory
import pycountry
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from articles.models import (
    Article,
    ArticleTag,
    Collection,
    Country,
    CountryName,
    EditorialLink,
    Fact,
    ItineraryStop,
    Mention,
    Person,
    PersonName,
    Quote,
    QuoteCluster,
    Source,
    Tag,
)
from articles.services.counts import article_counts_refresh
from articles.services.outlet_counts import OutletMove, outlet_totals_move

# Codes the factories hand out when none is given: real ones, so names come from pycountry.
_CODES = [country.alpha_2 for country in pycountry.countries]


def _country_name(code: str) -> str:
    known = pycountry.countries.get(alpha_2=code)
    return getattr(known, "common_name", None) or (known.name if known else code)


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: _CODES[n % len(_CODES)])
    slug = factory.LazyAttribute(lambda country: country.code.lower())
    name = factory.LazyAttribute(lambda country: _country_name(country.code))


class CountryNameFactory(DjangoModelFactory):
    class Meta:
        model = CountryName

    country = factory.SubFactory(CountryFactory)
    name = factory.Sequence(lambda n: f"Country variant {n}")


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.LazyAttribute(lambda person: slugify(person.name))


class PersonNameFactory(DjangoModelFactory):
    class Meta:
        model = PersonName

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Person variant {n}")


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.LazyAttribute(lambda source: slugify(source.name))


class TagFactory(DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.LazyAttribute(lambda tag: slugify(tag.name))


class CollectionFactory(DjangoModelFactory):
    """An event; ``slug="..."`` returns the existing collection with that slug."""

    class Meta:
        model = Collection
        django_get_or_create = ("slug",)

    slug = "test-collection"
    title = factory.LazyAttribute(lambda collection: collection.slug.replace("-", " ").title())


class ItineraryStopFactory(DjangoModelFactory):
    class Meta:
        model = ItineraryStop

    collection = factory.SubFactory(CollectionFactory)
    date = datetime.date(2023, 2, 28)
    place = "Astana"


class ArticleFactory(DjangoModelFactory):
    """An article from an outlet, dated; ``authors=[...]`` and ``tags=[...]`` add those."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.LazyAttribute(lambda article: slugify(article.title)[:200])
    source = factory.SubFactory(SourceFactory)
    published = factory.Sequence(lambda n: datetime.date(2023, 1, 1) + datetime.timedelta(n))
    body = "Officials met in Astana to discuss trade.\n\nThe talks ended without a statement."
    collection = factory.SubFactory(CollectionFactory)
    seed_file = factory.Sequence(lambda n: f"{n:03d}_factory.txt")
    provenance = factory.LazyAttribute(lambda article: article.seed_file)
    content_hash = factory.LazyAttribute(
        lambda article: hashlib.sha256(article.body.encode()).hexdigest()
    )

    @factory.post_generation
    def outlet_totals(self, create, extracted, **kwargs):
        # The loader moves the outlets' and collections' totals with each article it writes;
        # an article made here moves them the same way.
        if create:
            outlet_totals_move(moves=[OutletMove(None, (self.collection_id, self.source_id))])

    @factory.post_generation
    def authors(self, create, people, **kwargs):
        if create and people:
            self.authors.set(people)

    @factory.post_generation
    def tags(self, create, tags, **kwargs):
        if create and tags:
            for tag in tags:
                ArticleTag.objects.create(article=self, tag=tag)


class ArticleTagFactory(DjangoModelFactory):
    class Meta:
        model = ArticleTag

    article = factory.SubFactory(ArticleFactory)
    tag = factory.SubFactory(TagFactory)


class MentionFactory(DjangoModelFactory):
    """A mention of a person (the default) or, with ``country=...``, of a country."""

    class Meta:
        model = Mention
        skip_postgeneration_save = True

    class Params:
        of_country = factory.LazyAttribute(lambda mention: mention.country is not None)

    article = factory.SubFactory(ArticleFactory)
    country = None
    person = factory.Maybe("of_country", None, factory.SubFactory(PersonFactory))
    kind = factory.LazyAttribute(
        lambda mention: Mention.Kind.COUNTRY if mention.country else Mention.Kind.PERSON
    )
    start = factory.Sequence(lambda n: n * 10)
    text = "Name"
    end = factory.LazyAttribute(lambda mention: mention.start + len(mention.text))
    method = "test"

    @factory.post_generation
    def stored_counts(mention, create, extracted, **kwargs):
        # The linking service stores an article's entities and counts with its mentions; a
        # mention made here keeps them the same way.
        if create:
            article_counts_refresh(articles=Article.objects.filter(pk=mention.article_id))


class QuoteClusterFactory(DjangoModelFactory):
    class Meta:
        model = QuoteCluster

    key = factory.Sequence(lambda n: f"cluster-{n}")
    representative = "We support the talks."


class QuoteFactory(DjangoModelFactory):
    class Meta:
        model = Quote

    article = factory.SubFactory(ArticleFactory)
    start = factory.Sequence(lambda n: n * 10)
    text = "We support the talks."
    end = factory.LazyAttribute(lambda quote: quote.start + len(quote.text))


class FactFactory(DjangoModelFactory):
    class Meta:
        model = Fact

    article = factory.SubFactory(ArticleFactory)
    kind = Fact.Kind.MONEY
    start = factory.Sequence(lambda n: n * 10)
    text = "$25 million"
    end = factory.LazyAttribute(lambda fact: fact.start + len(fact.text))
    value = "USD 25000000"


class EditorialLinkFactory(DjangoModelFactory):
    class Meta:
        model = EditorialLink

    from_article = factory.SubFactory(ArticleFactory)
    to_article = factory.SubFactory(ArticleFactory)
    relation = EditorialLink.Relation.SAME_EVENT


# --- Rows found in a body ----------------------------------------------------------------


def mention_all(article: Article, text: str, entity: Person | Country) -> None:
    """A Mention for every occurrence of ``text`` in the body."""
    is_person = isinstance(entity, Person)
    for match in re.finditer(re.escape(text), article.body):
        MentionFactory(
            article=article,
            person=entity if is_person else None,
            country=None if is_person else entity,
            start=match.start(),
            text=text,
        )


def quote_in(article: Article, text: str, speaker: Person, cluster: QuoteCluster) -> Quote:
    return QuoteFactory(
        article=article,
        start=article.body.index(text),
        text=text,
        speaker=speaker,
        speaker_text=speaker.name,
        cluster=cluster,
    )


def fact_in(article: Article, text: str, value: str) -> Fact:
    return FactFactory(article=article, start=article.body.index(text), text=text, value=value)


# --- A small archive ---------------------------------------------------------------------

ASTANA_BODY = (
    "US Secretary of State Antony Blinken met Kazakh President Kassym-Jomart Tokayev in "
    "Astana on Tuesday. Kazakhstan hosted the C5+1 ministerial.\n\n"
    "Blinken said: “We support the sovereignty of Kazakhstan.” Tokayev thanked him.\n\n"
    "The talks touched on sanctions against Russia and a $25 million programme."
)
TASHKENT_BODY = (
    "Antony Blinken arrived in Tashkent, where Shavkat Mirziyoyev received him. "
    "Uzbekistan and Kazakhstan both trade with Russia.\n\n"
    "Blinken said: “We support the sovereignty of Kazakhstan.”\n\n"
    "Officials discussed sanctions and a $25 million programme for the region."
)
UNKNOWN_BODY = (
    "<script>alert('x')</script> We do not need to be protected from Russia, said an "
    "official in Kazakhstan.\n\nThe visit of Blinken was widely discussed.\n\n"
    "Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword "
    "https://example.org/a/really/long/path/that/does/not/break/naturally/at/all/anywhere"
)


@dataclass
class Archive:
    kz: Country
    uz: Country
    us: Country
    ru: Country
    blinken: Person
    tokayev: Person
    mirziyoyev: Person
    author: Person
    caravanserai: Source
    asianlite: Source
    astana: Article
    tashkent: Article
    unknown: Article
    c5: Tag
    diplomacy: Tag
    cluster: QuoteCluster


def build_archive() -> Archive:
    """Three articles (two outlets, one unattributed and undated) about Blinken's trip."""
    kz = CountryFactory(code="KZ", name="Kazakhstan")
    uz = CountryFactory(code="UZ", name="Uzbekistan")
    us = CountryFactory(code="US", name="United States")
    ru = CountryFactory(code="RU", name="Russia")
    CountryFactory(code="FR", name="France")  # never mentioned
    CountryNameFactory(country=kz, name="Kazakh", kind=CountryName.Kind.DEMONYM)

    blinken = PersonFactory(name="Antony Blinken", role="US Secretary of State", country=us)
    PersonNameFactory(person=blinken, name="Anthony Blinken")
    tokayev = PersonFactory(name="Kassym-Jomart Tokayev", role="President", country=kz)
    mirziyoyev = PersonFactory(name="Shavkat Mirziyoyev", role="President", country=uz)
    author = PersonFactory(name="Kanat Altynbayev")

    caravanserai = SourceFactory(name="Caravanserai", country=kz)
    asianlite = SourceFactory(name="Asian Lite")

    c5 = TagFactory(name="C5+1", slug="c5-plus-1")
    diplomacy = TagFactory(name="Diplomacy")
    astana = ArticleFactory(
        title="Blinken meets Tokayev in Astana",
        slug="blinken-meets-tokayev",
        source=caravanserai,
        published=datetime.date(2023, 3, 3),
        url="https://example.org/astana",
        body=ASTANA_BODY,
        authors=[author],
        tags=[c5, diplomacy],
    )
    tashkent = ArticleFactory(
        title="Blinken arrives in Tashkent",
        slug="blinken-in-tashkent",
        source=asianlite,
        published=datetime.date(2023, 3, 1),
        language="en",
        body=TASHKENT_BODY,
        tags=[c5],
    )
    unknown = ArticleFactory(
        title="We do not need to be protected",
        title_derived=True,
        slug="we-do-not-need-protection",
        source=None,
        published=None,
        url="",
        language="ru",
        body=UNKNOWN_BODY,
    )

    for article in (astana, tashkent, unknown):
        mention_all(article, "Blinken", blinken)
        mention_all(article, "Kazakhstan", kz)
        mention_all(article, "Russia", ru)
    mention_all(astana, "Kassym-Jomart Tokayev", tokayev)
    mention_all(astana, "Tokayev thanked", tokayev)  # second mention, shorter sentence
    mention_all(tashkent, "Shavkat Mirziyoyev", mirziyoyev)
    mention_all(tashkent, "Uzbekistan", uz)
    mention_all(astana, "US", us)

    cluster = QuoteClusterFactory(
        key="support-sovereignty",
        speaker=blinken,
        representative="We support the sovereignty of Kazakhstan.",
    )
    quote_text = "“We support the sovereignty of Kazakhstan.”"
    quote_in(astana, quote_text, blinken, cluster)
    quote_in(tashkent, quote_text, blinken, cluster)
    fact_in(astana, "$25 million", "25000000 USD")
    fact_in(tashkent, "$25 million", "25000000 USD")

    EditorialLinkFactory(
        from_article=tashkent,
        to_article=astana,
        relation=EditorialLink.Relation.FOLLOW_UP,
        note="Same trip, next day.",
    )
    return Archive(
        kz, uz, us, ru, blinken, tokayev, mirziyoyev, author, caravanserai, asianlite,
        astana, tashkent, unknown, c5, diplomacy, cluster,
    )  # fmt: skip


def slugs(response) -> list[str]:
    """The slugs of the articles a list page shows, in order."""
    return [article.slug for article in response.context["articles"]]


def person_change_form(person: Person, variants: list[dict], **fields) -> dict:
    """POST data for the admin's change page of ``person`` with ``variants`` as its inline
    name variants (a variant with an ``id`` is an existing row); ``fields`` override."""
    data = {
        "name": person.name,
        "slug": person.slug,
        "role": person.role,
        "country": person.country_id or "",
        "description": person.description,
        "names-TOTAL_FORMS": str(len(variants)),
        "names-INITIAL_FORMS": str(sum(1 for v in variants if "id" in v)),
        # The offices inline, left as it is.
        "roles-TOTAL_FORMS": "0",
        "roles-INITIAL_FORMS": "0",
    }
    for i, variant in enumerate(variants):
        data |= {f"names-{i}-{key}": value for key, value in variant.items()}
        data[f"names-{i}-person"] = person.pk
    return data | fields
