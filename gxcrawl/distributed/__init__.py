"""Distributed crawling on scrapy-redis, switched on by the ``REDIS_URL`` setting.

scrapy-redis gives the shared scheduler queue, request dupefilter and start-URL queue. gxcrawl adds
the report state store in the same Redis (:mod:`.store`) and worker liveness (:mod:`.worker`): a
worker that dies loses nothing, its in-flight requests and held reports pass to the living.
"""

from __future__ import annotations

from typing import Any

IN_FLIGHT = "gxcrawl.distributed.worker.InFlightRequests"


def distributed_settings(settings: Any) -> dict[str, Any]:
    """What ``REDIS_URL`` turns on; anything the user set explicitly still wins."""
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,  # a worker restart resumes the shared queue
        # Added to the project's components, not in their place.
        # First: a request is noted before robots.txt or anything else can hold it.
        "DOWNLOADER_MIDDLEWARES": settings.getdict("DOWNLOADER_MIDDLEWARES") | {IN_FLIGHT: 10},
        # Outermost: a request is done when every request and item of its callback is handed on.
        "SPIDER_MIDDLEWARES": settings.getdict("SPIDER_MIDDLEWARES") | {IN_FLIGHT: 0},
        "EXTENSIONS": settings.getdict("EXTENSIONS") | {"gxcrawl.distributed.worker.Worker": 10},
        # One result set for the whole crawl: every emitted report is also pushed here (JSON).
        "GXCRAWL_REDIS_ITEMS_KEY": settings.get("GXCRAWL_REDIS_ITEMS_KEY") or "reports:items",
    }
