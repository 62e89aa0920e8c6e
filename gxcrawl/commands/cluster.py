"""``scrapy cluster``: seed, watch, collect and flush a distributed crawl in Redis (``REDIS_URL``).

    scrapy cluster seed URL [URL ...]    queue portal URLs; any idle worker takes them
    scrapy cluster status                queues, workers, reports emitted
    scrapy cluster export FILE           the crawl's result set as JSON lines
    scrapy cluster flush [--all]         forget the queue, dupefilter and held reports (--all: the
                                         emitted reports and results too: the next crawl starts anew)
"""

from __future__ import annotations

import argparse
from pathlib import Path

import redis
from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy_redis import defaults

from gxcrawl.dedup.store import open_state
from gxcrawl.distributed import distributed_settings
from gxcrawl.distributed.store import WORKERS
from gxcrawl.spiders.reports import ReportsSpider, check_start_url


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "seed URL [URL ...] | status | export FILE | flush [--all]"

    def short_desc(self) -> str:
        return "Seed, watch, collect and flush a distributed crawl (REDIS_URL)"

    def long_desc(self) -> str:
        return __doc__ or ""

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--all", action="store_true", help="flush: the emitted reports and results too")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args or args[0] not in ("seed", "status", "export", "flush"):
            raise UsageError("say what to do: seed, status, export or flush")
        if not self.settings.get("REDIS_URL"):
            raise UsageError("set REDIS_URL (-s REDIS_URL=redis://host:6379/0) to the crawl's Redis")
        action, rest = args[0], args[1:]
        settings = self.settings.copy()
        settings.setdict(distributed_settings(settings), priority="spider")
        names = {"spider": ReportsSpider.name, "name": ReportsSpider.name}
        keys = {
            "start_urls": settings.get("REDIS_START_URLS_KEY", defaults.START_URLS_KEY) % names,
            "requests": settings.get("SCHEDULER_QUEUE_KEY", defaults.SCHEDULER_QUEUE_KEY) % names,
            "dupefilter": settings.get("SCHEDULER_DUPEFILTER_KEY", defaults.SCHEDULER_DUPEFILTER_KEY) % names,
        }
        keys["items"] = settings["GXCRAWL_REDIS_ITEMS_KEY"]
        store = open_state(_Holder(settings))
        try:
            getattr(self, f"_{action}")(store, keys, rest, opts)
        except redis.ConnectionError as error:
            raise UsageError(f"cannot reach Redis at {settings['REDIS_URL']}: {error}") from error
        finally:
            store.close()

    def _seed(self, store, keys: dict[str, str], urls: list[str], opts: argparse.Namespace) -> None:
        if not urls:
            raise UsageError("seed: give one or more portal URLs")
        for url in urls:
            try:
                check_start_url(url)
            except ValueError as error:
                raise UsageError(str(error)) from error
        store.redis.rpush(keys["start_urls"], *urls)
        print(f"queued {len(urls)} start URL(s) on {keys['start_urls']}")

    def _status(self, store, keys: dict[str, str], rest: list[str], opts: argparse.Namespace) -> None:
        r = store.redis
        workers = sorted(raw.decode() for raw in r.smembers(WORKERS))
        alive = [worker for worker in workers if r.exists(store.alive_prefix + worker)]
        print(f"start URLs waiting: {r.llen(keys['start_urls'])}")
        queued = r.zcard if r.type(keys["requests"]) == b"zset" else r.llen  # priority queue, or FIFO/LIFO
        print(f"requests queued:    {queued(keys['requests'])}")
        print(f"requests seen:      {r.scard(keys['dupefilter'])}")
        print(f"workers alive:      {len(alive)} {' '.join(alive)}")
        print(f"reports held:       {r.hlen(store.keys['candidates'])}")
        print(f"reports emitted:    {r.hlen(store.keys['reports'])}")
        print(f"results ({keys['items']}): {r.llen(keys['items'])}")

    def _export(self, store, keys: dict[str, str], rest: list[str], opts: argparse.Namespace) -> None:
        if len(rest) != 1:
            raise UsageError("export: give one output file (JSON lines)")
        lines = store.redis.lrange(keys["items"], 0, -1)
        path = Path(rest[0])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"".join(line + b"\n" for line in lines))
        print(f"wrote {len(lines)} report(s) to {path}")

    def _flush(self, store, keys: dict[str, str], rest: list[str], opts: argparse.Namespace) -> None:
        store.redis.delete(keys["requests"], keys["dupefilter"], keys["start_urls"])
        store.flush(everything=opts.all)
        print("flushed the queue, the dupefilter and held reports" + (", emitted reports and results" if opts.all else ""))


class _Holder:
    """What :func:`open_state` needs of a crawler: its settings (a command has no crawl)."""

    def __init__(self, settings) -> None:
        self.settings = settings

