"""``extract_pdf`` as the tests call it: each call also reads the PDF with pdfplumber alone and checks both agree.

The fast path takes text from pdfium and sends only some pages to pdfplumber (see
:mod:`gxcrawl.extract.pdfium_page`); every PDF a test reads proves it gives what pdfplumber alone gives.
"""

from __future__ import annotations

from gxcrawl.extract import Document
from gxcrawl.extract import pdf


def extract_pdf(data: bytes, **options: object) -> Document:
    document = pdf.extract_pdf(data, **options)
    assert document == pdf.extract_pdf(data, pdfium_text=False, **options), "pdfium and pdfplumber disagree"
    return document
