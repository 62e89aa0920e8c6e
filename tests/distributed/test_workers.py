"""Several workers on one Redis crawl one portal as one: the union of their reports, each once."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from gxcrawl.demo import DemoServer
from gxcrawl.demo import catalog
from gxcrawl.demo.site import DemoSite
from tests.conftest import CRAWL, CRAWL_ENV, ROOT

# Large enough (about 215 pages, 0.05 s each) that an idle worker finds requests on the shared
# queue before the first is done: Scrapy looks for work every 5 s when it has none.
COUNTIES = 200
DELAY = 0.05
# Close a worker 3 s after its last response once nothing is left; declare it dead 1.5 s after its last beat.
WORKER = ["-s", "MAX_IDLE_TIME_BEFORE_CLOSE=3", "-s", "GXCRAWL_HEARTBEAT=0.5", "-s", "HTTPCACHE_ENABLED=False",
          "-s", "LOG_FILE=worker.log"]


def expected_reports(counties: int) -> set[str]:
    return {article.index_no for article in catalog.reports(counties)}  # "": the report without a 索引号


def start_worker(workdir: Path, redis_url: str) -> subprocess.Popen:
    workdir.mkdir()
    return subprocess.Popen([*CRAWL, "-s", f"REDIS_URL={redis_url}", *WORKER], cwd=workdir, env=CRAWL_ENV)


def cluster(redis_url: str, *args: str, check: bool = True) -> str:
    """``scrapy cluster ARGS``: its output, or with ``check=False`` its error output."""
    result = subprocess.run([*CRAWL[:3], "cluster", *args, "-s", f"REDIS_URL={redis_url}"], cwd=ROOT, env=CRAWL_ENV,
                            capture_output=True, text=True, timeout=60, check=check)
    return result.stdout if check else result.stderr


def results(redis_url: str) -> list[dict]:
    with redis.Redis.from_url(redis_url) as client:
        return [json.loads(line) for line in client.lrange("reports:items", 0, -1)]


def stats(workdir: Path) -> dict:
    return json.loads((workdir / "output" / "stats.json").read_text("utf-8"))


def reports_found(workdir: Path) -> int:
    log = workdir / "worker.log"
    return log.read_text("utf-8").count("Report found") if log.exists() else 0


@contextmanager
def workers(redis_url: str, *folders: Path) -> Iterator[list[subprocess.Popen]]:
    """Worker processes, killed on the way out whatever happened."""
    processes = []
    try:
        for folder in folders:
            processes.append(start_worker(folder, redis_url))
        yield processes
    finally:
        for process in processes:
            process.kill()
            process.wait(timeout=30)


def finish(*processes: subprocess.Popen) -> None:
    for process in processes:
        assert process.wait(timeout=180) == 0


def left_behind(redis_url: str) -> tuple[set[bytes], int]:
    """Workers still registered, and requests still noted in flight."""
    with redis.Redis.from_url(redis_url) as client:
        return client.smembers("gxcrawl:workers"), sum(client.hlen(key) for key in client.keys("gxcrawl:inflight:*"))


def test_two_workers_emit_the_portals_reports_once_between_them(tmp_path, redis_url):
    folders = [tmp_path / f"worker{n}" for n in (1, 2)]
    with DemoServer(site=DemoSite(counties=COUNTIES), delay=DELAY) as server, workers(redis_url, *folders) as both:
        assert "queued 1 start URL" in cluster(redis_url, "seed", server.url)
        finish(*both)
    assert left_behind(redis_url) == (set(), 0)  # a worker that finished leaves nothing in hand
    assert all("stopped without finishing" not in (folder / "worker.log").read_text("utf-8") for folder in folders)
    index_numbers = [item["index_no"] or "" for item in results(redis_url)]
    assert sorted(index_numbers) == sorted(expected_reports(COUNTIES))
    # Both took pages off the shared queue; the local feeds together hold the same reports.
    worker_stats = [stats(tmp_path / f"worker{n}") for n in (1, 2)]
    assert all(s["downloader/response_count"] > 1 for s in worker_stats)
    feeds = [line for n in (1, 2) for line in (tmp_path / f"worker{n}" / "output" / "reports.jsonl").read_text("utf-8").splitlines()]
    assert sorted(json.loads(line)["index_no"] or "" for line in feeds) == sorted(index_numbers)
    assert sum(s.get("gxcrawl/dedup/merged_in_run", 0) for s in worker_stats) == 1  # the republished report
    exported = tmp_path / "reports.jsonl"
    assert f"wrote {len(index_numbers)} report(s)" in cluster(redis_url, "export", str(exported))
    assert [json.loads(line)["index_no"] or "" for line in exported.read_text("utf-8").splitlines()] == index_numbers


def test_a_worker_killed_mid_crawl_loses_nothing(tmp_path, redis_url):
    folders = [tmp_path / "doomed", tmp_path / "survivor"]
    with DemoServer(site=DemoSite(counties=COUNTIES), delay=DELAY) as server, workers(redis_url, *folders) as pair:
        doomed, survivor = pair
        cluster(redis_url, "seed", server.url)
        end = time.monotonic() + 120
        while reports_found(tmp_path / "doomed") < 20:
            assert doomed.poll() is None and time.monotonic() < end, "the worker never got going"
            time.sleep(0.05)
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(timeout=30)
        finish(survivor)
    index_numbers = [item["index_no"] or "" for item in results(redis_url)]
    assert sorted(index_numbers) == sorted(expected_reports(COUNTIES))
    assert stats(tmp_path / "survivor")["gxcrawl/distributed/requests_recovered"] >= 1
    assert "stopped without finishing" in (tmp_path / "survivor" / "worker.log").read_text("utf-8")
    assert left_behind(redis_url) == (set(), 0)


def test_bad_start_urls_in_redis_are_refused_and_the_worker_goes_on(tmp_path, redis_url):
    with DemoServer() as server, workers(redis_url, tmp_path / "worker") as [worker]:
        with redis.Redis.from_url(redis_url) as client:
            client.rpush("reports:start_urls", b"{not json", b'{"href": "http://x/"}', b'{"url": 5}', b"\xff\xfe",
                         b"ftp://127.0.0.1/", json.dumps({"url": server.url}))
        finish(worker)
    log = (tmp_path / "worker" / "worker.log").read_text("utf-8")
    assert log.count("Ignoring start URL from Redis") == 5
    assert len(results(redis_url)) == len(expected_reports(0))


def test_cluster_flush_all_forgets_queued_urls_and_results(redis_url):
    cluster(redis_url, "seed", "http://127.0.0.1:9/a", "http://127.0.0.1:9/b")
    with redis.Redis.from_url(redis_url) as client:
        client.rpush("reports:items", "{}")
        client.hset("gxcrawl:reports", "index:1", "{}")
    assert "start URLs waiting: 2" in cluster(redis_url, "status")
    cluster(redis_url, "flush", "--all")
    status = cluster(redis_url, "status")
    assert "start URLs waiting: 0" in status and "reports emitted:    0" in status and "(reports:items): 0" in status


def test_cluster_seed_refuses_what_is_not_an_http_url(redis_url):
    assert "'file:///etc/passwd' is not an http(s) URL" in cluster(redis_url, "seed", "file:///etc/passwd", check=False)
    assert "start URLs waiting: 0" in cluster(redis_url, "status")
