"""The fallback for unknown markup: article links are the titled links of list rows (``<li>``, or
``<tr>`` in the tables of 信息公开目录 lists); further pages are the list's "next page" and numbered
page links (``2.html``, ``?page=2``, ``iList.jsp?cur_page=2``)."""

from __future__ import annotations

import re

from parsel import Selector

from gxcrawl.portals.base import DATE, Family, FollowUp, Link, Page

NEXT_PAGE_TEXT = re.compile(r"^(下一?页|后一?页|next)\s*[>›»]*$", re.I)
PAGE_NUMBER_TEXT = re.compile(r"^\[?\d{1,4}\]?$")


class GenericFamily(Family):
    name = "generic"

    def list_links(self, page: Page) -> list[Link]:
        links: dict[str, Link] = {}
        for row in page.selector.css("li"):
            if link := _row_link(row, page):
                links.setdefault(link.url, link)
        for table in page.selector.css("table"):
            # A table's own innermost rows; a lone one with a link and a date is a layout table's
            # (the site's logo beside today's date), a list has more.
            rows = [link for row in table.xpath("./tr[not(.//tr)] | ./tbody/tr[not(.//tr)]") if (link := _row_link(row, page))]
            if len(rows) > 1:
                for link in rows:
                    links.setdefault(link.url, link)  # an <li> inside a <tr>: once
        return list(links.values())

    def next_pages(self, page: Page) -> list[FollowUp]:
        """Only a list (a page with rows) has further pages: a home page's numbered links are not."""
        if not self.list_links(page):
            return []
        pages: dict[str, FollowUp] = {}
        for anchor in page.selector.css("a[href]"):
            text = "".join(anchor.css("::text").getall()).strip()
            if NEXT_PAGE_TEXT.match(text) or PAGE_NUMBER_TEXT.match(text):
                url = page.urljoin(anchor.attrib["href"])
                if url.startswith(("http://", "https://")) and url.split("#")[0] != page.url:
                    pages.setdefault(url, FollowUp(url))
        return list(pages.values())


def _row_link(row: Selector, page: Page) -> Link | None:
    """A list row's article: its one link, titled, with the row's date."""
    anchor = row.css("a[href]")
    date = DATE.search(" ".join(row.xpath(".//text()").getall()))
    if len(anchor) != 1 or not date:
        return None
    href = anchor.attrib["href"].strip()
    if re.match(r"(javascript|mailto):", href, re.I):
        return None
    title = anchor.attrib.get("title") or " ".join(anchor.css("::text").getall())
    return Link(page.urljoin(href), title.strip(), date.group(0))
