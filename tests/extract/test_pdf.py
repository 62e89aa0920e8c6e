"""PDF extraction on PDFs made here with reportlab, laid out like the attachments portals serve."""

from __future__ import annotations

import io

import pdfplumber
import pypdfium2
import pytest
from PIL import Image, ImageDraw
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Image as PdfImage
from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable
from reportlab.platypus import TableStyle

from gxcrawl.demo.documents import PDF_FONT, render_pdf
from gxcrawl.extract import Document, Paragraph, Table
from gxcrawl.extract import pdf as pdf_module
from tests.extract.both_paths import extract_pdf

pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))

# 10.5 pt characters on A4 less reportlab's margins: 41 to a line, 39 after a two-character indent.
BODY = ParagraphStyle("body", fontName=PDF_FONT, fontSize=10.5, leading=17, wordWrap="CJK")
INDENTED = ParagraphStyle("indented", parent=BODY, firstLineIndent=21)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=9, leading=12)

# A statistics table in the layout of the annual-report template: 指标 | 单位 | 数量.
STATISTICS = [
    ["统计指标", "单位", "统计数"],
    ["一、主动公开情况", "", ""],
    ["（一）主动公开政府信息数", "条", "480"],
    ["其中：主动公开规范性文件数", "条", "12"],
    ["制发规范性文件总数", "件", "12"],
    ["（二）通过不同渠道和方式公开政府信息的情况", "", ""],
    ["1.政府公报公开政府信息数", "条", "0"],
    ["2.政府网站公开政府信息数", "条", "480"],
    ["3.政务微博公开政府信息数", "条", "36"],
    ["4.政务微信公开政府信息数", "条", "52"],
    ["5.其他方式公开政府信息数", "条", "8"],
    ["二、回应解读情况", "", ""],
    ["（一）回应公众关注热点或重大舆情数", "次", "3"],
    ["（二）通过不同渠道和方式回应解读的情况", "", ""],
    ["1.参加或举办新闻发布会总次数", "次", "2"],
    ["其中：主要负责同志参加新闻发布会次数", "次", "1"],
    ["2.政府网站在线访谈次数", "次", "1"],
    ["3.政策解读稿件发布数", "篇", "14"],
    ["三、依申请公开情况", "", ""],
    ["（一）收到申请数", "件", "58"],
    ["1.当面申请数", "件", "10"],
    ["2.传真申请数", "件", "0"],
    ["3.网络申请数", "件", "40"],
    ["4.信函申请数", "件", "8"],
    ["（二）申请办结数", "件", "58"],
    ["1.按时办结数", "件", "58"],
    ["2.延期办结数", "件", "0"],
    ["（三）申请答复数", "件", "58"],
    ["1.属于已主动公开范围数", "件", "20"],
    ["2.同意公开答复数", "件", "25"],
    ["3.同意部分公开答复数", "件", "5"],
    ["4.不同意公开答复数", "件", "3"],
    ["其中：涉及国家秘密", "件", "0"],
    ["5.不属于本行政机关公开数", "件", "3"],
    ["6.申请信息不存在数", "件", "2"],
    ["四、行政复议数量", "件", "1"],
    ["五、行政诉讼数量", "件", "0"],
    ["六、举报投诉数量", "件", "0"],
    ["七、依申请公开信息收取的费用", "万元", "0"],
    ["八、机构建设和保障经费情况", "", ""],
    ["（一）政府信息公开工作专门机构数", "个", "1"],
    ["（二）设置政府信息公开查阅点数", "个", "2"],
    ["（三）从事政府信息公开工作人员数", "人", "3"],
    ["1.专职人员数", "人", "1"],
    ["2.兼职人员数", "人", "2"],
    ["（四）政府信息公开专项经费", "万元", "2"],
    ["九、政府信息公开会议和培训情况", "", ""],
    ["（一）召开政府信息公开工作会议或专题会议数", "次", "2"],
    ["（二）举办各类培训班数", "次", "1"],
    ["（三）接受培训人员数", "人次", "45"],
]


def build_pdf(flowables: list, *, page_numbers: bool = False, **template: object) -> bytes:
    def number_page(canvas: pdf_canvas.Canvas, document: SimpleDocTemplate) -> None:
        if page_numbers:
            canvas.setFont(PDF_FONT, 9)
            canvas.drawCentredString(A4[0] / 2, 30, f"- {document.page} -")

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, **template).build(
        flowables, onFirstPage=number_page, onLaterPages=number_page
    )
    return buffer.getvalue()


def grid(rows: list[list], widths: list[float], *, spans: list[tuple] = (), repeat_rows: int = 0) -> PdfTable:
    table = PdfTable(rows, colWidths=widths, repeatRows=repeat_rows)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), PDF_FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    style += [("SPAN", start, end) for start, end in spans]
    table.setStyle(TableStyle(style))
    return table


def page_texts(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() for page in pdf.pages]


def scan_png() -> io.BytesIO:
    """A small grey 'scan' of a printed page: strokes, no text layer."""
    image = Image.new("L", (300, 400), color=235)
    draw = ImageDraw.Draw(image)
    for y in range(40, 360, 24):
        draw.line((30, y, 270, y), fill=40, width=3)
    png = io.BytesIO()
    image.save(png, format="PNG")
    png.seek(0)
    return png


def canvas_pdf(
    pages: list[str | None], *, font: str = PDF_FONT, page_numbers: bool = False, **options: object
) -> bytes:
    """One page per entry: a line of text, or a scanned image where the entry is None."""
    buffer = io.BytesIO()
    canvas = pdf_canvas.Canvas(buffer, pagesize=A4, **options)
    for number, text in enumerate(pages, 1):
        if page_numbers:
            canvas.setFont(PDF_FONT, 9)
            canvas.drawCentredString(A4[0] / 2, 30, f"- {number} -")
        if text is None:
            canvas.drawImage(ImageReader(scan_png()), 40, 60, width=A4[0] - 80, height=A4[1] - 120)
        else:
            canvas.setFont(font, 12)
            canvas.drawString(72, A4[1] - 100, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def lines_pdf(lines: list[str]) -> bytes:
    """Lines set as given, each from the left margin, like a converter that keeps typed spaces."""
    buffer = io.BytesIO()
    canvas = pdf_canvas.Canvas(buffer, pagesize=A4)
    canvas.setFont(PDF_FONT, 10.5)
    for number, line in enumerate(lines):
        canvas.drawString(72, A4[1] - 100 - 17 * number, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# --- text and reading order ----------------------------------------------------------------------


def test_paragraphs_and_table_come_in_reading_order_without_table_text_as_paragraphs():
    report = Document([
        Paragraph("一、总体情况"),
        Paragraph("2020年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
                  "全面推进决策、执行、管理、服务、结果公开，主动公开政府信息480条。"),
        Table.from_rows([["指标", "单位", "数量"], ["规章", "件", "0"], ["规范性文件", "件", "12"]]),
        Paragraph("二、存在的主要问题及改进情况"),
        Paragraph("政府信息公开工作与公众的期待还有一定差距。"),
    ])
    document = extract_pdf(render_pdf("某县2020年政府信息公开工作年度报告", report))
    assert document.blocks == [Paragraph("某县2020年政府信息公开工作年度报告"), *report.blocks]
    assert document.warnings == []


def test_wrapped_lines_of_one_paragraph_join_without_spaces():
    text = ("本年度，我局坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中、四中、五中全会精神，"
            "认真落实党中央、国务院关于全面推进政务公开工作的决策部署，围绕中心工作，紧扣群众关切，"
            "不断加大政府信息主动公开力度，持续规范依申请公开办理工作，切实保障人民群众的知情权、参与权、表达权和监督权。")
    data = build_pdf([PdfParagraph(text, INDENTED)])
    assert len(page_texts(data)[0].splitlines()) >= 4  # the paragraph really wraps
    assert extract_pdf(data).blocks == [Paragraph(text)]


def test_latin_words_wrapped_over_a_line_end_keep_their_space():
    text = ("The annual report on government information disclosure lists the requests received, "
            "the replies given and the fees charged during the year under review by the county office.")
    data = build_pdf([PdfParagraph(text, BODY)])
    assert len(page_texts(data)[0].splitlines()) == 2
    assert extract_pdf(data).blocks == [Paragraph(text)]


def test_indented_first_line_starts_a_new_paragraph():
    # The first paragraph's last line is long and ends without punctuation: only the indent parts them.
    first = "本机关" * 13 + "依法依规做好政府信息公开工作各项要求并持续推进政务公开标准化规范化建设工作相关事项"
    second = "全年未发生因政府信息公开工作引起的行政复议和行政诉讼案件。"
    data = build_pdf([PdfParagraph(first, INDENTED), PdfParagraph(second, INDENTED)])
    assert extract_pdf(data).blocks == [Paragraph(first), Paragraph(second)]


def test_leading_ideographic_spaces_indent_like_a_margin():
    first = ["\u3000\u3000" + "本机关" * 13, "依法依规做好政府信息公开工作各项要求并持续推进政务公开标准化规范化建设"]
    second = "\u3000\u3000全年未发生因政府信息公开工作引起的行政复议和行政诉讼案件。"
    document = extract_pdf(lines_pdf([*first, second]))
    assert document.blocks == [Paragraph("本机关" * 13 + first[1]), Paragraph(second.strip())]


def test_heading_lines_stand_as_their_own_paragraphs():
    body = "本机关" * 13 + "依法依规做好政府信息公开工作各项要求并持续推进政务公开标准化规范化建设工作相关事项"
    heading = "（一）主动公开政府信息情况"
    following = "全年主动公开政府信息480条，其中规范性文件12件。"
    data = build_pdf([PdfParagraph(text, BODY) for text in (body, heading, following)])
    assert extract_pdf(data).blocks == [Paragraph(body), Paragraph(heading), Paragraph(following)]


def test_short_line_ending_a_sentence_ends_the_paragraph():
    # Not indented and no space between: the first paragraph's last line (over two thirds of the
    # width) ends early with a full stop.
    first = "本机关" * 13 + "依法依规做好政府信息公开工作各项要求并持续推进政务公开标准化规范化建设。"
    second = "全年未发生因政府信息公开工作引起的行政复议和行政诉讼案件。"
    data = build_pdf([PdfParagraph(first, BODY), PdfParagraph(second, BODY)])
    assert extract_pdf(data).blocks == [Paragraph(first), Paragraph(second)]


def test_full_line_ending_with_a_full_stop_continues_the_paragraph():
    # 41 characters fill the first line exactly, the last of them a full stop.
    text = "本机关" * 13 + "公开。" + "全年未发生因政府信息公开工作引起的行政复议和行政诉讼案件。"
    data = build_pdf([PdfParagraph(text, BODY)])
    assert page_texts(data)[0].splitlines()[0].endswith("公开。")
    assert extract_pdf(data).blocks == [Paragraph(text)]


def test_page_of_short_lines_takes_the_text_width_from_the_other_pages():
    items = [f"（{n}）本项工作已按要求落实。" for n in range(1, 6)]
    long_text = "全年共收到政府信息公开申请五十八件，均已按期答复办结，" * 6
    data = build_pdf([*(PdfParagraph(item, BODY) for item in items), PageBreak(), PdfParagraph(long_text, BODY)])
    assert extract_pdf(data).blocks == [*map(Paragraph, items), Paragraph(long_text)]


def test_paragraph_running_over_a_page_break_is_one_paragraph_without_the_page_number():
    text = "全年共收到政府信息公开申请五十八件，均已按期答复办结，" * 12 + "未发生逾期答复情况。"
    filler = [PdfParagraph(f"（{n}）本项工作已按要求落实。", BODY) for n in range(1, 36)]
    data = build_pdf([*filler, PdfParagraph(text, BODY)], page_numbers=True)
    pages = page_texts(data)
    assert len(pages) == 2 and "- 1 -" in pages[0] and "全年" in pages[0] and "均已" in pages[1]  # it spans the break
    document = extract_pdf(data)
    assert document.blocks[-1] == Paragraph(text)
    assert all("- 1 -" not in block.text and "- 2 -" not in block.text for block in document.paragraphs)
    assert len(document.blocks) == 36


# --- tables --------------------------------------------------------------------------------------


def test_statistics_table_over_a_page_break_is_one_table_without_the_repeated_header():
    intro = [PdfParagraph("三、政府信息公开工作情况统计表", BODY)]
    intro += [PdfParagraph(f"（{n}）本项统计口径与上年度一致，数据截至2020年12月31日。", BODY) for n in range(1, 15)]
    data = build_pdf(
        [*intro, grid(STATISTICS, [300, 60, 60], repeat_rows=1), PdfParagraph("四、存在的主要问题", BODY)],
        page_numbers=True,
    )
    pages = page_texts(data)
    assert len(pages) == 2 and all("统计指标 单位 统计数" in page for page in pages)  # header printed twice
    document = extract_pdf(data)
    assert document.tables == [Table.from_rows(STATISTICS)]
    assert document.blocks[-1] == Paragraph("四、存在的主要问题")
    assert document.warnings == []


def test_two_header_rows_repeated_after_a_page_break_are_dropped():
    header = [["信息内容", "本年制发件数", "", "现行有效件数"], ["", "新制作", "新公开", ""]]
    data_rows = [[f"第{n}类规范性文件", str(n), str(n + 1), str(n * 2)] for n in range(1, 51)]
    spans = [((0, 0), (0, 1)), ((1, 0), (2, 0)), ((3, 0), (3, 1))]
    data = build_pdf([grid(header + data_rows, [180, 70, 70, 80], spans=spans, repeat_rows=2)])
    assert len(page_texts(data)) == 2
    resolved = [["信息内容", "本年制发件数", "本年制发件数", "现行有效件数"], ["信息内容", "新制作", "新公开", "现行有效件数"]]
    assert extract_pdf(data).tables == [Table.from_rows(resolved + data_rows)]


def test_tables_on_consecutive_pages_of_different_widths_stay_apart():
    first = [["指标", "单位", "数量"]] + [[f"第{n}项", "件", str(n)] for n in range(1, 4)]
    second = [["信息内容", "新制作数量", "新公开数量", "现行有效件数"], ["规章", "0", "0", "3"]]
    data = build_pdf([grid(first, [200, 80, 80]), PageBreak(), grid(second, [120, 80, 80, 80])])
    assert extract_pdf(data).tables == [Table.from_rows(first), Table.from_rows(second)]


def test_merged_header_cells_fill_every_position_they_span():
    rows = [
        ["项目", "申请人情况", "", "", "总计"],
        ["", "自然人", "法人或其他组织", "", ""],
        ["", "", "商业企业", "科研机构", ""],
        ["一、本年新收政府信息公开申请数量", "58", "3", "0", "61"],
        ["二、上年结转政府信息公开申请数量", "2", "0", "0", "2"],
    ]
    spans = [((0, 0), (0, 2)), ((1, 0), (3, 0)), ((4, 0), (4, 2)), ((1, 1), (1, 2)), ((2, 1), (3, 1))]
    data = build_pdf([grid(rows, [200, 60, 70, 60, 50], spans=spans)])
    assert extract_pdf(data).tables == [
        Table((
            ("项目", "申请人情况", "申请人情况", "申请人情况", "总计"),
            ("项目", "自然人", "法人或其他组织", "法人或其他组织", "总计"),
            ("项目", "自然人", "商业企业", "科研机构", "总计"),
            ("一、本年新收政府信息公开申请数量", "58", "3", "0", "61"),
            ("二、上年结转政府信息公开申请数量", "2", "0", "0", "2"),
        ))
    ]


def test_cell_text_wrapped_over_lines_joins_without_spaces():
    label = "（三）不予公开：因法律法规禁止公开或危及国家安全而不予公开的申请数量"
    rows = [[PdfParagraph(text, CELL) for text in row] for row in [["处理结果", "数量"], [label, "3"]]]
    data = build_pdf([grid(rows, [120, 60])])
    assert len(page_texts(data)[0].splitlines()) >= 4  # the label really wraps in its cell
    assert extract_pdf(data).tables == [Table((("处理结果", "数量"), (label, "3")))]


def test_scanned_page_between_two_tables_keeps_them_apart():
    rows = [["指标", "单位", "数量"], ["规章", "件", "0"]]
    scan = PdfImage(scan_png(), width=400, height=600)
    # The first table ends page 1, the second starts page 3.
    flowables = [Spacer(1, 560), grid(rows, [200, 80, 80]), PageBreak(), scan, PageBreak(), grid(rows, [200, 80, 80])]
    data = build_pdf(flowables)
    document = extract_pdf(data)
    assert document.blocks == [Table.from_rows(rows), Table.from_rows(rows)]
    assert document.warnings == ["scanned_pdf: pages 2"]


def test_lone_ruled_box_is_read_as_text_not_as_a_table():
    box = grid([["注：本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。"]], [430])
    document = extract_pdf(build_pdf([box]))
    assert document.blocks == [Paragraph("注：本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。")]


# --- scans and bad files -------------------------------------------------------------------------


def test_pdf_of_scanned_pages_only_is_flagged_not_silently_empty():
    data = canvas_pdf([None, None])
    assert extract_pdf(data) == Document([], ["scanned_pdf"])


def test_scan_with_a_printed_page_number_is_still_a_scan():
    assert extract_pdf(canvas_pdf([None, None], page_numbers=True)) == Document([], ["scanned_pdf"])


def test_scanned_pages_among_text_pages_are_named_and_the_text_kept():
    data = canvas_pdf(["一、总体情况", None, None, "二、主动公开政府信息情况", None])
    document = extract_pdf(data)
    assert document.blocks == [Paragraph("一、总体情况"), Paragraph("二、主动公开政府信息情况")]
    assert document.warnings == ["scanned_pdf: pages 2-3,5"]


def test_truncated_pdf_is_a_corrupt_file():
    data = render_pdf("某县2020年政府信息公开工作年度报告", Document([Paragraph("一、总体情况")]))
    document = extract_pdf(data[: len(data) // 2])
    assert document.blocks == []
    assert len(document.warnings) == 1 and document.warnings[0].startswith("corrupt_file")


def test_pdf_cut_short_of_its_end_marker_keeps_its_text_and_is_flagged_corrupt():
    data = render_pdf("某县2020年政府信息公开工作年度报告", Document([Paragraph("一、总体情况")]))
    document = extract_pdf(data[: data.rindex(b"%%EOF")])
    assert document.blocks == [Paragraph("某县2020年政府信息公开工作年度报告"), Paragraph("一、总体情况")]
    assert len(document.warnings) == 1 and document.warnings[0].startswith("corrupt_file")


def test_bytes_that_are_no_pdf_are_a_corrupt_file():
    document = extract_pdf(b"<html><body>404 Not Found</body></html>")
    assert document.blocks == [] and document.warnings[0].startswith("corrupt_file")


def test_pdf_locked_with_a_user_password_is_an_encrypted_file():
    data = canvas_pdf(["一、总体情况"], encrypt=StandardEncryption("secret", ownerPassword="owner"))
    document = extract_pdf(data)
    assert document.blocks == []
    assert len(document.warnings) == 1 and document.warnings[0].startswith("encrypted_file")


def test_pdf_with_only_an_owner_password_is_read():
    # Helvetica: reportlab leaves the strings of its CID font's dictionary unencrypted, which pdfminer
    # then cannot read; that is reportlab's fault, not what an owner password means.
    locked = StandardEncryption("", ownerPassword="owner", canCopy=0)
    data = canvas_pdf(["2020 Annual Report"], font="Helvetica", encrypt=locked)
    assert extract_pdf(data) == Document([Paragraph("2020 Annual Report")], [])


@pytest.mark.parametrize("data", [b"", b"  \r\n"])
def test_empty_bytes_are_an_empty_file(data):
    assert extract_pdf(data) == Document([], ["empty_file"])


def test_pdf_of_blank_pages_is_an_empty_file():
    document = extract_pdf(canvas_pdf(["", ""]))
    assert document.blocks == [] and document.warnings == ["empty_file: no text on 2 pages"]


def test_pages_past_max_pages_are_not_read_and_flagged_oversized():
    headings = ["一、总体情况", "二、主动公开", "三、依申请公开", "四、复议诉讼", "五、存在问题"]
    document = extract_pdf(canvas_pdf(headings), max_pages=2)
    assert document.blocks == [Paragraph("一、总体情况"), Paragraph("二、主动公开")]
    assert document.warnings == ["oversized_file: 5 pages, read the first 2"]


def test_each_page_is_released_after_it_is_read(monkeypatch):
    released: list[str | int] = []  # "pdfium" for a pdfium page, the number of a pdfplumber page
    pdfium_close = pypdfium2.PdfPage.close
    plumber_close = pdfplumber.page.Page.close

    def spy_pdfium_close(page):
        released.append("pdfium")
        pdfium_close(page)

    def spy_plumber_close(page):
        if page.is_original:
            released.append(page.page_number)
        plumber_close(page)

    monkeypatch.setattr(pypdfium2.PdfPage, "close", spy_pdfium_close)
    monkeypatch.setattr(pdfplumber.page.Page, "close", spy_plumber_close)
    table = grid([["指标", "单位", "数量"], ["规章", "件", "0"]], [200, 80, 80])  # 件 alone: pdfminer reads its characters
    scan = PdfImage(scan_png(), width=400, height=600)
    flowables = [PdfParagraph("一、总体情况", BODY), PageBreak(), table, PageBreak(), scan]
    released.clear()
    pdf_module.extract_pdf(build_pdf(flowables))
    # pdfium looks at every page; page 3, a scan, pdfplumber reads (to tell a scan and OCR it).
    assert released[:4] == ["pdfium", "pdfium", "pdfium", 3]  # closing the document closes all again
