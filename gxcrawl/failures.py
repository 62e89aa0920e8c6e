"""Why a request failed, as a stat code and a line a user can act on.

Scrapy hands a spider's errback a Failure of one of many exception types, from the downloader, its
middlewares or the spider middlewares; this names them in one vocabulary (``gxcrawl/failed/<code>``).
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure


class Blocked(IgnoreRequest):
    """The site answered with an anti-bot challenge (see :mod:`gxcrawl.middlewares`)."""


class RedirectLoop(IgnoreRequest):
    """The page keeps redirecting to itself (see :mod:`gxcrawl.middlewares`)."""


@dataclass(frozen=True)
class Reason:
    code: str
    detail: str
    expected: bool = False  # the crawl's own choice (robots.txt), not a fault of the site


def failure_reason(failure: Failure) -> Reason:
    error = failure.value
    if isinstance(error, HttpError):
        status = error.response.status
        return Reason(f"http_{status}", f"HTTP {status}, after retries where the status is worth retrying")
    if isinstance(error, Blocked):
        return Reason("blocked_by_challenge", str(error))
    if isinstance(error, RedirectLoop):
        return Reason("redirect_loop", str(error))
    if isinstance(error, IgnoreRequest):
        message = str(error)
        if "robots.txt" in message:
            return Reason("forbidden_by_robots", "robots.txt disallows it", expected=True)
        if "redirections" in message:  # Scrapy's RedirectMiddleware, past REDIRECT_MAX_TIMES
            return Reason("redirect_loop", "too many redirects (REDIRECT_MAX_TIMES): a redirect loop?")
        return Reason("ignored", message or type(error).__name__)
    if isinstance(error, DownloadCancelledError) and "max size" in str(error):
        return Reason("oversized_file", f"larger than DOWNLOAD_MAXSIZE ({_first_line(error)})")
    if isinstance(error, (DownloadTimeoutError, DownloadCancelledError)):
        return Reason("timeout", "no complete answer within DOWNLOAD_TIMEOUT, after retries")
    if isinstance(error, (DownloadFailedError, ResponseDataLossError)):
        return Reason("connection_lost", "the connection broke before a complete answer, after retries")
    if isinstance(error, CannotResolveHostError):
        return Reason("dns", "the host name does not resolve")
    if isinstance(error, DownloadConnectionRefusedError):
        return Reason("connection_refused", "the server refuses connections, after retries")
    return Reason("error", f"{type(error).__name__}: {_first_line(error)}")


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
