"""OCR of scanned PDF pages (the ``ocr`` extra), on scans made here: text rendered, rasterised, embedded."""

from __future__ import annotations

import functools
import io
import json
import sys

import pdfplumber
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas as pdf_canvas
from scrapy.utils.test import get_crawler

from gxcrawl.extract import Document, Paragraph, ocr
from tests.extract.both_paths import extract_pdf
from gxcrawl.pipelines.extract import ExtractPipeline
from tests.extract.test_main import run

SCANNED_LINES = ["Annual Report 2019", "Requests received: 480"]


def text_pdf(pages: list[list[str]]) -> bytes:
    """A page per entry, its lines in large Helvetica."""
    buffer = io.BytesIO()
    canvas = pdf_canvas.Canvas(buffer, pagesize=A4)
    for lines in pages:
        canvas.setFont("Helvetica", 28)
        for number, line in enumerate(lines):
            canvas.drawString(72, 700 - 60 * number, line)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def scanned_pdf(pages: list[list[str] | None]) -> bytes:
    """A page per entry: its lines as a picture of printed text, no text layer; text where the entry is a string."""
    buffer = io.BytesIO()
    canvas = pdf_canvas.Canvas(buffer, pagesize=A4)
    for lines in pages:
        if isinstance(lines, str):
            canvas.setFont("Helvetica", 28)
            canvas.drawString(72, 700, lines)
        else:
            with pdfplumber.open(io.BytesIO(text_pdf([lines]))) as pdf:
                picture = pdf.pages[0].to_image(resolution=150).original
            png = io.BytesIO()
            picture.save(png, "PNG")
            png.seek(0)
            canvas.drawImage(ImageReader(png), 0, 0, width=A4[0], height=A4[1])
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def scan() -> bytes:
    data = scanned_pdf([SCANNED_LINES])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert not pdf.pages[0].chars and pdf.pages[0].images  # a scan: a picture, no text layer
    return data


@pytest.fixture(scope="module", autouse=True)
def engine():
    """One engine for the module's tests: made here once, as a crawl makes it on its first scan."""
    return ocr._engine()


@pytest.fixture
def no_ocr_extra(monkeypatch):
    """rapidocr_onnxruntime cannot be imported, and no engine has been made yet."""
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    monkeypatch.setattr(ocr, "_engine", functools.cache(ocr._engine.__wrapped__))


def test_scan_without_ocr_is_flagged_and_empty_as_before(scan):
    assert extract_pdf(scan) == Document([], ["scanned_pdf"])


def test_scan_with_ocr_gives_its_lines_and_says_ocr_was_applied(scan):
    document = extract_pdf(scan, ocr=True)
    assert [paragraph.text for paragraph in document.paragraphs] == SCANNED_LINES
    assert document.warnings == ["scanned_pdf: pages 1, OCR applied"]


def test_ocr_is_the_same_every_time(scan):
    assert len({extract_pdf(scan, ocr=True).text() for _ in range(3)}) == 1


def test_ocr_text_stands_in_page_order_between_text_pages():
    data = scanned_pdf(["Introduction", ["Annual Report 2019"], "Summary", ["Requests received: 480"]])
    document = extract_pdf(data, ocr=True)
    assert document.paragraphs == [Paragraph(text) for text in ["Introduction", *SCANNED_LINES[:1], "Summary", *SCANNED_LINES[1:]]]
    assert document.warnings == ["scanned_pdf: pages 2,4, OCR applied"]


def test_ocr_stays_within_max_pages():
    document = extract_pdf(scanned_pdf([["Annual Report 2019"], ["Requests received: 480"]]), max_pages=1, ocr=True)
    assert document.text() == "Annual Report 2019"
    assert document.warnings == ["oversized_file: 2 pages, read the first 1", "scanned_pdf: pages 1, OCR applied"]


def test_pdf_with_a_text_layer_never_starts_the_engine(monkeypatch):
    def no_engine():
        raise AssertionError("OCR engine started for a PDF with a text layer")

    monkeypatch.setattr(ocr, "_engine", no_engine)
    assert extract_pdf(text_pdf([["Annual Report 2019"]]), ocr=True) == Document([Paragraph("Annual Report 2019")], [])


def test_ocr_without_the_extra_warns_and_goes_on(scan, no_ocr_extra):
    document = extract_pdf(scan, ocr=True)
    assert document.blocks == []
    assert document.warnings[0] == "scanned_pdf"
    assert document.warnings[1].startswith("ocr_unavailable: ")
    assert document.warnings[1].endswith("pip install 'gxcrawl[ocr]'")
    assert len(document.warnings) == 2


def test_ocr_failing_on_a_page_loses_that_page_only(monkeypatch):
    def failing_engine():
        def recognise(image):
            raise RuntimeError("onnxruntime: out of memory")
        return recognise

    monkeypatch.setattr(ocr, "_engine", failing_engine)
    document = extract_pdf(scanned_pdf(["Introduction", ["Annual Report 2019"]]), ocr=True)
    assert document.paragraphs == [Paragraph("Introduction")]
    assert document.warnings == ["scanned_pdf: pages 2", "ocr_failed: pages 2: RuntimeError: onnxruntime: out of memory"]


def test_pieces_are_read_top_to_bottom_then_left_to_right_parted_by_their_gaps(monkeypatch):
    def box(left, top, right, bottom):
        return [[left, top], [right, top], [right, bottom], [left, bottom]]

    pieces = [
        [box(400, 205, 440, 230), "58", 0.99],  # a cell a little lower than its row's first cell
        [box(100, 100, 300, 140), "Annual Report 2019", 0.99],
        [box(100, 200, 250, 228), "收到申请数", 0.99],
        [box(300, 202, 330, 229), "件", 0.99],
        [box(100, 300, 140, 330), "一、", 0.9],  # the detector cuts the numbering from its heading
        [box(130, 300, 300, 330), "主动公开情况", 0.99],
        [box(100, 400, 200, 430), "Requests", 0.99],
        [box(195, 400, 300, 430), "received", 0.99],
    ]
    monkeypatch.setattr(ocr, "_engine", lambda: lambda image: (pieces, [0.1]))
    assert ocr.ocr_lines(Image.new("RGB", (500, 300), "white")) == [
        "Annual Report 2019",
        "收到申请数 件 58",
        "一、主动公开情况",
        "Requests received",
    ]


def test_setting_turns_ocr_on_in_the_pipeline(tmp_path):
    assert not ExtractPipeline.from_crawler(get_crawler(settings_dict={"FILES_STORE": str(tmp_path)})).limits.ocr
    crawler = get_crawler(settings_dict={"FILES_STORE": str(tmp_path), "GXCRAWL_OCR": True})
    assert ExtractPipeline.from_crawler(crawler).limits.ocr


def test_command_line_ocr_flag(scan, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan)
    result = run(str(path), "--ocr", "--json")
    assert json.loads(result.stdout)["blocks"] == [{"text": text} for text in SCANNED_LINES]
    assert result.stderr == "warning: scanned_pdf: pages 1, OCR applied\n"
