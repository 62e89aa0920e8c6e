from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Crawl:
    workdir: Path
    result: subprocess.CompletedProcess

    def items(self, feed: str = "output/reports.jsonl") -> list[dict]:
        return [json.loads(line) for line in (self.workdir / feed).read_text("utf-8").splitlines()]

    @property
    def log(self) -> str:
        return self.result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


CRAWL = [sys.executable, "-m", "scrapy", "crawl", "reports"]
CRAWL_ENV = os.environ | {"SCRAPY_SETTINGS_MODULE": "gxcrawl.settings", "PYTHONPATH": str(ROOT)}


def run_crawl(workdir: Path, *args: str, check: bool = True) -> Crawl:
    """``scrapy crawl reports ARGS`` as a user runs it, with the project's settings, in ``workdir``."""
    result = subprocess.run([*CRAWL, *args], cwd=workdir, env=CRAWL_ENV, capture_output=True, text=True, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"crawl failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return Crawl(workdir, result)


@pytest.fixture(scope="session")
def demo_crawl(tmp_path_factory) -> Crawl:
    """One crawl of the demo portal, shared by the tests that only read its results."""
    return run_crawl(tmp_path_factory.mktemp("demo-crawl"), "-a", "portal=demo")


def wait_for(condition: Callable[[], bool], process: subprocess.Popen, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, "the crawl ended before the point it was to be stopped at"
        assert time.monotonic() < end, "the crawl never reached the point it was to be stopped at"
        time.sleep(0.05)


def reports_found(workdir: Path) -> int:
    log = workdir / "crawl.log"
    return log.read_text("utf-8").count("Report found") if log.exists() else 0


def reports_recorded(workdir: Path) -> int:
    try:
        with sqlite3.connect(workdir / "output" / "state.sqlite") as db:
            return db.execute("SELECT count(*) FROM reports").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
