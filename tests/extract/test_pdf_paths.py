"""The fast PDF path (pdfium's text layer, pdfplumber for the pages it cannot read) against pdfplumber alone.

Every PDF the tests read: the files under tests/extract/files, the attachments the demo portal
renders from its seeds (its faulty ones too), and the template reports the metrics tests render.
The PDFs test_pdf.py and test_ocr.py build are checked where they are read (:mod:`tests.extract.both_paths`).
"""

from __future__ import annotations

import hashlib
import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from pdfplumber.utils import dedupe_chars
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Paragraph as PdfParagraph

from gxcrawl.demo.catalog import HANWEB_COLUMN, TRS_COLUMN
from gxcrawl.demo.documents import PDF_FONT, render_pdf
from gxcrawl.demo.site import DemoSite
from gxcrawl.extract import Paragraph, Table, pdf, pdfium_page
from gxcrawl.extract.text import parse_text
from tests.extract.test_pdf import BODY, build_pdf, grid
from tests.metrics.reports import template_report

FILES = Path(__file__).parent / "files"


def corpus() -> dict[str, bytes]:
    pdfs = {f"files/{path.name}": path.read_bytes() for path in sorted(FILES.glob("*.pdf"))}
    for column in (TRS_COLUMN, HANWEB_COLUMN):  # the columns with the seed reports
        for article in column.articles:
            if article.seed:
                pdfs[f"seed/{article.seed}"] = render_pdf(article.title, parse_text(article.report_text()))
    for site in (DemoSite(), DemoSite(faults=True)):
        for name, resource in [*site.resources.items(), *site.downloads.items()]:
            if b"%PDF" in resource.body[:1024]:
                pdfs[f"demo/{name.lstrip('/')}"] = resource.body
    for era in ("2019", "2021"):
        report = template_report(era)
        pdfs[f"metrics/template-{era}"] = render_pdf(report.title, report.document)
    unique: dict[str, bytes] = {}
    for name, data in pdfs.items():
        unique.setdefault(hashlib.sha1(data).hexdigest(), name)
    return {name: pdfs[name] for name in unique.values()}


CORPUS = corpus()


def test_corpus_holds_the_demo_reports_and_the_templates():
    assert sum(name.startswith("seed/") for name in CORPUS) == 5
    assert sum(name.startswith("demo/") for name in CORPUS) >= 10
    assert {"metrics/template-2019", "metrics/template-2021"} <= set(CORPUS)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_fast_path_reads_what_pdfplumber_alone_reads(name):
    data = CORPUS[name]
    assert pdf.extract_pdf(data) == pdf.extract_pdf(data, pdfium_text=False)


def fake_bold_pdf() -> bytes:
    """Each line printed twice, the second a quarter point to the right: fake bold."""
    buffer = io.BytesIO()
    canvas = pdf_canvas.Canvas(buffer, pagesize=A4)
    canvas.setFont(PDF_FONT, 12)
    for number, line in enumerate(["一、总体情况", "全年主动公开政府信息480条。", "一、总体情况"]):
        for shift in (0, 0.25):
            canvas.drawString(72 + shift, 700 - 20 * number, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_fake_bold_is_read_once_by_both_paths():
    data = fake_bold_pdf()
    document = pdf.extract_pdf(data)
    assert [block.text for block in document.blocks] == ["一、总体情况", "全年主动公开政府信息480条。", "一、总体情况"]
    assert document == pdf.extract_pdf(data, pdfium_text=False)


@pytest.mark.parametrize("data", [fake_bold_pdf(), CORPUS["metrics/template-2021"]], ids=["fake-bold", "template"])
def test_dedupe_keeps_what_pdfplumber_dedupe_chars_keeps(data):
    with pdfplumber.open(io.BytesIO(data)) as document:
        for page in document.pages:
            assert pdf._dedupe(page.chars) == dedupe_chars(page.chars)


def ruled_table_pdf(unit: str) -> bytes:
    rows = [["信息内容", "本年新制作数量", "单位"], ["行政规范性文件", "12", unit], ["规章", "0", unit]]
    return build_pdf([PdfParagraph("二、主动公开政府信息情况", BODY), grid(rows, [200, 120, 80])])


def test_page_with_a_ruled_table_is_read_by_pdfium_without_pdfminer(monkeypatch):
    def no_pdfplumber(*args, **kwargs):
        raise AssertionError("pdfplumber opened")

    monkeypatch.setattr(pdfplumber, "open", no_pdfplumber)
    document = pdf.extract_pdf(ruled_table_pdf("件数"))
    assert document.blocks[0] == Paragraph("二、主动公开政府信息情况")
    rows = [["信息内容", "本年新制作数量", "单位"], ["行政规范性文件", "12", "件数"], ["规章", "0", "件数"]]
    assert document.tables == [Table.from_rows(rows)]


def test_characters_pdfium_leaves_out_are_read_by_pdfminer():
    # 件 alone in a cell: no glyph outlines for the CID font here, so pdfium's text page leaves it out.
    data = ruled_table_pdf("件")
    page = pypdfium2.PdfDocument(data)[0]
    objects = pdfium_page.read_page(page)
    assert objects is not None and objects.chars is None and objects.edges
    assert pdf.extract_pdf(data).tables[0].rows[1] == ("行政规范性文件", "12", "件")


def test_pdfs_read_in_worker_threads_at_once_read_as_one_at_a_time():
    # The pipeline reads files in worker threads; pdfium is not thread-safe (a crash, not a wrong answer, if unguarded).
    datas = [CORPUS[name] for name in sorted(CORPUS) if name.startswith(("seed/", "metrics/"))] * 3
    expected = [pdf.extract_pdf(data) for data in datas]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(pdf.extract_pdf, datas)) == expected
