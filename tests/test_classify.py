import pytest

from gxcrawl.classify import is_annual_report, is_report_column, report_year

REPORTS = [
    "2017年高港区住房和城乡建设局信息公开年度报告",
    "湖南省住房和城乡建设厅2018年度政府信息公开工作报告",
    "环翠区住房和城乡建设局2011年政府信息公开工作年度报告",
    "2019年如东县住房和城乡建设局政府信息公开工作年度报告",
    "常德市住房和城乡建设局2013年政府信息公开工作年度报告",
    "北京市住房和城乡建设委员会2022年政府信息公开工作年度报告",
    "市住建局2020年度政府信息公开年报",
    "2021年度政务信息公开工作年度报告",
    "某县住房和城乡建设局 2019 年政府信息公开工作年度报告",
]
LOOKALIKES = [
    "关于做好2019年度政府信息公开工作年度报告编制发布工作的通知",
    "关于印发政府信息公开工作年度报告格式的通知",
    "2019年全省住房城乡建设系统政务公开工作要点",
    "示范省住房公积金2018年年度报告",
    "示范省住房和城乡建设厅网站工作年度报表（2018年度）",
    "高港区住房和城乡建设局2018年部门预算公开",
    "2019年部门决算",
    "我局召开政务公开工作推进会",
    "2020年政务公开工作计划",
]


@pytest.mark.parametrize("title", REPORTS)
def test_annual_report_titles_are_reports(title):
    assert is_annual_report(title)


@pytest.mark.parametrize("title", LOOKALIKES)
def test_lookalike_titles_are_not_reports(title):
    assert not is_annual_report(title)


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
