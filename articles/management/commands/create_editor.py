"""Create an editor account, or bring an existing account up to one.

Why this exists: an editor needs three things set together (``is_staff`` for
the admin, membership of the Editors group for the permissions, and a password
that passes the project's validators). Doing that by hand in the admin or a
shell is easy to get half right; this command does it in one step, and takes
the password from ``EDITOR_PASSWORD`` so deployments can script it.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

EDITORS_GROUP = "Editors"
PASSWORD_ENV = "EDITOR_PASSWORD"  # noqa: S105 - the variable's name, not a password


class Command(BaseCommand):
    help = (
        "Create an editor (a staff user in the Editors group), or update the user if it exists. "
        f"The password is asked for twice, or read from the {PASSWORD_ENV} environment variable."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The editor's login name.")
        parser.add_argument("--email", default="", help="The editor's e-mail address.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the username, e-mail and password, and report; change nothing.",
        )

    def handle(self, *args, username: str, email: str, dry_run: bool, **options):
        User = get_user_model()
        username = self._clean_username(User, username)
        email = self._clean_email(email)
        try:
            group = Group.objects.get(name=EDITORS_GROUP)
        except Group.DoesNotExist:
            raise CommandError(
                f"The {EDITORS_GROUP} group does not exist: run “python manage.py migrate”."
            ) from None

        user = User.objects.filter(username=username).first()
        exists = user is not None
        if user is None:
            user = User(username=username)
        if email:
            user.email = email
        password = self._password()
        try:
            validate_password(password, user=user)
        except ValidationError as error:
            raise CommandError("Password rejected: " + " ".join(error.messages)) from None

        verb = "Updated" if exists else "Created"
        if dry_run:
            self.stdout.write(f"Dry run: would have {verb.lower()} editor “{username}”.")
            return
        with transaction.atomic():
            user.is_staff = True
            user.is_active = True
            user.set_password(password)
            user.save()
            user.groups.add(group)
        if exists:
            message = f"Updated editor “{username}”: staff, in {EDITORS_GROUP}, password changed."
        else:
            message = f"Created editor “{username}” (staff, in {EDITORS_GROUP})."
        self.stdout.write(self.style.SUCCESS(message))

    def _clean_username(self, User, username: str) -> str:
        username = username.strip()
        if not username:
            raise CommandError("The username is empty.")
        field = User._meta.get_field(User.USERNAME_FIELD)
        try:
            field.run_validators(username)
        except ValidationError as error:
            reason = " ".join(error.messages)
            raise CommandError(f"Invalid username “{username}”: {reason}") from None
        return username

    def _clean_email(self, email: str) -> str:
        email = email.strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(f"Invalid e-mail address “{email}”.") from None
        return email

    def _password(self) -> str:
        if PASSWORD_ENV in os.environ:
            password = os.environ[PASSWORD_ENV]
            if not password:
                raise CommandError(f"{PASSWORD_ENV} is set but empty.")
            return password
        try:
            password = getpass.getpass("Password: ")
            again = getpass.getpass("Password (again): ")
        except (EOFError, KeyboardInterrupt):
            raise CommandError(
                f"No password given: set {PASSWORD_ENV} or run the command in a terminal."
            ) from None
        if not password:
            raise CommandError("The password is empty.")
        if password != again:
            raise CommandError("The passwords do not match.")
        return password
