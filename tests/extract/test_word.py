"""Word extraction: DOCX built here with python-docx, and a stored .doc read through real converters.

``files/report.doc`` is :func:`report_docx` saved by LibreOffice 7.4 as "MS Word 97"
(``soffice --headless --convert-to 'doc:MS Word 97' report.docx``).
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from gxcrawl.demo.documents import render_docx
from gxcrawl.demo.faults import docx_zip_bomb as zip_bomb
from gxcrawl.extract.model import Document, Paragraph, Table
from gxcrawl.extract.word import NO_CONVERTER_WARNING, extract_doc, extract_docx, parse_antiword_text

FILES = Path(__file__).parent / "files"
REPORT_DOC = FILES / "report.doc"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MiB = 1024 * 1024

HAS_SOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))
HAS_ANTIWORD = bool(shutil.which("antiword"))
needs_soffice = pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
needs_antiword = pytest.mark.skipif(not HAS_ANTIWORD, reason="antiword is not installed")
needs_a_converter = pytest.mark.skipif(
    not (HAS_SOFFICE or HAS_ANTIWORD), reason="neither LibreOffice (soffice) nor antiword is installed"
)

REPORT_BEFORE_TABLE = [
    Paragraph("某区2023年政府信息公开工作年度报告"),
    Paragraph("一、总体情况"),
    Paragraph("本报告根据《中华人民共和国政府信息公开条例》编制。"),
]
REPORT_AFTER_TABLE = [Paragraph("二、存在的主要问题及改进情况")]
REPORT_TABLE = Table((("指标", "本年", "本年"), ("指标", "新收", "办结"), ("政府信息公开申请数", "36", "35")))
# antiword writes a vertically merged cell's continuation as an empty cell.
REPORT_TABLE_ANTIWORD = Table((("指标", "本年", "本年"), ("", "新收", "办结"), ("政府信息公开申请数", "36", "35")))
REPORT_BLOCKS = {
    "soffice": [*REPORT_BEFORE_TABLE, REPORT_TABLE, *REPORT_AFTER_TABLE],
    "antiword": [*REPORT_BEFORE_TABLE, REPORT_TABLE_ANTIWORD, *REPORT_AFTER_TABLE],
}


def report_docx() -> bytes:
    """A report with a two-level header: 指标 merged down two rows, 本年 across two columns."""
    word = docx.Document()
    word.add_heading("某区2023年政府信息公开工作年度报告", level=1)
    word.add_paragraph("一、总体情况")
    word.add_paragraph("本报告根据《中华人民共和国政府信息公开条例》编制。")
    table = word.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    table.cell(0, 0).merge(table.cell(1, 0)).text = "指标"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "本年"
    for cell, text in zip(table.rows[1].cells[1:], ("新收", "办结")):
        cell.text = text
    for cell, text in zip(table.rows[2].cells, ("政府信息公开申请数", "36", "35")):
        cell.text = text
    word.add_paragraph("二、存在的主要问题及改进情况")
    return save(word)


def save(word) -> bytes:
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def fill(table, rows: list[list[str]]) -> None:
    for row, texts in zip(table.rows, rows):
        for cell, text in zip(row.cells, texts):
            cell.text = text


def with_fib_encrypted_flag(data: bytes) -> bytes:
    """The .doc with the Word FIB's fEncrypted bit set, as Word writes a password-protected file."""
    fib = next(offset for offset in range(512, len(data), 512) if data[offset : offset + 2] == b"\xec\xa5")
    marked = bytearray(data)
    marked[fib + 0x0B] |= 0x01  # bit 8 of the flags word at FIB offset 0x0A
    return bytes(marked)


# --- DOCX ---------------------------------------------------------------------------------------


def test_docx_keeps_a_table_between_the_paragraphs_around_it():
    report = Document([
        Paragraph("一、主动公开政府信息情况"),
        Table((("指标", "单位", "数量"), ("主动公开政府信息数", "条", "1450"))),
        Paragraph("二、收到和处理政府信息公开申请情况"),
    ])
    document = extract_docx(render_docx("某区2023年政府信息公开工作年度报告", report))
    assert document.blocks == [
        Paragraph("某区2023年政府信息公开工作年度报告"),
        Paragraph("一、主动公开政府信息情况"),
        Table((("指标", "单位", "数量"), ("主动公开政府信息数", "条", "1450"))),
        Paragraph("二、收到和处理政府信息公开申请情况"),
    ]
    assert document.warnings == []


def test_docx_merged_cells_fill_every_position_they_span_across_and_down():
    document = extract_docx(report_docx())
    assert document.tables == [REPORT_TABLE]


def test_docx_skips_empty_paragraphs():
    word = docx.Document()
    word.add_paragraph("前言")
    word.add_paragraph("")
    word.add_paragraph("   ")
    word.add_paragraph("正文")
    assert extract_docx(save(word)).blocks == [Paragraph("前言"), Paragraph("正文")]


def test_docx_one_column_frame_table_is_read_as_body_content():
    word = docx.Document()
    word.add_paragraph("前言")
    frame = word.add_table(rows=1, cols=1).cell(0, 0)
    frame.paragraphs[0].text = "表一 统计"
    fill(frame.add_table(rows=2, cols=2), [["指标", "数量"], ["主动公开政府信息数", "1450"]])
    word.add_paragraph("后记")
    assert extract_docx(save(word)).blocks == [
        Paragraph("前言"),
        Paragraph("表一 统计"),
        Table((("指标", "数量"), ("主动公开政府信息数", "1450"))),
        Paragraph("后记"),
    ]


def test_docx_table_nested_in_a_cell_is_folded_into_that_cells_text():
    word = docx.Document()
    outer = word.add_table(rows=2, cols=2)
    fill(outer, [["指标", "数量"], ["政府信息公开申请数", ""]])
    cell = outer.cell(1, 1)
    cell.paragraphs[0].text = "见下表"
    fill(cell.add_table(rows=2, cols=2), [["新收", "36"], ["办结", "35"]])
    assert extract_docx(save(word)).blocks == [
        Table((("指标", "数量"), ("政府信息公开申请数", "见下表 新收 36 办结 35"))),
    ]


def test_docx_over_the_unzipped_limit_is_refused_from_the_central_directory_without_inflating():
    bomb = zip_bomb(16 * MiB, break_payload=True)  # inflating it would fail: it is never inflated
    assert len(bomb) < 64 * 1024
    document = extract_docx(bomb, max_unzipped_bytes=MiB)
    total = 16 * MiB + len('<?xml version="1.0"?><Types/>')
    assert document == Document([], [f"oversized_file: {total} bytes unzipped, over the {MiB} limit"])


def test_docx_member_with_an_absurd_compression_ratio_is_refused_under_the_default_limit():
    document = extract_docx(zip_bomb(16 * MiB, break_payload=True))
    assert document.blocks == []
    assert len(document.warnings) == 1
    assert document.warnings[0].startswith("oversized_file: word/document.xml inflates ")
    assert document.warnings[0].endswith(f" times ({16 * MiB} bytes)")


def test_docx_garbage_bytes_are_a_corrupt_file():
    document = extract_docx(b"this is not a zip file at all")
    assert document == Document([], ["corrupt_file: not a zip (File is not a zip file)"])


def test_docx_zip_without_a_word_document_is_a_corrupt_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "年报")
    document = extract_docx(buffer.getvalue())
    assert document.blocks == []
    assert [warning.split(":")[0] for warning in document.warnings] == ["corrupt_file"]


def test_docx_empty_bytes_are_an_empty_file():
    assert extract_docx(b"") == Document([], ["empty_file"])


def test_docx_password_protected_office_file_is_an_encrypted_file():
    # What Office writes for a docx with a password: an OLE container with an EncryptedPackage stream.
    data = OLE_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(1024)
    assert extract_docx(data) == Document([], ["encrypted_file: password-protected Office file"])


# --- .doc / .wps ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "converter",
    [pytest.param("soffice", marks=needs_soffice), pytest.param("antiword", marks=needs_antiword)],
)
def test_doc_reads_text_and_table_with_each_converter(converter):
    document = extract_doc(REPORT_DOC.read_bytes(), converters=(converter,))
    assert document.blocks == REPORT_BLOCKS[converter]
    assert document.warnings == []


@needs_a_converter
def test_doc_uses_libreoffice_first_and_antiword_when_it_is_missing():
    document = extract_doc(REPORT_DOC.read_bytes())
    assert document.blocks == REPORT_BLOCKS["soffice" if HAS_SOFFICE else "antiword"]


@needs_a_converter
def test_wps_file_is_read_as_a_word_document():
    document = extract_doc(REPORT_DOC.read_bytes(), "wps")
    assert document.blocks == REPORT_BLOCKS["soffice" if HAS_SOFFICE else "antiword"]


def test_doc_without_a_converter_on_path_is_no_converter(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no soffice, no antiword
    document = extract_doc(REPORT_DOC.read_bytes())
    assert document == Document([], [NO_CONVERTER_WARNING])
    assert document.warnings[0].startswith("no_converter")


@pytest.mark.parametrize(
    ("converter", "warning"),
    [
        pytest.param("soffice", "corrupt_file: soffice: Error: source file could not be loaded", marks=needs_soffice),
        pytest.param("antiword", "corrupt_file: antiword: the file is not a Word Document.", marks=needs_antiword),
    ],
)
def test_doc_the_converter_cannot_read_is_a_corrupt_file(converter, warning):
    truncated = REPORT_DOC.read_bytes()[:6000]  # an OLE header whose streams are cut off
    assert extract_doc(truncated, converters=(converter,)) == Document([], [warning])


def test_doc_garbage_bytes_are_a_corrupt_file_without_running_a_converter(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    document = extract_doc(b"neither OLE nor RTF")
    assert document == Document([], ["corrupt_file: not a Word 97-2003 or WPS doc file"])


def test_doc_empty_bytes_are_an_empty_file():
    assert extract_doc(b"") == Document([], ["empty_file"])


def test_doc_with_the_encrypted_flag_is_an_encrypted_file(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # told from the file itself, before any converter
    document = extract_doc(with_fib_encrypted_flag(REPORT_DOC.read_bytes()), "wps")
    assert document == Document([], ["encrypted_file: password-protected wps file"])


def test_doc_that_is_really_a_docx_is_read_as_a_docx(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    document = extract_doc(report_docx())
    assert document.blocks == REPORT_BLOCKS["soffice"]


def test_antiword_plain_text_table_rows_become_full_width_rows():
    text = "\n\n前言\n\n|指标        |单位  |数量  |\n|主动公开政府信息数|条    |1450  |\n\n\n后记\n"
    assert parse_antiword_text(text).blocks == [
        Paragraph("前言"),
        Table((("指标", "单位", "数量"), ("主动公开政府信息数", "条", "1450"))),
        Paragraph("后记"),
    ]
