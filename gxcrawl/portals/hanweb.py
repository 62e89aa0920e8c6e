"""Hanweb JCMS columns: records in a ``<datastore>`` script, more from ``dataproxy.jsp``.

The column's script posts its ``param_…`` object to ``dataproxy.jsp``; pages without one carry the
same fields in the query of their ``<nextgroup>`` link, fetched by GET. Either way the groups
follow the records the page embeds, and adjacent groups may overlap by one record (the crawl's
duplicate filter drops the repeat).
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

from gxcrawl.portals.base import Family, FollowUp, Link, Page

RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
TOTAL = re.compile(r"totalRecord\s*[:=]\s*['\"]?(\d+)|<totalrecord>(\d+)</totalrecord>", re.I)
PER_PAGE = re.compile(r"perPage\s*[:=]\s*['\"]?(\d+)", re.I)
PARAM = re.compile(r"(param_\w+)\s*=\s*\{(.*?)\}", re.S)
PARAM_USED = re.compile(r"\.jpage\s*\(\s*\{[^}]*?\bparam\s*:\s*(param_\w+)", re.S)  # the list's own, among a page's units
PARAM_FIELD = re.compile(r"(\w+)\s*:\s*(?:'([^']*)'|\"([^\"]*)\"|([\w./-]+))")
DATAPROXY = "/module/web/jpage/dataproxy.jsp"
DATAPROXY_LINK = re.compile(re.escape(DATAPROXY) + r"\?([^\"'<>\s]*columnid=[^\"'<>\s]*)")
GROUP_FIELDS = ("startrecord", "endrecord", "perpage")


class HanwebFamily(Family):
    name = "hanweb"
    article_url = re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$")
    title_css = ('meta[name="ArticleTitle"]::attr(content)', ".sp_title ::text", "title::text")
    metadata_css = ("table.xxgk_table",)
    generator_marks = ("hanweb",)

    @classmethod
    def matches(cls, page: Page) -> bool:
        path = urlsplit(page.url).path
        return "<datastore>" in page.text or bool(re.search(r"/col/col\d+/index\.html$", path) or cls.article_url.search(path))

    def list_links(self, page: Page) -> list[Link]:
        records = RECORD.findall(page.text)
        if not records:
            return super().list_links(page)
        return super().list_links(Page(page.url, "<ul>" + "".join(records) + "</ul>"))

    def next_pages(self, page: Page) -> list[FollowUp]:
        """The dataproxy groups after the records the column page embeds."""
        total = TOTAL.search(page.text)
        embedded = len(RECORD.findall(page.text))
        if not (total and embedded) or urlsplit(page.url).path.endswith("dataproxy.jsp"):
            return []
        per_page = PER_PAGE.search(page.text)
        groups = [
            {"startrecord": start, "endrecord": start + embedded - 1, "perpage": per_page[1] if per_page else embedded}
            for start in range(embedded + 1, int(total[1] or total[2]) + 1, embedded)
        ]
        params = dict(PARAM.findall(page.text))
        used = PARAM_USED.search(page.text)
        if param := params.get(used[1]) if used else next(iter(params.values()), None):
            fields = {m[1]: m[2] or m[3] or m[4] for m in PARAM_FIELD.finditer(param)}
            return [FollowUp(page.urljoin(f"{DATAPROXY}?{urlencode(group)}"), "POST", fields) for group in groups]
        if link := DATAPROXY_LINK.search(page.text):
            fields = [(k, v) for k, v in parse_qsl(unescape(link[1])) if k not in GROUP_FIELDS]
            return [FollowUp(page.urljoin(f"{DATAPROXY}?{urlencode([*fields, *group.items()])}")) for group in groups]
        return []

    def is_attachment(self, url: str) -> bool:
        return is_download(url) or super().is_attachment(url)


def is_download(url: str) -> bool:
    """A file of Hanweb's download module, named only by its parameters or a number."""
    path = urlsplit(url).path
    return path.endswith("downfile.jsp") or "/attach/" in path
