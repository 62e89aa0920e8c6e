"""The page objects every portal family fills in: list links, further list pages, report pages."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

from gxcrawl.portals.metadata import iso_date, read_metadata

ATTACHMENT_URL = re.compile(r"\.(pdf|docx?|wps|xlsx?|et|ofd|zip|rar)$", re.I)
DATE = re.compile(r"(19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}日?")


@dataclass(frozen=True)
class Page:
    """A fetched page: its URL and its decoded text."""

    url: str
    text: str
    sent: dict[str, Any] | None = None  # what a POSTed page was asked with: form fields or a JSON body

    @cached_property
    def selector(self) -> Selector:
        return Selector(text=self.text, type="html")  # JSON answers too: their text is searched as HTML

    @cached_property
    def json_data(self) -> Any:
        """The page's value when it is a JSON answer (the list APIs of jpaas, gkmlpt), else None:
        read once, however many of a family's steps look at it."""
        if not self.text.lstrip().startswith(("{", "[")):
            return None
        try:
            return json.loads(self.text)
        except ValueError:
            return None

    @cached_property
    def generator(self) -> str:
        """The ``<meta name="generator">`` a CMS stamps on its pages, "" when there is none."""
        return self.selector.xpath(
            "//meta[translate(@name, 'GENRATO', 'genrato')='generator']/@content"
        ).get("").strip()

    def urljoin(self, href: str) -> str:
        """The absolute URL of a link; "" for one no URL parser accepts (``http://[x``), so it is
        never followed."""
        try:
            return urljoin(self.url, href.strip())
        except ValueError:
            return ""


@dataclass(frozen=True)
class Link:
    url: str
    title: str
    date: str = ""


@dataclass(frozen=True)
class FollowUp:
    """Another list page to fetch: further pages of a column, a site search's answers. A POST
    sends ``formdata`` as a form or ``json`` as a JSON body."""

    url: str
    method: str = "GET"
    formdata: dict[str, str] | None = None
    json: dict[str, Any] | None = None

    @property
    def identity(self) -> str:
        """What tells it from other requests to the same URL (a search's result pages): its payload."""
        payload = self.json if self.json is not None else self.formdata
        if payload is None:
            return self.url
        return f"{self.method} {self.url} {json.dumps(payload, sort_keys=True, ensure_ascii=False)}"


@dataclass
class ReportPage:
    url: str
    title: str
    metadata: dict[str, str] = field(default_factory=dict)
    attachments: list[Link] = field(default_factory=list)
    body: str | None = None  # the report's HTML when the page holds it in a script (gkmlpt), else None


class Family:
    """Defaults shared by the families; each family overrides what its markup does differently."""

    name = "generic"
    article_url: re.Pattern[str] = re.compile(r"$^")  # no article URL shape known
    title_css: tuple[str, ...] = ('meta[name="ArticleTitle"]::attr(content)', "h1 ::text", "title::text")
    metadata_css: tuple[str, ...] = ()

    # What the family's CMS writes in ``<meta name="generator">`` (lower case): read only when no
    # family's markup shows, as it needs the page parsed.
    generator_marks: tuple[str, ...] = ()

    @classmethod
    def matches(cls, page: Page) -> bool:
        return False

    def is_article(self, page: Page) -> bool:
        """Whether the page's URL has the shape of this family's articles (never a list)."""
        return bool(self.article_url.search(urlsplit(page.url).path))

    def list_links(self, page: Page) -> list[Link]:
        """Links to articles on a list page, with the title and date the list shows."""
        links = []
        for anchor in page.selector.css("a[href]"):
            url = page.urljoin(anchor.attrib["href"])
            if self.article_url.search(urlsplit(url).path):
                title = anchor.attrib.get("title") or " ".join(anchor.css("::text").getall())
                row = " ".join(anchor.xpath("ancestor::li[1]//text()").getall())
                date = DATE.search(row)
                links.append(Link(url, title.strip(), date.group(0) if date else ""))
        return links

    def next_pages(self, page: Page) -> list[FollowUp]:
        return []

    def read_report(self, page: Page) -> ReportPage:
        selector = page.selector
        title = next((t.strip() for css in self.title_css if (t := " ".join(selector.css(css).getall())).strip()), "")
        metadata = read_metadata(self._metadata_texts(selector))
        # The page's <meta> tags stand in for a metadata block that lacks the field.
        if not metadata.get("published"):
            published = iso_date(selector.css('meta[name="PubDate"]::attr(content)').get(""))
            if published:
                metadata["published"] = published
        if not metadata.get("agency") and (source := selector.css('meta[name="ContentSource"]::attr(content)').get("").strip()):
            metadata["agency"] = source
        return ReportPage(page.url, title, metadata, self.attachments(page))

    def _metadata_texts(self, selector: Selector) -> list[str]:
        for css in self.metadata_css:
            if block := selector.css(css):
                return block[0].xpath(".//text()").getall()
        # Unknown markup: the smallest block that holds the 索引号 label.
        blocks = selector.xpath(
            "//*[self::table or self::ul or self::div or self::p]"
            "[contains(translate(normalize-space(.), ' \u3000', ''), '索引号')]"
        )
        if not blocks:
            return []
        smallest = min(blocks, key=lambda block: len(block.xpath("string(.)").get()))
        return smallest.xpath(".//text()").getall()

    def attachments(self, page: Page) -> list[Link]:
        found: dict[str, Link] = {}
        for anchor in page.selector.css("a[href]"):
            url = page.urljoin(anchor.attrib["href"])
            if urlsplit(url).scheme in ("http", "https") and self.is_attachment(url) and url not in found:
                name = " ".join(anchor.css("::text").getall()).strip()
                found[url] = Link(url, query_fields(url).get("showname") or name)
        return list(found.values())

    def is_attachment(self, url: str) -> bool:
        return bool(ATTACHMENT_URL.search(urlsplit(url).path))


def query_fields(url: str) -> dict[str, str]:
    """A URL's query as name → value (blank values left out)."""
    return dict(parse_qsl(urlsplit(url).query))


def with_query_value(url: str, name: str, value: str) -> str:
    """The URL with ``name`` set to ``value`` (put last), its other parameters kept as they are."""
    parts = urlsplit(url)
    query = [(key, kept) for key, kept in parse_qsl(parts.query, keep_blank_values=True) if key != name]
    return urlunsplit(parts._replace(query=urlencode([*query, (name, value)])))
