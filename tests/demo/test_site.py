"""The demo portal's pages keep the quirks of the CMS families it imitates."""

import io
import json

import docx
import pdfplumber
import pytest

from gxcrawl.demo.site import DATAPROXY_PATH, DOWNFILE_PATH, HANWEB_PARAMS, JPAAS_UNIT_PATH, DemoSite


@pytest.fixture(scope="module")
def site():
    return DemoSite()


def test_trs_pages_are_gbk_with_the_charset_only_in_meta(site):
    page = site.respond("/zwgk/zfxxgknb/", {})
    assert page.content_type == "text/html"
    assert 'charset=gb2312' in page.body.decode("gbk")
    with pytest.raises(UnicodeDecodeError):
        page.body.decode("utf-8")


def test_trs_column_has_three_pages_counted_by_create_page_html(site):
    assert 'createPageHTML(3, 0, "index", "html")' in site.respond("/zwgk/zfxxgknb/index.html", {}).body.decode("gbk")
    assert 'createPageHTML(3, 2, "index", "html")' in site.respond("/zwgk/zfxxgknb/index_2.html", {}).body.decode("gbk")
    assert site.respond("/zwgk/zfxxgknb/index_3.html", {}).status == 404


def test_dataproxy_needs_the_column_params(site):
    assert b"<record>" not in site.respond(DATAPROXY_PATH, {"startrecord": "4", "endrecord": "6"}).body


def test_dataproxy_groups_overlap_by_one_record(site):
    first = site.respond(DATAPROXY_PATH, HANWEB_PARAMS | {"startrecord": "4", "endrecord": "6"}).body.decode()
    second = site.respond(DATAPROXY_PATH, HANWEB_PARAMS | {"startrecord": "7", "endrecord": "9"}).body.decode()
    assert first.count("<record>") == 4 and second.count("<record>") == 2
    assert "art_4321_100063" in first and "art_4321_100063" in second
    assert "<totalrecord>7</totalrecord>" in first


def test_downfile_attachment_names_itself_only_in_content_disposition(site):
    token = next(iter(site.downloads))
    resource = site.respond(DOWNFILE_PATH, {"classid": "0", "filename": token})
    assert resource.content_type == "application/octet-stream"
    assert resource.headers["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    assert site.respond(DOWNFILE_PATH, {"filename": "nope"}).status == 404


def test_pdf_attachment_keeps_the_statistics_table_as_a_ruled_table(site):
    pdf = next(r for path, r in site.resources.items() if path.endswith(".pdf"))
    with pdfplumber.open(io.BytesIO(pdf.body)) as document:
        text = "".join(page.extract_text() for page in document.pages)
        rows = [row for page in document.pages for table in page.extract_tables() for row in table]
    assert "环翠区住房和城乡建设局2011年政府信息公开工作年度报告" in text
    assert ["一、主动公开信息数量", "条", "27"] in rows


def test_docx_attachment_keeps_paragraphs(site):
    word = docx.Document(io.BytesIO(next(r for r in site.downloads.values() if r.body[:2] == b"PK").body))
    text = "\n".join(p.text for p in word.paragraphs)
    assert text.startswith("2019年如东县住房和城乡建设局政府信息公开工作年度报告")
    assert "共受理政府信息公開(kāi)申請(qǐng)58件" in text


def test_large_mode_adds_a_linked_column_of_county_reports_twenty_a_page():
    site = DemoSite(counties=45)
    home = site.respond("/", {}).body.decode()
    assert '<a href="/zwgk/qxxxgknb/">区县政府信息公开年报</a>' in home
    last = site.respond("/zwgk/qxxxgknb/index_2.html", {}).body.decode("gbk")
    assert 'createPageHTML(3, 2, "index", "html")' in last and last.count("<li><a href=\"./") == 5
    article = site.respond("/zwgk/qxxxgknb/202001/t20200119_7000045.html", {}).body.decode("gbk")
    assert "43990045ZJ/2020-00045" in article and "2019年，我局共主动公开政府信息145条" in article


def test_without_large_mode_there_is_no_county_column(site):
    assert "qxxxgknb" not in site.respond("/", {}).body.decode()


def test_summary_report_page_is_gb2312_with_no_content_type_header(site):
    page = site.respond("/zwgk/nbhz/9001.html", {})
    assert page.content_type is None
    assert 'charset=gb2312' in page.body.decode("gb2312")
    with pytest.raises(UnicodeDecodeError):
        page.body.decode("utf-8")


def test_jpaas_list_comes_only_from_the_unit_api_by_page_number(site):
    column = site.respond("/col/col5501/index.html", {}).body.decode()
    assert "/art/" not in column and "/api-gateway/jpaas-publish-server/front/page/build/unit?" in column
    first = json.loads(site.respond(JPAAS_UNIT_PATH, {"pageId": "5501", "pageNo": "1"}).body)
    past = json.loads(site.respond(JPAAS_UNIT_PATH, {"pageId": "5501", "pageNo": "3"}).body)
    assert first["success"] and first["data"]["html"].count("<li>") == 2 and past["data"]["html"] == ""
    assert site.respond(JPAAS_UNIT_PATH, {"pageNo": "1"}).status == 400


def test_gkmlpt_list_api_pages_the_report_category_and_needs_the_site_id(site):
    first = json.loads(site.respond("/gkmlpt/api/all/2001", {"page": "1", "sid": "755001"}).body)
    second = json.loads(site.respond("/gkmlpt/api/all/2001", {"page": "2", "sid": "755001"}).body)
    assert first["total"] == 3 and len(first["articles"]) == 2 and len(second["articles"]) == 1
    assert {"identifier", "publisher", "document_number", "url", "attachment"} <= set(first["articles"][0])
    assert site.respond("/gkmlpt/api/all/2001", {"page": "1"}).status == 400


def test_gkmlpt_detail_is_an_empty_shell_with_the_article_in_its_config(site):
    page = site.respond("/gkmlpt/content/4/2001/post_4391450.html", {}).body.decode()
    assert "window._CONFIG = " in page and '"DETAIL"' in page and "<\\/p>" in page
    assert "本报告由" not in page.split("window._CONFIG")[0]  # the body is only in the script


def test_site_search_is_an_igs_page_and_a_json_api_that_finds_titles_holding_every_word(site):
    assert '<div id="app"></div>' in site.respond("/irs-c-web/search.shtml", {"searchWord": "年度报告"}).body.decode()
    query = {"code": "18c3e5a7d91", "searchWord": "2012 年度报告", "searchBy": "title", "orderBy": "related", "pageNo": 1, "pageSize": 20}
    answer = json.loads(site.respond("/irs/front/search", query).body)
    titles = [row["data"]["title"] for row in answer["data"]["middle"]["listAndBox"]]
    assert titles == ["示范省住房和城乡建设厅<em>2012</em>年政府信息公开工作<em>年度报告</em>",
                      "关于做好<em>2012</em>年度政府信息公开工作<em>年度报告</em>编制工作的通知"]
    assert answer["data"]["pager"] == {"pageNo": 1, "pageSize": 5, "total": 2, "pageCount": 1}
    second = json.loads(site.respond("/irs/front/search", query | {"searchWord": "年度报告", "pageNo": 2}).body)
    assert second["data"]["pager"]["pageCount"] == 2 and len(second["data"]["middle"]["listAndBox"]) == 1


def test_site_search_answers_a_query_without_its_code_or_order_with_a_refusal(site):
    # As IGS does: a 200 answer saying what is missing, not an HTTP error.
    refused = site.respond("/irs/front/search", {"code": "18c3e5a7d91", "searchWord": "年度报告"})
    assert refused.status == 200 and json.loads(refused.body) == {"success": False, "msg": "排序方式不能为空！"}
    assert json.loads(site.respond("/irs/front/search", {"searchWord": "年度报告", "searchBy": "title", "orderBy": "related"}).body)["success"] is False
