"""Serve the demo portal over real HTTP on 127.0.0.1, in a background thread or in the foreground."""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import threading
import time
from collections import deque
from typing import Any, NamedTuple
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from gxcrawl.demo.site import DemoSite

logger = logging.getLogger(__name__)
HOST = "127.0.0.1"  # the demo never listens beyond this machine


class Hit(NamedTuple):
    method: str
    path: str  # with its query
    user_agent: str
    at: float  # time.monotonic()


class DemoServer:
    """``with DemoServer() as server: server.url`` - a free port unless one is given.

    ``delay`` seconds pass before each answer, as on a real portal far away: it makes crawls long
    enough to stop half-way, and shows what concurrency and more workers buy."""

    def __init__(self, port: int = 0, site: DemoSite | None = None, delay: float = 0.0) -> None:
        self.site = site or DemoSite()
        # The access log, the latest requests only: the demo may serve for days.
        self.requests: deque[Hit] = deque(maxlen=100_000)
        self.httpd = _Server((HOST, port), _handler_for(self.site, delay, self.requests))
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.httpd.server_address[1]}/"

    def start(self) -> DemoServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="gxcrawl-demo", daemon=True)
        self._thread.start()
        logger.info("Demo portal serving at %s", self.url)
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread:
            self._thread.join()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's backlog of 5 drops connections a busy crawl opens at once (16 and more): a
    # real portal's server queues them.
    request_queue_size = 128

    def handle_error(self, request: object, client_address: object) -> None:
        # A crawler that gave up on a slow page hangs up: routine for a portal, not a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError):
            logger.debug("client %s hung up", client_address)
        else:
            super().handle_error(request, client_address)


def _handler_for(site: DemoSite, delay: float, requests: deque[Hit]) -> type[BaseHTTPRequestHandler]:
    # Like Apache serving a static CMS export: validators on every page, 304 when they still match.
    published = time.time()

    class Handler(BaseHTTPRequestHandler):
        server_version = "Apache"  # what portals answer; keeps Python's banner out of the demo
        sys_version = ""

        def do_GET(self) -> None:
            self._respond({})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            if not self.headers.get("Content-Type", "").startswith("application/json"):
                self._respond(dict(parse_qsl(body)))
                return
            try:
                query = json.loads(body)
            except ValueError:
                query = None
            self._respond(query if isinstance(query, dict) else {})  # a search API answers a bad query itself

        def _respond(self, form: dict[str, Any]) -> None:
            requests.append(Hit(self.command, self.path, self.headers.get("User-Agent", ""), time.monotonic()))
            time.sleep(delay)
            url = urlsplit(self.path)
            params = dict(parse_qsl(url.query)) | form
            resource = site.respond(url.path, params)
            if resource.misbehaviour and resource.misbehaviour.act(self):
                return
            etag = '"' + hashlib.sha1(resource.body).hexdigest()[:20] + '"'
            if resource.status == 200 and self._not_modified(etag):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(resource.status)
            if resource.status == 200:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", formatdate(published, usegmt=True))
            if resource.content_type is not None:
                self.send_header("Content-Type", resource.content_type)
            self.send_header("Content-Length", str(len(resource.body)))
            for name, value in resource.headers.items():
                if isinstance(value, bytes):  # raw bytes, as portals send GBK file names
                    self._headers_buffer.append(name.encode("latin-1") + b": " + value + b"\r\n")
                else:
                    self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(resource.body)

        def _not_modified(self, etag: str) -> bool:
            if match := self.headers.get("If-None-Match"):  # takes precedence over the date (RFC 9110)
                return etag in [tag.strip() for tag in match.split(",")]
            try:
                return parsedate_to_datetime(self.headers.get("If-Modified-Since", "")).timestamp() >= int(published)
            except (TypeError, ValueError):
                return False

        do_HEAD = do_GET

        def log_message(self, format: str, *args: object) -> None:
            logger.debug("%s - %s", self.address_string(), format % args)

    return Handler
