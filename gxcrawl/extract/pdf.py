"""Text and ruled tables of a PDF report, in reading order, read page by page.

A page's characters and ruling edges come from pdfium (:mod:`gxcrawl.extract.pdfium_page`), some
thirty times faster than pdfminer; pdfplumber's own algorithms group them into lines and find the
tables, so the result is what pdfplumber alone gives (``tests/extract`` reads every PDF both ways).
Characters pdfium leaves out are read by pdfminer; a rotated page, or one pdfium finds no text on (a
scan, for OCR), is read by pdfplumber.

Each page gives its ruled tables (pdfplumber's ``lines`` strategy; a lone ruled box is not a table)
and the text lines outside them, sorted top to bottom. Page numbers in the top or bottom margin
(``- 3 -``, ``第3页 共9页``, ``3/9``) are dropped.

Paragraphs: consecutive lines not parted by a table form one paragraph, also across a page break,
joined without a space (with one only between two Latin words or numbers). A line starts a new
paragraph when

* it is indented (starts more than 0.8 of its font size right of the text's left edge);
* it looks like a heading: ``一、`` ``（一）`` ``1.`` ``1、`` ``(1)`` ``第一部分``;
* its font size differs from the previous line's by more than 15 %;
* more than a blank line's space (the usual line gap plus 0.8 of the font size) lies above it;
* the previous line ends more than two characters short of the text's right edge and ends with
  sentence-final punctuation (。！？：；), is itself heading-like, or fills under two thirds of
  the text width.

The text's left edge is the page's leftmost line start (on a page of fewer than three lines, the
other pages' usual one); its width is that of the widest page's lines.

Tables: a merged cell's text stands in every grid position it spans (pdfplumber gives ``None``
there); a cell's lines are joined like a paragraph's. A table that ends a page, continued by a
table of the same width that starts the next page, is one table; header rows the continuation
repeats (its leading rows equal to the first part's leading rows) are dropped. A page without
text parts what stands before it from what follows it.

A file cut short (no ``%%EOF`` near its end) is flagged ``corrupt_file`` even when its pages read.

Pages with images or drawings but no text (a page number aside) are scans: a PDF of nothing but scans gives
``scanned_pdf`` and no blocks, a PDF with some gives ``scanned_pdf: pages 2-3,7`` beside its text.

With ``ocr=True`` the scans are read by OCR (:mod:`gxcrawl.extract.ocr`): a paragraph for each printed
line, in page order, and the warning says so: ``scanned_pdf: pages 1-3, OCR applied``. Without the OCR
extra the warnings are those above plus ``ocr_unavailable: …``; a page OCR fails on gives
``ocr_failed: pages 4: …``.
"""

from __future__ import annotations

import io
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.page import Page
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils.text import chars_to_textmap

from gxcrawl.extract import ocr as ocr_engine
from gxcrawl.extract import pdfium_page
from gxcrawl.extract.model import (
    CORRUPT_FILE,
    EMPTY_FILE,
    ENCRYPTED_FILE,
    OVERSIZED_FILE,
    SCANNED_PDF,
    Block,
    Document,
    Paragraph,
    Table,
)

HEADING = re.compile(
    r"^(?:[一二三四五六七八九十百零〇]+[、，．.]"
    r"|[（(][一二三四五六七八九十百零〇]+[）)]"
    r"|\d{1,2}[、．.](?!\d)"
    r"|[（(]\d{1,2}[）)]"
    r"|第[一二三四五六七八九十百零〇\d]+(?:章|节|部分|项))"
)
SENTENCE_END = re.compile(r"[。！？：；!?:;][”’\"'」』）)]*$")
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})$"
)
MARGIN_SHARE = 0.1  # page numbers sit in the top or bottom tenth of the page
INDENT = 0.8  # font sizes right of the left edge that make a line indented
SHORT = 2.0  # font sizes short of the right edge that make a line end early
SIZE_CHANGE = 0.15
BLANK_LINE = 0.8  # font sizes of extra space above a line that part paragraphs
FEW_LINES = 3  # a page with fewer lines takes its text edges from the other pages


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int  # the number of the page it stands on


Rows = list[list[str]]  # a table's cells, row by row
Item = _Line | Rows | Paragraph  # what a page holds, top to bottom; a Paragraph is an OCR'd line


def extract_pdf(data: bytes, *, max_pages: int = 500, ocr: bool = False, pdfium_text: bool = True) -> Document:
    """Paragraphs and tables of the first ``max_pages`` pages, scans OCR'd if ``ocr``; warnings instead of exceptions.

    ``pdfium_text=False`` reads every page with pdfplumber alone: the reference the fast path is tested against.
    """
    if not data.strip():
        return Document([], [EMPTY_FILE])
    with pdfium_page.PDFIUM_LOCK:
        return _extract_pdf(data, max_pages, ocr, pdfium_text)


def _extract_pdf(data: bytes, max_pages: int, ocr: bool, pdfium_text: bool) -> Document:
    try:
        pdf = pdfium.PdfDocument(data)
        total = len(pdf)
    except pdfium.PdfiumError as error:
        code = ENCRYPTED_FILE if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD else CORRUPT_FILE
        return Document([], [f"{code}: {_describe(error)}"])
    except Exception as error:  # a bad file must not stop the crawl
        return Document([], [f"{CORRUPT_FILE}: {_describe(error)}"])

    plumber: pdfplumber.PDF | None = None  # opened for the first page pdfium cannot read alone

    def plumber_pdf() -> pdfplumber.PDF:
        nonlocal plumber
        plumber = plumber or pdfplumber.open(io.BytesIO(data))
        return plumber

    pages: list[list[Item]] = []  # each page's items; none for a page that could not be read
    scanned: list[int] = []
    broken: list[int] = []
    first_error = ""
    ocr_applied = False
    ocr_missing = ""  # why OCR is unavailable: no page is tried after that
    ocr_failed: list[int] = []
    first_ocr_error = ""
    try:
        for index in range(min(total, max_pages)):
            number = index + 1
            page = None
            try:
                fast = _pdfium_items(pdf, index, plumber_pdf) if pdfium_text else None
                if fast is not None:
                    pages.append(fast)
                    continue
                page = plumber_pdf().pages[index]
                items, is_scan = _read_page(page)
                if is_scan and ocr and not ocr_missing:
                    try:
                        items = [Paragraph(line) for line in ocr_engine.ocr_lines(page)]
                        ocr_applied = True
                    except ocr_engine.OcrUnavailable as error:
                        ocr_missing = str(error)
                    except Exception as error:  # OCR failing on one page loses that page's text only
                        ocr_failed.append(number)
                        first_ocr_error = first_ocr_error or _describe(error)
            except Exception as error:  # one unreadable page loses that page only
                broken.append(number)
                first_error = first_error or _describe(error)
                pages.append([])
                continue
            finally:
                if page is not None:
                    page.close()  # drop the page's parsed objects: memory stays one page's worth
            pages.append(items)
            if is_scan:
                scanned.append(number)
    finally:
        if plumber is not None:
            plumber.close()
        pdf.close()

    warnings: list[str] = []
    if total == 0:
        warnings.append(f"{CORRUPT_FILE}: no pages")
    if b"%%EOF" not in data[-2048:]:
        warnings.append(f"{CORRUPT_FILE}: no %%EOF at the end, the file is cut short")
    if broken:
        warnings.append(f"{CORRUPT_FILE}: pages {_page_ranges(broken)}: {first_error}")
    if total > max_pages:
        warnings.append(f"{OVERSIZED_FILE}: {total} pages, read the first {max_pages}")

    blocks = _blocks(pages)
    read = min(total, max_pages)
    if scanned:
        if ocr_applied:
            warnings.append(f"{SCANNED_PDF}: pages {_page_ranges(scanned)}, OCR applied")
        elif not blocks and len(scanned) == read:
            warnings.append(SCANNED_PDF)
        else:
            warnings.append(f"{SCANNED_PDF}: pages {_page_ranges(scanned)}")
    elif not blocks and read and not broken:
        warnings.append(f"{EMPTY_FILE}: no text on {read} pages")
    if ocr_missing:
        warnings.append(f"{ocr_engine.OCR_UNAVAILABLE}: {ocr_missing}")
    if ocr_failed:
        warnings.append(f"{ocr_engine.OCR_FAILED}: pages {_page_ranges(ocr_failed)}: {first_ocr_error}")
    return Document(blocks, warnings)


def _pdfium_items(pdf: pdfium.PdfDocument, index: int, plumber_pdf: Callable[[], pdfplumber.PDF]) -> list[Item] | None:
    """The page read by pdfium; ``None`` where pdfplumber must read it (see :mod:`.pdfium_page`).

    Where pdfium leaves characters out, pdfminer reads them (without pdfplumber's objects around them).
    """
    page = pdf[index]
    try:
        objects = pdfium_page.read_page(page)
        if objects is None:
            return None
        chars = _pdfminer_chars(plumber_pdf().pages[index]) if objects.chars is None else objects.chars
        objects.chars = _dedupe(chars)
        tables = TableFinder(objects, TableSettings.resolve(None)).tables if objects.edges else []
        # No lines left (a page number alone): pdfplumber tells a scan from a blank page.
        return _items(objects.chars, tables, index + 1, objects.height) or None
    finally:
        page.close()  # each page is let go once read: memory stays one page's worth


def _pdfminer_chars(page: Page) -> list[dict[str, Any]]:
    """The page's characters as pdfplumber makes them from pdfminer's layout (the fields read here)."""
    device = PDFPageAggregator(page.pdf.rsrcmgr, pageno=page.page_number, laparams=None)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    chars: list[dict[str, Any]] = []

    def collect(container: LTContainer) -> None:
        for obj in container:
            if isinstance(obj, LTChar):
                top, bottom = page.height - obj.y1, page.height - obj.y0
                chars.append({
                    "text": obj.get_text(), "fontname": obj.fontname, "size": obj.size, "upright": obj.upright,
                    "x0": obj.x0, "x1": obj.x1, "top": top, "bottom": bottom, "doctop": top,
                })
            elif isinstance(obj, LTContainer):
                collect(obj)

    collect(device.get_result())
    return chars


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _page_ranges(numbers: list[int]) -> str:
    """``[2, 3, 4, 7]`` → ``2-4,7``."""
    ranges: list[str] = []
    start = previous = numbers[0]
    for number in numbers[1:] + [0]:
        if number != previous + 1:
            ranges.append(str(start) if start == previous else f"{start}-{previous}")
            start = number
        previous = number
    return ",".join(ranges)


# --- one page ------------------------------------------------------------------------------------


def _read_page(page: Page) -> tuple[list[Item], bool]:
    """The page's lines and tables top to bottom, and whether it is a scan: images, no text."""
    kept = {id(char) for char in _dedupe(page.chars)}
    page = page.filter(lambda obj: obj["object_type"] != "char" or id(obj) in kept)
    if not any(char["text"].strip() for char in page.chars):
        return [], bool(page.images or page.curves)
    items = _items(page.chars, page.find_tables(), page.page_number, page.height)
    # A scan may carry a printed page number, which alone makes no text layer.
    return items, not items and bool(page.images or page.curves)


def _dedupe(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Characters printed twice at one place (fake bold) once, the rest in their order.

    pdfplumber's ``dedupe_chars`` (tolerance 1, same font and size), without its quadratic reordering:
    chars of one text, font and size chained within 1 pt top to bottom, then left to right, keep the
    topmost-leftmost, the first of equals.
    """
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for char in chars:
        groups.setdefault((char["upright"], char["text"], char["fontname"], char["size"]), []).append(char)
    dropped: set[int] = set()
    for group in groups.values():
        if len(group) == 1:
            continue
        for y_cluster in _chained(group, "doctop"):
            if len(y_cluster) == 1:
                continue
            for x_cluster in _chained(y_cluster, "x0"):
                if len(x_cluster) > 1:
                    kept = min(x_cluster, key=itemgetter("doctop", "x0"))
                    dropped.update(id(char) for char in x_cluster if char is not kept)
    return [char for char in chars if id(char) not in dropped] if dropped else chars


def _chained(objects: list[dict[str, Any]], key: str, tolerance: float = 1) -> list[list[dict[str, Any]]]:
    """Objects in runs whose ``key`` values lie within ``tolerance`` of the previous one (pdfplumber's ``cluster_objects``)."""
    clusters: list[list[dict[str, Any]]] = []
    last = None
    for obj in sorted(objects, key=itemgetter(key)):
        if last is None or obj[key] > last + tolerance:
            clusters.append([])
        clusters[-1].append(obj)
        last = obj[key]
    return clusters


def _items(chars: list[dict[str, Any]], tables: list[Any], page_number: int, page_height: float) -> list[Item]:
    """A page's ruled tables and the text lines outside them, top to bottom, without its page number."""
    positioned: list[tuple[float, Item]] = []
    boxes: list[tuple[float, float, float, float]] = []
    for found in tables:
        rows = _table_rows(found)
        if rows is None:
            continue
        boxes.append(found.bbox)
        positioned.append((found.bbox[1], rows))

    def outside_tables(char: dict[str, Any]) -> bool:
        x = (char["x0"] + char["x1"]) / 2
        y = (char["top"] + char["bottom"]) / 2
        return not any(x0 - 1 <= x <= x1 + 1 and top - 1 <= y <= bottom + 1 for x0, top, x1, bottom in boxes)

    text_chars = [char for char in chars if outside_tables(char)] if boxes else chars
    for found in chars_to_textmap(text_chars).extract_text_lines(return_chars=True) if text_chars else []:
        line = _line(found, page_number)
        if line is None:
            continue
        in_margin = line.bottom < page_height * MARGIN_SHARE or line.top > page_height * (1 - MARGIN_SHARE)
        if in_margin and PAGE_NUMBER.match(line.text):
            continue
        positioned.append((line.top, line))
    positioned.sort(key=lambda pair: pair[0])
    return [item for _, item in positioned]


def _line(found: dict[str, Any], page_number: int) -> _Line | None:
    chars = [char for char in found["chars"] if char["text"].strip()]
    text = found["text"].strip()
    if not chars or not text:
        return None
    # Edges of the printed characters: leading ideographic spaces indent a line like a margin does.
    return _Line(
        text=text,
        x0=min(char["x0"] for char in chars),
        x1=max(char["x1"] for char in chars),
        top=found["top"],
        bottom=found["bottom"],
        size=statistics.median(char["size"] for char in chars),
        page=page_number,
    )


def _table_rows(found: Any) -> Rows | None:
    """Cell texts on the table's full grid, merged cells repeated; ``None`` for what is no table."""
    cells: list[tuple[float, float, float, float]] = found.cells
    xs = sorted({cell[0] for cell in cells})
    tops = sorted({cell[1] for cell in cells})
    if len(xs) * len(tops) < 2:
        return None  # a lone ruled box frames text, it is not a table
    texts = found.extract()
    grid: list[list[str | None]] = [[None] * len(xs) for _ in tops]
    for row_group, row_texts in zip(found.rows, texts):
        for cell, text in zip(row_group.cells, row_texts):
            if cell is None:
                continue
            x0, top, x1, bottom = cell
            value = _join_lines((text or "").splitlines())
            for r, row_top in enumerate(tops):
                if top - 0.5 <= row_top < bottom - 0.5:
                    for c, x in enumerate(xs):
                        if x0 - 0.5 <= x < x1 - 0.5 and grid[r][c] is None:
                            grid[r][c] = value
    rows = [[value or "" for value in row] for row in grid]
    if not any(any(row) for row in rows):
        return None  # an empty grid: a form's lines, nothing to read
    return rows


# --- the document --------------------------------------------------------------------------------


def _blocks(pages: list[list[Item]]) -> list[Block]:
    """Join tables across page breaks, then lines into paragraphs."""
    items: list[Item | None] = []  # None: a page without text parts what stands on either side
    for page in pages:
        if not page:
            items.append(None)
            continue
        first = page[0]
        ended_with_table = bool(items) and isinstance(items[-1], list)
        if ended_with_table and isinstance(first, list) and len(first[0]) == len(items[-1][0]):
            _continue_table(items[-1], first)
            items.extend(page[1:])
        else:
            items.extend(page)

    edges = _text_edges([item for item in items if isinstance(item, _Line)])
    usual_gap = _usual_gap(items)
    blocks: list[Block] = []
    lines: list[_Line] = []  # the paragraph being read
    previous: _Line | None = None

    def end_paragraph() -> None:
        if lines:
            blocks.append(Paragraph(_join_lines([line.text for line in lines])))
            lines.clear()

    for item in items:
        if not isinstance(item, _Line):
            end_paragraph()
            if item is not None:
                blocks.append(item if isinstance(item, Paragraph) else Table.from_rows(item))
            previous = None
            continue
        if previous is not None and _starts_paragraph(item, previous, edges, usual_gap):
            end_paragraph()
        lines.append(item)
        previous = item
    end_paragraph()
    return blocks


def _continue_table(rows: Rows, continuation: Rows) -> None:
    repeated = 0
    while (
        repeated < len(rows)
        and repeated < len(continuation) - 1
        and continuation[repeated] == rows[repeated]
    ):
        repeated += 1
    rows.extend(continuation[repeated:])


def _text_edges(lines: list[_Line]) -> dict[int, tuple[float, float]]:
    """Left and right edge of the text on each page.

    The left edge is the page's leftmost line start; the text width is the widest page's, so a page
    of short lines still knows where a full line would end. A page of fewer than three lines takes
    the usual left edge of the others unless its own lies further left.
    """
    by_page: dict[int, list[_Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    own = {
        page: (min(line.x0 for line in page_lines), max(line.x1 for line in page_lines))
        for page, page_lines in by_page.items()
    }
    full = [page for page, page_lines in by_page.items() if len(page_lines) >= FEW_LINES] or list(own)
    if not full:
        return {}
    width = max(own[page][1] - own[page][0] for page in full)
    usual_left = statistics.median(own[page][0] for page in full)
    edges = {}
    for page, (left, right) in own.items():
        if page not in full:
            left = min(left, usual_left)
        edges[page] = (left, max(right, left + width))
    return edges


def _usual_gap(items: list[Item | None]) -> float:
    """The median space between a line and the next on the same page."""
    gaps = [
        below.top - above.bottom
        for above, below in zip(items, items[1:])
        if isinstance(above, _Line) and isinstance(below, _Line) and above.page == below.page
        and 0 <= below.top - above.bottom <= 3 * above.size
    ]
    return statistics.median(gaps) if gaps else 0.0


def _starts_paragraph(line: _Line, previous: _Line, edges: dict[int, tuple[float, float]], usual_gap: float) -> bool:
    left, _ = edges[line.page]
    previous_left, previous_right = edges[previous.page]
    if line.x0 - left > INDENT * line.size:
        return True
    if HEADING.match(line.text):
        return True
    if abs(line.size - previous.size) > SIZE_CHANGE * max(line.size, previous.size):
        return True
    if line.page == previous.page and line.top - previous.bottom > usual_gap + BLANK_LINE * previous.size:
        return True
    if previous_right - previous.x1 > SHORT * previous.size:
        very_short = previous.x1 - previous_left < (previous_right - previous_left) * 2 / 3
        return bool(SENTENCE_END.search(previous.text) or HEADING.match(previous.text) or very_short)
    return False


def _join_lines(parts: list[str]) -> str:
    """Wrapped lines as one text: CJK joins without a space, Latin words and numbers keep one."""
    text = ""
    for part in (part.strip() for part in parts):
        if not part:
            continue
        if text and _latin_end(text[-1]) and _latin_start(part[0]):
            text += " "
        text += part
    return text


def _latin_end(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in ",.;:!?)%")


def _latin_start(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "(")
