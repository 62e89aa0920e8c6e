import pytest

from gxcrawl.metrics.facts import report_agency, report_era, report_year


@pytest.mark.parametrize(("title", "year"), [
    ("2017年高港区住房和城乡建设局信息公开年度报告", 2017),
    ("湖南省住房和城乡建设厅2018年度政府信息公开工作报告", 2018),
    ("2011年政府信息公开工作年度报告", 2011),
    ("北京市2022年政务公开工作年报", 2022),
])
def test_the_year_comes_from_the_title(title, year):
    assert report_year(title, []) == year


def test_the_title_in_the_text_beats_the_publish_date():
    paragraphs = ["湖南省住房和城乡建设厅2018年度政府信息公开工作报告", "索引号:430S00/2019-16610 发文日期:2019-03-22",
                  "2019年计划", "2019年目标"]
    assert report_year(None, paragraphs) == 2018


def test_the_callers_title_comes_before_the_text():
    assert report_year("2020年度政府信息公开工作年度报告", ["《2019年政府信息公开工作年度报告》"]) == 2020


def test_without_a_title_the_statistics_period_gives_the_year():
    assert report_year(None, ["本报告所列数据的统计期限自2017年1月1日起至2017年12月31日止。", "2018年2月"]) == 2017


def test_without_a_title_or_period_the_year_named_most_often_wins():
    assert report_year(None, ["2013年进一步加强工作。", "截止2013年底运行正常。", "2014年将改进。"]) == 2013


def test_no_year_at_all_is_none():
    assert report_year(None, ["本报告根据条例编制。"]) is None


@pytest.mark.parametrize(("paragraphs", "agency"), [
    (["本年度报告根据《条例》要求，由常德市住房和城乡建设局编制。"], "常德市住房和城乡建设局"),
    (["本报告由湖南省住房和城乡建设厅根据《中华人民共和国政府信息公开条例》的相关规定编制,全文包括"], "湖南省住房和城乡建设厅"),
    (["填报单位：环翠区住房和城乡建设局"], "环翠区住房和城乡建设局"),
    (["《2019年如东县住房和城乡建设局政府信息公开工作年度报告》已经研究同意"], "如东县住房和城乡建设局"),
    (["湖南省住房和城乡建设厅2018年度政府信息公开工作报告"], "湖南省住房和城乡建设厅"),
    (["2011年政府信息公开工作年度报告"], None),
])
def test_the_agency_comes_from_the_text(paragraphs, agency):
    assert report_agency(None, paragraphs) == agency


@pytest.mark.parametrize(("year", "kinds", "keys", "era"), [
    (2022, {"applications"}, [], "2021"),
    (None, {"applications"}, ["applications.other.no_correction.total"], "2021"),
    (2020, {"applications", "review"}, ["applications.other.total.total"], "2019"),
    (None, {"review"}, [], "2019"),
    (2017, {"statistics"}, [], "pre2019"),
    (2019, set(), [], "2019"),
    (2020, set(), [], "2019"),
    (2021, set(), [], "2021"),
    (2018, set(), [], "pre2019"),
    (None, set(), [], None),
])
def test_the_era_follows_the_table_shape_then_the_year(year, kinds, keys, era):
    assert report_era(year, kinds, keys) == era


def test_a_title_quoted_in_the_text_is_another_documents_and_gives_no_year():
    paragraphs = ["一、总体情况", "2022年，我署深入推进政府信息公开工作。公开发布《示范署2021年政府信息公开工作年度报告》。"]
    assert report_year(None, paragraphs) == 2022


def test_a_notice_about_the_reports_is_no_reports_title():
    paragraphs = ["根据《示范省人民政府办公厅关于做好2020年政府信息公开工作年度报告编制工作的通知》要求，编制本报告。"]
    assert report_agency(None, paragraphs) is None


def test_words_announcing_a_title_are_not_its_agency():
    assert report_agency(None, ["现公布我局2022年政府信息公开工作年度报告如下。"]) is None
    assert report_agency("示范县审计局2022年政府信息公开工作年度报告", []) == "示范县审计局"
