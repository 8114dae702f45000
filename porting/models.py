from django.conf import settings
from django.db import models


# The import task's hard time limit (porting/tasks.py): a job still `running` well past
# it has lost its worker (killed, restarted) and is failed by fail_stalled_imports.
IMPORT_TIME_LIMIT_SECONDS = 1900
IMPORT_STALLED_AFTER_SECONDS = IMPORT_TIME_LIMIT_SECONDS + 300


class Import(models.Model):
    """One uploaded file and how its import went (docs/api.md §16)."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, "queued"), (RUNNING, "running"), (DONE, "done"), (FAILED, "failed")]
    WXR, ZIP = "wxr", "zip"
    KINDS = [(WXR, "WordPress WXR"), (ZIP, "zip of Markdown files")]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="imports")
    kind = models.CharField(max_length=10, choices=KINDS)
    file_name = models.CharField(max_length=200, blank=True, default="")
    # Where the upload waits for the worker (default_storage); emptied once read.
    stored_file = models.CharField(max_length=200, blank=True, default="")
    category = models.CharField(max_length=10, default="tec")
    status = models.CharField(max_length=10, choices=STATUSES, default=QUEUED)
    total = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    skipped_kinds = models.JSONField(default=dict)
    warnings = models.JSONField(default=list)
    error = models.CharField(max_length=500, blank=True, default="")
    created_time = models.DateTimeField(auto_now_add=True)
    started_time = models.DateTimeField(null=True, blank=True)  # when a worker took it
    finished_time = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "porting_import"


class ImportedItem(models.Model):
    """An article that came from an import: the same source item is never imported twice
    into the same account (`source_key` is a digest of the WXR guid or the zip path)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="imported_items")
    source_key = models.CharField(max_length=64)
    source = models.CharField(max_length=500)
    topic = models.ForeignKey("topic.Topic", null=True, on_delete=models.SET_NULL,
                              related_name="+")
    created_time = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "porting_imported_item"
        constraints = [models.UniqueConstraint(fields=["user", "source_key"],
                                               name="imported_item_once")]


class AppPassword(models.Model):
    """A password for one desktop editor (MetaWeblog): shown once, stored hashed. The first
    characters (`prefix`) are kept in clear to find the row without trying every hash."""

    PREFIX_LENGTH = 8

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="app_passwords")
    name = models.CharField(max_length=50)
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True)
    password = models.CharField(max_length=200)
    created_time = models.DateTimeField(auto_now_add=True)
    last_used_time = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "porting_app_password"
