"""HTTP client for the document exchange protocol v1 (design §2.6): OA → Gongkai, pull.

    GET {base}/documents?status=approved&since=<cursor>  →  {"items": [...], "next_cursor": str|null}

and every item's files are downloaded from their ``url`` (absolute, or relative to the base URL).

Transient failures — connection errors, timeouts, HTTP 5xx and 429 — are retried with exponential
backoff (``attempts`` tries, waiting ``backoff``, 2×``backoff``, 4×``backoff``… between them; a
``Retry-After`` of a 429/503 is honoured up to ``MAX_RETRY_AFTER`` seconds). When the client gives up
it raises :class:`OASourceError` with a Chinese message. Other 4xx answers are not retried.

Plain Python + requests: no Django import, so it can be used (and tested) anywhere.
"""
from __future__ import annotations

import hashlib
import logging
import time
from urllib.parse import urljoin, urlsplit

import requests

log = logging.getLogger("gongkai.importers.oa")

DEFAULT_TIMEOUT = (5, 30)  # (connect, read) seconds
DEFAULT_ATTEMPTS = 4
DEFAULT_BACKOFF = 0.5
MAX_RETRY_AFTER = 30.0
RETRY_STATUS = {429, 500, 502, 503, 504} | set(range(500, 600))
CHUNK = 1 << 16


class OASourceError(Exception):
    """The OA source could not be reached or answered wrongly. ``message`` is Chinese.

    ``status`` is the last HTTP status (None for network errors); ``retryable`` says whether a later
    pull may succeed (network errors, 5xx, 429) or whether the request itself is wrong (other 4xx).
    """

    def __init__(self, message, *, status=None, retryable=True, url=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retryable = retryable
        self.url = url

    def __str__(self):
        return self.message


class FileTooLarge(OASourceError):
    def __init__(self, message, *, url=None):
        super().__init__(message, retryable=False, url=url)


def _describe(exc):
    if isinstance(exc, requests.Timeout):
        return "连接超时"
    if isinstance(exc, requests.ConnectionError):
        return "无法连接"
    return type(exc).__name__


class OAClient:
    def __init__(self, base_url, *, timeout=DEFAULT_TIMEOUT, attempts=DEFAULT_ATTEMPTS, backoff=DEFAULT_BACKOFF,
                 sleep=time.sleep, session=None, headers=None):
        if not base_url:
            raise OASourceError("未配置办文平台地址（IMPORT_SOURCE_URL）", retryable=False)
        if urlsplit(base_url).scheme not in ("http", "https"):
            raise OASourceError(f"办文平台地址必须以 http:// 或 https:// 开头：{base_url}", retryable=False)
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.attempts = max(1, int(attempts))
        self.backoff = backoff
        self.sleep = sleep
        self.session = session or requests.Session()
        self.session.headers.setdefault("User-Agent", "Gongkai-OA-Pull/1")
        if headers:
            self.session.headers.update(headers)

    # ------------------------------------------------------------------ helpers
    def resolve(self, url):
        """A file URL may be absolute or relative to the base URL; only http(s) is accepted."""
        full = urljoin(self.base_url + "/", url or "")
        if urlsplit(full).scheme not in ("http", "https") or not url:
            raise OASourceError(f"文件地址无效：{url!r}", retryable=False, url=url)
        return full

    def _wait(self, attempt, response=None):
        delay = self.backoff * (2 ** (attempt - 1))
        if response is not None and response.status_code in (429, 503):
            try:
                delay = max(delay, min(float(response.headers.get("Retry-After", "")), MAX_RETRY_AFTER))
            except ValueError:
                pass
        self.sleep(delay)

    def _with_retries(self, url, what, attempt_fn):
        """Run ``attempt_fn()`` (which returns a value or raises) with retries on transient failures."""
        last = None
        for attempt in range(1, self.attempts + 1):
            response = None
            try:
                return attempt_fn()
            except _RetryableStatus as exc:
                response = exc.response
                last = f"HTTP {response.status_code}"
                status = response.status_code
            except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
                last, status = _describe(exc), None
            log.warning("OA %s failed (%s), attempt %s/%s: %s", what, last, attempt, self.attempts, url)
            if attempt < self.attempts:
                self._wait(attempt, response)
        raise OASourceError(
            f"办文平台暂时无法访问（{what}，{last}），已重试 {self.attempts} 次仍失败：{url}",
            status=status, retryable=True, url=url,
        )

    def _get(self, url, **kwargs):
        response = self.session.get(url, timeout=self.timeout, **kwargs)
        if response.status_code in RETRY_STATUS:
            response.close()
            raise _RetryableStatus(response)
        return response

    # ------------------------------------------------------------------ protocol
    def list_documents(self, since=None, status="approved"):
        """One page: ``{"items": [dict], "next_cursor": str|None}``, validated in shape."""
        url = f"{self.base_url}/documents"
        params = {"status": status}
        if since:
            params["since"] = since

        def attempt():
            response = self._get(url, params=params)
            if response.status_code != 200:
                raise OASourceError(
                    f"办文平台拒绝了文件列表请求（HTTP {response.status_code}）：{url}",
                    status=response.status_code, retryable=False, url=url,
                )
            try:
                return response.json()
            except ValueError:
                # e.g. a proxy's HTML error page answered with 200: not retried now, but a later pull may work
                raise OASourceError(f"办文平台返回的文件列表不是有效的 JSON：{url}", status=200, url=url) from None

        data = self._with_retries(url, "获取文件列表", attempt)
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise OASourceError(f"办文平台返回的文件列表格式不符合交换协议 v1（缺少 items）：{url}", url=url)
        next_cursor = data.get("next_cursor")
        if next_cursor is not None and not isinstance(next_cursor, (str, int)):
            raise OASourceError(f"办文平台返回的 next_cursor 格式不正确：{next_cursor!r}", url=url)
        return {"items": data["items"], "next_cursor": str(next_cursor) if next_cursor not in (None, "") else None}

    def download(self, url, dest, *, max_bytes=None):
        """Stream ``url`` into the file ``dest``; returns ``(sha256 hex, size)``.

        Retried as a whole on transient failures. A 4xx answer raises a non-retryable OASourceError;
        a body larger than ``max_bytes`` raises :class:`FileTooLarge`.
        """
        full = self.resolve(url)

        def attempt():
            digest, size = hashlib.sha256(), 0
            with self._get(full, stream=True) as response:
                if response.status_code != 200:
                    raise OASourceError(
                        f"文件下载失败（HTTP {response.status_code}）：{full}",
                        status=response.status_code, retryable=False, url=full,
                    )
                declared = response.headers.get("Content-Length")
                if max_bytes and declared and declared.isdigit() and int(declared) > max_bytes:
                    raise FileTooLarge(f"文件超过大小上限（{max_bytes // (1024 * 1024)} MB）：{full}", url=full)
                with open(dest, "wb") as fh:
                    for chunk in response.iter_content(CHUNK):
                        size += len(chunk)
                        if max_bytes and size > max_bytes:
                            raise FileTooLarge(f"文件超过大小上限（{max_bytes // (1024 * 1024)} MB）：{full}", url=full)
                        digest.update(chunk)
                        fh.write(chunk)
            return digest.hexdigest(), size

        return self._with_retries(full, "下载文件", attempt)


class _RetryableStatus(Exception):
    def __init__(self, response):
        super().__init__(response.status_code)
        self.response = response
