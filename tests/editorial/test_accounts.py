"""Editor accounts: sign-in lockout, the create_editor command, the Editors group."""

import datetime as dt
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import AnonymousUser, Group, User
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tests.editorial import PASSWORD

# --- Lockout (django-axes): 5 failures per username and IP address lock for 1 hour ----


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_five_failed_logins_lock_that_username_from_that_address(client, editor):
    for _ in range(4):
        response = _login(client, "editor", "wrong")
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.content.decode()

    fifth = _login(client, "editor", "wrong")
    assert fifth.status_code == 429
    assert "Signing in is locked" in fifth.content.decode()

    # Even the right password is refused while locked.
    assert _login(client, "editor", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client, editor):
    User.objects.create_user("colleague", password=PASSWORD)
    for _ in range(5):
        _login(client, "editor", "wrong")

    assert _login(client, "colleague", PASSWORD).status_code == 302  # other user, same address
    client.logout()
    assert _login(client, "editor", PASSWORD, ip="10.0.0.2").status_code == 302  # other address


def test_lockout_lifts_after_an_hour(client, editor):
    for _ in range(5):
        _login(client, "editor", "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=61))

    assert _login(client, "editor", PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(client, editor):
    for _ in range(4):
        _login(client, "editor", "wrong")
    assert _login(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _login(client, "editor", "wrong").status_code == 200


def test_login_and_logout_pages(client, editor, rf):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert "Sign in" in page.content.decode()

    assert _login(client, "editor", PASSWORD).status_code == 302
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:home")  # LOGOUT_REDIRECT_URL
    assert "_auth_user_id" not in client.session

    request = rf.get("/")
    request.user = AnonymousUser()
    assert "You have signed out." in render_to_string(
        "registration/logged_out.html", request=request
    )


# --- create_editor --------------------------------------------------------------------


def _run(*args, **kwargs) -> str:
    out = StringIO()
    call_command("create_editor", *args, stdout=out, **kwargs)
    return out.getvalue()


def test_create_editor_takes_the_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)

    output = _run("maria", "--email", "maria@example.org")

    assert output.strip() == "Created editor “maria” (staff, in Editors)."
    user = User.objects.get(username="maria")
    assert user.is_staff and not user.is_superuser
    assert user.email == "maria@example.org"
    assert user.check_password(PASSWORD)
    assert user.has_perm("articles.add_articletag")
    assert not user.has_perm("articles.delete_article")


def test_create_editor_prompts_twice(db, monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    prompts = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or PASSWORD)

    _run("maria")

    assert prompts == ["Password: ", "Password (again): "]
    assert User.objects.get(username="maria").check_password(PASSWORD)


def test_create_editor_updates_an_existing_user(db, monkeypatch):
    User.objects.create_user("maria", password="old-password-here", is_staff=False)
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)

    output = _run("maria")

    assert output.strip() == "Updated editor “maria”: staff, in Editors, password changed."
    user = User.objects.get(username="maria")
    assert user.is_staff and user.check_password(PASSWORD)
    assert user.groups.filter(name="Editors").exists()


def test_create_editor_dry_run_changes_nothing(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    assert _run("maria", "--dry-run").strip() == "Dry run: would have created editor “maria”."
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("username", "env", "answers", "message"),
    [
        ("maria", "", None, "EDITOR_PASSWORD is set but empty."),
        ("maria", None, ["", ""], "The password is empty."),
        ("maria", None, [PASSWORD, PASSWORD + "x"], "The passwords do not match."),
        (
            "maria",
            "12345678",
            None,
            "Password rejected: This password is too common. This password is entirely numeric.",
        ),
        (
            "maria",
            "short",
            None,
            "Password rejected: This password is too short. It must contain at least 8 characters.",
        ),
        (
            "no spaces!",
            PASSWORD,
            None,
            "Invalid username “no spaces!”: Enter a valid username. "
            "This value may contain only letters, numbers, and @/./+/-/_ characters.",
        ),
        ("   ", PASSWORD, None, "The username is empty."),
    ],
)
def test_create_editor_errors(db, monkeypatch, username, env, answers, message):
    if env is None:
        monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
        replies = iter(answers)
        monkeypatch.setattr("getpass.getpass", lambda prompt: next(replies))
    else:
        monkeypatch.setenv("EDITOR_PASSWORD", env)

    with pytest.raises(CommandError) as error:
        _run(username)

    assert str(error.value) == message
    assert not User.objects.exists()


def test_create_editor_without_a_terminal_says_what_to_do(db, monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)

    def no_terminal(prompt):
        raise EOFError

    monkeypatch.setattr("getpass.getpass", no_terminal)
    with pytest.raises(CommandError, match="set EDITOR_PASSWORD or run the command in a terminal"):
        _run("maria")


def test_create_editor_refuses_a_bad_email(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    with pytest.raises(CommandError) as error:
        _run("maria", "--email", "not-an-address")
    assert str(error.value) == "Invalid e-mail address “not-an-address”."


# --- The Editors group ----------------------------------------------------------------


def test_editors_group_has_exactly_the_editorialpermissions(db):
    codenames = set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )
    views = {
        f"view_{m}"
        for m in [
            "archiveversion",
            "article",
            "articlederivedstate",
            "articleentity",
            "articleslugalias",
            "articletag",
            "collection",
            "collectionsourcecount",
            "capture",
            "country",
            "countryname",
            "editoriallink",
            "fact",
            "itinerarystop",
            "job",
            "jobfileresult",
            "mention",
            "person",
            "personcandidate",
            "personname",
            "personrole",
            "quote",
            "quotecluster",
            "quoteclusteralias",
            "quoteclusterword",
            "quoteword",
            "source",
            "sourcealias",
            "tag",
            "logentry",
        ]
    }
    changes = {
        f"{verb}_{model}"
        for model in (
            "articletag",
            "tag",
            "editoriallink",
            "personname",
            "countryname",
            "sourcealias",
            "personrole",
        )
        for verb in ("add", "change", "delete")
    } | {
        "change_article",
        "add_source",
        "change_source",
        "add_person",
        "change_person",
        "change_personcandidate",
    }
    assert codenames == views | changes
