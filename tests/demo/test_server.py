"""The standalone demo portal: ``python -m gxcrawl.demo --port N`` serves until stopped."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request

from gxcrawl.demo import DemoServer
from tests.conftest import ROOT, free_port


def wait_for(url: str, deadline: float = 30) -> bytes:
    end = time.monotonic() + deadline
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            if time.monotonic() > end:
                raise
            time.sleep(0.1)


def test_standalone_portal_serves_until_sigterm():
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "gxcrawl.demo", "--port", str(port)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        home = wait_for(f"http://127.0.0.1:{port}/").decode("utf-8")
        assert "政府信息公开年报" in home
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        assert f"http://127.0.0.1:{port}/" in process.stdout.read()
    finally:
        process.kill()


def test_port_in_use_is_a_clear_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "gxcrawl.demo", "--port", str(port)], cwd=ROOT,
                                capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


def test_scrapy_demo_command_serves_the_portal():
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "scrapy", "demo", "--port", str(port)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "createPageHTML" in wait_for(f"http://127.0.0.1:{port}/zwgk/zfxxgknb/").decode("gbk")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_delay_holds_every_answer_back():
    with DemoServer(delay=0.3) as server:
        start = time.monotonic()
        wait_for(server.url)
        assert time.monotonic() - start >= 0.3
