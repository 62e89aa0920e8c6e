"""The report item: one agency's annual report as found on one portal page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gxcrawl.extract.model import Document

# The feed fields, in design.md's order. Internal fields (file_urls, page_body, page_document, document)
# stay out of feeds.
FEED_FIELDS = [
    "index_no",
    "title",
    "agency",
    "category",
    "doc_no",
    "published",
    "year",
    "era",
    "url",
    "also_published_at",
    "status",
    "portal",
    "files",
    "source",
    "text",
    "metrics",
    "provenance",
    "warnings",
    "crawled_at",
]


@dataclass
class ReportItem:
    url: str
    title: str
    portal: str
    crawled_at: str
    index_no: str | None = None
    agency: str | None = None
    category: str | None = None
    doc_no: str | None = None
    published: str | None = None  # ISO date
    year: int | None = None  # the year the report covers
    era: str | None = None  # the report's template: pre2019, 2019 or 2021
    files: list[dict[str, Any]] = field(default_factory=list)  # url, path, checksum, type, size, name
    source: str | None = None
    text: str | None = None
    metrics: dict[str, float] | None = None
    provenance: dict[str, dict[str, str]] | None = None
    warnings: list[str] = field(default_factory=list)
    also_published_at: list[str] = field(default_factory=list)  # other pages publishing this report
    status: str | None = None  # new, or update: a report an earlier run emitted, since changed
    # Deduplication: the report's key (index:<索引号> or text:<hash>) and content fingerprint.
    dedup_key: str | None = None
    fingerprint: str | None = None
    # Attachment URLs for the files pipeline.
    file_urls: list[str] = field(default_factory=list)
    # The article page as fetched, stored by the files pipeline so it is not downloaded twice.
    page_body: bytes | None = None
    page_headers: dict[str, str] = field(default_factory=dict)
    # That page read by the dedup middleware (its fingerprint is of the text), for the extract
    # pipeline: the page is extracted once.
    page_document: Document | None = None
    # The source file's document model (paragraphs and tables), for the metrics parser.
    document: Document | None = None
