"""The reports spider against the demo portal over real HTTP on 127.0.0.1."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from gxcrawl import registry
from gxcrawl import settings as gxcrawl_settings
from gxcrawl.classify import is_annual_report
from gxcrawl.demo import DemoServer
from gxcrawl.items import ReportItem
from gxcrawl.portals import Link, Page, detect
from gxcrawl.spiders.reports import SENT, SITE, ReportsSpider, on_site
from tests.conftest import run_crawl

# path → (title, index_no, agency, category, published, year, attachment types)
EXPECTED = {
    "/zwgk/zfxxgknb/201903/t20190322_5678832.html": (
        "湖南省住房和城乡建设厅2018年度政府信息公开工作报告", "430S00/2019-16610", "湖南省住房和城乡建设厅",
        "政府信息公开年报", "2019-03-22", 2018, ["html"]),
    "/zwgk/zfxxgknb/201403/t20140328_1421075.html": (
        "常德市住房和城乡建设局2013年政府信息公开工作年度报告", "430700ZJ/2014-00031", "常德市住房和城乡建设局",
        "政府信息公开年报", "2014-03-28", 2013, ["html"]),
    "/zwgk/zfxxgknb/201202/t20120215_1187362.html": (
        "环翠区住房和城乡建设局2011年政府信息公开工作年度报告", "371002ZJ/2012-00007", "环翠区住房和城乡建设局",
        "政府信息公开年报", "2012-02-15", 2011, ["html", "pdf"]),
    "/art/2020/1/15/art_4321_100231.html": (
        "2019年如东县住房和城乡建设局政府信息公开工作年度报告", "014109457/2020-00012", "如东县住房和城乡建设局",
        "信息公开年报", "2020-01-15", 2019, ["html", "docx"]),
    "/art/2019/3/22/art_4321_100187.html": (
        "湖南省住房和城乡建设厅2018年度政府信息公开工作报告", "430S00/2019-16610", "湖南省住房和城乡建设厅",
        "政府信息公开年报", "2019-03-22", 2018, ["html"]),
    "/art/2018/2/28/art_4321_100063.html": (
        "2017年高港区住房和城乡建设局信息公开年度报告", "014421017/2018-00546", "医药高新区(高港区)住房和城乡建设局",
        "信息公开年报", "2018-02-28", 2017, ["html", "pdf"]),
    # found only by the site search
    "/zwgk/tzgg/201303/t20130315_5600001.html": (
        "示范省住房和城乡建设厅2012年政府信息公开工作年度报告", "430S00/2013-03310", "示范省住房和城乡建设厅",
        "政府信息公开年报", "2013-03-15", 2012, ["html"]),
    # jpaas: the list from the JSON unit API; the 2020 page leaves 索引号 and 发布机构 empty (the
    # agency then comes from the report's own text)
    "/col/col5501/art/2022/art_08efd2abf458a74f1d593d64d29a7667.html": (
        "示范市住房和城乡建设局2021年政府信息公开工作年度报告", "11430100MB1234567X/2022-00015", "示范市住房和城乡建设局",
        "政府信息公开年报", "2022-01-20", 2021, ["html"]),
    "/col/col5501/art/2021/art_50f0a8267359f9f09af8286aff870c08.html": (
        "示范市住房和城乡建设局2020年政府信息公开工作年度报告", None, "示范市住房和城乡建设局",
        "政府信息公开年报", "2021-01-22", 2020, ["html", "pdf"]),
    # gkmlpt: the JSON list API (two pages), the article in _CONFIG.DETAIL
    "/gkmlpt/content/4/2001/post_4403001.html": (
        "示范市示范区住房和城乡建设局2022年政府信息公开工作年度报告", "007542912/2023-00021", "示范市示范区住房和城乡建设局",
        "政府信息公开年报", "2023-01-16", 2022, ["html", "docx"]),
    "/gkmlpt/content/4/2001/post_4391450.html": (
        "示范市示范区住房和城乡建设局2021年政府信息公开工作年度报告", "007542912/2022-00019", "示范市示范区住房和城乡建设局",
        "政府信息公开年报", "2022-01-25", 2021, ["html"]),
    # on the 年报汇总 page, linked by its agency's name; GB2312 with no Content-Type header
    "/zwgk/nbhz/9001.html": (
        "示范县住房和城乡建设局2020年度政府信息公开工作年度报告", "430921ZJ/2021-00004", "示范县住房和城乡建设局",
        "政府信息公开年报", "2021-01-28", 2020, ["html"]),
}


def by_path(items: list[dict]) -> dict[str, dict]:
    return {urlsplit(item["url"]).path: item for item in items}


def pages(items: list[dict]) -> set[str]:
    """Every page the items were found on: their own and the pages merged into them."""
    return {urlsplit(url).path for item in items for url in [item["url"], *item["also_published_at"]]}


def test_demo_crawl_finds_exactly_the_reports_with_their_metadata(demo_crawl):
    items = demo_crawl.items()
    assert len(items) == len(EXPECTED) - 1  # the republished report is one item
    assert pages(items) == set(EXPECTED)
    found = {
        path: (i["title"], i["index_no"], i["agency"], i["category"], i["published"], i["year"], [f["type"] for f in i["files"]])
        for path, i in by_path(items).items()
    }
    assert found == {path: EXPECTED[path] for path in found}


def test_items_carry_the_feed_fields_of_the_design(demo_crawl):
    item = demo_crawl.items()[0]
    assert list(item) == ["index_no", "title", "agency", "category", "doc_no", "published", "year", "era", "url",
                          "also_published_at", "status", "portal", "files", "source", "text", "metrics", "provenance",
                          "warnings", "crawled_at"]
    assert item["portal"] == "demo" and item["warnings"] == [] and item["status"] == "new"


def test_pagination_of_both_families_is_followed(demo_crawl):
    paths = set(by_path(demo_crawl.items()))
    assert "/zwgk/zfxxgknb/201202/t20120215_1187362.html" in paths  # on TRS index_2.html
    assert "/art/2018/2/28/art_4321_100063.html" in paths  # only in a dataproxy.jsp group


def test_republished_report_is_one_item_listing_both_pages(demo_crawl):
    [hunan] = [item for item in demo_crawl.items() if item["index_no"] == "430S00/2019-16610"]
    # Equal records: the smaller URL is kept, the other page listed.
    assert urlsplit(hunan["url"]).path == "/art/2019/3/22/art_4321_100187.html"
    assert [urlsplit(url).path for url in hunan["also_published_at"]] == ["/zwgk/zfxxgknb/201903/t20190322_5678832.html"]


def test_stored_files_match_their_checksums_and_are_content_addressed(demo_crawl):
    files = [f for item in demo_crawl.items() for f in item["files"]]
    for stored in files:
        body = (demo_crawl.workdir / "output" / "files" / stored["path"]).read_bytes()
        assert hashlib.sha256(body).hexdigest() == stored["checksum"]
        assert stored["path"] == f"{stored['checksum'][:2]}/{stored['checksum']}.{stored['type']}"
        assert len(body) == stored["size"]
    attachments = {f["type"]: f for f in files if f["type"] != "html"}
    assert (demo_crawl.workdir / "output/files" / attachments["pdf"]["path"]).read_bytes().startswith(b"%PDF-")


def test_attachment_type_and_name_come_from_bytes_and_content_disposition(demo_crawl):
    rudong = by_path(demo_crawl.items())["/art/2020/1/15/art_4321_100231.html"]
    docx_file = rudong["files"][1]
    assert "downfile.jsp" in docx_file["url"] and "." not in docx_file["url"].rsplit("filename=", 1)[1]
    assert docx_file["type"] == "docx"
    assert docx_file["name"] == "2019年如东县住房和城乡建设局政府信息公开工作年度报告.docx"


def test_crawl_from_a_site_root_finds_the_same_reports(tmp_path):
    with DemoServer() as server:
        crawl = run_crawl(tmp_path, "-a", f"start_urls={server.url}")
    items = crawl.items()
    assert pages(items) == set(EXPECTED)
    assert {item["portal"] for item in items} == {"127.0.0.1"}
    # TRS IGS search: the form opens the result page, whose JSON query is asked for each result page
    # (5 a page on the demo, 6 results)
    search = [(hit.method, hit.path.split("?")[0]) for hit in server.requests if hit.path.startswith(("/irs-c-web/", "/irs/"))]
    assert search == [("GET", "/irs-c-web/search.shtml"), ("POST", "/irs/front/search"), ("POST", "/irs/front/search")]


def test_a_start_page_whose_search_box_is_only_a_script_still_gets_the_site_search(tmp_path):
    with DemoServer() as server:
        crawl = run_crawl(tmp_path, "-a", f"start_urls={server.url}zwgk/")  # the 政务公开 template: no search form
    search = [hit.path for hit in server.requests if hit.path.startswith("/irs-c-web/")]
    assert len(search) == 1 and "searchWord=%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A" in search[0]
    assert "/zwgk/tzgg/201303/t20130315_5600001.html" in pages(crawl.items())  # in no column: found by the search


def test_a_start_url_that_is_a_report_page_is_read_as_a_report_and_discovered_from(tmp_path):
    report = "/zwgk/zfxxgknb/201202/t20120215_1187362.html"  # as the registry cites some portals
    with DemoServer() as server:
        start = f"start_urls={server.url.rstrip('/')}{report}"
        (tmp_path / "alone").mkdir(), (tmp_path / "whole").mkdir()
        crawl = run_crawl(tmp_path / "whole", "-a", start)
        fetched = [hit.path for hit in server.requests].count(report)
        alone = run_crawl(tmp_path / "alone", "-a", start, "-s", "GXCRAWL_SITE_BUDGET=0")  # no page but the start
    assert [urlsplit(item["url"]).path for item in alone.items()] == [report]
    assert fetched == 1  # its column lists it too: not fetched again
    assert pages(crawl.items()) == set(EXPECTED)  # its menu leads to every column as from the home page


def test_decoys_of_every_kind_are_skipped_and_counted_by_kind(demo_crawl):
    stats = json.loads((demo_crawl.workdir / "output" / "stats.json").read_text("utf-8"))
    skipped = {key.rsplit("/", 1)[1]: value for key, value in stats.items() if key.startswith("gxcrawl/skipped/lookalike/")}
    # every look-alike the demo portal publishes, each counted where it was told from a report: the
    # search results show the TRS column's notice and 住房公积金年度报告 again, beside a notice of their own
    assert skipped == {"notice": 3, "format": 2, "work_plan": 2, "website_report": 2, "housing_fund": 3,
                       "budget": 2, "interpretation": 1}
    assert not [item["title"] for item in demo_crawl.items() if not is_annual_report(item["title"])]


def test_site_search_is_asked_once_from_the_start_page(demo_crawl):
    stats = json.loads((demo_crawl.workdir / "output" / "stats.json").read_text("utf-8"))
    assert stats["gxcrawl/discovery/site_search"] == 1
    assert "/zwgk/tzgg/201303/t20130315_5600001.html" in pages(demo_crawl.items())  # in no column


def test_the_navigation_budget_bounds_discovery_per_site(tmp_path):
    crawl = run_crawl(tmp_path, "-a", "portal=demo", "-s", "GXCRAWL_SITE_BUDGET=3")
    stats = json.loads((tmp_path / "output" / "stats.json").read_text("utf-8"))
    assert stats["gxcrawl/trap/site_budget"] >= 1
    assert "Navigation budget of 127.0.0.1 spent: 3 pages (GXCRAWL_SITE_BUDGET)" in crawl.log
    assert 0 < len(pages(crawl.items())) < len(EXPECTED)


def test_registry_portals_are_chosen_by_name_province_and_level():
    hunan = ReportsSpider(province="湖南")
    assert hunan.start_urls == [p.url for p in registry.select(province="湖南")] and hunan.start_urls
    [name] = {p.name for p in registry.load() if p.level == "province" and p.province == "江苏"}
    jiangsu = ReportsSpider(portal=name)
    assert len(jiangsu.start_urls) == 1 and jiangsu.site_names == {registry.select(name)[0].host: name}
    counties = ReportsSpider(level="county")
    assert len(counties.start_urls) == sum(p.level == "county" for p in registry.load())
    with pytest.raises(registry.RegistryError, match="no portal in the registry matches portal=示范局"):
        ReportsSpider(portal="示范局")


def test_output_option_replaces_the_default_feed(tmp_path):
    run_crawl(tmp_path, "-a", "portal=demo", "-O", "mine.csv")
    assert not (tmp_path / "output" / "reports.jsonl").exists()
    with (tmp_path / "mine.csv").open(encoding="utf-8", newline="") as feed:
        rows = list(csv.DictReader(feed))
    assert list(rows[0])[:9] == ["index_no", "title", "agency", "category", "doc_no", "published", "year", "era", "url"]
    assert {urlsplit(row["url"]).path for row in rows} | {urlsplit(u).path for row in rows for u in row["also_published_at"].split(",") if u} == set(EXPECTED)


def test_attachment_over_download_maxsize_is_a_warning_and_the_item_is_kept(tmp_path):
    # The pages are under 21 kB, the DOCX attachments near 40 kB.
    crawl = run_crawl(tmp_path, "-a", "portal=demo", "-s", "DOWNLOAD_MAXSIZE=25000")
    items = by_path(crawl.items())
    assert {path for path, item in items.items() if item["warnings"]} == {
        "/art/2020/1/15/art_4321_100231.html", "/gkmlpt/content/4/2001/post_4403001.html"}
    rudong = items.pop("/art/2020/1/15/art_4321_100231.html")
    assert [f["type"] for f in rudong["files"]] == ["html"]
    [warning] = rudong["warnings"]
    assert warning.startswith("oversized_file: http://127.0.0.1:") and "/module/download/downfile.jsp?" in warning
    assert "larger than DOWNLOAD_MAXSIZE" in warning


def test_missing_arguments_fail_with_a_clear_message(tmp_path):
    crawl = run_crawl(tmp_path, check=False)
    assert crawl.result.returncode != 0
    assert "needs -a portal=demo, -a portal=NAME / province=… / level=… from the registry" in crawl.log


def test_offsite_attachments_are_refused_with_a_warning():
    crawler = get_crawler(ReportsSpider)
    spider = ReportsSpider.from_crawler(crawler, start_urls="https://zjj.example.gov.cn/")
    page = (Path(__file__).parent / "pages" / "offsite_attachment.html").read_bytes()
    url = "https://zjj.example.gov.cn/art/2021/1/20/art_1_2.html"
    request = Request(url, meta={SITE: "zjj.example.gov.cn"})
    response = HtmlResponse(url, body=page, encoding="utf-8", request=request)
    [item] = spider.parse_report(response, listed=Link(url, ""))
    assert item.file_urls == ["https://files.zjj.example.gov.cn/attach/2021/report.pdf"]
    assert item.warnings == ["offsite_attachment_refused: https://cdn.example.com/upload/report.docx"]


@pytest.mark.parametrize("url, followed", [
    ("http://zjj.example.gov.cn/col/col1/index.html", True),
    ("https://files.zjj.example.gov.cn:8443/a.pdf", True),  # a subdomain, any port
    ("http://example.gov.cn/", False),  # the parent domain is another site
    ("http://zjj.example.gov.cn.evil.com/", False),
    ("ftp://zjj.example.gov.cn/report.pdf", False),
    ("javascript:void(0)", False),
    ("file:///etc/passwd", False),
    ("", False),  # what Page.urljoin gives for a link no URL parser accepts
])
def test_only_http_links_on_the_site_are_followed(url, followed):
    assert on_site(url, "zjj.example.gov.cn") is followed


def parsed(spider: ReportsSpider, url: str, html: str, **meta) -> list:
    """What the spider makes of a page of its site (parsed as a list or start page): requests and items."""
    request = Request(url, meta={SITE: "www.a.gov.cn", **meta})
    return list(spider.parse(HtmlResponse(url, body=html.encode(), encoding="utf-8", request=request)))


def requested(spider: ReportsSpider, url: str, html: str, **meta) -> list[str]:
    """The URLs the spider asks for from a page (parsed as a list page of its site)."""
    return [r.url for r in parsed(spider, url, html, **meta) if isinstance(r, Request)]


def project_spider() -> ReportsSpider:
    """The spider with the project's settings (its limits), for a start URL on www.a.gov.cn."""
    settings = {name: value for name, value in vars(gxcrawl_settings).items() if name.isupper()}
    return ReportsSpider.from_crawler(get_crawler(ReportsSpider, settings_dict=settings), start_urls="http://www.a.gov.cn/")


def test_only_report_lists_are_paginated():
    spider = project_spider()
    news = "".join(f'<li><a href="/xw/{n}.html">市住建局召开会议{n}</a><span>2021-03-{n:02d}</span></li>' for n in range(1, 4))
    days = "".join(f'<a href="/rl/?d={n}">{n}</a>' for n in range(1, 32))
    home = f'<ul>{news}</ul><div class="calendar">{days}</div><a href="/xw/?page=2">下一页</a>'
    assert not [url for url in requested(spider, "http://www.a.gov.cn/", home) if "/rl/" in url or "page=" in url]
    reports = '<ul><li><a href="/nb/1.html">市住建局2021年政府信息公开工作年度报告</a><span>2022-01-20</span></li></ul>'
    listed = requested(spider, "http://www.a.gov.cn/nb/", reports + '<a href="/nb/?page=2">下一页</a>')
    assert "http://www.a.gov.cn/nb/?page=2" in listed and "http://www.a.gov.cn/nb/1.html" in listed


def test_a_report_page_headed_by_its_sites_logo_keeps_the_title_its_list_gave():
    spider = project_spider()
    url = "http://www.a.gov.cn/nb/1.html"
    response = HtmlResponse(url, body="<h1>某市住房和城乡建设局</h1><p>一、总体情况</p>".encode(), encoding="utf-8",
                            request=Request(url, meta={SITE: "www.a.gov.cn"}))
    [item] = spider.parse_report(response, listed=Link(url, "某市住房和城乡建设局2021年政府信息公开工作年度报告"))
    assert item.title == "某市住房和城乡建设局2021年政府信息公开工作年度报告" and item.year == 2021
    # a title made up from a 年报汇总 page does not stand in: the page must say it is a report
    assert list(spider.parse_report(response, listed=Link(url, "某市住房和城乡建设局2021年度…报告"), exact=False)) == []


def test_a_posted_search_form_hands_its_fields_to_the_engine_query():
    # The result page of a POSTed form has no query string: the engine's query takes the fields sent.
    home = ('<form id="searchForm" action="/jsearchfront/search.do" method="post"><input type="hidden" name="websiteid" '
            'value="320000000200000"><input type="hidden" name="tpl" value="38"><input type="text" name="q"></form>')
    [search] = [r for r in parsed(project_spider(), "http://www.a.gov.cn/", home) if isinstance(r, Request)]
    assert search.method == "POST" and search.meta[SENT] == {"websiteid": "320000000200000", "tpl": "38", "q": "年度报告"}
    shell = Page(search.url, "<html><body><div id='jcse-result'></div></body></html>", search.meta[SENT])
    [query] = detect(shell).next_pages(shell)
    assert query.url == "http://www.a.gov.cn/jsearchfront/interfaces/cateSearch.do"
    assert query.formdata == {"websiteid": "320000000200000", "tpl": "38", "q": "年度报告", "p": "1", "pg": "20", "pos": "title"}


def test_a_search_form_that_is_a_script_shell_gives_way_to_the_script():
    home = ('<form id="searchForm" action="javascript:void(0)"><input type="text" name="searchWord">'
            '<button onclick="window.open(\'/irs-c-web/search.shtml?code=17e50b77dab&searchWord=\' + v)">搜索</button></form>')
    assert requested(project_spider(), "http://www.a.gov.cn/", home) == [
        "http://www.a.gov.cn/irs-c-web/search.shtml?code=17e50b77dab&searchWord=%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A"]


def test_a_start_page_that_is_a_report_linking_the_previous_one_is_read_as_a_report():
    url = "http://www.a.gov.cn/zwgk/zfxxgknb/202101/t20210120_8812.html"
    page = """<html><head><meta name="ArticleTitle" content="某市住房和城乡建设局2020年政府信息公开工作年度报告"></head>
    <body><div class="TRS_Editor"><p>一、总体情况</p></div>
    <div class="prev">上一篇：<a href="../202001/t20200120_7701.html">某市住房和城乡建设局2019年政府信息公开工作年度报告</a></div></body></html>"""
    spider = project_spider()
    results = parsed(spider, url, page)
    assert [item.url for item in results if isinstance(item, ReportItem)] == [url]
    assert "http://www.a.gov.cn/zwgk/zfxxgknb/202001/t20200120_7701.html" in [r.url for r in results if isinstance(r, Request)]
    # found again in a list, it is not fetched again
    listing = f'<ul><li><a href="{url}">某市住房和城乡建设局2020年政府信息公开工作年度报告</a><span>2021-01-20</span></li></ul>'
    assert url not in requested(spider, "http://www.a.gov.cn/zwgk/zfxxgknb/", listing, gxcrawl_column_hops=1)


def test_a_row_titled_without_a_year_is_a_candidate_its_page_decides():
    rows = ('<ul><li><a href="/nb/1.html">政府信息公开年报</a><span>2021-01-20</span></li>'
            '<li><a href="/nb/2.html">市住建局2020年政府信息公开工作年度报告</a><span>2021-01-19</span></li></ul>')
    requests = {(r.url.rsplit("/", 1)[1], r.callback.__name__)
                for r in parsed(project_spider(), "http://www.a.gov.cn/xxgk/", rows, gxcrawl_column_hops=1) if isinstance(r, Request)}
    # a column so named, or a report titled without its year: not read as a report before its page says so
    assert ("1.html", "parse_candidate") in requests and ("1.html", "parse_report") not in requests
    assert ("2.html", "parse_report") in requests


def test_a_search_answers_links_are_its_rows_alone():
    # JSON-escaped markup read as HTML gives links like …/interfaces/\\"visit/link.do: none is followed
    result = ('<div class=\'jcse-news-title\'><a href=\\"visit/link.do?url=http%3A%2F%2Fwww.a.gov.cn%2Fnb%2F1.html\\">'
              '政府信息公开工作<em>年度报告</em></a></div>')
    answer = '{"result": ["' + result + '"], "total": 1}'
    urls = requested(project_spider(), "http://www.a.gov.cn/jsearchfront/interfaces/cateSearch.do", answer,
                     gxcrawl_sent={"q": "年度报告", "p": "1", "pg": "20"}, gxcrawl_column_hops=1)
    assert urls == ["http://www.a.gov.cn/nb/1.html"]
