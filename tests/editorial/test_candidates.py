"""Person candidates: accepting and dismissing, and what re-linking does with them."""

import datetime as dt

from django.contrib.admin.models import LogEntry
from django.utils import timezone
from model_bakery import baker

from articles.models import (
    Article,
    Person,
    PersonCandidate,
)
from articles.services.candidates import (
    candidate_accept,
    candidate_dismiss,
)
from articles.services.linking import relink_all


def test_candidate_accept_creates_a_person_and_records_the_review(editor):
    baker.make(Person, name="Other", slug="ivan-petrov")
    candidate = baker.make(PersonCandidate, name="Ivan Petrov", key="ivan petrov")

    person = candidate_accept(candidate=candidate, user=editor)

    candidate.refresh_from_db()
    assert (person.name, person.slug, person.origin) == ("Ivan Petrov", "ivan-petrov-2", "editor")
    assert candidate.status == PersonCandidate.Status.ACCEPTED
    assert candidate.person == person
    assert candidate.reviewed_by == editor
    assert timezone.now() - candidate.reviewed_at < dt.timedelta(minutes=1)
    # Accepting again does not make a second person.
    assert candidate_accept(candidate=candidate, user=editor) == person
    assert Person.objects.count() == 2


def test_candidate_dismiss_records_the_review(editor):
    candidate = baker.make(PersonCandidate, name="Tashkent Mayor", key="tashkent mayor")

    candidate_dismiss(candidate=candidate, user=editor)

    candidate.refresh_from_db()
    assert candidate.status == PersonCandidate.Status.DISMISSED
    assert candidate.reviewed_by == editor
    entry = LogEntry.objects.get()
    assert (entry.object_repr, entry.change_message) == ("Tashkent Mayor", "Dismissed.")


ANALYST_BODY = "“The talks went well,” said Ivan Petrov, a political analyst in Almaty."


def test_dismissed_candidate_stays_dismissed_when_articles_are_linked_again(editor):
    article = baker.make(Article, slug="analysts", title="Analysts", body=ANALYST_BODY)
    relink_all(articles=[article])
    candidate = PersonCandidate.objects.get(name="Ivan Petrov")
    candidate_dismiss(candidate=candidate, user=editor)

    relink_all(articles=[article])

    candidate.refresh_from_db()
    assert candidate.status == PersonCandidate.Status.DISMISSED
    assert candidate.reviewed_by == editor
    assert list(candidate.articles.all()) == [article]


def test_accepted_candidate_is_linked_as_a_person_after_relinking(editor):
    article = baker.make(Article, slug="analysts", title="Analysts", body=ANALYST_BODY)
    relink_all(articles=[article])
    person = candidate_accept(candidate=PersonCandidate.objects.get(), user=editor)

    relink_all(articles=[article])

    assert list(article.mentions.filter(kind="person").values_list("person__slug", "text")) == [
        (person.slug, "Ivan Petrov")
    ]


def test_candidate_merge_adds_a_name_variant_and_records_it(editor):
    from articles.services.candidates import candidate_merge

    person = baker.make(Person, name="Roman Vassilenko", slug="roman-vassilenko")
    candidate = baker.make(
        PersonCandidate, name="Roman Vasilenko", key="roman vasilenko", role="Deputy Minister"
    )

    variant = candidate_merge(candidate=candidate, person=person, user=editor)

    assert list(person.names.values_list("name", flat=True)) == ["Roman Vasilenko"]
    assert variant is not None and variant.origin == "editor"
    candidate.refresh_from_db()
    assert (candidate.status, candidate.person, candidate.reviewed_by) == (
        PersonCandidate.Status.ACCEPTED,
        person,
        editor,
    )
    messages = set(LogEntry.objects.values_list("change_message", flat=True))
    assert "Added name variant “Roman Vasilenko” from a candidate." in messages
    assert "Merged into person “roman-vassilenko”." in messages
    # Merging again adds nothing.
    assert candidate_merge(candidate=candidate, person=person, user=editor) is None
    assert person.names.count() == 1


def test_candidates_store_keeps_the_role_and_its_sentence(db):
    from articles.pipeline.mentions import Candidate
    from articles.services.derived import candidates_store

    first, second = baker.make(Article, _quantity=2)
    text = "Ilya Korsak said so."
    candidates_store(article=first, candidates=[Candidate("Ilya Korsak", text, 0, 11)])
    later = "Talks were led by Foreign Minister Ilya Korsak."
    candidates_store(
        article=second, candidates=[Candidate("Ilya Korsak", later, 35, 46, "Foreign Minister")]
    )

    row = PersonCandidate.objects.get()
    assert (row.role, row.context) == ("Foreign Minister", later)
    assert row.articles.count() == 2
