from gxcrawl.extract.model import Table
from gxcrawl.metrics.schema import legacy_key
from gxcrawl.metrics.tables import STATISTICS, read_tables


def figures(*tables: Table) -> dict:
    return {found.key: found.value.typed() for found in read_tables(list(tables)).found}


def statistics(*rows: list[str]) -> Table:
    return Table.from_rows([["指标名称", "单位", "本年累计"], *rows])


def test_a_statistics_table_maps_indicators_by_label():
    table = statistics(["一、主动公开信息数量", "条", "27"], ["十三、参加学习培训人数", "人", "9"])
    assert figures(table) == {"proactive.total": 27, "training.attendees": 9}


def test_a_statistics_table_is_told_by_its_unit_column():
    table = Table.from_rows([["统计指标", "计量单位", "统计数"], ["举报投诉数量", "件", "675"]])
    assert read_tables([table]).kinds == {STATISTICS}
    assert figures(table) == {"complaints.total": 675}


def test_a_sub_row_maps_by_the_row_it_is_numbered_under():
    table = statistics(
        ["六、政府信息公开被行政复议数量", "件", "3"], ["其中：1.维持具体行政行为", "件", "2"], ["2.纠错", "件", "1"],
        ["七、政府信息公开被诉讼数量", "件", "1"], ["其中：1.维持具体行政行为", "件", "1"],
    )
    assert figures(table) == {"review.total": 3, "review.upheld": 2, "review.corrected": 1,
                              "litigation.total": 1, "litigation.upheld": 1}


def test_an_indicator_outside_its_context_is_kept_as_legacy_under_its_label_path():
    table = statistics(["五、政府信息公开被举报数量", "件", "4"], ["其中：1.维持具体行政行为", "件", "3"])
    reading = read_tables([table])
    legacy = reading.found[1]
    assert (legacy.key, legacy.value.typed()) == (legacy_key(["政府信息公开被举报数量", "维持具体行政行为"]), 3)
    assert legacy.provenance == {"origin": "table", "table": 0, "label": "其中：1.维持具体行政行为", "raw": "3",
                                 "unit": "件", "path": "政府信息公开被举报数量 > 维持具体行政行为"}


def test_unnumbered_rows_after_a_qizhong_row_are_its_siblings():
    table = statistics(["主动公开政府信息数", "条", "1450"], ["其中：全文电子化政府信息数", "条", "1450"],
                       ["新增行政规范性文件数", "条", "1"])
    keys = [found.key for found in read_tables([table]).found]
    assert keys == ["proactive.total", legacy_key(["主动公开政府信息数", "全文电子化政府信息数"]),
                    "proactive.normative_docs.new"]


def test_a_blank_cell_is_absent_and_zero_is_zero():
    table = statistics(["（一）收到申请数", "件", ""], ["3.网络申请数", "件", "1"], ["4.信函申请数", "件", "无"])
    assert figures(table) == {"applications.channel.online": 1, "applications.channel.letter": 0}


def test_money_in_wan_yuan_becomes_yuan():
    table = statistics(["八、依申请公开信息收取的费用", "万元", "0.12"])
    assert figures(table) == {"fees.collected": 1200.0}


def test_a_percent_indicator_keeps_its_percent_figure():
    table = statistics(["十四、政务服务事项不见面占比", "%", "80"])
    assert figures(table) == {legacy_key(["政务服务事项不见面占比"]): 80.0}


def test_a_table_that_is_neither_template_nor_statistics_is_ignored():
    table = Table.from_rows([["索引号", "014421017/2018-00546", "分类", "信息公开年报"], ["文号", "", "时效", ""]])
    reading = read_tables([table])
    assert (reading.found, reading.kinds) == ([], set())


def review_table(values: list[str]) -> Table:
    return Table.from_rows([
        ["行政复议"] * 5 + ["行政诉讼"] * 10,
        ["行政复议"] * 5 + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3,
        values,
    ])


def test_the_review_table_keys_come_from_its_two_level_header():
    values = ["1", "0", "0", "0", "1", "0", "2", "0", "0", "2", "", "", "", "", "0"]
    assert figures(review_table(values)) == {
        "review.upheld": 1, "review.corrected": 0, "review.other": 0, "review.pending": 0, "review.total": 1,
        "litigation.direct.upheld": 0, "litigation.direct.corrected": 2, "litigation.direct.other": 0,
        "litigation.direct.pending": 0, "litigation.direct.total": 2, "litigation.after_review.total": 0,
    }


def test_a_template_row_with_an_unknown_label_is_kept_under_legacy_keys_with_a_warning():
    header = [["项目", "申请人情况", "申请人情况"], ["项目", "自然人", "总计"]]
    table = Table.from_rows(header + [["一、本年新收政府信息公开申请数量", "2", "2"], ["（八）转办", "1", "1"]])
    reading = read_tables([table])
    keys = [found.key for found in reading.found]
    assert keys[:2] == ["applications.new.natural_person", "applications.new.total"]
    assert len(keys) == 4 and all(key.startswith("legacy.l_") for key in keys[2:]) and keys[2] != keys[3]
    assert [found.provenance["label"] for found in reading.found[2:]] == ["（八）转办 > 申请人情况 > 自然人", "（八）转办 > 申请人情况 > 总计"]
    assert reading.warnings == ["unmapped_row: applications （八）转办"]


def test_figures_without_a_label_are_a_warning_not_a_label():
    header = [["项目", "项目", "申请人情况", "申请人情况"], ["项目", "项目", "自然人", "总计"]]
    # Pasted from a web page, the merged label cell is gone and the figures slid left.
    table = Table.from_rows(header + [["一、本年新收政府信息公开申请数量", "", "2", "2"], ["1", "0", "1", ""]])
    reading = read_tables([table])
    assert [found.key for found in reading.found] == ["applications.new.natural_person", "applications.new.total"]
    assert reading.warnings == ["unlabelled_row: applications 1"]


def test_a_template_is_known_by_its_header_words_even_when_a_cell_wraps():
    wrapped = review_table(["1", "0", "0", "0", "1", "0", "2", "0", "0", "2", "", "", "", "", "0"])
    # A DOCX cell of two paragraphs, or an HTML cell with a line break, reads "结果 维持".
    wrapped = Table(tuple(tuple(cell[:2] + " " + cell[2:] if index == 2 else cell for cell in row)
                          for index, row in enumerate(wrapped.rows)))
    assert figures(wrapped)["litigation.direct.corrected"] == 2 and figures(wrapped)["review.total"] == 1


def test_a_template_row_label_without_its_group_is_found_by_its_own_label():
    header = [["项目", "申请人情况", "申请人情况"], ["项目", "自然人", "总计"]]
    table = Table.from_rows(header + [["本年新收政府信息公开申请数量", "1", "1"], ["1.属于国家秘密", "1", "1"]])
    assert figures(table)["applications.withheld.state_secret.total"] == 1


def test_a_value_merged_across_the_columns_of_one_header_counts_once():
    table = Table.from_rows([
        ["第二十条第(五)项"] * 4, ["信息内容", "本年处理决定数量", "本年处理决定数量", "本年处理决定数量"],
        ["行政许可", "1024", "1024", "1024"],
    ])
    reading = read_tables([table])
    assert [(found.key, found.value.typed()) for found in reading.found] == [("proactive.licensing.decisions", 1024)]
    assert reading.found[0].provenance == {"origin": "table", "table": 0, "raw": "1024",
                                           "label": "行政许可 > 本年处理决定数量"}
