"""The demo portal's fault mode: what hostile portals and broken attachments do, each at its own path.

``DemoSite(faults=True)`` (``python -m gxcrawl.demo --faults``) adds, linked from the home page:

* a report column (``/zwgk/xxgknb/``) whose articles are reports with a bad attachment each (an HTML
  error page, a truncated or encrypted PDF, a DOCX zip bomb, a file over 3 MiB, a PDF with a wrong or
  missing Content-Type, hostile ``Content-Disposition`` names), reports whose page fails and then
  works (503 twice, a connection reset once, a WAF's redirect to itself setting a cookie), a missing
  and an empty attachment, and pages that never work (500, resets, answers slower
  than any sane ``DOWNLOAD_TIMEOUT``, a body that trickles forever, 412/521 JavaScript challenges, a
  redirect loop, a page robots.txt disallows); plus links a crawler must not follow (offsite,
  ``javascript:``, ``file:``);
* pagination traps: a column claiming 100 000 pages that all repeat one page (``/zwgk/gknb2019/``)
  and an endless calendar of "next day" pages (``/zwgk/ndbg/?date=…``).

The misbehaviour a page cannot express as a status and body (resets, slowness, trickling, failing a
set number of times) is a :class:`Misbehaviour` the server acts out.
"""

from __future__ import annotations

import io
import socket
import struct
import threading
import time
import zipfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable

from gxcrawl.demo.catalog import Article, Column
from gxcrawl.demo.documents import render_pdf
from gxcrawl.extract.model import Document, Paragraph, Table

FAULTS_COLUMN_PATH = "/zwgk/xxgknb/"
REPEATING_COLUMN_PATH = "/zwgk/gknb2019/"
CALENDAR_PATH = "/zwgk/ndbg/"
SLOW_SECONDS = 5.0  # past the DOWNLOAD_TIMEOUT a test sets; real portals' slowest pages look like this
OVERSIZED_BYTES = 3 * 1024 * 1024
ROBOTS_TXT = "User-agent: *\nDisallow: /zwgk/xxgknb/private/\n"
MiB = 1024 * 1024


@dataclass
class Misbehaviour:
    """What the server does instead of (or before) answering: ``act(handler)`` returns True when it
    has dealt with the request, False to let the page be served normally after all."""

    act: Callable[[Any], bool]


def reset(handler: Any) -> bool:
    """Close the connection with a TCP reset, before any byte of an answer."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.close_connection = True
    return True


def slow(handler: Any) -> bool:
    time.sleep(SLOW_SECONDS)
    return False


def trickle(handler: Any, limit: float = 120.0) -> bool:
    """Promise a large page, then send a byte every tenth of a second (for ``limit`` seconds at most)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", str(MiB))
    handler.end_headers()
    end = time.monotonic() + limit
    try:
        while time.monotonic() < end:
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.1)
    except OSError:
        pass  # the crawler gave up and hung up
    handler.close_connection = True
    return True


def redirect_to_itself(handler: Any) -> bool:
    """A redirect loop: the page sends the crawler back to itself, forever."""
    handler.send_response(302)
    handler.send_header("Location", handler.path)
    handler.send_header("Content-Length", "0")
    handler.end_headers()
    return True


def waf_cookie(handler: Any) -> bool:
    """A WAF's first answer: back to the same URL with a cookie; with the cookie, the page."""
    if "wzws_cid=" in (handler.headers.get("Cookie") or ""):
        return False
    handler.send_response(302)
    handler.send_header("Location", handler.path)
    handler.send_header("Set-Cookie", "wzws_cid=4f1c2d; Path=/; HttpOnly")
    handler.send_header("Content-Length", "0")
    handler.end_headers()
    return True


class FailFirst:
    """Fail the first ``times`` requests of a page (with ``failure``), then serve it."""

    def __init__(self, times: int, failure: Callable[[Any], bool]) -> None:
        self.left = times
        self.failure = failure
        self.lock = threading.Lock()

    def __call__(self, handler: Any) -> bool:
        with self.lock:
            failing = self.left > 0
            self.left -= failing
        return self.failure(handler) if failing else False


def status(code: int) -> Callable[[Any], bool]:
    def answer(handler: Any) -> bool:
        body = f"<html><head><title>{code}</title></head><body><h1>{code} 服务器繁忙</h1></body></html>".encode()
        handler.send_response(code)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
        return True

    return answer


# -- JavaScript challenges as 瑞数 (412) and 加速乐 (521) answer them ------------------------------------

CHALLENGES = {
    "challenge_412": (412, """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta id="9DhefwqGPrzGxEp9hPaoag" content="gxcrawl-demo" r='m'><script type="text/javascript" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=74823;$_ts.cd="qEn9rrAlqGWYcGAmE9qzcGA";</script>
<script type="text/javascript" charset="utf-8" src="/sSwp1nZ7YgXK/Kx9sCpEyc8VN.b4c45da.js" r='m'></script></head><body></body></html>"""),
    "challenge_521": (521, """<html><body><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+('r')+('a')+('n')+('c')+('e')+('_')+('s')+('=')+('1732500000.123|0|gxcrawl-demo')+(';max-age=3600;path=/');location.href=location.pathname+location.search</script></body></html>"""),
}


@dataclass(frozen=True)
class FaultArticle:
    """A report (or would-be report) of the fault column and what is wrong with it."""

    number: int
    fault: str
    attachment: str = ""  # the kind of attachment: pdf, docx, or empty for none
    found: bool = True  # the crawl finds the report (possibly with warnings)

    @property
    def article(self) -> Article:
        return Article(
            id=8000000 + self.number,
            title=f"示范省第{self.number}故障县住房和城乡建设局2020年政府信息公开工作年度报告",
            published=f"2021-01-{10 + self.number:02d}",
            agency=f"示范省第{self.number}故障县住房和城乡建设局",
            index_no=f"43980{self.number:03d}ZJ/2021-{self.number:05d}",
            category="政府信息公开年报",
            text=f"2020年，我局共主动公开政府信息{300 + self.number}条。",
            inline=not self.attachment,
        )


FAULT_ARTICLES = (
    # Reports found, each with one bad attachment: a warning on the item, the item kept.
    FaultArticle(1, "html_error_page", "pdf"),
    FaultArticle(2, "truncated_pdf", "pdf"),
    FaultArticle(3, "encrypted_pdf", "pdf"),
    FaultArticle(4, "docx_zip_bomb", "docx"),
    FaultArticle(5, "oversized", "pdf"),
    FaultArticle(6, "wrong_content_type", "pdf"),
    FaultArticle(7, "no_content_type", "pdf"),
    FaultArticle(8, "name_parent_dirs", "pdf"),
    FaultArticle(9, "name_absolute", "pdf"),
    FaultArticle(10, "name_nul", "pdf"),
    FaultArticle(11, "name_gbk_bytes", "pdf"),
    FaultArticle(23, "missing_attachment", "pdf"),
    FaultArticle(24, "empty_attachment", "pdf"),
    # Pages that fail, then work: found after retries.
    FaultArticle(12, "503_twice"),
    FaultArticle(13, "reset_once"),
    FaultArticle(22, "waf_cookie_redirect"),
    # Pages that never work: the crawl says so and goes on.
    FaultArticle(14, "500_always", found=False),
    FaultArticle(15, "reset_always", found=False),
    FaultArticle(16, "slow", found=False),
    FaultArticle(17, "trickle", found=False),
    FaultArticle(18, "challenge_412", found=False),
    FaultArticle(19, "challenge_521", found=False),
    FaultArticle(20, "redirect_loop", found=False),
    FaultArticle(21, "robots_disallowed", found=False),
)

HOSTILE_NAMES: dict[str, bytes] = {
    "name_parent_dirs": b'attachment; filename="../../../etc/cron.d/report.pdf"',
    "name_absolute": b'attachment; filename="/etc/passwd.pdf"',
    "name_nul": b'attachment; filename="report\x00.exe.pdf"',
    "name_gbk_bytes": 'attachment; filename="2020年度报告.pdf"'.encode("gbk"),
}


def fault_column() -> Column:
    return Column(family="trs", name="政府信息公开年报（县区）", per_page=30, articles=tuple(f.article for f in FAULT_ARTICLES))


def report_document(fault: FaultArticle) -> Document:
    return Document([
        Paragraph(f"{fault.article.agency}2020年政府信息公开工作年度报告"),
        Paragraph(fault.article.text),
        Table.from_rows([["指标", "单位", "数量"], ["主动公开政府信息数", "条", str(300 + fault.number)]]),
    ])


@dataclass
class FaultyFile:
    body: bytes
    content_type: str | None
    headers: dict[str, bytes] = field(default_factory=dict)


def attachment(fault: FaultArticle) -> FaultyFile | None:
    """The attachment as the faulty portal serves it; None: linked, but not there (a 404)."""
    title = fault.article.title
    if fault.fault == "missing_attachment":
        return None
    if fault.fault == "empty_attachment":
        return FaultyFile(b"", "application/pdf")
    if fault.fault == "html_error_page":
        page = "<html><head><title>系统错误</title></head><body><h2>对不起，您访问的文件不存在或已被删除！</h2></body></html>"
        return FaultyFile(page.encode("utf-8"), "text/html; charset=utf-8")
    if fault.fault == "docx_zip_bomb":
        return FaultyFile(docx_zip_bomb(256 * MiB), "application/octet-stream")
    if fault.fault == "encrypted_pdf":
        return FaultyFile(render_pdf(title, report_document(fault), password="gov2021"), "application/pdf")
    pdf = render_pdf(title, report_document(fault))
    if fault.fault == "truncated_pdf":
        return FaultyFile(pdf[: len(pdf) // 2], "application/pdf")
    if fault.fault == "oversized":
        return FaultyFile(pdf + b"\n%" + b"0" * OVERSIZED_BYTES, "application/pdf")
    if fault.fault == "wrong_content_type":
        return FaultyFile(pdf, "text/html")
    if fault.fault == "no_content_type":
        return FaultyFile(pdf, None)
    return FaultyFile(pdf, "application/octet-stream", {"Content-Disposition": HOSTILE_NAMES[fault.fault]})


def docx_zip_bomb(zeros: int, *, break_payload: bool = False) -> bytes:
    """A docx-shaped zip whose word/document.xml is ``zeros`` zero bytes, deflated to a few KB.

    With ``break_payload`` the deflated bytes are overwritten after the central directory is
    written, so only a reader that inflates the member can tell.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w") as member:
            for _ in range(zeros // MiB):
                member.write(bytes(MiB))
    data = bytearray(buffer.getvalue())
    if break_payload:
        info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
        header = info.header_offset
        start = header + 30 + int.from_bytes(data[header + 26 : header + 28], "little") + int.from_bytes(
            data[header + 28 : header + 30], "little"
        )
        data[start : start + info.compress_size] = b"\xff" * info.compress_size
    return bytes(data)


def page_misbehaviour(fault: str) -> Misbehaviour | None:
    """How the server answers the article page of a fault (None: normally)."""
    acts: dict[str, Callable[[Any], bool]] = {
        "503_twice": FailFirst(2, status(503)),
        "reset_once": FailFirst(1, reset),
        "500_always": status(500),
        "reset_always": reset,
        "slow": slow,
        "trickle": trickle,
        "redirect_loop": redirect_to_itself,
        "waf_cookie_redirect": waf_cookie,
    }
    return Misbehaviour(acts[fault]) if fault in acts else None


def calendar_page(day: date) -> str:
    """One day of an endless 'reports by date' calendar: it always links the next day."""
    following = day + timedelta(days=1)
    return (
        f'<div class="list_tit">{day.isoformat()} 年报</div><ul class="list_ul"></ul>'
        f'<div class="calendar"><a href="{CALENDAR_PATH}?date={following.isoformat()}">下一日 年报</a></div>'
    )


def trap_links() -> str:
    """Links a crawler must never follow, dressed as report links."""
    return (
        '<li><a href="http://www.example.gov.cn/zwgk/xxgknb/202101/t20210111_1.html" title="外站2020年政府信息公开工作年度报告">外站2020年政府信息公开工作年度报告</a><span>2021-01-11</span></li>\n'
        '<li><a href="javascript:void(0)" title="脚本2020年政府信息公开工作年度报告">脚本2020年政府信息公开工作年度报告</a><span>2021-01-11</span></li>\n'
        '<li><a href="file:///etc/passwd" title="本地2020年政府信息公开工作年度报告">本地2020年政府信息公开工作年度报告</a><span>2021-01-11</span></li>'
    )
