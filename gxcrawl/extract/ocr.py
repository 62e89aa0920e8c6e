"""Optional OCR of scanned pages with RapidOCR, whose ONNX models ship inside its wheel.

``pip install 'gxcrawl[ocr]'`` installs it; nothing is downloaded at run time. Without it
:func:`ocr_lines` raises :class:`OcrUnavailable`, which the PDF extractor turns into an
``ocr_unavailable`` warning. The engine is made once, on the first scanned page, and used by one
thread at a time: it keeps per-call state, pdfium (rendering the page) is not thread-safe, and
onnxruntime already spreads one call over the cores.
"""

from __future__ import annotations

import functools
from typing import Any

from gxcrawl.extract.pdfium_page import PDFIUM_LOCK

OCR_UNAVAILABLE = "ocr_unavailable"
OCR_FAILED = "ocr_failed"
INSTALL_HINT = "pip install 'gxcrawl[ocr]'"
RESOLUTION = 150  # dpi a page is rendered at: A4 is 1240 × 1754 pixels, under RapidOCR's 2000 limit



class OcrUnavailable(Exception):
    """The OCR extra is not installed, or its engine could not be made."""


def ocr_lines(page: Any, *, resolution: int = RESOLUTION) -> list[str]:
    """The printed lines of a pdfplumber page or PIL image, top to bottom.

    Pieces recognised on one line are joined left to right: with a space where a gap parts them
    (table cells, words), without one where they overlap, unless both sides are Latin (the detector
    cuts ``一、`` from the heading it starts).
    """
    with PDFIUM_LOCK:  # pdfium, which renders the page, is no more thread-safe than the engine
        image = page.to_image(resolution=resolution).original if hasattr(page, "to_image") else page
        result, _ = _engine()(image.convert("RGB"))
    return [_join(row) for row in _rows(result or [])]


def _join(row: list[tuple[float, float, str]]) -> str:
    text = ""
    previous_right = 0.0
    for left, right, piece in row:
        overlaps = left <= previous_right and not (text[-1:].isascii() and piece[0].isascii())
        text += piece if not text or overlaps else " " + piece
        previous_right = right
    return text


@functools.cache
def _engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as error:
        raise OcrUnavailable(f"{error}; {INSTALL_HINT}") from error
    try:
        return RapidOCR()
    except Exception as error:  # a broken onnxruntime or model: say so, do not stop the crawl
        raise OcrUnavailable(f"{type(error).__name__}: {error}") from error


def _rows(result: list) -> list[list[tuple[float, float, str]]]:
    """RapidOCR's ``[box, text, score]`` pieces grouped into lines: a piece whose middle lies
    within a line's height belongs to it. Each line is a list of ``(left, right, text)``, left to right."""
    pieces = []
    for box, text, _score in result:
        xs = [point[0] for point in box]
        ys = [point[1] for point in box]
        pieces.append((min(ys), max(ys), min(xs), max(xs), text.strip()))
    rows: list[tuple[float, float, list[tuple[float, float, str]]]] = []
    for top, bottom, left, right, text in sorted(pieces):
        if not text:
            continue
        middle = (top + bottom) / 2
        if rows and rows[-1][0] <= middle <= rows[-1][1]:
            rows[-1][2].append((left, right, text))
        else:
            rows.append((top, bottom, [(left, right, text)]))
    return [sorted(row) for _, _, row in rows]
