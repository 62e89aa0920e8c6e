import io
import zipfile

import pytest

from gxcrawl.filetypes import OLE, filename_from_disposition, sniff


def zipped(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("body", "content_type", "filename", "expected"),
    [
        (b"%PDF-1.4\n...", "application/octet-stream", "", "pdf"),
        (b"%PDF-1.7\n", "text/html", "report.doc", "pdf"),  # the bytes beat a wrong name and type
        (zipped("[Content_Types].xml", "word/document.xml"), "application/octet-stream", "", "docx"),
        (zipped("xl/workbook.xml"), "", "", "xlsx"),
        (zipped("readme.txt"), "", "a.docx", "zip"),
        (OLE + b"\x00" * 64 + "WordDocument".encode("utf-16-le"), "", "", "doc"),
        (OLE + b"\x00" * 64, "", "报告.wps", "wps"),
        (OLE + "Workbook".encode("utf-16-le"), "", "", "xls"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", "application/pdf", "x.pdf", "html"),  # an error page posing as a PDF
        (b"plain words", "text/plain", "", "txt"),
        (b"\x00\x01\x02", "", "", "bin"),
    ],
)
def test_sniff_trusts_the_bytes_first(body, content_type, filename, expected):
    assert sniff(body, content_type, filename) == expected


def test_disposition_name_prefers_rfc6266_utf8_form():
    header = "attachment; filename=\"fallback.pdf\"; filename*=UTF-8''2019%E5%B9%B4%E6%8A%A5.pdf"
    assert filename_from_disposition(header) == "2019年报.pdf"
    assert filename_from_disposition('attachment; filename="plain.docx"') == "plain.docx"
