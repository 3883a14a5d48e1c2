"""Editorial work: tags, links, candidates, the audit trail and editor accounts."""

from django.contrib.auth.models import Permission

PASSWORD = "a-long-editor-passphrase"


def permissions(*codenames):
    return Permission.objects.filter(codename__in=codenames)
