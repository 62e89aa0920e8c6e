"""DedupMiddleware's fingerprint: the page's article text, read once for the extract pipeline too."""

from __future__ import annotations

import pickle

from scrapy.utils.test import get_crawler

from gxcrawl.dedup.middleware import DedupMiddleware
from gxcrawl.dedup.store import StateStore
from gxcrawl.items import ReportItem

ARTICLE = "<div id='zoom'><p>本报告由某局编制。</p><table><tr><td>主动公开</td><td>480</td></tr></table></div>"


def offer(store: StateStore, url: str, html: str) -> ReportItem:
    """Offer a report page to the middleware; the record it holds, as the spider's idle releases it."""
    crawler = get_crawler()
    crawler.stats.open_spider()
    item = ReportItem(url=url, title="t", portal="x", crawled_at="now", index_no="A/1", page_body=html.encode(),
                      page_headers={"Content-Type": "text/html; charset=utf-8"})
    DedupMiddleware(store, crawler)._offer(item)
    return pickle.loads(store.candidate("index:A/1").item)


def test_a_held_report_carries_its_page_as_extracted_for_the_extract_pipeline(tmp_path):
    held = offer(StateStore(tmp_path / "state.sqlite"), "http://x/1.html", f"<html><body>{ARTICLE}</body></html>")
    assert held.page_document.text() == "本报告由某局编制。\n主动公开\t480"


def test_the_same_article_in_other_markup_has_the_same_fingerprint(tmp_path):
    plain = offer(StateStore(tmp_path / "1.sqlite"), "http://x/zwgk/1.html", f"<html><body>{ARTICLE}</body></html>")
    dressed = offer(StateStore(tmp_path / "2.sqlite"), "http://x/art/1.html",
                    f"<html><head><script>var t=1;</script></head><body><nav>首页</nav>{ARTICLE}<footer>版权</footer></body></html>")
    assert plain.fingerprint == dressed.fingerprint
