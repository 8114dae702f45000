"""Where the pages go: a Django storage named by settings.PAGES_STORAGE.

The embedded default is a folder (settings.PAGES_ROOT) that deploy/spa_server.py and
nginx serve; production may name any storage backend (e.g. an S3-compatible one) whose
bucket the static host serves. A page is replaced whole: readers never see half a file.
"""
import os
import tempfile

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PageStorage(FileSystemStorage):
    """A folder whose files are overwritten in place, atomically (write a temporary
    file next to the target, then rename it over the target)."""

    def __init__(self, location=None, **kwargs):
        kwargs.setdefault("file_permissions_mode", 0o644)
        kwargs.setdefault("directory_permissions_mode", 0o755)
        super().__init__(location=location or settings.PAGES_ROOT, **kwargs)

    def get_available_name(self, name, max_length=None):
        return name  # the same page keeps its name

    def _save(self, name, content):
        path = self.path(name)
        directory = os.path.dirname(path)
        os.makedirs(directory, mode=self.directory_permissions_mode, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8"))
            os.chmod(temporary, self.file_permissions_mode)
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
        return name


def page_storage():
    """The storage of settings.PAGES_STORAGE, made anew (cheap) so settings may change."""
    return storages.create_storage(dict(settings.PAGES_STORAGE))
