"""What the crawl benches share: the demo portal in a process of its own on 127.0.0.1, waited for."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_serving(url: str, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the demo portal did not answer at {url} within {timeout:.0f}s")


def start_demo(port: int, counties: int, delay: float, env: dict[str, str]) -> subprocess.Popen:
    """The demo portal (large mode with ``counties`` reports) in a process of its own."""
    return subprocess.Popen([sys.executable, "-m", "gxcrawl.demo", "--port", str(port), "--counties", str(counties),
                             "--delay", str(delay)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
