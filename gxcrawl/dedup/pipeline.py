"""Record each emitted report in the state store, so later runs know it.

It owns the store's life: opening it (shared with the middleware through the crawler), marking the
run, and after a killed run, forgetting reports the run recorded but never wrote to the default feed.
"""

from __future__ import annotations

import json
import logging
import uuid
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.serialize import ScrapyJSONEncoder

from gxcrawl.dedup.store import StateStore, open_state
from gxcrawl.items import FEED_FIELDS

logger = logging.getLogger(__name__)


class DedupPipeline:
    def __init__(self, store: StateStore, crawler: Any) -> None:
        self.store = store
        self.crawler = crawler
        self.run_id = uuid.uuid4().hex

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupPipeline:
        pipeline = cls(open_state(crawler), crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        pipeline.recover(crawler.settings.getdict("FEEDS"))
        pipeline.store.start_run(pipeline.run_id)
        return pipeline

    def recover(self, feeds: dict) -> None:
        """After a run that was killed, align the store with what its jsonlines feeds really hold."""
        unfinished = self.store.unfinished_runs(self.run_id)
        if not unfinished:
            return
        emitted: set[str] = set()
        for path, options in feeds.items():
            if options.get("format") == "jsonlines" and Path(path).is_file():
                emitted |= _urls_in_feed(Path(path))
        for run_id in unfinished:
            lost = self.store.forget_unconfirmed(run_id, emitted)
            logger.warning("An earlier crawl was interrupted; %d report(s) it had not written out will be emitted again", lost)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        urls = [adapter["url"], *(adapter.get("also_published_at") or [])]
        exported = export_json(adapter) if self.store.publishes_items else None
        if not self.store.record(adapter["dedup_key"], adapter.get("index_no"), adapter["fingerprint"], adapter["title"],
                                 urls, self.run_id, exported):
            self.crawler.stats.inc_value("gxcrawl/distributed/claim_lost")
            raise DropItem(f"another worker took over this report while this one stalled: {adapter['url']}")
        self.crawler.stats.inc_value(f"gxcrawl/dedup/{'updated' if adapter.get('status') == 'update' else 'new'}")
        return item

    def spider_closed(self, reason: str) -> None:
        self.store.finish_run(self.run_id)
        self.store.close()


def export_json(adapter: ItemAdapter) -> str:
    """The item as a feed line: the feed fields only."""
    return json.dumps({name: adapter.get(name) for name in FEED_FIELDS}, cls=ScrapyJSONEncoder, ensure_ascii=False)


def _urls_in_feed(path: Path) -> set[str]:
    """URLs of the complete records of a jsonlines feed; a line cut by a kill is removed."""
    urls: set[str] = set()
    with path.open("rb+") as feed:
        good_end = 0
        for line in feed:
            if not line.endswith(b"\n"):
                break  # the exporter writes whole lines: one without its newline was cut
            try:
                urls.add(json.loads(line)["url"])
            except (ValueError, KeyError):
                break
            good_end += len(line)
        feed.truncate(good_end)
    return urls
