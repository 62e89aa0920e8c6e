"""Resume after a crawl was killed (SIGKILL, power cut), not paused.

Scrapy's ``JOBDIR`` is made for pauses: after a kill its request queue index is stale and its
``requests.seen`` may list requests that were never processed, which would be skipped for good.
When the state store shows the previous run did not finish, those two are set aside; the crawl
then re-reads the portal's pages, and the state store keeps known reports from being downloaded
or emitted again, so the cost of the kill is a re-crawl of HTML pages, not lost reports.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy.exceptions import NotConfigured

from gxcrawl.dedup.store import open_state

logger = logging.getLogger(__name__)


class KilledJobRecovery:
    @classmethod
    def from_crawler(cls, crawler: Any) -> KilledJobRecovery:
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir:
            raise NotConfigured
        if open_state(crawler).unfinished_runs(current=""):
            cls.set_aside(Path(jobdir))
        raise NotConfigured  # nothing to do while the crawl runs

    @staticmethod
    def set_aside(jobdir: Path) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        for name in ("requests.queue", "requests.seen"):
            if (jobdir / name).exists():
                (jobdir / name).rename(jobdir / f"{name}.killed-{stamp}")
        logger.warning(
            "The last crawl with JOBDIR %s was killed, not paused: its request queue was set aside and "
            "the portal's pages will be read again; known reports are not downloaded or emitted twice.",
            jobdir,
        )
