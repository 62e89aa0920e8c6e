"""Extraction throughput: gxcrawl's extractors next to the bare library calls on the same files.

    .venv/bin/python bench/extract_bench.py [--rounds 5]

Prints PDF pages/second, DOCX and HTML documents/second, medians over rounds, and the ratio
ours/bare (1.0 = no overhead; below 1 is the price of reading order, merged cells and tables).
PDF rows also give bare pypdfium2 (its text layer, nothing else): the ceiling for our PDF path.
The corpus is generated from the seed reports: the demo's own PDF/DOCX renderings and article pages,
plus a 12-page report with two ruled tables. Last, the peak memory of reading a 200-page PDF
(and a 20-page one: reading page by page, the peak should not grow with the page count).
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import docx
import pdfplumber
import pypdfium2 as pdfium
from parsel import Selector

from gxcrawl.demo.catalog import HANWEB_COLUMN, TRS_COLUMN
from gxcrawl.demo.documents import render_docx, render_pdf
from gxcrawl.demo.site import DemoSite
from gxcrawl.extract.html import extract_html
from gxcrawl.extract.model import Document, Paragraph, Table
from gxcrawl.extract.pdf import extract_pdf
from gxcrawl.extract.text import parse_text
from gxcrawl.extract.word import extract_docx

SENTENCE = "本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，主动回应社会关切。"
# The two tables of a report: the 2021 template's proactive-disclosure table and an older statistics
# table with a units column (单位).
PROACTIVE = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]] + [
    [name, str(n), str(n // 3), str(n * 4)] for n, name in enumerate(["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制"], 3)
]
STATISTICS = [["统计指标", "单位", "统计数"]] + [
    [f"{n}.{name}", unit, str(7 * n)]
    for n, (name, unit) in enumerate([("主动公开政府信息数", "条"), ("收到申请数", "件"), ("按时办结数", "件"),
                                      ("行政复议数量", "件"), ("召开新闻发布会次数", "次"), ("专项经费", "万元")], 1)
]


def report_document(pages: int, tables_every: int) -> Document:
    """About ``pages`` pages of a report: headed sections of prose, the two tables in turn every ``tables_every`` sections."""
    blocks: list[Paragraph | Table] = []
    for section in range(1, pages + 1):
        blocks.append(Paragraph(f"第{section}部分 工作情况"))
        blocks += [Paragraph(SENTENCE * 3) for _ in range(7)]
        if section % tables_every == 0:
            blocks.append(Table.from_rows(PROACTIVE if section // tables_every % 2 else STATISTICS))
    return Document(blocks)


def report_pdf(pages: int, tables_every: int) -> bytes:
    """A rendered report of ``pages`` pages (sections are added until it has them)."""
    sections = pages
    while True:
        data = render_pdf("某县2021年政府信息公开工作年度报告", report_document(sections, tables_every))
        count = page_count(data)
        if count >= pages:
            return data
        sections += max(1, (pages - count) // 2)


def page_count(data: bytes) -> int:
    return len(pdfium.PdfDocument(data))


def corpus() -> dict[str, list[bytes]]:
    reports = {a.seed: a for column in (TRS_COLUMN, HANWEB_COLUMN) for a in column.articles if a.seed}.values()
    documents = [(a.title, parse_text(a.report_text())) for a in reports]
    site = DemoSite()
    pages = [r.body for path, r in site.resources.items() if "/art/" in path or "/t20" in path]
    return {
        "pdf": [render_pdf(title, doc) for title, doc in documents],
        "report": [report_pdf(12, 5)],
        "docx": [render_docx(title, doc) for title, doc in documents],
        "html": pages,
    }


def bare_pdf(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def bare_pdfium(data: bytes) -> None:
    pdf = pdfium.PdfDocument(data)
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()


def bare_docx(data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    [p.text for p in document.paragraphs]
    [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def bare_html(data: bytes) -> None:
    Selector(text=data.decode("utf-8", errors="replace")).xpath("//body//text()").getall()


def rate(function: Callable[[bytes], object], files: list[bytes], units: int, rounds: int) -> float:
    """Median units per second over rounds."""
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        for data in files:
            function(data)
        timings.append(time.perf_counter() - start)
    return units / statistics.median(timings)


def peak_memory(data: bytes) -> dict[str, float]:
    """Peak RSS growth and tracemalloc peak (MiB) of reading ``data``, in a fresh process."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        run = subprocess.run([sys.executable, __file__, "--measure-memory", file.name], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def measure_memory(path: str) -> None:
    """Peak RSS while reading (Linux: the high-water mark is reset after the imports), Python allocations."""
    data = Path(path).read_bytes()
    before = _status_kib("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # the peak RSS (VmHWM) starts again from here
    tracemalloc.start()
    document = extract_pdf(data)
    _, traced = tracemalloc.get_traced_memory()
    peak = _status_kib("VmHWM")
    print(json.dumps({"rss_growth": (peak - before) / 1024, "rss_peak": peak / 1024,
                      "traced_peak": traced / 2**20, "blocks": len(document.blocks)}))


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--measure-memory", metavar="PDF", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_memory:
        measure_memory(args.measure_memory)
        return
    rounds = args.rounds
    files = corpus()
    pdf_pages = sum(map(page_count, files["pdf"]))
    report_pages = sum(map(page_count, files["report"]))
    rows = [
        ("PDF", "pages/s", files["pdf"], pdf_pages, extract_pdf, bare_pdf, "pdfplumber extract_text+extract_tables"),
        ("PDF-12", "pages/s", files["report"], report_pages, extract_pdf, bare_pdf, "same, 12-page report, 2 ruled tables"),
        ("DOCX", "docs/s", files["docx"], len(files["docx"]), extract_docx, bare_docx, "python-docx paragraphs+cells"),
        ("HTML", "docs/s", files["html"], len(files["html"]), extract_html, bare_html, "parsel //body//text()"),
    ]
    print(f"{'format':6} {'unit':8} {'ours':>9} {'bare':>9} {'ours/bare':>10} {'pdfium':>9}  bare call")
    for name, unit, data, units, ours, bare, label in rows:
        ours_rate = rate(ours, data, units, rounds)
        bare_rate = rate(bare, data, units, rounds)
        pdfium_rate = f"{rate(bare_pdfium, data, units, rounds):9.1f}" if name.startswith("PDF") else f"{'-':>9}"
        print(f"{name:6} {unit:8} {ours_rate:9.1f} {bare_rate:9.1f} {ours_rate / bare_rate:10.2f} {pdfium_rate}  {label}")
    same = all(extract_pdf(data) == extract_pdf(data, pdfium_text=False) for data in files["pdf"] + files["report"])
    print(f"corpus: {len(files['pdf'])} PDFs ({pdf_pages} pages) + a {report_pages}-page report, {len(files['docx'])} DOCX, "
          f"{len(files['html'])} HTML pages; median of {rounds} rounds; PDFs read as pdfplumber alone reads them: {same}")
    for pages in (20, 200):
        data = report_pdf(pages, 5)
        memory = peak_memory(data)
        print(f"memory, {page_count(data)}-page PDF ({len(data) / 1024:.0f} KiB): peak RSS growth {memory['rss_growth']:.1f} MiB "
              f"(peak RSS {memory['rss_peak']:.0f} MiB), Python allocations peak {memory['traced_peak']:.1f} MiB")


if __name__ == "__main__":
    main()
