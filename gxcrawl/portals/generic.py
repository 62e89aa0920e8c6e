"""The fallback for unknown markup: article links are the titled links of ``<li>`` list rows."""

from __future__ import annotations

import re

from gxcrawl.portals.base import DATE, Family, Link, Page


class GenericFamily(Family):
    name = "generic"

    def list_links(self, page: Page) -> list[Link]:
        links = []
        for row in page.selector.css("li"):
            anchor = row.css("a[href]")
            text = " ".join(row.xpath(".//text()").getall())
            date = DATE.search(text)
            if len(anchor) != 1 or not date:
                continue  # a list row has one link and a date
            title = anchor.attrib.get("title") or " ".join(anchor.css("::text").getall())
            href = anchor.attrib["href"].strip()
            if re.match(r"(javascript|mailto):", href, re.I):
                continue
            links.append(Link(page.urljoin(href), title.strip(), date.group(0)))
        return links
