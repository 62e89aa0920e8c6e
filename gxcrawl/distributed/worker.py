"""Worker liveness: a worker that dies mid-crawl loses nothing.

scrapy-redis pops a request off the shared queue when a worker takes it; if that worker dies, the
request is gone, and the shared dupefilter keeps anyone from fetching it again. So each worker
keeps, in Redis, the requests it has taken and not yet finished (``InFlightRequests``: from the
download until the callback's output is handed on) and a heartbeat key with a short expiry
(``Worker``). Any living worker that finds a worker without a heartbeat puts that worker's
in-flight requests back on the shared queue; the dead worker's held and claimed reports are
released by the living through the state store's claims. An idle worker stays while others are
busy: their pages may still add requests to the shared queue.
"""

from __future__ import annotations

import logging
import pickle
import uuid
from typing import Any, AsyncIterator

from redis.exceptions import ResponseError
from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.request import request_from_dict
from twisted.internet import task

from gxcrawl.dedup.store import open_state
from gxcrawl.distributed.store import WORKERS, in_flight_key
from gxcrawl.signals import request_failed

logger = logging.getLogger(__name__)
IN_FLIGHT = "gxcrawl_in_flight"  # the request's entry in its worker's in-flight hash


def tracked(request: Request) -> bool:
    """Requests of the shared queue; not robots.txt, attachments or the release of held reports."""
    return request.url.startswith(("http://", "https://")) and request.callback is not NO_CALLBACK


class Worker:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.store = open_state(crawler)
        self.redis = self.store.redis
        self.interval = crawler.settings.getfloat("GXCRAWL_HEARTBEAT", 5.0)
        self.heartbeat = task.LoopingCall(self.beat)

    @classmethod
    def from_crawler(cls, crawler: Any) -> Worker:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured
        worker = cls(crawler)
        crawler.signals.connect(worker.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(worker.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(worker.spider_closed, signal=signals.spider_closed)
        return worker

    @property
    def alive_key(self) -> str:
        return self.store.alive_prefix + self.store.worker

    def spider_opened(self) -> None:
        self.heartbeat.start(self.interval, now=True)
        logger.info("Worker %s joined the crawl", self.store.worker)
        self.recover()

    def beat(self) -> None:
        # Three missed beats and the others take this worker for dead.
        self.redis.set(self.alive_key, 1, px=int(self.interval * 3000))
        self.redis.sadd(WORKERS, self.store.worker)

    def spider_idle(self) -> None:
        self.recover()
        if self.store.others_busy():
            raise DontCloseSpider

    def recover(self) -> None:
        for raw in self.redis.smembers(WORKERS):
            worker = raw.decode()
            if worker == self.store.worker or self.redis.exists(self.store.alive_prefix + worker):
                continue
            taken = f"{in_flight_key(worker)}:recovering:{self.store.worker}"
            try:
                self.redis.rename(in_flight_key(worker), taken)  # only one living worker wins the rename
            except ResponseError:
                self.redis.srem(WORKERS, worker)  # nothing was in flight, or another worker took it
                continue
            requests = self.redis.hgetall(taken)
            for data in requests.values():
                request = request_from_dict(pickle.loads(data), spider=self.crawler.spider)
                self.crawler.engine.crawl(request.replace(dont_filter=True))
            self.redis.delete(taken)
            self.redis.srem(WORKERS, worker)
            self.crawler.stats.inc_value("gxcrawl/distributed/requests_recovered", len(requests))
            logger.warning("Worker %s stopped without finishing: %d of its requests are queued again", worker, len(requests))

    def spider_closed(self, reason: str) -> None:
        if self.heartbeat.running:
            self.heartbeat.stop()
        if reason == "finished":  # nothing left in hand: leave the crawl
            self.redis.delete(in_flight_key(self.store.worker))
            self.redis.srem(WORKERS, self.store.worker)
        # Without a heartbeat, whatever this worker still had in flight passes to the others.
        self.redis.delete(self.alive_key)


class InFlightRequests:
    """The requests this worker has taken, kept in Redis until done with.

    As a downloader middleware placed first, it notes each request before anything can hold it
    (robots.txt, retries); retries and redirects carry the same entry along in ``meta``. The entry
    goes when the callback's requests and items are handed on (as a spider middleware), when the
    request fails for good (the spider's errback sends :data:`gxcrawl.signals.request_failed`), or
    when the scheduler drops it. So a worker is never seen idle while a page of its may still add
    requests, and a dead worker's unfinished requests are exactly what stays behind.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        store = open_state(crawler)
        self.redis = store.redis
        self.key = in_flight_key(store.worker)

    @classmethod
    def from_crawler(cls, crawler: Any) -> InFlightRequests:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured
        middleware = cls(crawler)
        crawler.signals.connect(middleware.done, signal=request_failed)
        crawler.signals.connect(middleware.done, signal=signals.request_dropped)
        return middleware

    def process_request(self, request: Request) -> None:
        if tracked(request):
            entry = request.meta.setdefault(IN_FLIGHT, uuid.uuid4().hex)
            self.redis.hset(self.key, entry, pickle.dumps(request.to_dict(spider=self.crawler.spider), protocol=4))

    def done(self, request: Request) -> None:
        if entry := request.meta.get(IN_FLIGHT):
            self.redis.hdel(self.key, entry)

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for output in result:
            yield output
        self.done(response.request)

    def process_spider_exception(self, response: Response, exception: Exception) -> None:
        self.done(response.request)
