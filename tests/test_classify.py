from pathlib import Path

import pytest

from gxcrawl.classify import LOOKALIKES, agency_in_title, is_annual_report, is_report_column, lookalike, report_year


def test_report_year_is_the_year_the_title_names():
    assert report_year("湖南省住房和城乡建设厅2018年度政府信息公开工作报告") == 2018
    assert report_year("某县住房和城乡建设局 2019 年政府信息公开工作年度报告") == 2019
    assert report_year("政府信息公开工作年度报告") is None


def test_report_columns_by_link_text_or_slug():
    assert is_report_column("政府信息公开年报", "http://x.gov.cn/col/col4321/index.html")
    assert is_report_column("更多", "http://x.gov.cn/zwgk/zfxxgknb/")
    assert is_report_column("", "http://x.gov.cn/xxgk/gknb2019/index.shtml")
    assert not is_report_column("工作动态", "http://x.gov.cn/xwzx/gzdt/")
    # an article link that names a report is a report, not a column
    assert not is_report_column("北京市住房和城乡建设委员会2022年政府信息公开工作年度报告", "http://x.gov.cn/a/t1.html")


def labelled_titles() -> list[tuple[str, str]]:
    lines = (Path(__file__).parent / "data" / "labelled_titles.tsv").read_text("utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


def test_the_labelled_list_is_large_and_covers_every_lookalike_kind():
    labels = [label for label, _ in labelled_titles()]
    assert len(labels) >= 60 and labels.count("report") >= 30
    assert set(LOOKALIKES) <= set(labels)


@pytest.mark.parametrize(("label", "title"), labelled_titles())
def test_labelled_titles_are_classified_as_labelled(label, title):
    assert is_annual_report(title) == (label == "report")
    if label in LOOKALIKES:
        assert lookalike(title) == label


def test_a_title_with_a_year_is_a_report_not_a_column():
    assert not is_report_column("2019年度政府信息公开工作年度报告", "http://a.gov.cn/zwgk/content/8812.jhtml")
    assert not is_report_column("统计年报", "http://a.gov.cn/tjnb/")  # a look-alike is not followed
    assert is_report_column("政府信息公开年报（2019年度）", "http://a.gov.cn/zwgk/gknb2019/")  # the slug decides


@pytest.mark.parametrize(("title", "agency"), [
    ("2019年如东县住房和城乡建设局政府信息公开工作年度报告", "如东县住房和城乡建设局"),
    ("医药高新区(高港区)住房和城乡建设局2017年信息公开年度报告", "医药高新区(高港区)住房和城乡建设局"),
    ("2020年度政府信息公开工作年度报告", None),  # names no agency
    ("关于2019年度政府信息公开工作年度报告的说明", None),
])
def test_the_agency_a_title_names(title, agency):
    assert agency_in_title(title) == agency
