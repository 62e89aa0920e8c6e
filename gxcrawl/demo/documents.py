"""Render a report (the document model) as the PDF and DOCX attachments portals serve.

Tables stay ruled tables, so extraction meets what it meets on real attachments.
"""

from __future__ import annotations

import io
from functools import cache

import docx
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Table as PdfTable
from reportlab.platypus import TableStyle
from xml.sax.saxutils import escape

from gxcrawl.extract.model import Document, Paragraph, Table

# A CID font: readers supply the glyphs, so the PDF needs no font file from outside the registries.
PDF_FONT = "STSong-Light"


@cache
def _pdf_styles() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    body = ParagraphStyle("body", fontName=PDF_FONT, fontSize=10.5, leading=17, wordWrap="CJK", spaceAfter=4)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=24, alignment=1, spaceAfter=12)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0)
    return title, body, cell


def render_pdf(title: str, document: Document, *, password: str | None = None) -> bytes:
    """``password``: locked as portals lock some attachments (a user password is needed to read it)."""
    title_style, body_style, cell_style = _pdf_styles()
    flowables = [PdfParagraph(escape(title), title_style)]
    for block in document.blocks:
        if isinstance(block, Paragraph):
            flowables.append(PdfParagraph(escape(block.text), body_style))
        else:
            flowables.append(_pdf_table(block, cell_style))
    buffer = io.BytesIO()
    encrypt = StandardEncryption(password, ownerPassword=password + "-owner") if password else None
    SimpleDocTemplate(buffer, pagesize=A4, title=title, author=title, encrypt=encrypt).build(flowables)
    return buffer.getvalue()


def _pdf_table(table: Table, cell_style: ParagraphStyle) -> PdfTable:
    usable = A4[0] - 144  # page width less the template's margins
    label_share = 0.6 if table.width == 3 else 1 / table.width
    rest = (usable * (1 - label_share)) / max(table.width - 1, 1)
    widths = [usable * label_share] + [rest] * (table.width - 1)
    rows = [[PdfParagraph(escape(cell), cell_style) for cell in row] for row in table.rows]
    pdf_table = PdfTable(rows, colWidths=widths, repeatRows=1)
    pdf_table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return pdf_table


def render_html_body(document: Document) -> str:
    """The article body markup portals' editors produce: indented paragraphs, bordered tables."""
    html = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            html.append(f'<p style="text-indent:2em;">{escape(block.text)}</p>')
        else:
            rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
            html.append(f'<table border="1" cellspacing="0" cellpadding="0" width="100%"><tbody>{rows}</tbody></table>')
    return "\n".join(html)


def render_docx(title: str, document: Document) -> bytes:
    word = docx.Document()
    word.core_properties.title = title
    word.add_heading(title, level=1)
    for block in document.blocks:
        if isinstance(block, Paragraph):
            word.add_paragraph(block.text)
        else:
            word_table = word.add_table(rows=len(block.rows), cols=block.width)
            word_table.style = "Table Grid"
            for row, cells in zip(word_table.rows, block.rows):
                for cell, text in zip(row.cells, cells):
                    cell.text = text
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
