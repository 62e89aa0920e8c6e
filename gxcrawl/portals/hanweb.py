"""Hanweb JCMS columns: records in a ``<datastore>`` script, more from ``dataproxy.jsp``."""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

from gxcrawl.portals.base import Family, FollowUp, Link, Page

RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
TOTAL = re.compile(r"totalRecord\s*[:=]\s*['\"]?(\d+)", re.I)
PER_PAGE = re.compile(r"perPage\s*[:=]\s*['\"]?(\d+)", re.I)
PARAM = re.compile(r"param_\w+\s*=\s*\{(.*?)\}", re.S)
PARAM_FIELD = re.compile(r"(\w+)\s*:\s*(?:'([^']*)'|\"([^\"]*)\"|([\w./-]+))")
DATAPROXY = "/module/web/jpage/dataproxy.jsp"


class HanwebFamily(Family):
    name = "hanweb"
    article_url = re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$")
    title_css = ('meta[name="ArticleTitle"]::attr(content)', ".sp_title ::text", "title::text")
    metadata_css = ("table.xxgk_table",)

    @classmethod
    def matches(cls, page: Page) -> bool:
        path = urlsplit(page.url).path
        return "<datastore>" in page.text or bool(re.search(r"/col/col\d+/", path) or cls.article_url.search(path))

    def list_links(self, page: Page) -> list[Link]:
        records = RECORD.findall(page.text)
        if not records:
            return super().list_links(page)
        return super().list_links(Page(page.url, "<ul>" + "".join(records) + "</ul>"))

    def next_pages(self, page: Page) -> list[FollowUp]:
        """The dataproxy groups after the records the column page embeds, POSTed with its param fields."""
        param = PARAM.search(page.text)
        total = TOTAL.search(page.text)
        embedded = len(RECORD.findall(page.text))
        if not (param and total and embedded) or urlsplit(page.url).path.endswith("dataproxy.jsp"):
            return []
        fields = {m[1]: m[2] or m[3] or m[4] for m in PARAM_FIELD.finditer(param[1])}
        per_page = PER_PAGE.search(page.text)
        pages = []
        for start in range(embedded + 1, int(total[1]) + 1, embedded):
            query = urlencode(
                {"startrecord": start, "endrecord": start + embedded - 1, "perpage": per_page[1] if per_page else embedded}
            )
            pages.append(FollowUp(page.urljoin(f"{DATAPROXY}?{query}"), "POST", fields))
        return pages

    def is_attachment(self, url: str) -> bool:
        path = urlsplit(url).path
        return path.endswith("downfile.jsp") or "/attach/" in path or super().is_attachment(url)
