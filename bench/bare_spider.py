"""The bare spider of ``bench/crawl_bench.py``: the demo portal's report pages, plain Scrapy only.

    scrapy runspider bench/bare_spider.py -a start_url=http://127.0.0.1:PORT/

It follows the links ``scrapy crawl reports`` follows (home → report columns → list pages → report
pages) with ``response.css`` and nothing else: no portal families, no classifier, no items, no
dedup. What it needs to know of the demo portal is written here in a few selectors: the columns
are the links saying 年报, a TRS list shows its rows in ``ul.list_ul`` and its page count in the
``createPageHTML(count, …)`` call, a Hanweb column embeds its first rows in a ``<script
type="text/xml">``. It does not POST for Hanweb's further groups (``dataproxy.jsp``): two pages of
the portal's thousands.
"""

from __future__ import annotations

from typing import Any, AsyncIterator

import scrapy
from parsel import Selector
from scrapy.http import Response


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, start_url: str = "http://127.0.0.1:8080/", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_url = start_url

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(self.start_url, self.parse_home, dont_filter=True)

    def parse_home(self, response: Response) -> Any:
        for anchor in response.css("a[href]"):
            if "年报" in "".join(anchor.css("::text").getall()):
                yield response.follow(anchor, self.parse_list)

    def parse_list(self, response: Response) -> Any:
        rows = response.css("ul.list_ul a")
        for script in response.css('script[type="text/xml"]::text').getall():  # Hanweb's embedded rows
            rows.extend(Selector(text=script).css("a"))
        for row in rows:
            if "年度报告" in (row.attrib.get("title") or "".join(row.css("::text").getall())):
                yield response.follow(row.attrib["href"], self.parse_report)
        count = response.css("div.page script::text").re_first(r"createPageHTML\((\d+),\s*0,")
        for number in range(1, int(count or 0)):
            yield response.follow(f"index_{number}.html", self.parse_list)

    def parse_report(self, response: Response) -> Any:
        response.css("title::text").get()  # parse the page, the least any spider reading it does
