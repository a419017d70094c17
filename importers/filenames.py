"""File names that fit: a file system allows 255 bytes per name (a Chinese character takes 3 of them in UTF-8),
a database column a number of characters. Names are cut in the stem, so the extension (which decides how the
file is read) survives.

    shorten(name, max_bytes=255, reserve=0)   at most max_bytes - reserve bytes of UTF-8
    fit_chars(name, max_length)               at most max_length characters, for a CharField
    safe_name(name)                           a bare file name without folders, control or shell characters
"""
import os
import re

MAX_NAME_BYTES = 255
UNSAFE = re.compile(r"(?u)[^-\w.]")  # what Django's storages keep (get_valid_filename)


def _split(name, limit, size):
    stem, ext = os.path.splitext(name)
    if size(ext) > limit // 2:  # a "suffix" that long is part of the name, not an extension
        stem, ext = name, ""
    return stem, ext


def shorten(name, max_bytes=MAX_NAME_BYTES, reserve=0):
    """``name`` cut to at most ``max_bytes - reserve`` bytes of UTF-8, whole characters only, extension kept."""
    limit = max_bytes - reserve
    if len(name.encode("utf-8")) <= limit:
        return name
    stem, ext = _split(name, limit, lambda s: len(s.encode("utf-8")))
    budget = limit - len(ext.encode("utf-8"))
    return stem.encode("utf-8")[:budget].decode("utf-8", "ignore") + ext


def fit_chars(name, max_length):
    """``name`` cut to at most ``max_length`` characters, extension kept."""
    if len(name) <= max_length:
        return name
    stem, ext = _split(name, max_length, len)
    return stem[: max_length - len(ext)] + ext


def safe_name(name):
    """The last path component of ``name`` with spaces as underscores and anything unusual dropped; never empty
    and never hidden (a leading dot), so it can be created in any folder."""
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1].strip().replace(" ", "_")
    cleaned = UNSAFE.sub("", base)
    return "file" + cleaned if not cleaned or cleaned.startswith(".") else cleaned
