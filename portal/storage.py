"""The media folder on the machine's disk (the compose `media` volume).

Django's FileSystemStorage leaves the written part of a file behind when the disk fills up in
the middle of it; that half photo would then be served. Here a failed write removes what it
wrote, and a full disk is told apart (StorageFull), so that the upload views can say so in
words instead of answering 500.
"""

import errno
import os

from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri

FULL = {errno.ENOSPC, errno.EDQUOT}


class StorageFull(OSError):
    """No room left in the media storage; nothing of the file was kept."""


class MediaStorage(FileSystemStorage):
    def _save(self, name, content):
        path = self.path(name)
        ours = not os.path.lexists(path)  # never remove a file that was there before
        try:
            return super()._save(name, content)
        except OSError as error:
            if ours and os.path.lexists(path):
                os.remove(path)
            if error.errno in FULL:
                raise StorageFull(error.errno, error.strerror, path) from error
            raise

    def url(self, name):
        # A page names some thirty copies of photos (srcsets). Django joins each with urllib's
        # urljoin, a fifth of the article page's URL work; below a base URL ending in "/" a
        # stored name (generated, never "..") is simply appended, as urljoin would.
        base = self.base_url
        if base is None or not base.endswith("/"):
            return super().url(name)
        return base + filepath_to_uri(name).lstrip("/")
