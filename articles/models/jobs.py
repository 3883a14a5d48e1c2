"""Background jobs: what an editor asked the workers to do, and how far they have got."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Job(models.Model):
    """One load, re-link or re-cluster run, written by the task that runs it.

    The task framework's own result row says whether the task ran; this row is the
    archive's account of it for editors: who asked, how many steps of how many are
    done, what became of each file, and a closing summary (or the error).
    """

    class Kind(models.TextChoices):
        LOAD = "load", "Load uploaded coverage"
        RELINK = "relink", "Re-link articles"
        RECLUSTER = "recluster", "Rebuild quote clusters"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Finished"
        FAILED = "failed", "Failed"

    FINISHED = (Status.SUCCEEDED, Status.FAILED)

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="archive_jobs",
    )
    collection = models.CharField(
        max_length=200, blank=True, help_text="The collection (slug) coverage is loaded into."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True, help_text="What the job is doing now.")
    summary = models.TextField(blank=True, help_text="What the job did, or why it failed.")
    task_id = models.CharField(max_length=64, blank=True)
    upload_folder = models.CharField(
        max_length=200, blank=True, help_text="Where the uploaded files wait (media storage)."
    )
    upload_names = models.JSONField(
        default=dict, blank=True, help_text="Each stored file's name as the editor gave it."
    )
    article_ids = models.JSONField(
        null=True, blank=True, help_text="The articles to re-link (none: every article)."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status"], name="job_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["load", "relink", "recluster"]),
                name="job_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "succeeded", "failed"]),
                name="job_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("articles:job-detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def percent(self) -> int:
        if self.status == self.Status.SUCCEEDED:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0


class JobFileResult(models.Model):
    """What became of one uploaded file (or one page of an uploaded WARC)."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=300, help_text="The file's name as the editor gave it.")
    status = models.CharField(max_length=20)  # an articles.services.loading.Status value
    slug = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    record = models.CharField(max_length=300, blank=True)
    warnings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="job_file_result_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.status}"
