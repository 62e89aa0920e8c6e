"""Store each report's page and attachments under ``FILES_STORE``, content-addressed.

Built on Scrapy's FilesPipeline. A file's path is ``ab/<sha256>.<type>``: the same bytes found on two
pages are stored once, and the type comes from the bytes and headers, not from the URL (Hanweb's
``downfile.jsp`` URLs carry none). So no name a portal sends can place a file anywhere: the name is
only metadata, cleaned of directories and control characters. An attachment that turns out to be an
HTML page (a portal's error page served for a missing PDF) is stored under ``quarantine/``. The
article page itself was fetched by the spider; it is stored from the item rather than downloaded a
second time.
"""

from __future__ import annotations

import hashlib
import logging
import re
from io import BytesIO
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from itemadapter import ItemAdapter
from scrapy import Request
from scrapy.http import Response
from scrapy.pipelines.files import FilesPipeline
from scrapy.pipelines.media import _MediaRequestFiltered
from scrapy.utils.defer import ensure_awaitable
from twisted.python.failure import Failure

from gxcrawl.failures import Reason, failure_reason
from gxcrawl.filetypes import filename_from_disposition, sniff

logger = logging.getLogger(__name__)
QUARANTINE = "quarantine"  # under FILES_STORE: files kept for inspection, not read as reports
STORED_PATH = "gxcrawl_stored_path"  # an attachment's content path, worked out once per download
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class AttachmentNotStored(_MediaRequestFiltered):
    """An attachment download that failed, with its reason. A 'filtered' request in Scrapy's terms,
    so Scrapy logs no traceback: the item's warning and our log line say what happened. (Scrapy's
    private class: tests/pipelines/test_files.py fails if a Scrapy release drops it.)"""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.detail)
        self.reason = reason


def _header(headers: Any, name: str) -> str:
    """A header as text: UTF-8 where it is, else GB18030 (portals send raw GBK file names)."""
    raw = headers.get(name) or b""
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def original_name(url: str, headers: Any) -> str:
    """The file's own name as sent: from ``Content-Disposition`` where the portal sends one, else the URL."""
    disposition = _header(headers, "Content-Disposition")
    return filename_from_disposition(disposition) if disposition else unquote(PurePosixPath(urlsplit(url).path).name)


def safe_name(name: str) -> str:
    """A name fit to show and to save a copy under: its last path part, no control characters
    (NUL included), no leading dots, at most 200 characters."""
    name = CONTROL.sub("", name.replace("\\", "/").rsplit("/", 1)[-1]).strip().lstrip(".")
    return name[:200] or "unnamed"


def content_path(body: bytes, headers: Any, url: str, *, attachment: bool = False) -> str:
    """``ab/<sha256>.<type>``; an attachment that is an HTML page goes under ``quarantine/``."""
    digest = hashlib.sha256(body).hexdigest()
    kind = sniff(body, _header(headers, "Content-Type"), original_name(url, headers))
    path = f"{digest[:2]}/{digest}.{kind}"
    return quarantined(path) if attachment and kind == "html" else path


def quarantined(path: str) -> str:
    """Where a stored file's path goes when it is set aside."""
    return f"{QUARANTINE}/{path}"


class ReportFilesPipeline(FilesPipeline):
    async def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        if body := adapter.get("page_body"):
            headers = adapter.get("page_headers") or {}
            path = content_path(body, headers, adapter["url"])
            await ensure_awaitable(self.store.persist_file(path, BytesIO(body), self.spiderinfo))
            adapter["files"] = [self._describe(adapter["url"], path, body, headers, "downloaded")]
            adapter["page_body"] = None
        return await super().process_item(item)

    def get_media_requests(self, item: Any, info: Any) -> list[Request]:
        requests = super().get_media_requests(item, info)
        for request in requests:
            request.meta["dont_cache"] = True  # stored under FILES_STORE already; the HTTP cache is for pages
        return requests

    def media_to_download(self, request: Request, info: Any, *, item: Any = None) -> None:
        # Content addressing cannot know a file's path before its bytes arrive; skipping files of
        # known reports is the dedup store's work, not a stat of the store.
        return None

    def file_path(self, request: Request, response: Response | None = None, info: Any = None, *, item: Any = None) -> str:
        if response is None:
            raise ValueError("a content-addressed path needs the downloaded response")
        # Scrapy asks twice per download (to store the file, then for the result): hash the bytes once.
        if STORED_PATH not in request.meta:
            request.meta[STORED_PATH] = content_path(response.body, response.headers, request.url, attachment=True)
        return request.meta[STORED_PATH]

    async def file_downloaded(self, response: Response, request: Request, info: Any, *, item: Any = None) -> str:
        path = self.file_path(request, response, info, item=item)
        await ensure_awaitable(self.store.persist_file(path, BytesIO(response.body), info))
        return PurePosixPath(path).stem  # the sha256 the path is made of

    async def media_downloaded(self, response: Response, request: Request, info: Any, *, item: Any = None) -> dict:
        # Scrapy's own checks would say only "download-error" or "empty-content".
        if response.status != 200:
            raise AttachmentNotStored(Reason(f"http_{response.status}", f"HTTP {response.status}"))
        if not response.body:
            raise AttachmentNotStored(Reason("empty_file", "the portal served an empty file"))
        result = await super().media_downloaded(response, request, info, item=item)
        return self._describe(request.url, result["path"], response.body, response.headers, result["status"])

    @staticmethod
    def _describe(url: str, path: str, body: bytes, headers: Any, status: str) -> dict[str, Any]:
        name = original_name(url, headers)
        described = {
            "url": url,
            "path": path,
            "checksum": PurePosixPath(path).stem,
            "type": PurePosixPath(path).suffix.lstrip("."),
            "size": len(body),
            "name": safe_name(name),
            "status": "quarantined" if path.startswith(quarantined("")) else status,
        }
        if described["name"] != name:
            described["original_name"] = name  # as the portal sent it, for the record
        return described

    def media_failed(self, failure: Failure, request: Request, info: Any) -> None:
        if isinstance(failure.value, AttachmentNotStored):
            raise failure.value
        raise AttachmentNotStored(failure_reason(failure)) from failure.value

    def item_completed(self, results: list, item: Any, info: Any) -> Any:
        adapter = ItemAdapter(item)
        stored = [result for ok, result in results if ok]
        for url, (ok, result) in zip(adapter.get("file_urls") or [], results):
            if ok and result["status"] == "quarantined":
                adapter["warnings"].append(f"not_a_document: {url} (an HTML page, kept under {QUARANTINE}/)")
                self.crawler.stats.inc_value("gxcrawl/attachment_quarantined")
            elif not ok:
                reason = getattr(result.value, "reason", None) or failure_reason(result)
                code = reason.code if reason.code in ("oversized_file", "empty_file") else "download_failed"
                adapter["warnings"].append(f"{code}: {url} ({reason.detail})")
                self.crawler.stats.inc_value(f"gxcrawl/attachment_failed/{reason.code}")
                logger.warning("Attachment not stored for %s: %s (%s)", adapter["url"], url, reason.detail)
        adapter["files"] = [*adapter.get("files", []), *stored]
        return item
