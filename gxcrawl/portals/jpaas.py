"""Hanweb jpaas (newer Zhejiang sites): column lists from a JSON unit API.

The column page names the API in its script (``/api-gateway/jpaas-publish-server/front/page/build/
unit?…``); each answer is ``{"success": true, "data": {"html": "<li>…"}}`` for one ``pageNo``.
The page count is not stated: the next page is asked for while a page still has rows.
Articles live at ``/col/col{COL}/art/YYYY/art_<32 hex>.html``.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

from gxcrawl.portals.base import Family, FollowUp, Link, Page, query_fields, with_query_value
from gxcrawl.portals.hanweb import is_download

UNIT_API = "/api-gateway/jpaas-publish-server/front/page/build/unit"
UNIT_API_URL = re.compile(re.escape(UNIT_API) + r"\?[^\"'<>\s]*")


class JpaasFamily(Family):
    name = "jpaas"
    article_url = re.compile(r"/col/col\d+/art/\d{4}/art_[0-9a-f]{32}\.html$")
    title_css = ('meta[name="ArticleTitle"]::attr(content)', ".article-title ::text", "h1 ::text", "title::text")

    @classmethod
    def matches(cls, page: Page) -> bool:
        # Its unit API or article shape, not any jpaas script: JCMS pages load jpaas search scripts too.
        return UNIT_API in page.text or UNIT_API in page.url or bool(cls.article_url.search(urlsplit(page.url).path))

    def is_attachment(self, url: str) -> bool:
        return is_download(url) or super().is_attachment(url)  # JCMS's download module

    def list_links(self, page: Page) -> list[Link]:
        if UNIT_API not in page.url:
            return super().list_links(page)
        return super().list_links(Page(page.url, _unit_html(page)))

    def next_pages(self, page: Page) -> list[FollowUp]:
        if UNIT_API in page.url:
            if not self.list_links(page):
                return []
            return [FollowUp(with_query_value(page.url, "pageNo", str(_page_number(page.url) + 1)))]
        if match := UNIT_API_URL.search(page.text):
            return [FollowUp(with_query_value(page.urljoin(unescape(match[0])), "pageNo", "1"))]
        return []


def _unit_html(page: Page) -> str:
    answer = page.json_data
    data = answer.get("data") if isinstance(answer, dict) and answer.get("success") else None
    html = data.get("html") if isinstance(data, dict) else None
    return html if isinstance(html, str) else ""


def _page_number(url: str) -> int:
    number = query_fields(url).get("pageNo", "1")
    return int(number) if number.isdigit() else 1
