"""TRS WCM static sites: ``index.html``, ``index_1.html`` … paged by ``createPageHTML``."""

from __future__ import annotations

import re

from gxcrawl.portals.base import Family, FollowUp, Page

# createPageHTML(countPage, currentPage, "index", "html"), written with literals on the page.
PAGER = re.compile(r"createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[\"'](\w+)[\"']\s*,\s*[\"'](\w+)[\"']")


class TrsFamily(Family):
    name = "trs"
    article_url = re.compile(r"/\d{6}/t\d{8}_\d+\.s?html?$")
    metadata_css = ("table.table_suoyin", ".xxgk_info", "div.xxgk-info", ".info-table")

    @classmethod
    def matches(cls, page: Page) -> bool:
        return bool(
            "createPageHTML" in page.text
            or "TRS_Editor" in page.text
            or cls.article_url.search(page.url)
        )

    def next_pages(self, page: Page) -> list[FollowUp]:
        match = PAGER.search(page.text)
        if not match:
            return []
        count, current, name, ext = int(match[1]), int(match[2]), match[3], match[4]
        if current != 0:
            return []  # page 0 lists every further page already
        return [FollowUp(page.urljoin(f"{name}_{number}.{ext}")) for number in range(1, count)]
