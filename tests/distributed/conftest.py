"""A real redis-server on 127.0.0.1 for distributed crawls, started and stopped by the tests."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis

from tests.conftest import free_port


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (scripts/test.sh installs it: apt-get install redis-server)")
    for _ in range(5):  # a port found free can be taken before redis-server binds it (parallel test runs)
        process, url = _start(server, tmp_path)
        if process is not None:
            break
    else:
        pytest.fail("redis-server did not start on a free port in 5 tries")
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _start(server: str, folder) -> tuple[subprocess.Popen | None, str]:
    """A redis-server of our own on a free port: the one answering must be the one we started."""
    port = free_port()
    process = subprocess.Popen(
        [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    with redis.Redis.from_url(url) as client:
        end = time.monotonic() + 10
        while process.poll() is None and time.monotonic() < end:
            try:
                if client.info("server")["process_id"] == process.pid:
                    return process, url
                break  # someone else's server on that port
            except redis.ConnectionError:
                time.sleep(0.05)
    process.kill()
    process.wait(timeout=10)
    return None, url
