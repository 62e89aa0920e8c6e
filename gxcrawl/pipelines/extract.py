"""Read every stored file of a report and keep the best one's text and tables on the item.

A file nothing can be read from (corrupt, encrypted, empty, over the bounds) is moved under
``quarantine/`` in the files store, where a user finds it beside the item's warning.
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from gxcrawl.extract.model import CORRUPT_FILE, EMPTY_FILE, ENCRYPTED_FILE, OVERSIZED_FILE, Document
from gxcrawl.extract.reader import Limits, read_bytes
from gxcrawl.pipelines.files import quarantined

UNREADABLE = {CORRUPT_FILE, EMPTY_FILE, ENCRYPTED_FILE, OVERSIZED_FILE}

logger = logging.getLogger(__name__)


def source_rank(document: Document) -> tuple[int, int]:
    """The report's own file holds its tables: most table cells first, then the longest text."""
    cells = sum(len(table.rows) * table.width for table in document.tables)
    return cells, len(document.text())


class ExtractPipeline:
    def __init__(self, files_store: str, limits: Limits, crawler: Any) -> None:
        self.files_store = Path(files_store)
        self.limits = limits
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        settings = crawler.settings
        store = settings.get("FILES_STORE") or ""
        if "://" in store and not store.startswith("file://"):
            raise NotConfigured(f"ExtractPipeline reads files from a local FILES_STORE, not {store!r}")
        limits = Limits(
            max_bytes=settings.getint("GXCRAWL_EXTRACT_MAXSIZE", Limits.max_bytes),
            max_pdf_pages=settings.getint("GXCRAWL_PDF_MAX_PAGES", Limits.max_pdf_pages),
            max_unzipped_bytes=settings.getint("GXCRAWL_DOCX_MAX_UNZIPPED", Limits.max_unzipped_bytes),
            ocr=settings.getbool("GXCRAWL_OCR", Limits.ocr),
        )
        return cls(store.removeprefix("file://"), limits, crawler)

    async def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        if (page_document := adapter.get("page_document")) is not None:
            adapter["page_document"] = None  # used here only; the item need not carry it further
        best: tuple[tuple[int, int], dict, Document] | None = None
        for stored in adapter.get("files") or []:
            if stored.get("status") == "quarantined":
                continue
            if page_document is not None and self._is_page(stored, adapter["url"]):
                document = page_document  # the dedup middleware read these very bytes as HTML
            else:
                # Extraction is CPU work: a worker thread keeps the downloads flowing meanwhile.
                document = await asyncio.to_thread(self._read, stored)
            codes = set()
            for warning in document.warnings:
                code, _, detail = warning.partition(": ")
                codes.add(code)
                adapter["warnings"].append(f"{code}: {stored['url']}" + (f" ({detail})" if detail else ""))
                self.crawler.stats.inc_value(f"gxcrawl/extract/{code}")
            if not document.blocks and codes & UNREADABLE:
                self._quarantine(stored)
            rank = source_rank(document)
            if document.blocks and (best is None or rank > best[0]):
                best = (rank, stored, document)
        if best:
            _, stored, document = best
            adapter["source"] = stored["url"]
            adapter["text"] = document.text()
            adapter["document"] = document
        else:
            self.crawler.stats.inc_value("gxcrawl/extract/no_text")
            logger.warning("No readable text for %s", adapter["url"])
        return item

    def _is_page(self, stored: dict, url: str) -> bool:
        """The report's page as the spider fetched it, stored as HTML and within the size bound."""
        return stored["url"] == url and stored["type"] == "html" and stored.get("size", 0) <= self.limits.max_bytes

    def _read(self, stored: dict) -> Document:
        try:
            data = (self.files_store / stored["path"]).read_bytes()
        except FileNotFoundError:  # the same bytes, quarantined for another report meanwhile
            data = (self.files_store / quarantined(stored["path"])).read_bytes()
        return read_bytes(data, stored["type"], limits=self.limits)

    def _quarantine(self, stored: dict) -> None:
        source = self.files_store / stored["path"]
        stored["path"] = quarantined(stored["path"])
        target = self.files_store / stored["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.exists():
            os.replace(source, target)
        stored["status"] = "quarantined"
        self.crawler.stats.inc_value("gxcrawl/extract/quarantined")
