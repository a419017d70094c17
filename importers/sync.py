"""Pull approved documents from the OA system (design §2.6, exchange protocol v1).

    pull_documents(base_url=None, *, max_pages=None) -> PullReport

Rules:

* Idempotent on ``(id, version)``: an item already stored is skipped before anything is downloaded.
* Never half-imports a document. Every file of an item is downloaded to a temporary folder and its
  SHA-256 verified *before* anything is stored; one bad file (wrong hash, 4xx, too large) rejects the
  whole document — nothing is stored, the report says why, and a later pull tries again.
* The cursor (``SyncCursor``) is saved after each fully processed page, in the same transaction as that
  page's documents. It never moves past a page that contained a rejected document, so the rejected
  document is fetched again on the next pull (items before it are skipped as already stored).
* The main file goes through ``import_file(source="oa", oa_meta=item, extra_files=[...])``; attachment
  and ``interpretation`` files are kept as ``ImportedFile`` rows with their role. A document whose OA
  disclosure is not 主动公开 is stored like any other; its checks block publication.
* When the source cannot be reached (after the client's retries) ``OASourceError`` is raised; pages
  already committed stay committed, the page being processed stores nothing. The partial report is
  attached to the exception as ``exc.report``.
"""
from __future__ import annotations

import logging
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from importers.filenames import fit_chars, safe_name, shorten
from importers.models import ImportedDocument, SyncCursor
from importers.oa_client import DEFAULT_ATTEMPTS, DEFAULT_BACKOFF, DEFAULT_TIMEOUT, FileTooLarge, OAClient, OASourceError
from importers.services import import_file

log = logging.getLogger("gongkai.importers.oa")

ROLES = {"main", "attachment", "interpretation"}
DISCLOSURES = {"主动公开", "依申请公开", "不予公开"}
HARD_PAGE_LIMIT = 10_000
_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")


@dataclass
class PullReport:
    source_url: str = ""
    pages: int = 0
    fetched: int = 0
    imported: int = 0
    skipped_existing: int = 0
    skipped_not_approved: int = 0
    rejected: list = field(default_factory=list)  # [{"id", "version", "title", "reason"}]
    failed: list = field(default_factory=list)  # stored, but the main file could not be read: [{"id","version","error"}]
    documents: list = field(default_factory=list)  # pks of ImportedDocuments created by this pull
    cursor: str = ""  # the cursor saved at the end
    cursor_held: bool = False  # True when a rejected document kept the cursor from advancing

    def as_dict(self):
        return {
            "source_url": self.source_url, "pages": self.pages, "fetched": self.fetched, "imported": self.imported,
            "skipped_existing": self.skipped_existing, "skipped_not_approved": self.skipped_not_approved,
            "rejected": self.rejected, "failed": self.failed, "documents": self.documents,
            "cursor": self.cursor, "cursor_held": self.cursor_held,
        }

    def summary(self):
        """A short Chinese summary for logs and the management command."""
        lines = [
            f"办文平台同步：{self.source_url}",
            f"  读取 {self.pages} 页，收到 {self.fetched} 份；新导入 {self.imported} 份，"
            f"已存在跳过 {self.skipped_existing} 份，非已批准跳过 {self.skipped_not_approved} 份，拒收 {len(self.rejected)} 份",
        ]
        for f in self.failed:
            lines.append(f"  ! {f['id']} 第{f['version']}版已保存但正文无法解析：{f['error']}")
        for r in self.rejected:
            title = f"《{r['title']}》" if r.get("title") else ""
            lines.append(f"  ✗ 拒收 {r['id']} 第{r['version']}版{title}：{r['reason']}")
        lines.append(f"  同步游标：{self.cursor or '（起点）'}" + ("（因有拒收文件，游标未前移，下次同步将重试）" if self.cursor_held else ""))
        return "\n".join(lines)


class _Rejected(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _clean_item(item):
    """Validate one protocol item; returns (oa_meta, files) or raises _Rejected with a Chinese reason."""
    if not isinstance(item, dict):
        raise _Rejected("条目格式不正确（不是 JSON 对象）")
    ext_id = item.get("id")
    if isinstance(ext_id, int) and not isinstance(ext_id, bool):
        ext_id = str(ext_id)
    if not isinstance(ext_id, str) or not ext_id.strip() or len(ext_id.strip()) > 100:
        raise _Rejected("缺少有效的文件编号（id）")
    version = item.get("version", 1)
    if isinstance(version, str) and version.isdigit():
        version = int(version)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Rejected(f"版本号（version）无效：{item.get('version')!r}")
    meta = {"id": ext_id.strip(), "version": version}
    for key in ("title", "doc_number"):
        if isinstance(item.get(key), str) and item[key].strip():
            meta[key] = item[key].strip()
    issuers = item.get("issuers")
    if isinstance(issuers, list) and all(isinstance(i, str) for i in issuers):
        meta["issuers"] = [i.strip() for i in issuers if i.strip()]
    formed_on = item.get("formed_on")
    if formed_on:
        try:
            meta["formed_on"] = date.fromisoformat(str(formed_on)).isoformat()
        except ValueError:
            raise _Rejected(f"成文日期（formed_on）格式不正确：{formed_on!r}，应为 YYYY-MM-DD") from None
    disclosure = item.get("disclosure")
    if disclosure:
        if disclosure not in DISCLOSURES:
            raise _Rejected(f"公开属性（disclosure）无法识别：{disclosure!r}")
        meta["disclosure"] = disclosure
    approved_at = item.get("approved_at")
    if approved_at:
        try:
            datetime.fromisoformat(str(approved_at).replace("Z", "+00:00"))
        except ValueError:
            raise _Rejected(f"批准时间（approved_at）格式不正确：{approved_at!r}") from None
        meta["approved_at"] = str(approved_at)

    files = item.get("files")
    if not isinstance(files, list) or not files:
        raise _Rejected("没有附带任何文件")
    cleaned, names = [], set()
    for n, f in enumerate(files, 1):
        if not isinstance(f, dict) or not f.get("url"):
            raise _Rejected(f"第 {n} 个文件缺少下载地址（url）")
        role = f.get("role") or "attachment"
        if role not in ROLES:
            raise _Rejected(f"第 {n} 个文件的角色（role）无法识别：{role!r}")
        sha = f.get("sha256")
        if not isinstance(sha, str) or not _HEX64.match(sha):
            raise _Rejected(f"第 {n} 个文件缺少有效的 SHA-256 校验值")
        name = fit_chars(Path(str(f.get("name") or "").replace("\\", "/")).name.strip() or f"file{n}", 255)
        if name in names:  # two files with the same name would overwrite each other in the temp folder
            name = f"{n}-{name}"
        names.add(name)
        cleaned.append({"name": name, "url": f["url"], "sha256": sha.lower(), "role": role})
    mains = [f for f in cleaned if f["role"] == "main"]
    if len(mains) != 1:
        raise _Rejected("缺少正文文件（role 为 main）" if not mains else f"有 {len(mains)} 个正文文件（role 为 main），应只有一个")
    return meta, cleaned


def _download_all(client, files, workdir, max_bytes):
    """Download and verify every file; returns the list with local paths. Raises _Rejected or OASourceError."""
    out = []
    for n, f in enumerate(files):
        folder = Path(workdir) / str(n)
        folder.mkdir()
        dest = folder / shorten(safe_name(f["name"]))  # the OA's name may be longer than the file system allows
        try:
            digest, _size = client.download(f["url"], dest, max_bytes=max_bytes)
        except FileTooLarge as exc:
            raise _Rejected(f"文件“{f['name']}”{exc.message}") from None
        except OASourceError as exc:
            if exc.retryable:
                raise  # the source is down: abort the pull, nothing of this page is stored
            raise _Rejected(f"文件“{f['name']}”下载失败：{exc.message}") from None
        if digest != f["sha256"]:
            raise _Rejected(
                f"文件“{f['name']}”的 SHA-256 校验值不符（应为 {f['sha256'][:12]}…，实际为 {digest[:12]}…），"
                "整份公文未导入，下次同步时将重试"
            )
        out.append({**f, "path": str(dest)})
    return out


def pull_documents(base_url=None, *, max_pages=None, client=None):
    """Pull approved documents from ``base_url`` (default: settings.IMPORT_SOURCE_URL). See module docstring."""
    base_url = base_url or getattr(settings, "IMPORT_SOURCE_URL", None)
    if not base_url:
        raise OASourceError("未配置办文平台地址（IMPORT_SOURCE_URL），无法同步", retryable=False)
    client = client or OAClient(
        base_url,
        timeout=getattr(settings, "IMPORT_SOURCE_TIMEOUT", DEFAULT_TIMEOUT),
        attempts=getattr(settings, "IMPORT_SOURCE_RETRY_ATTEMPTS", DEFAULT_ATTEMPTS),
        backoff=getattr(settings, "IMPORT_SOURCE_RETRY_BACKOFF", DEFAULT_BACKOFF),
    )
    key = client.base_url
    report = PullReport(source_url=key)
    max_bytes = getattr(settings, "IMPORT_MAX_FILE_BYTES", None)

    # created with the first committed page, so a source that is never reached leaves no row behind
    row = SyncCursor.objects.filter(source_url=key).first() or SyncCursor(source_url=key)
    since = row.cursor or None
    report.cursor = row.cursor
    seen_cursors = {since}
    seen_docs = set()
    limit = min(max_pages or HARD_PAGE_LIMIT, HARD_PAGE_LIMIT)

    try:
        while report.pages < limit:
            page = client.list_documents(since=since)
            report.pages += 1
            next_cursor = page["next_cursor"]
            prepared, page_rejected = [], False
            workdirs = []
            try:
                for item in page["items"]:
                    report.fetched += 1
                    raw_id = item.get("id") if isinstance(item, dict) else None
                    raw_version = item.get("version", 1) if isinstance(item, dict) else None
                    title = item.get("title", "") if isinstance(item, dict) else ""
                    try:
                        if isinstance(item, dict) and item.get("status", "approved") != "approved":
                            report.skipped_not_approved += 1
                            continue
                        meta, files = _clean_item(item)
                        ident = (meta["id"], meta["version"])
                        if ident in seen_docs or ImportedDocument.objects.filter(
                            external_id=meta["id"], version=meta["version"]
                        ).exists():
                            report.skipped_existing += 1
                            continue
                        workdir = tempfile.mkdtemp(prefix="gongkai-oa-")
                        workdirs.append(workdir)
                        local = _download_all(client, files, workdir, max_bytes)
                        seen_docs.add(ident)
                        prepared.append((meta, local))
                    except _Rejected as exc:
                        page_rejected = True
                        report.rejected.append(
                            {"id": str(raw_id or ""), "version": raw_version, "title": title or "", "reason": exc.reason}
                        )
                        log.warning("OA document %s v%s rejected: %s", raw_id, raw_version, exc.reason)

                # everything of this page is on disk and verified: store it and move the cursor together
                with transaction.atomic():
                    for meta, local in prepared:
                        main = next(f for f in local if f["role"] == "main")
                        extras = [{k: f[k] for k in ("path", "name", "sha256", "role")} for f in local if f is not main]
                        try:
                            with transaction.atomic():
                                result = import_file(main["path"], source="oa", oa_meta=meta, extra_files=extras,
                                                     original_name=main["name"])
                        except IntegrityError:  # a concurrent pull stored the same (id, version) first
                            report.skipped_existing += 1
                            continue
                        except Exception as exc:  # noqa: BLE001 — one document must not sink the page
                            log.exception("storing OA document %s v%s failed", meta["id"], meta["version"])
                            page_rejected = True
                            report.rejected.append({"id": meta["id"], "version": meta["version"], "title": meta.get("title", ""),
                                                    "reason": f"保存时发生未预期的错误（{type(exc).__name__}），下次同步时将重试"})
                            continue
                        report.imported += 1
                        report.documents.append(result.document.pk)
                        if result.error:
                            report.failed.append({"id": meta["id"], "version": meta["version"], "error": result.error})
                    if page_rejected:
                        report.cursor_held = True
                    if not report.cursor_held and next_cursor:
                        row.cursor = report.cursor = next_cursor
                    row.save()  # also records when the source was last read (updated_at)
            finally:
                for workdir in workdirs:
                    shutil.rmtree(workdir, ignore_errors=True)

            if not next_cursor or not page["items"]:
                break  # no more pages (or a source that always answers with a cursor and an empty page)
            if next_cursor in seen_cursors:
                raise OASourceError(f"办文平台返回了重复的分页游标（{next_cursor}），已停止同步以免死循环", retryable=False)
            seen_cursors.add(next_cursor)
            since = next_cursor
    except OASourceError as exc:
        exc.report = report
        raise
    log.info("OA pull from %s: %s", key, report.as_dict())
    return report
