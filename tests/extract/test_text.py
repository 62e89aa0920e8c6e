from pathlib import Path

from gxcrawl.extract import Paragraph, Table
from gxcrawl.extract.text import parse_text

SEEDS = Path(__file__).parents[2] / "gxcrawl" / "demo" / "seeds"


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text("utf-8")


def test_pipe_rows_become_one_table_with_full_width_rows():
    document = parse_text("前言\n统 计 指 标 | 单位 | 统计数 |\n一、主动公开情况 | ||\n(一)主动公开政府信息数 | 条 | 480 |\n后记")
    assert document.blocks == [
        Paragraph("前言"),
        Table((("统 计 指 标", "单位", "统计数"), ("一、主动公开情况", "", ""), ("(一)主动公开政府信息数", "条", "480"))),
        Paragraph("后记"),
    ]


def test_one_cell_a_line_rows_are_separated_by_blank_lines():
    document = parse_text("统计表\n\n\t指标\n\t单位\n\t数量\n\n\t主动公开政府信息数\n\t条\n\t1450\n\n说明")
    assert document.blocks == [
        Paragraph("统计表"),
        Table((("指标", "单位", "数量"), ("主动公开政府信息数", "条", "1450"))),
        Paragraph("说明"),
    ]


def test_seed_000_tab_tables():
    tables = parse_text(seed("000")).tables
    assert [len(table.rows) for table in tables] == [4, 6]
    assert tables[0].rows[1] == ("主动公开政府信息数", "条", "1450")
    assert tables[1].rows[-1] == ("网站专栏页面访问量", "人次", "36万")


def test_seed_001_metadata_rows_and_statistics_table():
    metadata, statistics = parse_text(seed("001")).tables
    assert metadata.rows[0] == ("索引号", "014421017/2018-00546", "分类", "信息公开年报")
    assert metadata.rows[2] == ("文号", "时效", "", "")
    assert statistics.rows[0] == ("统 计 指 标", "单位", "统计数")
    assert ("六、举报投诉数量", "件", "675") in statistics.rows
    assert len(statistics.rows) == 96


def test_seed_without_tables_is_all_paragraphs():
    document = parse_text(seed("003"))
    assert document.tables == []
    assert document.paragraphs[0] == Paragraph("湖南省住房和城乡建设厅2018年度政府信息公开工作报告")
