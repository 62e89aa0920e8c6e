"""A site's own search: the form asked, and the XHR engines read (their pages: cases/*_search_*)."""

from __future__ import annotations

import json

from gxcrawl.portals import Page, detect
from gxcrawl.portals.search import scripted_search_url, search_form


def test_the_search_form_and_its_query_field():
    page = Page("http://www.a.gov.cn/", '<form action="/login.do"><input name="user"></form>'
                '<form id="searchForm" action="/jsearchfront/search.do" method="post"><input type="hidden" name="websiteid" value="1">'
                '<input type="text" name="q"><input type="submit" value="搜索"></form>')
    form, field = search_form(page.selector)
    assert form.attrib["id"] == "searchForm" and field == "q"
    assert search_form(Page("http://www.a.gov.cn/", '<form action="/login.do"><input name="user"></form>').selector) is None


def test_an_igs_refusal_is_no_rows_and_no_further_pages():
    # Without searchBy/orderBy IGS answers 200 with success false: nothing to read, nothing to ask again.
    page = Page("https://www.a.gov.cn/irs/front/search", json.dumps({"success": False, "msg": "排序方式不能为空！"}),
                {"code": "17e50b77dab", "searchWord": "年度报告", "pageNo": 1, "pageSize": 20})
    family = detect(page)
    assert family.name == "trs_search" and family.list_links(page) == [] and family.next_pages(page) == []


def test_a_search_page_without_the_query_asks_for_annual_reports():
    page = Page("http://www.a.gov.cn/jsearchfront/search.do?websiteid=320000000200000&tpl=38", "<html></html>")
    [query] = detect(page).next_pages(page)
    assert query.formdata == {"websiteid": "320000000200000", "tpl": "38", "q": "年度报告", "p": "1", "pg": "20", "pos": "title"}


def test_jsearch_paths_are_matched_whatever_their_case_and_prefix():
    # Sites mount jsearch as /JSEARCHFRONT/ or under a prefix (/zwbjsearchfront/); the API sits beside the page.
    page = Page("https://www.b.gov.cn/JSEARCHFRONT/search.do?websiteid=1&q=x", "<html></html>")
    assert detect(page).name == "hanweb_search"
    assert detect(page).next_pages(page)[0].url == "https://www.b.gov.cn/JSEARCHFRONT/interfaces/cateSearch.do"
    answer = Page("http://www.c.gov.cn/zwbjsearchfront/interfaces/cateSearch.do", '{"result": [], "total": 0}', {"p": "1", "pg": "20"})
    assert detect(answer).name == "hanweb_search" and detect(answer).next_pages(answer) == []


def test_a_search_box_without_a_form_is_asked_through_the_page_its_script_opens():
    igs = Page("http://www.a.gov.cn/zwgk/", '<input id="searchWord"><a onclick="doSearch()">搜索</a><script>function doSearch(){'
               'window.open("/irs-c-web/search.shtml?code=17e50b77dab&dataTypeId=15&searchWord=" + encodeURIComponent(w));}</script>')
    assert scripted_search_url(igs) == ("http://www.a.gov.cn/irs-c-web/search.shtml?code=17e50b77dab&dataTypeId=15"
                                        "&searchWord=%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A")
    # in an attribute, entities and all; the typed words go in q
    jsearch = Page("http://www.b.gov.cn/", '<button onclick="location.href=\'https://www.b.gov.cn/jsearchfront/search.do?websiteid=3210&amp;tpl=2&amp;q=\'+v">搜索</button>')
    assert scripted_search_url(jsearch) == "https://www.b.gov.cn/jsearchfront/search.do?websiteid=3210&tpl=2&q=%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A"
    assert scripted_search_url(Page("http://www.c.gov.cn/", '<form action="/jsearchfront/search.do"><input name="q"></form>')) is None


def test_an_igs_pager_written_in_strings_or_without_its_page_count_still_pages():
    sent = {"code": "17e50b77dab", "searchWord": "年度报告", "searchBy": "title", "orderBy": "related", "pageNo": 1, "pageSize": 20}
    for pager in ({"pageNo": "1", "pageCount": "3", "total": "47"}, {"pageNo": 1, "pageSize": 20, "total": 47}):
        page = Page("https://www.a.gov.cn/irs/front/search", json.dumps({"success": True, "data": {"middle": {"list": []}, "pager": pager}}), sent)
        assert [query.json["pageNo"] for query in detect(page).next_pages(page)] == [2, 3]


def test_igs_titles_come_as_text_without_highlighting_or_entities():
    row = {"title": "关于&ldquo;<em>年度报告</em>&rdquo;的说明 &amp; 附件", "url": "/a.html", "time": "2024-01-25"}
    page = Page("https://www.a.gov.cn/irs/front/search", json.dumps({"data": {"middle": {"list": [row]}}}), {"pageNo": 1})
    assert [link.title for link in detect(page).list_links(page)] == ["关于“年度报告”的说明 & 附件"]


def test_igs_query_takes_the_fields_a_posted_form_sent():
    page = Page("https://www.a.gov.cn/irs-c-web/search.shtml", "<div id='app'></div>", {"code": "17e50b77dab", "searchWord": "年度报告"})
    [query] = detect(page).next_pages(page)
    assert query.json["code"] == "17e50b77dab" and query.json["searchWord"] == "年度报告"
