"""The editors' "Add coverage" page: uploads through the load service, limits, permissions."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.models import Article, Capture, Job
from articles.services import coverage_upload as upload_service
from articles.services.coverage_upload import safe_upload_name
from tests.capture_fixtures import ASTANA, ASTANA_URL, COOKIE_WALL, TASHKENT, visits_warc

from . import PASSWORD

pytestmark = pytest.mark.django_db
URL = reverse("articles:coverage-add")


@pytest.fixture(autouse=True)
def _one_event(one_collection):
    """Uploads go into the one collection there is."""


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def result_rows(response) -> list[tuple[str, str, str]]:
    return [(row.name, row.status, row.reason) for row in response.context["rows"]]


def submit(client, data):
    """Post the form: it answers with the upload's job page (the job ran in the request:
    the tests' task backend is the immediate one); returns that page."""
    response = client.post(URL, data)
    job = Job.objects.latest("pk")
    assert (response.status_code, response["Location"]) == (302, job.get_absolute_url())
    page = client.get(response["Location"])
    assert page.status_code == 200 and page.context["job"] == job
    return page


def test_anonymous_visitors_are_sent_to_log_in_and_others_refused(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(User.objects.create_user("reader", password=PASSWORD))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"files": upload("a.html", ASTANA.read_bytes())}).status_code == 403
    assert Article.objects.count() == 0


def test_the_page_needs_a_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(URL, {"files": upload("a.html", ASTANA.read_bytes())})
    assert response.status_code == 403
    assert Article.objects.count() == 0


def test_the_editors_link_leads_to_the_page(editor_client):
    page = editor_client.get(reverse("articles:list")).content.decode()
    assert f'href="{URL}">Add coverage</a>' in page
    assert "Add coverage" not in Client().get(reverse("articles:list")).content.decode()


def test_several_files_at_once_each_with_its_result(editor_client):
    files = [
        upload("astana.html", ASTANA.read_bytes()),
        upload("cookies.html", COOKIE_WALL.read_bytes()),
        upload("report.pdf", b"%PDF-1.4\n%%EOF\n"),
        upload("crawl.warc.gz", visits_warc()),
    ]
    response = submit(editor_client, {"files": files})
    rows = result_rows(response)
    assert rows[0] == (
        "report.pdf",
        "rejected",
        "not a supported document type (upload .txt, .html, .htm, .warc or .warc.gz)",
    )
    assert ("astana.html", "created", "") in rows
    assert (
        "cookies.html",
        "rejected",
        "no article text: the page has only furniture (navigation, notices, links)",
    ) in rows
    # The WARC's copy of the Astana page has its own identity (its capture URL).
    assert [r[:2] for r in rows if r[0] == "crawl.warc.gz"] == [("crawl.warc.gz", "created")] * 2
    html = response.content.decode()
    assert "only furniture" in html and "View the article" in html
    assert Article.objects.filter(seed_file="astana.html").exists()
    assert Article.objects.filter(capture_url=ASTANA_URL).exists()
    assert Capture.objects.count() == 3

    again = submit(editor_client, {"files": [upload("astana.html", ASTANA.read_bytes())]})
    assert result_rows(again) == [("astana.html", "unchanged", "")]


def test_pasted_text_with_url_outlet_and_date(editor_client):
    response = submit(
        editor_client,
        {
            "text": "Blinken in Tashkent\n\nThe Secretary of State met President Mirziyoyev "
            "in Tashkent on Wednesday to talk about trade and security.\n",
            "url": "https://eurasianet.org/blinken-in-tashkent",
            "outlet": "Eurasianet",
            "published": "2023-03-01",
        },
    )
    [(name, status, reason)] = result_rows(response)
    assert (name, status) == ("pasted text", "created")
    article = Article.objects.get()
    assert (article.title, article.source.name, article.published, article.url) == (
        "Blinken in Tashkent",
        "Eurasianet",
        dt.date(2023, 3, 1),
        "https://eurasianet.org/blinken-in-tashkent",
    )
    assert article.metadata_origin["published"] == "catalog"


def test_a_pasted_url_must_be_http(editor_client):
    response = editor_client.post(URL, {"text": "Talks\n\nText.", "url": "javascript:alert(1)"})
    assert response.status_code == 200 and "rows" not in response.context
    assert "Enter a valid URL." in response.content.decode()
    assert (Article.objects.count(), Job.objects.count()) == (0, 0)


def test_an_empty_form_says_what_is_missing(editor_client):
    response = editor_client.post(URL, {})
    assert "Choose at least one file, or paste the article" in response.content.decode()


def test_size_and_count_limits(editor_client, monkeypatch):
    monkeypatch.setattr(upload_service, "MAX_DOCUMENT_BYTES", 100)
    monkeypatch.setattr(upload_service, "MAX_UPLOAD_FILES", 2)
    files = [
        upload("big.html", ASTANA.read_bytes()),
        upload("small.txt", b"Talks in Astana\n\nMinisters met.\n"),
        upload("third.txt", b"Third\n\nText.\n"),
    ]
    rows = result_rows(submit(editor_client, {"files": files}))
    assert ("big.html", "rejected", "larger than the 100-byte limit") in rows
    assert ("third.txt", "rejected", "more than 2 files at once") in rows
    assert ("small.txt", "created", "") in rows
    assert list(Article.objects.values_list("seed_file", flat=True)) == ["small.txt"]


def test_a_request_over_the_total_limit_is_refused_unread(editor_client, monkeypatch):
    from articles.views import captures

    monkeypatch.setattr(captures, "MAX_UPLOAD_BYTES", 1000)
    response = editor_client.post(URL, {"files": upload("a.html", ASTANA.read_bytes())})
    assert response.status_code == 413
    assert "larger than the 1,000-byte limit" in response.content.decode()
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\evil.html", "evil.html"),
        (".hidden.htm", "hidden.htm"),
        ("<script>alert(1)</script>.html", "script.html"),
        ("Report (final).WARC.GZ", "Report_final.warc.gz"),
        ("..txt", "document.txt"),
    ],
)
def test_hostile_file_names_become_safe_base_names(name, safe):
    assert safe_upload_name(name) == safe


def test_hostile_names_are_shown_escaped_and_stored_safely(editor_client):
    name = "<img src=x onerror=alert(1)>.txt"
    response = submit(
        editor_client, {"files": [upload(name, b"Talks in Astana\n\nMinisters met in Astana.\n")]}
    )
    html = response.content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;.txt" in html
    assert Article.objects.get().seed_file == "img_srcx_onerroralert1.txt"


def test_two_uploads_with_one_name_are_both_kept(editor_client):
    files = [
        upload("page.txt", b"First talks\n\nMinisters met in Astana.\n"),
        upload("page.txt", b"Second talks\n\nMinisters met in Tashkent.\n"),
    ]
    rows = result_rows(submit(editor_client, {"files": files}))
    assert [r[1] for r in rows] == ["created", "created"]
    assert sorted(Article.objects.values_list("seed_file", flat=True)) == [
        "page-2.txt",
        "page.txt",
    ]


def test_a_truncated_warc_upload_names_the_damaged_record(editor_client):
    data = visits_warc()
    rows = result_rows(submit(editor_client, {"files": [upload("cut.warc.gz", data[:-400])]}))
    assert rows[0][:2] == ("cut.warc.gz", "created")
    assert rows[1][1] == "rejected" and "record 3 (" in rows[1][2] and "truncated" in rows[1][2]
    assert Article.objects.count() == 1


def test_the_upload_file_object_is_streamed_to_disk(editor_client):
    stream = io.BytesIO(TASHKENT.read_bytes())
    stream.name = "tashkent.html"
    rows = result_rows(submit(editor_client, {"files": stream}))
    assert rows == [("tashkent.html", "created", "")]
