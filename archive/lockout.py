"""Login lockout rules on top of django-axes (see docs/deploy.md).

django-axes locks a username from one address after ``AXES_FAILURE_LIMIT``
failures. Two additions:

- a cap per address across all usernames (``AXES_IP_FAILURE_LIMIT``), so one
  client cannot try a few passwords for every editor without being stopped;
- usernames are clipped to the 255 characters axes can store, so an absurdly
  long or NUL-carrying username is recorded as a failure instead of crashing
  the database write.
"""

from axes.attempts import get_cool_off_threshold
from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.db.models import Sum

# AccessAttempt.username and AccessFailureLog.username are CharField(max_length=255).
AXES_USERNAME_MAX_LENGTH = 255


def lockout_username(request, credentials: dict | None = None) -> str | None:
    """The username axes records: the submitted one, NUL-free and at most 255 characters."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    if not isinstance(username, str):
        return username
    return username.replace("\x00", "")[:AXES_USERNAME_MAX_LENGTH]


class ArchiveLockoutHandler(AxesDatabaseHandler):
    """The database handler, plus a lockout once one address has failed too often."""

    def address_failures(self, request) -> int:
        """Failed logins from the request's address within the cool-off, for any username."""
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if get_cool_off(request) is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0

    def get_failures(self, request, credentials: dict | None = None) -> int:
        # axes compares this one number with AXES_FAILURE_LIMIT, both before a login
        # (is_locked) and after a failure (user_login_failed). Reporting an address
        # over its own cap as "at the limit" makes both paths lock it out.
        failures = super().get_failures(request, credentials)
        if self.address_failures(request) >= settings.AXES_IP_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures
