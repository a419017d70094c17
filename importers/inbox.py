"""The watched inbox folder (settings.IMPORT_INBOX_DIR): drop a 公文 in, it gets imported.

    scan_inbox(inbox_dir=None, *, min_age=5.0) -> [InboxOutcome]

Every regular file directly in the folder (hidden files, Office lock files ``~$…`` and partial
downloads are left alone, and so are ``done/`` and ``failed/``) goes through
``import_file(source="inbox")``. Anything that is not .docx/.pdf/.txt fails with a clear message.

* success → the file moves to ``done/``;
* failure → the file moves to ``failed/`` and ``failed/<name>.error.txt`` explains why, in Chinese.
  The ImportedDocument (status ``failed``) keeps the archived original as well.

Nothing is ever deleted; a name already taken in done/ or failed/ gets a timestamp suffix.
A file younger than ``min_age`` seconds is skipped until the next scan (it may still be being
copied in). Two scans never run at once on the same folder (an ``flock`` on ``.scan.lock``).
"""
from __future__ import annotations

import fcntl
import logging
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from importers.filenames import shorten
from importers.services import import_file

log = logging.getLogger("gongkai.importers.inbox")

DONE, FAILED = "done", "failed"
LOCK_NAME = ".scan.lock"
PARTIAL_SUFFIXES = {".part", ".partial", ".crdownload", ".tmp", ".download"}


@dataclass
class InboxOutcome:
    path: Path  # where the file was found
    moved_to: Path | None = None  # where it is now (None: left in place)
    error: str | None = None  # Chinese; None on success
    result: object = None  # the ImportResult
    error_file: Path | None = None

    @property
    def ok(self):
        return self.error is None

    @property
    def document(self):
        return getattr(self.result, "document", None)


def _free_name(folder: Path, name: str) -> Path:
    name = shorten(name, reserve=len("-20240101-120000-999.error.txt"))  # room for the suffixes below
    target = folder / name
    if not target.exists() and not (folder / f"{name}.error.txt").exists():
        return target
    stem, suffix = Path(name).stem, Path(name).suffix
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    n = 0
    while True:
        candidate = folder / (f"{stem}-{stamp}{suffix}" if n == 0 else f"{stem}-{stamp}-{n}{suffix}")
        if not candidate.exists() and not (folder / f"{candidate.name}.error.txt").exists():
            return candidate
        n += 1


def _move(path: Path, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    target = _free_name(folder, path.name)
    shutil.move(str(path), str(target))
    return target


def _error_text(original: Path, stored: Path, error: str, document) -> str:
    lines = [
        "公文导入失败",
        "",
        f"文件：{original.name}",
        f"时间：{timezone.localtime().strftime('%Y-%m-%d %H:%M:%S')}",
        f"原因：{error}",
        "",
        f"文件已移至：{stored}",
    ]
    if document is not None and getattr(document, "pk", None):
        lines.append(f"系统中的导入记录编号：{document.pk}（状态：导入失败，原始文件已存档）")
    lines += ["", "处理办法：请修正文件后重新放入收件目录，或在后台“导入的公文”中查看详情。", ""]
    return "\n".join(lines)


@contextmanager
def _scan_lock(folder: Path):
    with open(folder / LOCK_NAME, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _candidates(folder: Path, min_age: float):
    now = time.time()
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith((".", "~$")) or path.suffix.lower() in PARTIAL_SUFFIXES:
            continue
        if path.is_symlink() or not path.is_file():
            continue  # done/, failed/ and any other folder; symlinks could point anywhere
        if min_age and now - path.stat().st_mtime < min_age:
            continue
        yield path


def scan_inbox(inbox_dir=None, *, min_age=5.0, user=None):
    """Import every file waiting in the inbox. Returns one :class:`InboxOutcome` per file handled."""

    inbox_dir = inbox_dir or getattr(settings, "IMPORT_INBOX_DIR", None)
    if not inbox_dir:
        raise ValueError("未配置收件目录（IMPORT_INBOX_DIR）")
    folder = Path(inbox_dir)
    if not folder.is_dir():
        raise FileNotFoundError(f"收件目录不存在：{folder}")

    outcomes = []
    with _scan_lock(folder) as got_it:
        if not got_it:
            log.info("inbox scan of %s skipped: another scan is running", folder)
            return outcomes
        for path in _candidates(folder, min_age):
            outcome = InboxOutcome(path=path)
            outcomes.append(outcome)
            try:
                result = import_file(path, source="inbox", user=user)
            except Exception as exc:  # noqa: BLE001 — e.g. the database is down: leave the file for the next scan
                log.exception("inbox import of %s failed unexpectedly", path)
                outcome.error = f"导入时发生系统错误（{type(exc).__name__}），文件保留在收件目录，下次扫描时重试"
                continue
            outcome.result = result
            try:
                if result.error:
                    outcome.error = result.error
                    outcome.moved_to = _move(path, folder / FAILED)
                    outcome.error_file = outcome.moved_to.with_name(outcome.moved_to.name + ".error.txt")
                    outcome.error_file.write_text(
                        _error_text(path, outcome.moved_to, result.error, result.document), encoding="utf-8"
                    )
                else:
                    outcome.moved_to = _move(path, folder / DONE)
            except OSError as exc:
                # The document is stored; the file could not be moved (permissions?). Say so, delete nothing.
                log.exception("could not move %s out of the inbox", path)
                outcome.error = outcome.error or f"文件已导入，但无法移出收件目录：{exc}"
    return outcomes
