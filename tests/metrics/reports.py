"""Complete 2019- and 2021-format reports, written the way the national templates lay them out,
with the key and value every table cell stands for; and the renderings portals serve them in.

Figures are consistent (every total adds up), so a parse of them must raise no warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from gxcrawl.demo.documents import render_docx, render_html_body, render_pdf
from gxcrawl.extract.model import Document, Paragraph, Table
from gxcrawl.extract.reader import read_bytes

APPLICANTS = ("natural_person", "commercial", "research", "nonprofit", "legal_service", "other_org")
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
EMPTY, NONE_WORD = None, "无"  # a blank cell, and a cell that says "none"


@dataclass(frozen=True)
class Report:
    title: str
    document: Document
    cells: dict[str, int | float]  # key -> value of every filled table cell
    prose: dict[str, int | float]  # key -> value the text states and the tables do not


def _cell(value) -> str:
    return "" if value is EMPTY else NONE_WORD if value == NONE_WORD else str(value)


def _number(value) -> int:
    return 0 if value in (EMPTY, NONE_WORD) else value


def _application_rows(era: str) -> list[tuple[str, tuple[str, str, str], list]]:
    """(row key, three label cells, six applicant values) from 一、本年新收 down to （七）总计."""
    one, two = ("（一）", "（二）") if era == "2019" else ("(一)", "(二) ")  # numbering variants, stray space
    result = "三、本年度办理结果"
    withheld = "（三）不予公开" if era == "2019" else "(三) 不予公开"
    unavailable, not_processed, other = "（四）无法提供", "（五）不予处理", "（六）其他处理"
    rows = [
        ("disclosed", (result, one + "予以公开", one + "予以公开"), [5, 2, 1, 0, 1, 0]),
        ("partly_disclosed", (result, two + "部分公开（区分处理的，只计这一情形，不计其他情形）",
                              two + "部分公开（区分处理的，只计这一情形，不计其他情形）"), [3, 1, 0, 0, 0, 1]),
        ("withheld.state_secret", (result, withheld, "1.属于国家秘密"), [1, 0, 0, 0, 0, 0]),
        ("withheld.prohibited_by_law", (result, withheld, "2.其他法律行政法规禁止公开"), [0, 0, 0, 0, 0, 0]),
        ("withheld.security_stability", (result, withheld, "3.危及“三安全一稳定”"), [0, 1, 0, 0, 0, 0]),
        ("withheld.third_party", (result, withheld, "4.保护第三方合法权益"), [2, 0, 0, 0, 0, 0]),
        ("withheld.internal_affairs", (result, withheld, "5.属于三类内部事务信息"), [1, 0, 0, 0, 0, 0]),
        ("withheld.process_info", (result, withheld, "6.属于四类过程性信息"), [0, 0, 1, 0, 0, 0]),
        ("withheld.enforcement_files", (result, withheld, "7.属于行政执法案卷"), [1, 1, 0, 0, 0, 0]),
        ("withheld.query_matters", (result, withheld, "8. 属于行政查询事项"), [NONE_WORD] * 6),
        ("unavailable.not_held", (result, unavailable, "1.本机关不掌握相关政府信息"), [4, 2, 0, 1, 0, 0]),
        ("unavailable.needs_creation", (result, unavailable, "2.没有现成信息需要另行制作"), [1, 0, 0, 0, 0, 0]),
        ("unavailable.still_unclear", (result, unavailable, "3.补正后申请内容仍不明确"), [2, 0, 0, 0, 0, 0]),
        ("not_processed.petition", (result, not_processed, "1.信访举报投诉类申请"), [3, 0, 0, 0, 0, 0]),
        ("not_processed.repeated", (result, not_processed, "2.重复申请"), [2, 1, 0, 0, 0, 0]),
        ("not_processed.publication", (result, not_processed, "3.要求提供公开出版物"), [1, 0, 0, 0, 0, 0]),
        ("not_processed.mass_repeated", (result, not_processed, "4.无正当理由大量反复申请"), [EMPTY, 0, 0, 0, 0, 0]),
        ("not_processed.confirmation", (result, not_processed, "5.要求行政机关确认或重新出具已获取信息"),
         [1, 0, 0, 0, 0, 0]),
    ]
    if era == "2019":
        rows.append(("other.total", (result, other, other), [2, 0, 0, 0, 0, 1]))
    else:
        rows += [
            ("other.no_correction", (result, other, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
             [1, 0, 0, 0, 0, 0]),
            ("other.unpaid_fee", (result, other, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
             [0, 0, 0, 0, 0, 1]),
            ("other.other", (result, other, "3.其他"), [1, 0, 0, 0, 0, 0]),
        ]
    total = [sum(_number(row[2][i]) for row in rows) for i in range(6)]
    carried_in, carried_out = [1, 0, 0, 0, 0, 0], [2, 1, 0, 0, 0, 0]
    new = [t + out - inn for t, out, inn in zip(total, carried_out, carried_in)]
    return [
        ("new", ("一、本年新收政府信息公开申请数量",) * 3, new),
        ("carried_in", ("二、上年结转政府信息公开申请数量",) * 3, carried_in),
        *rows,
        ("result_total", (result, "（七）总计", "（七）总计"), total),
        ("carried_out", ("四、结转下年度继续办理",) * 3, carried_out),
    ]


def _applications(era: str, cells: dict) -> Table:
    header = [
        [NOTE] * 3 + ["申请人情况"] * 7,
        [NOTE] * 3 + ["自然人"] + ["法人或其他组织"] * 5 + ["总计"],
        [NOTE] * 3 + ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
    ]
    rows = []
    for key, labels, values in _application_rows(era):
        total = sum(_number(value) for value in values)
        for column, value in zip(APPLICANTS + ("total",), values + [total]):
            if value is not EMPTY:
                cells[f"applications.{key}.{column}"] = _number(value)
        rows.append(list(labels) + [_cell(value) for value in values] + [str(total)])
    return Table.from_rows(header + rows)


def _review(cells: dict) -> Table:
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    groups = {"review": [1, 2, 0, 1], "litigation.direct": [0, 1, 1, 0], "litigation.after_review": [1, 0, 0, 1]}
    values = []
    for group, figures in groups.items():
        for outcome, value in zip(("upheld", "corrected", "other", "pending", "total"), figures + [sum(figures)]):
            cells[f"{group}.{outcome}"] = value
            values.append(str(value))
    return Table.from_rows([
        ["行政复议"] * 5 + ["行政诉讼"] * 10,
        ["行政复议"] * 5 + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
        outcomes * 3,
        values,
    ])


def _proactive(era: str, cells: dict) -> Table:
    """The stacked 第二十条 table; a header spanning fewer columns is repeated to the width."""
    if era == "2019":
        sections = [
            ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
             [("规章", "rules", ["new", "published", "in_force"], [1, 1, 12]),
              ("规范性文件", "normative_docs", ["new", "published", "in_force"], [6, 5, 48])]),
            ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
             [("行政许可", "licensing", ["prior_items", "items_change", "decisions"], [35, -2, 860]),
              ("其他对外管理服务事项", "other_services", ["prior_items", "items_change", "decisions"], [12, 0, 97])]),
            ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
             [("行政处罚", "penalty", ["prior_items", "items_change", "decisions"], [120, 3, 45]),
              ("行政强制", "enforcement", ["prior_items", "items_change", "decisions"], [8, 0, 2])]),
            ("第二十条第（八）项", ["上一年项目数量", "本年增/减"],
             [("行政事业性收费", "fees", ["prior_items", "items_change"], [4, -1])]),
            ("第二十条第（九）项", ["采购项目数量", "采购总金额（万元）"],
             [("政府集中采购", "procurement", ["projects", "amount"], [9, "125.5"])]),
        ]
    else:
        sections = [
            ("第二十条第(一)项", ["本年制发件数", "本年废止件数", "现行有效件数"],
             [("规章", "rules", ["new", "repealed", "in_force"], [2, 1, 15]),
              ("行政规范性文件", "normative_docs", ["new", "repealed", "in_force"], [7, 3, 52])]),
            ("第二十条第(五)项", ["本年处理决定数量"],
             [("行政许可", "licensing", ["decisions"], [1024])]),
            ("第二十条第(六)项", ["本年处理决定数量"],
             [("行政处罚", "penalty", ["decisions"], [66]), ("行政强制", "enforcement", ["decisions"], [5])]),
            ("第二十条第(八)项", ["本年收费金额（单位：万元）"],
             [("行政事业性收费", "fees", ["amount"], ["12.5"])]),
        ]
    rows = []
    for title, columns, items in sections:
        rows += [[title] * 4, _widen(["信息内容"] + columns)]
        for label, row_key, keys, values in items:
            rows.append(_widen([label] + [str(value) for value in values]))
            for key, value in zip(keys, values):
                cells[f"proactive.{row_key}.{key}"] = float(value) * 10000 if isinstance(value, str) else value
    return Table.from_rows(rows)


def _widen(row: list[str]) -> list[str]:
    return row + [row[-1]] * (4 - len(row))


def template_report(era: str) -> Report:
    """A whole 2019- or 2021-format report: prose sections and the three template tables."""
    year = {"2019": 2019, "2021": 2022}[era]
    title = f"某市住房和城乡建设局{year}年政府信息公开工作年度报告"
    cells: dict[str, int | float] = {}
    proactive, applications, review = _proactive(era, cells), _applications(era, cells), _review(cells)
    new_total = cells["applications.new.total"]
    blocks = [
        Paragraph(title),
        Paragraph("本报告由某市住房和城乡建设局根据《中华人民共和国政府信息公开条例》要求编制。"),
        Paragraph("一、总体情况"),
        Paragraph(f"{year}年，我局主动公开政府信息1234条，全年共收到政府信息公开申请{new_total}件，均按时答复。"),
        Paragraph("二、主动公开政府信息情况"),
        proactive,
        Paragraph("三、收到和处理政府信息公开申请情况"),
        applications,
        Paragraph("四、政府信息公开行政复议、行政诉讼情况"),
        review,
        Paragraph("五、存在的主要问题及改进情况"),
        Paragraph("无。"),
    ]
    prose = {"proactive.total": 1234}
    return Report(title, Document(blocks), cells, prose)


# Renderings: what a portal serves, read back through extraction and normalisation.

def _html(report: Report, merge: bool) -> bytes:
    body = _merged_html_body(report.document) if merge else render_html_body(report.document)
    page = (f"<html><head><meta charset='utf-8'><title>{escape(report.title)}</title></head><body>"
            f"<div class='header'>网站导航</div><div class='TRS_Editor'>{body}</div></body></html>")
    return page.encode("utf-8")


def _merged_html_body(document: Document) -> str:
    """Tables as editors write them: a label repeated across cells becomes one cell with colspan."""
    html = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            html.append(f"<p>{escape(block.text)}</p>")
            continue
        rows = []
        for row in block.rows:
            cells, start = [], 0
            while start < len(row):
                end = start + 1
                while end < len(row) and row[end] == row[start] and row[start] and not row[start][0].isdigit():
                    end += 1
                span = f" colspan='{end - start}'" if end - start > 1 else ""
                cells.append(f"<td{span}>{escape(row[start])}</td>")
                start = end
            rows.append("<tr>" + "".join(cells) + "</tr>")
        html.append("<table border='1'>" + "".join(rows) + "</table>")
    return "\n".join(html)


def _pipe_text(report: Report) -> bytes:
    return "\n".join(
        block.text if isinstance(block, Paragraph) else "\n".join(" | ".join(row) + " |" for row in block.rows)
        for block in report.document.blocks
    ).encode("utf-8")


def _cell_per_line_text(report: Report) -> bytes:
    lines = []
    for block in report.document.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            for row in block.rows:
                lines += ["\t" + cell for cell in row] + [""]
    return "\n".join(lines).encode("utf-8")


RENDERINGS = {
    "html": lambda report: read_bytes(_html(report, merge=False), "html"),
    "html-colspan": lambda report: read_bytes(_html(report, merge=True), "html"),
    "pdf": lambda report: read_bytes(render_pdf(report.title, report.document), "pdf"),
    "docx": lambda report: read_bytes(render_docx(report.title, report.document), "docx"),
    "pipe-text": lambda report: read_bytes(_pipe_text(report), "txt"),
    "cell-per-line-text": lambda report: read_bytes(_cell_per_line_text(report), "txt"),
}
