"""Where archived originals live: private storage outside MEDIA_ROOT, under names nobody can guess.

An original may be secret (a blocked document) and is never public: the web server and `static(MEDIA_URL)` serve
MEDIA_ROOT only, and these files are handed out by importers.originals to officers, one logged access at a time.
A public copy of an attachment is made only by publishing, after the gate lets its page go live.

    private_storage()               the FileFields' storage callable (STORAGES["private"])
    archive_path(instance, name)    imports/YYYY/MM/<random>/<safe, shortened name>
"""
import os
import secrets

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage, storages
from django.utils import timezone
from django.utils.functional import cached_property

from importers.filenames import safe_name, shorten

STORED_NAME_BYTES = 150  # the random folder makes the name unique; the rest is for people browsing the disk


class PrivateStorage(FileSystemStorage):
    """A FileSystemStorage rooted at settings.PRIVATE_MEDIA_ROOT that has no URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("原始文件不公开，没有网址：请通过后台“查看原始文件”下载")


def private_storage():
    return storages["private"]


def archive_path(instance, filename):
    stored = shorten(safe_name(filename), STORED_NAME_BYTES)
    return f"imports/{timezone.localdate():%Y/%m}/{secrets.token_hex(16)}/{stored}"


@checks.register(checks.Tags.security)
def private_root_is_not_public(app_configs=None, **kwargs):
    private = os.path.abspath(settings.PRIVATE_MEDIA_ROOT)
    public = os.path.abspath(settings.MEDIA_ROOT)
    if os.path.commonpath([private, public]) in (private, public):
        return [checks.Error("PRIVATE_MEDIA_ROOT 与 MEDIA_ROOT 不能相互包含：原始文件会被当作公开文件访问",
                             hint="把 PRIVATE_MEDIA_ROOT 设到 MEDIA_ROOT 之外", id="importers.E001")]
    return []
