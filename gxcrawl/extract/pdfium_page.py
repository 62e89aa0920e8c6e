"""A PDF page's characters from pdfium's text layer, in the shape of pdfplumber's char dicts.

pdfium reads a page's text some thirty times faster than pdfminer, on which pdfplumber stands, so
the PDF extractor takes a page's characters from here and gives them to pdfplumber's own line and
word grouping. Where pdfium's characters could differ from pdfminer's, :func:`page_chars` gives
``None`` and the page is read by pdfplumber instead:

* the page may hold a ruled table: two horizontal and two other straight edges among its drawings
  (pdfplumber's table finder needs both; a rule under a heading is no table);
* the page is rotated, its media box does not start at 0,0, or a character is not upright;
* pdfium's text page left out a text object: it drops one that repeats the previous one at the same
  left edge when the font has no glyph outlines (a CID font the PDF does not embed), which is how a
  units column (件, 件, 件 …) looks to it;
* the page holds no text (a scan, or a page number alone): scans go to OCR through pdfplumber.

Geometry follows pdfminer: ``x0``/``x1`` are the glyph's origin and advance, ``bottom`` lies the
font's descent below the baseline and ``top`` one font size above ``bottom``.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

HORIZONTAL_EDGES = 2  # a table cell is parted by two horizontal and two vertical edges
OTHER_EDGES = 2


def page_chars(page: pdfium.PdfPage) -> list[dict[str, Any]] | None:
    """The page's characters (generated spaces and line breaks left out), or ``None`` if pdfplumber must read it."""
    left, bottom, _, _ = page.get_mediabox()
    if page.get_rotation() or left or bottom or _may_hold_table(page):
        return None
    textpage = page.get_textpage()
    try:
        return _chars(textpage, page.get_height())
    finally:
        textpage.close()


def _chars(textpage: pdfium.PdfTextPage, height: float) -> list[dict[str, Any]] | None:
    raw = textpage.raw
    box = pdfium_c.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    matrix = pdfium_c.FS_MATRIX()
    descent = ctypes.c_float()
    fonts: dict[int, tuple[str, float]] = {}  # text object → font name, descent per point of size
    seen: set[int] = set()
    chars: list[dict[str, Any]] = []
    for index in range(pdfium_c.FPDFText_CountChars(raw)):
        if pdfium_c.FPDFText_IsGenerated(raw, index):
            continue
        text = chr(pdfium_c.FPDFText_GetUnicode(raw, index))
        if text in "\r\n":
            continue  # pdfium's own line breaks
        text_object = pdfium_c.FPDFText_GetTextObject(raw, index)
        address = ctypes.cast(text_object, ctypes.c_void_p).value or 0
        if address not in fonts:
            font = pdfium_c.FPDFTextObj_GetFont(text_object)
            name = ctypes.create_string_buffer(256)
            pdfium_c.FPDFFont_GetBaseFontName(font, name, len(name))
            if not pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), descent):
                return None
            fonts[address] = (name.value.decode("latin-1"), descent.value / 1000)
            seen.add(address)
        fontname, font_descent = fonts[address]
        pdfium_c.FPDFText_GetMatrix(raw, index, matrix)
        if matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:
            return None  # rotated or mirrored text: pdfplumber's direction handling applies
        size = pdfium_c.FPDFText_GetFontSize(raw, index)
        pdfium_c.FPDFText_GetLooseCharBox(raw, index, box)
        pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)
        char_bottom = height - (y.value + font_descent * size)
        chars.append({
            "text": text,
            "fontname": fontname,
            "size": size,
            "x0": box.left,
            "x1": box.right,
            "top": char_bottom - size,
            "bottom": char_bottom,
            "doctop": char_bottom - size,
            "upright": True,
        })
    if _text_objects(textpage) != len(seen):
        return None  # pdfium left a text object out of its text page
    return chars or None


def _text_objects(textpage: pdfium.PdfTextPage) -> int:
    return sum(1 for _ in textpage.page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]))


def _may_hold_table(page: pdfium.PdfPage) -> bool:
    """Whether the page's drawings have the straight edges a ruled table needs.

    Counted generously: a segment within a point of level counts as horizontal, any not exactly
    level as another edge, so no page pdfplumber finds a table on is missed.
    """
    horizontal = other = 0
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        matrix = _page_matrix(obj)
        start = previous = None
        for index in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, index)
            pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
            point = matrix.on_point(x.value, y.value)
            ends = [point] if pdfium_c.FPDFPathSegment_GetType(segment) != pdfium_c.FPDF_SEGMENT_MOVETO else []
            if ends and pdfium_c.FPDFPathSegment_GetClose(segment):
                ends.append(start)
            for end in ends:
                if previous is not None:
                    dy = abs(end[1] - previous[1])
                    horizontal += dy < 1
                    other += dy > 0
                previous = end
            if not ends:
                start = previous = point
        if horizontal >= HORIZONTAL_EDGES and other >= OTHER_EDGES:
            return True
    return False


def _page_matrix(obj: Any) -> pdfium.PdfMatrix:
    """The object's matrix into page space, through the forms it stands in."""
    matrix = obj.get_matrix()
    container = obj.container
    while container is not None:
        matrix = matrix.multiply(container.get_matrix())
        container = container.container
    return matrix
