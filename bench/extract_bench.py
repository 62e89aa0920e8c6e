"""Extraction throughput: gxcrawl's extractors next to the bare library calls on the same files.

    .venv/bin/python bench/extract_bench.py [--rounds 5]

Prints PDF pages/second, DOCX and HTML documents/second, medians over rounds, and the ratio
ours/bare (1.0 = no overhead; below 1 is the price of reading order, merged cells and tables).
The corpus is generated from the seed reports: the demo's own PDF/DOCX renderings and article pages.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable

import docx
import pdfplumber
from parsel import Selector

from gxcrawl.demo.catalog import COLUMNS
from gxcrawl.demo.documents import render_docx, render_pdf
from gxcrawl.demo.site import DemoSite
from gxcrawl.extract.html import extract_html
from gxcrawl.extract.pdf import extract_pdf
from gxcrawl.extract.text import parse_text
from gxcrawl.extract.word import extract_docx


def corpus() -> dict[str, list[bytes]]:
    reports = {a.seed: a for column in COLUMNS for a in column.articles if a.seed}.values()
    documents = [(a.title, parse_text(a.report_text())) for a in reports]
    site = DemoSite()
    pages = [r.body for path, r in site.resources.items() if "/art/" in path or "/t20" in path]
    return {
        "pdf": [render_pdf(title, doc) for title, doc in documents],
        "docx": [render_docx(title, doc) for title, doc in documents],
        "html": pages,
    }


def bare_pdf(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    files = corpus()
    pdf_pages = sum(len(pdfplumber.open(io.BytesIO(data)).pages) for data in files["pdf"])
    rows = [
        ("PDF", "pages/s", files["pdf"], pdf_pages, extract_pdf, bare_pdf, "pdfplumber extract_text+extract_tables"),
        ("DOCX", "docs/s", files["docx"], len(files["docx"]), extract_docx, bare_docx, "python-docx paragraphs+cells"),
        ("HTML", "docs/s", files["html"], len(files["html"]), extract_html, bare_html, "parsel //body//text()"),
    ]
    print(f"{'format':6} {'unit':8} {'ours':>9} {'bare':>9} {'ours/bare':>10}  bare call")
    for name, unit, data, units, ours, bare, label in rows:
        ours_rate = rate(ours, data, units, rounds)
        bare_rate = rate(bare, data, units, rounds)
        print(f"{name:6} {unit:8} {ours_rate:9.1f} {bare_rate:9.1f} {ours_rate / bare_rate:10.2f}  {label}")
    print(f"corpus: {len(files['pdf'])} PDFs ({pdf_pages} pages), {len(files['docx'])} DOCX, "
          f"{len(files['html'])} HTML pages; median of {rounds} rounds")


if __name__ == "__main__":
    main()
