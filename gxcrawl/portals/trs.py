"""TRS WCM static sites: ``index.html``, ``index_1.html`` … paged by ``createPageHTML``.

The pager call comes in many shapes: ``createPageHTML(5, 0, "index", "html")`` (0-based: page 0 is
``index.html``, page 1 ``index_1.html``), ``createPageHTML('page_div', 5, 1, 'index', 'shtml', 95)``
(1-based: ``index_2.shtml`` is page 2), counts in variables (``var countPage = 5``), other function
names. Some sites write the attachment list from a script (``var rel_appendix='<a href=…>'``).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from gxcrawl.portals.base import Family, FollowUp, Link, Page

PAGER_CALL = re.compile(r"\b(?:createPageHTML|createPage|createPageHtml|createPager)\s*\(((?:[^()]|\([^()]*\))*)\)")
VARIABLE = re.compile(r"\b(\w+)\s*=\s*['\"]?(\d+)['\"]?(?![\w.])")  # var countPage = 5; currentPage = 0, …
WRAPPED = re.compile(r"^\w+\((.*)\)$")  # parseInt(countPage)
PAGE_NAME = re.compile(r"^(index|default)$")
PAGE_EXT = re.compile(r"^s?html?$")
OWN_NUMBER = re.compile(r"_(\d+)\.s?html?$")
SCRIPT_LINK = re.compile(r"""href\s*=\s*\\?["']([^"'\\]+)\\?["'][^>]*>([^<]*)<""")


class TrsFamily(Family):
    name = "trs"
    article_url = re.compile(r"/\d{6}/t\d{8}_\d+\.s?html?$")
    metadata_css = ("table.table_suoyin", ".xxgk_info", "div.xxgk-info", ".info-table")
    generator_marks = ("trs",)

    @classmethod
    def matches(cls, page: Page) -> bool:
        return bool(cls.article_url.search(page.url) or "TRS_Editor" in page.text or PAGER_CALL.search(page.text))

    def next_pages(self, page: Page) -> list[FollowUp]:
        """Every further page, listed from the column's first page only (the others repeat it)."""
        pager = _read_pager(page.text)
        if pager is None or OWN_NUMBER.search(urlsplit(page.url).path):
            return []
        count, current, name, ext = pager
        first = 2 if current == 1 else 1  # a first page numbered 1 is a 1-based column
        last = count if current == 1 else count - 1
        return [FollowUp(page.urljoin(f"{name}_{number}.{ext}")) for number in range(first, last + 1)]

    def attachments(self, page: Page) -> list[Link]:
        """The page's file links, and those a script writes (``var rel_appendix='<a href=…>'``)."""
        found = {link.url: link for link in super().attachments(page)}
        for script in page.selector.css("script:not([src])::text").getall():
            for href, name in SCRIPT_LINK.findall(script):
                url = page.urljoin(href)
                if self.is_attachment(url) and url not in found:
                    found[url] = Link(url, name.strip())
        return list(found.values())


def _read_pager(text: str) -> tuple[int, int, str, str] | None:
    """(page count, current page, page name, extension) from the pager call, variables resolved;
    the function's own definition (``function createPageHTML(_nPageCount, …)``) is skipped."""
    variables = dict(VARIABLE.findall(text))
    for match in PAGER_CALL.finditer(text):
        numbers, strings = [], []
        for argument in (part.strip() for part in match[1].split(",")):
            argument = WRAPPED.sub(r"\1", argument).strip()
            value = variables.get(argument, argument).strip("'\"")
            if value.isdigit():
                numbers.append(int(value))
            else:
                strings.append(value)
        if len(numbers) >= 2:
            name = next((s for s in strings if PAGE_NAME.match(s)), "index")
            ext = next((s for s in strings if PAGE_EXT.match(s)), "html")
            return numbers[0], numbers[1], name, ext
    return None
