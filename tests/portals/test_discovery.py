"""What any page tells about where reports are: links titled like reports, 年报汇总 pages."""

from __future__ import annotations

from gxcrawl.portals import Page
from gxcrawl.portals.generic import GenericFamily
from gxcrawl.portals.discovery import report_candidates

NAV = '<div class="nav"><a href="/">首页</a><a href="/szf/">市政府</a><a href="/sw/">市委</a><a href="/zwfw/">政务服务中心</a></div>'


def test_a_short_report_title_on_an_unknown_site_is_a_candidate_not_a_column():
    page = Page("http://www.a.gov.cn/zwgk/", '<div><a href="/zwgk/content/8812.jhtml">2019年度政府信息公开工作年度报告</a></div>'
                '<p><a href="/zwgk/nb/">政府信息公开年报</a></p>')
    assert [(link.url, link.title) for link in report_candidates(page, set())] == [
        ("http://www.a.gov.cn/zwgk/content/8812.jhtml", "2019年度政府信息公开工作年度报告")]


def test_rows_the_family_read_are_not_candidates_again():
    page = Page("http://www.a.gov.cn/", '<a href="/r/1.html">市住建局2020年政府信息公开年报</a>')
    assert report_candidates(page, {"http://www.a.gov.cn/r/1.html"}) == []


def test_summary_page_agency_links_come_from_its_main_table_titled_by_its_heading():
    html = f"""<html><head><title>某市人民政府</title></head><body>{NAV}
    <h1>2020年度政府信息公开工作年度报告汇总</h1>
    <table><tr><td><a href="/bm/zjj/nb2020.html">市住房和城乡建设局</a></td><td><a href="/bm/czj/nb2020.pdf">市财政局</a></td></tr>
    <tr><td><a href="/bm/fgw/">市发展和改革委</a></td></tr></table></body></html>"""
    links = report_candidates(Page("http://www.a.gov.cn/nbhz/", html), set())
    assert [(link.url.rsplit("gov.cn", 1)[1], link.title) for link in links] == [
        ("/bm/zjj/nb2020.html", "市住房和城乡建设局2020年度政府信息公开工作年度报告"),
        ("/bm/czj/nb2020.pdf", "市财政局2020年度政府信息公开工作年度报告"),
        ("/bm/fgw/", "市发展和改革委2020年度政府信息公开工作年度报告"),
    ]  # not 市政府, 市委, 政务服务中心 of the menu


def test_a_json_answer_has_no_candidates_beyond_its_rows():
    page = Page("http://www.a.gov.cn/api", '{"data": {"html": "<a href=\\"/x.html\\">2019年政府信息公开年报</a>"}}')
    assert report_candidates(page, set()) == []



def test_summary_page_agency_links_are_candidates_even_when_read_as_list_rows():
    html = """<h1>2020年度政府信息公开工作年度报告汇总</h1><table class="nbhz"><tr><th>单位</th><th>发布日期</th></tr>
    <tr><td><a href="/nbhz/9001.html">示范县住房和城乡建设局</a></td><td>2021-01-28</td></tr>
    <tr><td><a href="/nbhz/9002.html">示范市财政局</a></td><td>2021-01-27</td></tr></table>"""
    page = Page("http://www.a.gov.cn/nbhz/", html)
    rows = {link.url for link in GenericFamily().list_links(page)}
    assert rows == {"http://www.a.gov.cn/nbhz/9001.html", "http://www.a.gov.cn/nbhz/9002.html"}
    assert [link.title for link in report_candidates(page, rows)] == [
        "示范县住房和城乡建设局2020年度政府信息公开工作年度报告", "示范市财政局2020年度政府信息公开工作年度报告"]
