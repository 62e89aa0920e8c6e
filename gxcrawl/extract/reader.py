"""Read any report file into a normalised :class:`Document`, by the type its bytes show."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gxcrawl.extract.html import decode_html, extract_html
from gxcrawl.extract.model import EMPTY_FILE, OVERSIZED_FILE, UNSUPPORTED_TYPE, Document
from gxcrawl.extract.normalise import normalise_document
from gxcrawl.extract.pdf import extract_pdf
from gxcrawl.extract.text import parse_text
from gxcrawl.extract.word import extract_doc, extract_docx
from gxcrawl.filetypes import sniff


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one hostile file from taking the crawl's memory or time."""

    max_bytes: int = 64 * 1024 * 1024
    max_pdf_pages: int = 500
    max_unzipped_bytes: int = 200 * 1024 * 1024
    ocr: bool = False  # OCR the scanned pages of a PDF (the ``ocr`` extra), within max_pdf_pages


def read_bytes(data: bytes, kind: str, *, content_type: str = "", limits: Limits = Limits()) -> Document:
    """``kind`` is a :func:`gxcrawl.filetypes.sniff` type: html, pdf, docx, doc, wps, txt …"""
    if not data:
        return Document([], [EMPTY_FILE])
    if len(data) > limits.max_bytes:
        return Document([], [f"{OVERSIZED_FILE}: {len(data)} bytes"])
    if kind == "html":
        document = extract_html(data, content_type)
    elif kind == "pdf":
        document = extract_pdf(data, max_pages=limits.max_pdf_pages, ocr=limits.ocr)
    elif kind == "docx":
        document = extract_docx(data, max_unzipped_bytes=limits.max_unzipped_bytes)
    elif kind in ("doc", "wps"):
        document = extract_doc(data, kind)
    elif kind == "txt":
        document = parse_text(decode_html(data, content_type))
    else:
        return Document([], [f"{UNSUPPORTED_TYPE}: {kind}"])
    return normalise_document(document)


def read_file(path: str | Path, *, kind: str | None = None, limits: Limits = Limits()) -> Document:
    path = Path(path)
    data = path.read_bytes()
    return read_bytes(data, kind or sniff(data, filename=path.name), limits=limits)
