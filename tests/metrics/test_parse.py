"""parse_document as the pipeline calls it: tables first, prose second, facts, checks."""

import json

from gxcrawl.extract.model import Document, Paragraph, Table
from gxcrawl.metrics import ParseResult, parse_document
from gxcrawl.metrics.schema import CANONICAL_KEYS, legacy_key


def statistics(*rows: list[str]) -> Table:
    return Table.from_rows([["指标", "单位", "数量"], *rows])


def test_two_tables_that_disagree_keep_the_first_figure_and_warn():
    document = Document([statistics(["主动公开政府信息数", "条", "480"]), statistics(["主动公开信息数量", "条", "470"])])
    result = parse_document(document)
    assert (result.metrics, result.warnings) == ({"proactive.total": 480}, ["table_conflict: proactive.total 480 470"])


def test_prose_agreeing_with_a_table_leaves_the_table_provenance():
    document = Document([Paragraph("主动公开政府信息480条。"), statistics(["主动公开政府信息数", "条", "480"])])
    result = parse_document(document)
    assert (result.provenance["proactive.total"]["origin"], result.warnings) == ("table", [])


def test_prose_disagreeing_with_a_table_is_a_warning_and_the_table_wins():
    document = Document([Paragraph("主动公开政府信息470条。"), statistics(["主动公开政府信息数", "条", "480"])])
    result = parse_document(document)
    assert (result.metrics, result.warnings) == (
        {"proactive.total": 480}, ["prose_disagrees: proactive.total table 480 prose 470"])


def test_metrics_come_in_schema_order_with_legacy_keys_last():
    document = Document([statistics(["网站访问量", "次", "9"], ["新闻发布会数", "次", "1"], ["主动公开政府信息数", "条", "3"])])
    assert list(parse_document(document).metrics) == ["proactive.total", "website.visits", legacy_key(["新闻发布会数"])]
    assert CANONICAL_KEYS.index("proactive.total") < CANONICAL_KEYS.index("website.visits")


def test_the_callers_title_and_agency_are_used():
    result = parse_document(Document([Paragraph("由某某局编制。")]), title="2016年度某县政府信息公开工作年度报告",
                            agency="某县人民政府办公室")
    assert (result.year, result.agency, result.era) == (2016, "某县人民政府办公室", "pre2019")


def test_an_empty_document_gives_an_empty_result():
    assert parse_document(Document()) == ParseResult()


def test_the_result_is_json_serialisable():
    document = Document([Paragraph("累计主动公开政府信息9370余条。"), statistics(["依申请公开信息收取的费用", "万元", "0.5"])])
    result = parse_document(document)
    assert json.loads(json.dumps(result.provenance)) == result.provenance
    assert result.metrics == {"proactive.cumulative": 9370, "fees.collected": 5000.0}
