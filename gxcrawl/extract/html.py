"""Article body of a saved portal page: paragraphs and ``<table>``s in reading order.

Decoding trusts the bytes over the labels: portals declare gb2312 for GBK text, send
``text/html`` without a charset, or answer ISO-8859-1 for pages that are UTF-8.
"""

from __future__ import annotations

import re

from lxml import etree, html as lxml_html
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, resolve_encoding

from gxcrawl.extract.model import CORRUPT_FILE, EMPTY_FILE, Document, Paragraph, Table

# Content containers of the common government CMSs, most specific first; <body> when none is there.
BODY_XPATHS = (
    "//*[@id='zoom']",
    "//*[contains(@class,'TRS_Editor') or contains(@class,'trs_editor_view') or contains(@class,'TRS_UEDITOR')]",
    "//*[@id='UCAP-CONTENT']",
    "//*[contains(concat(' ',normalize-space(@class),' '),' article_con ')]",
    "//*[contains(concat(' ',normalize-space(@class),' '),' article-content ')]",
    "//*[contains(concat(' ',normalize-space(@class),' '),' main-txt ')]",
    "//article",
    "//*[contains(concat(' ',normalize-space(@class),' '),' content ')]",
    "//body",
)
DROPPED = ("script", "style", "noscript", "form", "button", "select", "iframe", "nav", "header", "footer", "object")
BLOCKS = {"p", "div", "section", "article", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
          "h6", "blockquote", "pre", "center", "tr", "br", "hr", "table"}
# Page chrome that sits inside content areas on real portals.
CHROME = re.compile(r"^[【\[]?\s*(打印(本页)?|关闭(本页|窗口)?|收藏|分享到?|返回顶部|字体?[：:]?\s*大\s*中\s*小)\s*[】\]]?$")
# Charsets that decode any byte string: a page labelled so is checked against UTF-8 and GB18030 first.
PERMISSIVE = {"cp1252", "latin-1", "iso8859-1", "ascii"}


def decode_html(data: bytes, content_type: str = "") -> str:
    """The page's text: BOM, then header and ``<meta>`` charsets, then UTF-8, then GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    declared = [http_content_type_encoding(content_type), html_body_declared_encoding(data)]
    labels = [resolve_encoding(label) or label for label in declared if label]
    candidates = [label for label in labels if label not in PERMISSIVE] + ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", errors="replace")


def extract_html(data: bytes, content_type: str = "") -> Document:
    if not data.strip():
        return Document([], [EMPTY_FILE])
    try:
        root = lxml_html.document_fromstring(decode_html(data, content_type))
    except (etree.ParserError, ValueError) as error:
        return Document([], [f"{CORRUPT_FILE}: {error}"])
    etree.strip_elements(root, *DROPPED, etree.Comment, with_tail=False)
    body = next((found[0] for xpath in BODY_XPATHS if (found := root.xpath(xpath))), root)
    reader = _BlockReader()
    reader.read(body)
    return Document(reader.finish())


class _BlockReader:
    """Walks the body: inline text gathers into the current paragraph, block elements end it."""

    def __init__(self) -> None:
        self.blocks: list[Paragraph | Table] = []
        self.words: list[str] = []

    def read(self, element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "table":
            self.flush()
            if rows := _table_rows(element):
                self.blocks.append(Table.from_rows(rows))
        else:
            if tag in BLOCKS:
                self.flush()
            self.words.append(element.text or "")
            for child in element:
                self.read(child)
            if tag in BLOCKS:
                self.flush()
        self.words.append(element.tail or "")

    def flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.words)).strip()
        self.words.clear()
        if text and not CHROME.match(text):
            self.blocks.append(Paragraph(text))

    def finish(self) -> list[Paragraph | Table]:
        self.flush()
        return self.blocks


def _table_rows(table: etree._Element) -> list[list[str]]:
    """Rows with colspan and rowspan resolved: a merged cell's text fills every position it spans."""
    grid: dict[tuple[int, int], str] = {}
    rows = [row for row in table.iter("tr") if _owning_table(row) is table]
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            text = re.sub(r"\s+", " ", cell.text_content()).strip()
            for dr in range(_span(cell, "rowspan")):
                for dc in range(_span(cell, "colspan")):
                    grid.setdefault((r + dr, c + dc), text)
            c += _span(cell, "colspan")
    if not grid:
        return []
    width = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))]


def _owning_table(row: etree._Element) -> etree._Element | None:
    return next(row.iterancestors("table"), None)


def _span(cell: etree._Element, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name, "1")), 100))  # portals write colspan="0" and worse
    except ValueError:
        return 1
