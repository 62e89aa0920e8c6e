"""ReportFilesPipeline's pieces: names cleaned, attachments that are pages set apart."""

from __future__ import annotations

import pytest
from scrapy.pipelines import media
from twisted.python.failure import Failure

from gxcrawl.failures import Reason
from gxcrawl.pipelines.files import AttachmentNotStored, content_path, safe_name

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF"


@pytest.mark.parametrize("sent, shown", [
    ("../../../etc/cron.d/report.pdf", "report.pdf"),
    ("/etc/passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\x\\年报.docx", "年报.docx"),
    ("report\x00.exe.pdf", "report.exe.pdf"),
    ("..hidden.pdf", "hidden.pdf"),
    ("../", "unnamed"),
])
def test_a_name_is_cut_to_its_last_part_without_control_characters(sent, shown):
    assert safe_name(sent) == shown


def test_an_attachment_that_is_an_html_page_is_stored_under_quarantine():
    page = b"<html><body>404</body></html>"
    assert content_path(page, {"Content-Type": b"text/html"}, "http://x/P0.pdf", attachment=True).startswith("quarantine/")
    assert not content_path(page, {"Content-Type": b"text/html"}, "http://x/a.html").startswith("quarantine/")
    assert content_path(PDF, {"Content-Type": b"text/html"}, "http://x/P0.pdf", attachment=True).endswith(".pdf")


def test_failed_attachments_are_filtered_requests_to_scrapy_so_it_logs_no_traceback():
    # AttachmentNotStored leans on a private Scrapy class: this fails first if a release renames it.
    assert issubclass(AttachmentNotStored, media._MediaRequestFiltered)
    assert media._media_request_filtered(Failure(AttachmentNotStored(Reason("http_404", "HTTP 404"))))
