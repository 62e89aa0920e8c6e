"""The fallback for unknown markup: article links are the titled links of list rows (``<li>``, or
``<tr>`` in the tables of 信息公开目录 lists); further pages are the list's "next page" and numbered
page links (``2.html``, ``?page=2``, ``iList.jsp?cur_page=2``)."""

from __future__ import annotations

import re

from gxcrawl.portals.base import DATE, Family, FollowUp, Link, Page

NEXT_PAGE_TEXT = re.compile(r"^(下一?页|后一?页|next)\s*[>›»]*$", re.I)
PAGE_NUMBER_TEXT = re.compile(r"^\[?\d{1,4}\]?$")


class GenericFamily(Family):
    name = "generic"

    def list_links(self, page: Page) -> list[Link]:
        links: dict[str, Link] = {}
        for row in page.selector.css("li, tr"):
            anchor = row.css("a[href]")
            text = " ".join(row.xpath(".//text()").getall())
            date = DATE.search(text)
            if len(anchor) != 1 or not date:
                continue  # a list row has one link and a date (a layout table's row has many links)
            title = anchor.attrib.get("title") or " ".join(anchor.css("::text").getall())
            href = anchor.attrib["href"].strip()
            if re.match(r"(javascript|mailto):", href, re.I):
                continue
            url = page.urljoin(href)
            links.setdefault(url, Link(url, title.strip(), date.group(0)))  # an <li> inside a <tr>: once
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
