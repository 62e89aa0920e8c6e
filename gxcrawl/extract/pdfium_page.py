"""A PDF page's characters and ruling edges read by pdfium, in the shape of pdfplumber's objects.

pdfium reads a page some thirty times faster than pdfminer, on which pdfplumber stands, so the PDF
extractor takes a page's characters and edges from here and gives them to pdfplumber's own line
grouping and table finder. Geometry follows pdfminer, so both give the same lines and tables:

* a character's ``x0``/``x1`` are its origin and advance, ``bottom`` lies the font's descent below
  the baseline and ``top`` one font size above ``bottom``;
* a drawn path is split into subpaths at each move; a subpath of one segment is a line (level: a
  horizontal edge, else a vertical one), a closed axis-aligned four-sided one a rectangle (four
  edges), anything else a curve (an edge between each pair of consecutive end points).

pdfium's text page leaves out a text object whose box has no width: a single character of a font
without glyph outlines, as a CID font the PDF does not embed is where no CJK font is installed (the
件 of a units column), or a lone space. The page's characters are then ``None``: pdfminer must read
them; so it must where a character is not upright. :func:`read_page` gives ``None`` (pdfplumber
reads the page) when the page is rotated, its boxes do not start at 0,0, or pdfium finds no text
on it (scans go to OCR through pdfplumber).
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# pdfium is not thread-safe, and the pipeline extracts in worker threads: every use of it (reading a
# document here, rendering a page for OCR) holds this lock. Reentrant: OCR runs inside a PDF's read.
PDFIUM_LOCK = threading.RLock()

# FPDFText_GetTextObject as a plain address: ctypes makes a pointer object per call otherwise (slow).
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value
)


@dataclass
class PageObjects:
    """What pdfplumber's table finder and text grouping read from a page."""

    chars: list[dict[str, Any]] | None  # None: pdfium left a text object out, pdfminer must read them
    edges: list[dict[str, Any]]
    width: float
    height: float

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0, 0, self.width, self.height)


def read_page(page: pdfium.PdfPage) -> PageObjects | None:
    """The page's characters (pdfium's generated spaces and line breaks left out) and edges, or ``None``."""
    box = page.get_mediabox()
    if page.get_rotation() or box[:2] != (0, 0) or page.get_cropbox() != box:
        return None
    height = page.get_height()
    chars = _chars(page, height)
    if chars is not None and not chars:
        return None
    return PageObjects(chars, _edges(page, height), page.get_width(), height)


def _chars(page: pdfium.PdfPage, height: float) -> list[dict[str, Any]] | None:
    """The characters of the page's text page; ``None`` if it left a text object out or one is not upright."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        handle = ctypes.cast(raw, ctypes.c_void_p)
        count = pdfium_c.FPDFText_CountChars(raw)
        texts = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]))
        owners = [_text_object(handle, index) for index in range(count)]  # None for pdfium's own spaces
        if len(set(owners) - {None}) < texts:
            return None  # a text object pdfium left out of its text page
        is_generated, get_box = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetLooseCharBox
        box = pdfium_c.FS_RECTF()
        objects: dict[int, tuple[str, float, float, float]] = {}  # text object → font, size, top, bottom
        chars: list[dict[str, Any]] = []
        for index, text in enumerate(_texts(raw, count)):
            if text in "\r\n" or text.isspace() and is_generated(raw, index):
                continue  # pdfium's own line breaks and word spaces
            address = owners[index]
            if address not in objects:
                described = _describe_object(raw, index, height)
                if described is None:
                    return None
                objects[address] = described
            fontname, size, top, bottom = objects[address]
            get_box(raw, index, box)
            chars.append({
                "text": text, "fontname": fontname, "size": size, "upright": True,
                "x0": box.left, "x1": box.right, "top": top, "bottom": bottom, "doctop": top,
            })
        return chars
    finally:
        textpage.close()


def _texts(raw: Any, count: int) -> list[str] | str:
    """Each character's text: fetched at once unless a character lies outside the BMP (two UTF-16 units)."""
    buffer = (ctypes.c_ushort * (2 * count + 1))()  # room for surrogate pairs
    units = pdfium_c.FPDFText_GetText(raw, 0, count, buffer) - 1  # less the terminating NUL
    text = bytes(buffer)[: 2 * max(units, 0)].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    return [chr(pdfium_c.FPDFText_GetUnicode(raw, index)) for index in range(count)]


def _describe_object(raw: Any, index: int, height: float) -> tuple[str, float, float, float] | None:
    """Font name, size, top and bottom of the text object character ``index`` belongs to; ``None`` if not upright."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(raw, index, matrix)
    if matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:
        return None  # rotated or mirrored text: pdfminer's geometry and pdfplumber's directions apply
    font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(raw, index))
    name = ctypes.create_string_buffer(256)
    pdfium_c.FPDFFont_GetBaseFontName(font, name, len(name))
    descent = ctypes.c_float()
    if not pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), descent):
        return None
    size = pdfium_c.FPDFText_GetFontSize(raw, index)
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)  # the object's characters share a baseline
    bottom = height - (y.value + descent.value / 1000 * size)
    return name.value.decode("latin-1"), size, bottom - size, bottom


def _edges(page: pdfium.PdfPage, height: float) -> list[dict[str, Any]]:
    """Edges of the page's drawings, as pdfplumber makes them from pdfminer's lines, rects and curves."""
    edges: list[dict[str, Any]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        matrix = _page_matrix(obj)
        path: list[tuple[str, tuple[float, float]]] = []
        curve_points = 0
        for index in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, index)
            pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
            px, py = matrix.on_point(x.value, y.value)
            point = (px, height - py)
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                path.append(("m", point))
            elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
                path.append(("l", point))
            else:  # a Bézier curve comes as three points: pdfminer keeps its end point
                curve_points += 1
                if curve_points % 3 == 0:
                    path.append(("c", point))
            if pdfium_c.FPDFPathSegment_GetClose(segment):
                path.append(("h", point))
        starts = [index for index, (op, _) in enumerate(path) if op == "m"] + [len(path)]
        for start, end in zip(starts, starts[1:]):
            if end - start > 1 or len(starts) == 2:
                edges += _subpath_edges(path[start:end])
    return edges


def _subpath_edges(path: list[tuple[str, tuple[float, float]]]) -> list[dict[str, Any]]:
    """pdfminer's ``paint_path`` for one subpath, then pdfplumber's ``obj_to_edges``."""
    shape = "".join(op for op, _ in path)
    points = [point if op != "h" else path[0][1] for op, point in path]
    if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:
        shape = shape[:-2] + "h"
        points.pop()
    if shape in ("ml", "mlh"):
        (x0, y0), (x1, y1) = points[:2]
        return [_edge(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), "h" if y0 == y1 else "v")]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if points[0] == points[4] and square:
            left, right, top, bottom = min(x0, x2), max(x0, x2), min(y0, y2), max(y0, y2)
            return [
                _edge(left, top, right, top, "h"),
                _edge(left, bottom, right, bottom, "h"),
                _edge(left, top, left, bottom, "v"),
                _edge(right, top, right, bottom, "v"),
            ]
    return [
        _edge(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), "v" if x0 == x1 else ("h" if y0 == y1 else None))
        for (x0, y0), (x1, y1) in zip(points, points[1:])
    ]


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str | None) -> dict[str, Any]:
    return {
        "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
        "width": x1 - x0, "height": bottom - top, "orientation": orientation, "object_type": "edge",
    }


def _page_matrix(obj: Any) -> pdfium.PdfMatrix:
    """The object's matrix into page space, through the forms it stands in."""
    matrix = obj.get_matrix()
    container = obj.container
    while container is not None:
        matrix = matrix.multiply(container.get_matrix())
        container = container.container
    return matrix
