"""Background jobs: uploads, re-links and re-clusters queued, run by a worker, followed."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from articles.models import Article, ArticleDerivedState, Job, QuoteCluster
from articles.services.jobs import archive_job_lock
from articles.services.linking import linker_snapshot
from tests.capture_fixtures import ASTANA, TASHKENT
from tests.chromium import editors_group
from tests.factories import ArticleFactory, PersonFactory, QuoteClusterFactory

from . import PASSWORD

ADD_URL = reverse("articles:coverage-add")
REFRESH = '<meta http-equiv="refresh" content="2">'


@pytest.fixture(autouse=True)
def _one_event(one_collection):
    """Uploads go into the one collection there is."""


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def editor_named(name: str) -> User:
    user = User.objects.create_user(name, password=PASSWORD, is_staff=True)
    user.groups.add(editors_group())
    return user


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_an_upload_waits_for_a_worker_and_the_page_follows_it(job_queue):
    editor = editor_named("editor")
    client = signed_in(editor)

    response = client.post(ADD_URL, {"files": [upload("astana.html", ASTANA.read_bytes())]})

    job = Job.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/jobs/{job.pk}/")
    # The request loaded nothing: it saved the file and queued the task.
    assert Article.objects.count() == 0
    assert (job.kind, job.status, job.started_by) == (Job.Kind.LOAD, Job.Status.QUEUED, editor)
    stored = Path(settings.MEDIA_ROOT) / job.upload_folder / "astana.html"
    assert stored.read_bytes() == ASTANA.read_bytes()
    task = DBTaskResult.objects.get()
    assert (str(task.id), task.status, task.task_path) == (
        job.task_id,
        "READY",
        "articles.tasks.load_upload",
    )
    waiting = client.get(response["Location"]).content.decode()
    assert "Waiting for a worker" in waiting and REFRESH in waiting
    assert "No file has been loaded yet." in waiting

    job_queue()

    article = Article.objects.get()
    assert (article.seed_file, article.title) == (
        "astana.html",
        "Blinken meets Central Asian ministers in Astana",
    )
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Job.Status.SUCCEEDED, 1, 1)
    assert job.summary == "1 created, 0 updated, 0 unchanged, 0 rejected."
    assert job.started_at <= job.finished_at
    assert [(r.name, r.status, r.slug) for r in job.rows.all()] == [
        ("astana.html", "created", article.slug)
    ]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert not stored.exists() and not stored.parent.exists()  # the upload is not kept
    done = client.get(response["Location"]).content.decode()
    assert "Finished" in done and REFRESH not in done
    assert "1 created, 0 updated, 0 unchanged, 0 rejected." in done
    assert f'href="{article.get_absolute_url()}">View the article</a>' in done


@pytest.mark.django_db
def test_progress_is_written_file_by_file(client, monkeypatch):
    from articles.services import jobs

    steps = []
    real = jobs.job_progress

    def spy(*, job, done, total, step):
        steps.append((done, total, step))
        real(job=job, done=done, total=total, step=step)

    monkeypatch.setattr(jobs, "job_progress", spy)
    client.force_login(editor_named("editor"))
    files = [
        upload("astana.html", ASTANA.read_bytes()),
        upload("tashkent.html", TASHKENT.read_bytes()),
    ]
    client.post(ADD_URL, {"files": files})

    assert steps[0] == (0, 2, "Synced names and outlets")
    loaded = [step for step in steps if step[2].startswith("Loaded file")]
    assert loaded == [(1, 2, "Loaded file 1 of 2"), (2, 2, "Loaded file 2 of 2")]
    assert steps.index(loaded[-1]) < steps.index((2, 2, "Rebuilt the quote clusters"))


@pytest.mark.django_db
def test_a_job_that_fails_says_why_and_keeps_nothing(client, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the disk is full\nsecond line")

    monkeypatch.setattr("articles.services.coverage_upload.archive_load", broken)
    client.force_login(editor_named("editor"))
    response = client.post(ADD_URL, {"files": [upload("astana.html", ASTANA.read_bytes())]})

    job = Job.objects.get()
    assert (job.status, job.summary) == (
        Job.Status.FAILED,
        "RuntimeError: the disk is full second line",
    )
    assert not (Path(settings.MEDIA_ROOT) / job.upload_folder).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Failed" in page and "RuntimeError: the disk is full second line" in page
    assert REFRESH not in page


@pytest.mark.django_db
def test_a_task_the_worker_could_not_start_stops_the_waiting(client, job_queue):
    client.force_login(editor_named("editor"))
    response = client.post(ADD_URL, {"files": [upload("astana.html", ASTANA.read_bytes())]})
    assert REFRESH in client.get(response["Location"]).content.decode()
    # What a worker records when it cannot even import the task.
    DBTaskResult.objects.update(status="FAILED")

    page = client.get(response["Location"]).content.decode()
    assert Job.objects.get().status == Job.Status.QUEUED
    assert "The worker could not run this job" in page and REFRESH not in page


@pytest.mark.django_db
def test_an_upload_with_nothing_accepted_needs_no_worker(client):
    client.force_login(editor_named("editor"))
    response = client.post(ADD_URL, {"files": [upload("report.pdf", b"%PDF-1.4\n")]})
    job = Job.objects.get()
    assert (job.status, job.task_id, job.summary) == (
        Job.Status.SUCCEEDED,
        "",
        "Nothing was loaded: no file was accepted.",
    )
    page = client.get(response["Location"]).content.decode()
    assert "not a supported document type" in page


@pytest.mark.django_db
def test_only_editors_and_the_starter_see_a_job(client):
    editor = editor_named("editor")
    job = Job.objects.create(kind=Job.Kind.RELINK, started_by=editor)
    url = job.get_absolute_url()

    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get(reverse("articles:job-list")).status_code == 302
    reader = User.objects.create_user("reader", password=PASSWORD)
    assert signed_in(reader).get(url).status_code == 403
    assert signed_in(reader).get(reverse("articles:job-list")).status_code == 403
    assert signed_in(reader).get("/jobs/999999/").status_code == 403
    assert signed_in(editor_named("colleague")).get(url).status_code == 200
    assert signed_in(editor_named("third")).get("/jobs/999999/").status_code == 404
    # Staff outside the Editors group follow the jobs they started, and only those.
    staff = User.objects.create_user("staff", password=PASSWORD, is_staff=True)
    own = Job.objects.create(kind=Job.Kind.RECLUSTER, started_by=staff)
    assert signed_in(staff).get(own.get_absolute_url()).status_code == 200
    assert signed_in(staff).get(url).status_code == 403


@pytest.mark.django_db
def test_the_job_pages_read_a_fixed_number_of_rows(client, django_assert_max_num_queries):
    editor = editor_named("editor")
    client.force_login(editor)
    for _ in range(3):
        client.post(ADD_URL, {"files": [upload(f"{n}.pdf", b"%PDF") for n in range(5)]})
    job = Job.objects.first()
    with django_assert_max_num_queries(8):
        page = client.get(job.get_absolute_url()).content.decode()
    assert page.count("upload-result--rejected") == 5
    with django_assert_max_num_queries(8):
        listing = client.get(reverse("articles:job-list")).content.decode()
    assert listing.count('class="job-row job-row--succeeded"') == 3
    assert f'href="{job.get_absolute_url()}"' in listing


# --- From the admin --------------------------------------------------------------------


@pytest.mark.django_db
def test_relinking_selected_articles_is_a_job_the_admin_redirects_to(client):
    editor = editor_named("editor")
    chosen, other = ArticleFactory(), ArticleFactory()
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "relink_selected", "_selected_action": [chosen.pk]},
    )
    job = Job.objects.get()
    assert (response.status_code, response["Location"]) == (302, job.get_absolute_url())
    assert (job.kind, job.article_ids, job.status) == (
        Job.Kind.RELINK,
        [chosen.pk],
        Job.Status.SUCCEEDED,
    )
    assert job.summary.startswith("Re-linked 1 articles; ")
    version = linker_snapshot().version
    assert ArticleDerivedState.objects.get(article=chosen).linked_with == version
    assert not ArticleDerivedState.objects.filter(article=other, linked_with=version).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Re-link articles" in page and "Re-linked 1 articles" in page


@pytest.mark.django_db
def test_relinking_all_articles_from_a_person_list(client):
    editor = editor_named("editor")
    ArticleFactory(), ArticleFactory()
    person = PersonFactory()
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_person_changelist"),
        {"action": "relink_all_articles", "_selected_action": [person.pk]},
    )
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert (job.article_ids, job.summary.split(";")[0]) == (None, "Re-linked 2 articles")


@pytest.mark.django_db
def test_rebuilding_the_quote_clusters_from_the_admin(client):
    editor = editor_named("editor")
    stale = QuoteClusterFactory()  # no quote belongs to it any more
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_quotecluster_changelist"),
        {"action": "rebuild_clusters", "_selected_action": [stale.pk]},
    )
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert (job.kind, job.status, job.summary) == (
        Job.Kind.RECLUSTER,
        Job.Status.SUCCEEDED,
        "Rebuilt the quote clusters: 0.",
    )
    assert not QuoteCluster.objects.filter(pk=stale.pk).exists()


@pytest.mark.django_db
def test_readers_cannot_queue_admin_jobs(client):
    staff = User.objects.create_user("staff", password=PASSWORD, is_staff=True)
    cluster = QuoteClusterFactory()
    client.force_login(staff)
    client.post(
        reverse("admin:articles_quotecluster_changelist"),
        {"action": "rebuild_clusters", "_selected_action": [cluster.pk]},
    )
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_the_archive_lock_is_taken_and_given_back():
    for _ in range(2):
        with archive_job_lock():
            pass
