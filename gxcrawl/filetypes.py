"""A downloaded file's real type, from its bytes first, its headers and name second.

Portals serve attachments as ``application/octet-stream`` from ``downfile.jsp`` URLs, with the
wrong extension, or as HTML error pages: the URL says little.
"""

from __future__ import annotations

import io
import re
import zipfile
from email.message import Message
from email.utils import collapse_rfc2231_value

EXTENSIONS = ("pdf", "docx", "doc", "wps", "xlsx", "xls", "et", "ofd", "zip", "rar", "html", "txt")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(body: bytes, content_type: str = "", filename: str = "") -> str:
    """One of :data:`EXTENSIONS`, or ``bin`` when nothing tells."""
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    hinted = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if b"%PDF-" in body[:1024]:
        return "pdf"
    if body.startswith(b"PK\x03\x04"):
        return _zip_kind(body, hinted)
    if body.startswith(OLE):
        # doc, wps, xls and et all share the OLE container; the stream names tell Word from Excel.
        if b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in body or hinted in ("xls", "et"):
            return "et" if hinted == "et" else "xls"
        return "wps" if hinted == "wps" else "doc"
    if body.startswith(b"Rar!"):
        return "rar"
    if re.match(rb"(?i)<(!doctype html|html|head|body|meta|script|div|table|p\b)", head) or "html" in content_type:
        return "html"
    if hinted in EXTENSIONS:
        return hinted
    return "txt" if content_type.startswith("text/") else "bin"


def _zip_kind(body: bytes, hinted: str) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(body)).namelist()
    except zipfile.BadZipFile:
        return hinted if hinted in ("docx", "xlsx", "ofd") else "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def filename_from_disposition(header: str) -> str:
    """The file name a ``Content-Disposition`` header gives (RFC 6266 ``filename*`` first)."""
    message = Message()
    message["content-disposition"] = header
    params = message.get_params(header="content-disposition", failobj=[])[1:]
    # RFC 2231 values come back as (charset, language, text) tuples: those are the filename* form.
    extended = [value for name, value in params if name == "filename" and isinstance(value, tuple)]
    plain = [value for name, value in params if name == "filename" and isinstance(value, str)]
    if extended:
        return collapse_rfc2231_value(extended[0])
    return plain[0] if plain else ""
