from django.apps import AppConfig
from django.db.backends.signals import connection_created


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every database connection, as it opens, watches its own writes so that the archive's
        # data version is bumped whichever code makes them (articles/services/versions.py).
        connection_created.connect(_watch_writes, dispatch_uid="articles.watch_writes")


def _watch_writes(sender, connection, **kwargs):
    from articles.services.versions import archive_watch  # noqa: PLC0415 - models not ready earlier

    archive_watch(connection)
