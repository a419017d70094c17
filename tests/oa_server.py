"""A small, real OA server speaking the document exchange protocol v1 (design §2.6), for tests.

It runs ``http.server.ThreadingHTTPServer`` on 127.0.0.1 (port 0) in a background thread and serves

    GET /documents?status=approved&since=<cursor>   → {"items": [...], "next_cursor": str|null}
    GET /files/<seq>/<n>/<name>                      → the file's bytes

Every published document version gets an increasing sequence number; ``since`` is the last sequence
number the client has seen, and ``next_cursor`` is the sequence number of the last item on the page
when more items follow (``null`` on the last page). Switches the tests can flip:

    oa.add_document("OA-1", ...)          a new approved document (version 1)
    oa.add_version("OA-1", ...)           a new version of an existing document (new sequence number)
    oa.corrupt("OA-1", version=1)         advertise a wrong sha256 for one of its files; oa.fix(...) undoes it
    oa.fail_next(3, status=500, path="/files/")  the next 3 matching requests answer 500
    oa.add_document(..., status="draft")  a non-approved document; oa.ignore_status_filter=True leaks it
    oa.page_size = 2

``oa.requests`` records every request as ``(path, query dict)``.

Use the ``oa_server`` pytest fixture: ``from tests.oa_server import oa_server  # noqa: F401``.
"""
from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gongwen"

CN_DIGITS = "〇一二三四五六七八九"


def gongwen_txt(n, *, title=None, doc_number=None, issuer="云溪市人民政府", formed="2024年3月5日", note="（此件公开发布）"):
    """A small, well-formed 通知 as UTF-8 text; ``n`` makes its title and document number unique."""
    title = title or f"{issuer}关于做好第{n}批城市更新项目工作的通知"
    doc_number = doc_number or f"云政发〔2024〕{100 + n}号"
    text = (
        f"{issuer}文件\n{doc_number}\n{title}\n各区县人民政府，市政府各部门：\n"
        f"　　为推进第{n}批城市更新项目，现将有关事项通知如下。\n"
        "　　一、总体要求\n　　坚持统筹发展和安全，推动各项工作落地见效。\n"
        "　　二、工作要求\n　　各地各部门要高度重视，认真抓好落实。\n"
        f"{issuer}\n{formed}\n　　{note}\n"
        "抄送：市委办公室，市人大常委会办公室。\n云溪市人民政府办公室　　　　2024年3月6日印发\n"
    )
    return text.encode("utf-8")


class FakeOA:
    def __init__(self):
        self.lock = threading.Lock()
        self.records = []  # each: dict(seq, id, version, status, meta, files=[{name, content, role, bad_hash}])
        self.seq = 0
        self.page_size = 50
        self.ignore_status_filter = False
        self.failures = []  # [[remaining, status, path_prefix]]
        self.requests = []
        self.url = None

    # ------------------------------------------------------------------ switches
    def add_document(self, doc_id, *, version=1, content=None, filename=None, fixture=None, title=None,
                     doc_number=None, issuers=("云溪市人民政府",), formed_on="2024-03-05", disclosure="主动公开",
                     status="approved", approved_at=None, attachments=(), interpretation=None):
        """``attachments`` / ``interpretation``: (name, bytes) pairs. ``fixture``: a file name in tests/fixtures/gongwen."""
        with self.lock:
            self.seq += 1
            seq = self.seq
            if fixture:
                content = (FIXTURES / fixture).read_bytes()
                filename = filename or fixture
            if content is None:
                content = gongwen_txt(seq, title=title, doc_number=doc_number)
            files = [{"name": filename or f"{doc_id}-v{version}.txt", "content": content, "role": "main", "bad_hash": False}]
            files += [{"name": n, "content": c, "role": "attachment", "bad_hash": False} for n, c in attachments]
            if interpretation:
                name, data = interpretation
                files.append({"name": name, "content": data, "role": "interpretation", "bad_hash": False})
            meta = {
                "title": title or f"云溪市人民政府关于做好第{seq}批城市更新项目工作的通知",
                "doc_number": doc_number or f"云政发〔2024〕{100 + seq}号",
                "issuers": list(issuers), "formed_on": formed_on, "disclosure": disclosure,
                "approved_at": approved_at or f"2024-03-{min(seq, 28):02d}T10:00:00+08:00",
            }
            record = {"seq": seq, "id": doc_id, "version": version, "status": status, "meta": meta, "files": files}
            self.records.append(record)
            return record

    def add_version(self, doc_id, **kwargs):
        latest = max((r for r in self.records if r["id"] == doc_id), key=lambda r: r["version"])
        kwargs.setdefault("title", latest["meta"]["title"])
        kwargs.setdefault("doc_number", latest["meta"]["doc_number"])
        return self.add_document(doc_id, version=latest["version"] + 1, **kwargs)

    def find(self, doc_id, version=1):
        return next(r for r in self.records if r["id"] == doc_id and r["version"] == version)

    def corrupt(self, doc_id, version=1, role="main"):
        for f in self.find(doc_id, version)["files"]:
            if f["role"] == role:
                f["bad_hash"] = True

    def fix(self, doc_id, version=1):
        for f in self.find(doc_id, version)["files"]:
            f["bad_hash"] = False

    def fail_next(self, n, status=500, path=""):
        with self.lock:
            self.failures.append([n, status, path])

    def clear_failures(self):
        with self.lock:
            self.failures.clear()

    # ------------------------------------------------------------------ protocol
    def _item(self, r):
        files = []
        for n, f in enumerate(r["files"]):
            digest = hashlib.sha256(f["content"]).hexdigest()
            if f["bad_hash"]:
                digest = hashlib.sha256(f["content"] + b"tampered").hexdigest()
            files.append({"name": f["name"], "url": f"{self.url}/files/{r['seq']}/{n}/{quote(f['name'])}",
                          "sha256": digest, "role": f["role"]})
        item = {"id": r["id"], "version": r["version"], **r["meta"], "files": files}
        if r["status"] != "approved" or self.ignore_status_filter:
            item["status"] = r["status"]
        return item

    def documents(self, query):
        status = query.get("status", [None])[0]
        since = int(query.get("since", ["0"])[0] or 0)
        with self.lock:
            matching = [r for r in self.records if r["seq"] > since
                        and (status is None or self.ignore_status_filter or r["status"] == status)]
            page = matching[: self.page_size]
            more = len(matching) > len(page)
        return {"items": [self._item(r) for r in page], "next_cursor": str(page[-1]["seq"]) if more else None}

    def file(self, path):
        _, _, seq, n, _name = path.split("/", 4)
        record = next(r for r in self.records if r["seq"] == int(seq))
        return record["files"][int(n)]["content"]

    def should_fail(self, path):
        with self.lock:
            for entry in self.failures:
                if entry[0] > 0 and path.startswith(entry[2]):
                    entry[0] -= 1
                    return entry[1]
        return None


def _handler(oa):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _send(self, status, body, ctype="application/json; charset=utf-8"):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            parts = urlsplit(self.path)
            path, query = unquote(parts.path), parse_qs(parts.query)
            oa.requests.append((path, {k: v[0] for k, v in query.items()}))
            failing = oa.should_fail(path)
            if failing:
                return self._send(failing, b'{"error": "boom"}')
            if path == "/documents":
                return self._send(200, json.dumps(oa.documents(query), ensure_ascii=False).encode("utf-8"))
            if path.startswith("/files/"):
                try:
                    return self._send(200, oa.file(path), "application/octet-stream")
                except (StopIteration, ValueError, IndexError):
                    pass
            return self._send(404, b'{"error": "not found"}')

    return Handler


class OAServer:
    def __init__(self):
        self.oa = FakeOA()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.oa))
        self.httpd.daemon_threads = True
        self.oa.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self.oa

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def oa_server():
    """A running fake OA; yields the :class:`FakeOA` (``.url`` is its base URL)."""
    with OAServer() as oa:
        yield oa
