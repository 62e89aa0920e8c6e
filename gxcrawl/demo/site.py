"""The demo portal's pages, built once from the catalog, in the markup of the CMS families it imitates.

* TRS WCM static column: GBK pages declared as gb2312 in ``<meta>`` only, ``index.html``,
  ``index_1.html`` … with the page count in ``createPageHTML``, articles at
  ``./YYYYMM/tYYYYMMDD_ID.html``, attachments ``./P0….pdf`` beside them.
* Hanweb JCMS column: ``/col/colID/index.html`` with the first records in a ``<datastore>`` script,
  the rest from ``/module/web/jpage/dataproxy.jsp`` (groups overlap by one record), articles at
  ``/art/Y/M/D/art_COL_ID.html``, attachments from ``downfile.jsp`` whose real name and type are only
  in ``Content-Disposition``.
* Hanweb jpaas column: an empty list filled from the JSON unit API by ``pageNo``, articles at
  ``/col/colID/art/YYYY/art_<32 hex>.html`` with 组配分类/生成日期/有效性 labels.
* gkmlpt catalog: ``/gkmlpt/index`` with ``window._CONFIG``, the JSON list API
  ``/gkmlpt/api/all/{cat}?page=N&sid=…``, detail pages holding the article in ``_CONFIG.DETAIL``.
* Discovery: the home page links only the 政务公开 section, which links the columns, the gkmlpt
  catalog and a 年报汇总 page; the site search, TRS IGS (the form opens ``/irs-c-web/search.shtml``,
  whose script POSTs a JSON query to ``/irs/front/search``), finds a report in no column.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
import json
from html import escape
from typing import Any
from urllib.parse import quote

from gxcrawl.demo import catalog, faults
from gxcrawl.demo.catalog import Article, Column
from gxcrawl.demo.documents import render_docx, render_html_body, render_pdf
from gxcrawl.extract.model import Document, Paragraph
from gxcrawl.extract.text import parse_text

DATAPROXY_PATH = "/module/web/jpage/dataproxy.jsp"
DOWNFILE_PATH = "/module/download/downfile.jsp"
JPAAS_UNIT_PATH = "/api-gateway/jpaas-publish-server/front/page/build/unit"
GKMLPT_API = re.compile(r"/gkmlpt/api/all/(\d+)")
HANWEB_PARAMS = {
    "col": "1",
    "appid": "1",
    "webid": "1",
    "path": "/",
    "columnid": str(catalog.HANWEB_COLUMN_ID),
    "sourceContentType": "1",
    "unitid": str(catalog.HANWEB_UNIT_ID),
    "webname": catalog.SITE_NAME,
    "permissiontype": "0",
}
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass
class Resource:
    body: bytes
    content_type: str | None = "text/html; charset=utf-8"  # None: no Content-Type header at all
    status: int = 200
    headers: dict[str, str | bytes] = field(default_factory=dict)  # bytes: sent raw, as broken portals do
    misbehaviour: faults.Misbehaviour | None = None


NOT_FOUND = Resource(
    "<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>".encode(),
    status=404,
)


class DemoSite:
    def __init__(self, corrections: dict[int, str] | None = None, counties: int = 0, faults: bool = False) -> None:
        """``corrections``: article id → a notice appended to its page, as portals amend a report.
        ``counties``: the large mode, a further column of that many county reports.
        ``faults``: the fault mode (:mod:`gxcrawl.demo.faults`)."""
        self.corrections = corrections or {}
        self.counties = counties
        self.faults = faults
        self.resources: dict[str, Resource] = {}
        self.downloads: dict[str, Resource] = {}  # downfile.jsp ``filename`` → file
        self.hanweb_records: list[str] = []
        self.jpaas_records: list[str] = []
        self.gkmlpt_articles: list[dict] = []  # the list API's records of the reports category
        self._build()

    # -- serving -----------------------------------------------------------------------------
    def respond(self, path: str, params: dict[str, Any]) -> Resource:
        if path.endswith("/"):
            path += "index.html"
        if path == DATAPROXY_PATH:
            return self._dataproxy(params)
        if path == DOWNFILE_PATH:
            return self.downloads.get(params.get("filename", ""), NOT_FOUND)
        if path == JPAAS_UNIT_PATH:
            return self._jpaas_unit(params)
        if match := GKMLPT_API.fullmatch(path):
            return self._gkmlpt_list(int(match[1]), params)
        if path == catalog.SEARCH_PATH:
            return self._search(params)
        if self.faults and (trap := _trap_page(path, params)):
            return trap
        return self.resources.get(path, NOT_FOUND)

    def _dataproxy(self, params: dict[str, str]) -> Resource:
        if params.get("columnid") != HANWEB_PARAMS["columnid"]:
            return Resource(b"<datastore><error>columnid required</error></datastore>", "text/xml;charset=UTF-8")
        try:
            start, end = int(params["startrecord"]), int(params["endrecord"])
        except (KeyError, ValueError):
            return Resource(b"<datastore><error>startrecord/endrecord required</error></datastore>", "text/xml;charset=UTF-8", 400)
        # Like the real endpoint, a group repeats the last record of the one before it.
        records = self.hanweb_records[max(start - 2, 0) : end]
        return Resource(
            _datastore(records, len(self.hanweb_records)).encode(),
            "text/xml;charset=UTF-8",
        )

    def _jpaas_unit(self, params: dict[str, str]) -> Resource:
        """One ``pageNo`` of the jpaas column; past the end, a page with no rows."""
        try:
            number = int(params.get("pageNo", "1"))
        except ValueError:
            number = 0
        if params.get("pageId") != str(catalog.JPAAS_COLUMN_ID) or number < 1:
            return _json({"success": False, "message": "参数错误"}, 400)
        per_page = catalog.JPAAS_COLUMN.per_page
        rows = self.jpaas_records[(number - 1) * per_page : number * per_page]
        return _json({"success": True, "data": {"html": "".join(rows)}})

    def _gkmlpt_list(self, category: int, params: dict[str, str]) -> Resource:
        if params.get("sid") != catalog.GKMLPT_SID or category not in catalog.GKMLPT_CATEGORIES:
            return _json({"code": 400, "message": "sid required"}, 400)
        articles = self.gkmlpt_articles if category == 2001 else []
        per_page = catalog.GKMLPT_COLUMN.per_page
        number = int(params["page"]) if params.get("page", "").isdigit() else 1
        return _json({"articles": articles[(number - 1) * per_page : number * per_page], "total": len(articles), "page": number})

    def _search(self, query: dict[str, Any]) -> Resource:
        """The IGS search API: the pages whose title (``searchBy=title``) or text holds every word
        of ``searchWord``, at most 5 a page (a site that caps ``pageSize``). Like the real one it needs the site's
        code and an order, and says what is missing in a 200 answer."""
        if query.get("code") != catalog.SEARCH_CODE:
            return _json({"success": False, "msg": "code不能为空！"})
        if not (query.get("searchBy") and query.get("orderBy")):
            return _json({"success": False, "msg": "排序方式不能为空！"})
        words = str(query.get("searchWord", "")).split()
        in_title = query["searchBy"] == "title"
        hits = [(href, article) for href, article in self.searchable
                if words and all(word in (article.title if in_title else article.title + article.summary) for word in words)]
        size = min(_number(query.get("pageSize"), 5), 5)
        number = _number(query.get("pageNo"), 1)
        rows = [{"type": "DATA", "data": {"title": _highlight(article.title, words), "url": href, "time": f"{article.date} 09:00:00",
                                          "content": escape(article.summary or article.title)}}
                for href, article in hits[(number - 1) * size : number * size]]
        pager = {"pageNo": number, "pageSize": size, "total": len(hits), "pageCount": -(-len(hits) // size)}
        return _json({"success": True, "data": {"middle": {"listAndBox": rows}, "pager": pager}})

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        columns = [(catalog.TRS_COLUMN_PATH, catalog.TRS_COLUMN.name), (f"/col/col{catalog.HANWEB_COLUMN_ID}/index.html", catalog.HANWEB_COLUMN.name)]
        if self.counties:
            counties = catalog.counties_column(self.counties)
            self._build_trs_column(counties, catalog.COUNTIES_COLUMN_PATH)
            columns.append((catalog.COUNTIES_COLUMN_PATH, counties.name))
        if self.faults:
            columns += self._build_faults()
        sections = [
            (f"/col/col{catalog.JPAAS_COLUMN_ID}/index.html", catalog.JPAAS_COLUMN.name),
            ("/gkmlpt/index", "政府信息公开目录"),
            (catalog.SUMMARY_PATH, "年报汇总"),
        ]
        self._add("/index.html", _home_page(columns))
        self._add("/zwgk/index.html", _open_government_page(columns + sections))
        self._build_trs_column(catalog.TRS_COLUMN, catalog.TRS_COLUMN_PATH)
        self._build_trs_column(
            Column("trs", "工作动态", per_page=10, articles=catalog.NEWS), catalog.NEWS_COLUMN_PATH
        )
        self._build_hanweb_column(catalog.HANWEB_COLUMN)
        self._build_jpaas_column(catalog.JPAAS_COLUMN)
        self._build_gkmlpt(catalog.GKMLPT_COLUMN)
        self._build_summary()
        self._add(catalog.SEARCH_PAGE_PATH, SEARCH_PAGE)
        self.searchable = [(_trs_href(a).replace("./", catalog.SEARCH_ONLY_PATH, 1), a) for a in catalog.SEARCH_RESULTS]
        self._build_trs_column(Column("trs", "通知公告", per_page=10, articles=catalog.SEARCH_RESULTS),
                               catalog.SEARCH_ONLY_PATH, listed=False)
        self.searchable += [(_trs_href(a).replace("./", catalog.TRS_COLUMN_PATH, 1), a) for a in catalog.TRS_COLUMN.articles]

    def _add(self, path: str, html: str, encoding: str = "utf-8") -> None:
        content_type = "text/html; charset=utf-8" if encoding == "utf-8" else "text/html"
        self.resources[path] = Resource(html.encode(encoding, errors="xmlcharrefreplace"), content_type)

    def _build_trs_column(self, column: Column, path: str, *, listed: bool = True) -> None:
        """``listed=False``: the articles only, in no list page (found by search alone)."""
        pages = _chunks(column.articles, column.per_page) if listed else []
        for number, articles in enumerate(pages):
            name = "index.html" if number == 0 else f"index_{number}.html"
            entries = [(_trs_href(article), article) for article in articles]
            self._add(path + name, _trs_list_page(column, entries, number, len(pages)), "gbk")
        for article in column.articles:
            month = article.date[:7].replace("-", "")
            folder = f"{path}{month}/"
            links = [
                (f"./{name}", f"{article.title}.{kind}", f"/protect/P0{month}/{name}")
                for kind, name in self._add_attachments(article, folder)
            ]
            html = _trs_article_page(column, article, links, _body_html(article, self.corrections.get(article.id)))
            self._add(f"{folder}t{article.date.replace('-', '')}_{article.id}.html", html, "gbk")

    def _add_attachments(self, article: Article, folder: str) -> list[tuple[str, str]]:
        """The article's files, stored as TRS names them (``P0<date><digits>.pdf``) in ``folder``:
        (kind, file name) for each."""
        files = []
        for kind in article.attachments:
            name = f"P0{article.date.replace('-', '')}{_digits(article, kind)}.{kind}"
            self.resources[folder + name] = Resource(_render(article, kind), MIME[kind])
            files.append((kind, name))
        return files

    def _build_jpaas_column(self, column: Column) -> None:
        column_id = catalog.JPAAS_COLUMN_ID
        for article in column.articles:
            token = hashlib.md5(f"jpaas{article.id}".encode()).hexdigest()
            url = f"/col/col{column_id}/art/{article.date[:4]}/art_{token}.html"
            self.jpaas_records.append(
                f'<li><a href="{url}" title="{escape(article.title)}" target="_blank">{escape(article.title)}</a>'
                f"<span>{article.date}</span></li>"
            )
            folder = f"/attach/0/{article.date[:4]}/"
            links = [(folder + name, f"{article.title}.{kind}") for kind, name in self._add_attachments(article, folder)]
            self._add(url, _jpaas_article_page(column, article, links, _body_html(article)))
        self._add(f"/col/col{column_id}/index.html", _jpaas_column_page(column))

    def _build_gkmlpt(self, column: Column) -> None:
        self._add("/gkmlpt/index", _gkmlpt_catalog_page())
        for article in column.articles:
            url = f"/gkmlpt/content/4/2001/post_{article.id}.html"
            folder = f"/attachment/0/{article.id}/"
            files = [{"name": f"{article.title}.{kind}", "url": folder + name} for kind, name in self._add_attachments(article, folder)]
            detail = {
                "id": article.id, "title": article.title, "identifier": article.index_no, "publisher": article.agency,
                "document_number": article.doc_no, "date": article.date, "classify_main_name": article.category,
                "content": _body_html(article), "attachment": files,
            }
            self._add(url, _gkmlpt_detail_page(detail))
            self.gkmlpt_articles.append({key: detail[key] for key in ("id", "title", "identifier", "publisher", "document_number", "date")}
                                        | {"url": url, "attachment": files})

    def _build_summary(self) -> None:
        """The 年报汇总 page and its pages; the report among them is GB2312 with no Content-Type."""
        path = catalog.SUMMARY_PATH
        entries = []
        for agency, article in catalog.SUMMARY_ENTRIES:
            href = f"{path}{article.id}.html"
            entries.append(f'<tr><td><a href="{href}" target="_blank">{escape(agency)}</a></td><td>{article.date}</td></tr>')
            html = _generic_article_page(article, _body_html(article))
            self.resources[href] = Resource(html.encode("gb2312", errors="xmlcharrefreplace"), content_type=None)
        self._add(path + "index.html", _summary_page(entries))

    def _build_faults(self) -> list[tuple[str, str]]:
        """The fault column's pages and files; the trap columns answer from :func:`_trap_page`."""
        column, path = faults.fault_column(), faults.FAULTS_COLUMN_PATH
        self._add("/robots.txt", faults.ROBOTS_TXT)
        self.resources["/robots.txt"].content_type = "text/plain"
        entries = []
        for fault in faults.FAULT_ARTICLES:
            article = fault.article
            href = _trs_href(article)
            if fault.fault == "robots_disallowed":
                href = href.replace("./", "./private/", 1)
            entries.append((href, article))
            page = path + href.removeprefix("./")
            links = []
            if fault.attachment:
                name = f"P0{article.date.replace('-', '')}{_digits(article, fault.attachment)}.{fault.attachment}"
                if served := faults.attachment(fault):
                    self.resources[page.rsplit("/", 1)[0] + "/" + name] = Resource(served.body, served.content_type, headers=served.headers)
                links.append((f"./{name}", f"{article.title}.{fault.attachment}", ""))
            self._add(page, _trs_article_page(column, article, links, _body_html(article)), "gbk")
            if misbehaviour := faults.page_misbehaviour(fault.fault):
                self.resources[page].misbehaviour = misbehaviour
            if fault.fault in faults.CHALLENGES:
                code, body = faults.CHALLENGES[fault.fault]
                self.resources[page] = Resource(body.encode(), status=code, headers={"Set-Cookie": "FSSBBIl1UgzbN7N80S=demo; Path=/"})
        self._add(path + "index.html", _trs_list_page(column, entries, 0, 1, extra=faults.trap_links()), "gbk")
        return [
            (path, column.name),
            (faults.REPEATING_COLUMN_PATH, "政府信息公开年报（2019年度）"),
            (f"{faults.CALENDAR_PATH}?date=2021-01-01", "按日期浏览年报"),
        ]

    def _build_hanweb_column(self, column: Column) -> None:
        column_id = catalog.HANWEB_COLUMN_ID
        for article in column.articles:
            year, month, day = (int(part) for part in article.date.split("-"))
            url = f"/art/{year}/{month}/{day}/art_{column_id}_{article.id}.html"
            self.hanweb_records.append(
                f'<li><a href="{url}" title="{escape(article.title)}" target="_blank">{escape(article.title)}</a>'
                f'<span class="bt_time">{article.date}</span></li>'
            )
            links = []
            for kind in article.attachments:
                token = hashlib.sha1(f"{article.id}.{kind}".encode()).hexdigest()[:24]
                real_name = f"{article.title}.{kind}"
                self.downloads[token] = Resource(
                    _render(article, kind),
                    "application/octet-stream",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(real_name)}"},
                )
                links.append((f"{DOWNFILE_PATH}?classid=0&filename={token}", "附件下载"))
            self._add(url, _hanweb_article_page(column, article, links, _body_html(article, self.corrections.get(article.id))))
        self._add(f"/col/col{column_id}/index.html", _hanweb_column_page(column, self.hanweb_records))


def _chunks(items: tuple, size: int) -> list[tuple]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _digits(article: Article, kind: str) -> str:
    """The TRS file id: a stable run of digits, as TRS derives from its upload time."""
    return str(int(hashlib.sha1(f"{article.id}{kind}".encode()).hexdigest(), 16))[:12]


def _render(article: Article, kind: str) -> bytes:
    document = parse_text(article.report_text())
    return render_pdf(article.title, document) if kind == "pdf" else render_docx(article.title, document)


def _json(value: object, status: int = 200) -> Resource:
    return Resource(json.dumps(value, ensure_ascii=False).encode(), "application/json;charset=UTF-8", status)


# -- markup --------------------------------------------------------------------------------------

NAV = (
    ("/", "首页"),
    ("/zwgk/", "政务公开"),
    (catalog.NEWS_COLUMN_PATH, "工作动态"),
    ("/hdjl/", "互动交流"),
)


SEARCH_FORM = f"""<div class="search"><form action="{catalog.SEARCH_PAGE_PATH}" method="get" target="_blank"><input type="hidden" name="code" value="{catalog.SEARCH_CODE}" />
<input type="hidden" name="dataTypeId" value="15" /><input name="searchWord" placeholder="请输入关键词" /><input type="submit" value="搜索" /></form></div>"""
# The 政务公开 template's search box has no form: its script opens the same result page.
SEARCH_SCRIPT = f"""<div class="search"><input type="text" id="searchWord" placeholder="请输入关键词" /><a href="javascript:void(0);" onclick="doSearch()">搜索</a>
<script type="text/javascript">function doSearch(){{var word = document.getElementById("searchWord").value;
window.open("{catalog.SEARCH_PAGE_PATH}?code={catalog.SEARCH_CODE}&dataTypeId=15&searchWord=" + encodeURIComponent(word));}}</script></div>"""


def _page(title: str, content: str, *, charset: str = "utf-8", meta: dict[str, str] | None = None,
          search: str = SEARCH_FORM) -> str:
    metas = "".join(f'\n<meta name="{name}" content="{escape(value)}">' for name, value in (meta or {}).items())
    nav = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in NAV)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<title>{escape(title)}</title>
<meta name="SiteName" content="{catalog.SITE_NAME}">{metas}
<link rel="stylesheet" type="text/css" href="/images/style.css" />
</head>
<body>
<div class="top"><div class="logo"><a href="/"><img src="/images/logo.png" alt="{catalog.SITE_NAME}" /></a></div>
{search}</div>
<div class="nav"><ul>{nav}</ul></div>
<div class="container">
{content}
</div>
<div class="footer"><p>主办单位：{catalog.SITE_NAME}　地址：示范市人民路1号　邮编：410000</p>
<p>网站标识码：4300000000　ICP备案号：示ICP备00000000号　（本站为 gxcrawl 演示门户，年报内容取自公开发布的政府信息公开工作年度报告）</p></div>
</body>
</html>
"""


def _list_items(entries: list[tuple[str, Article]]) -> str:
    return "\n".join(
        f'<li><a href="{href}" target="_blank" title="{escape(a.title)}">{escape(a.title)}</a><span>{a.date}</span></li>'
        for href, a in entries
    )


def _column_links(columns: list[tuple[str, str]]) -> str:
    return "\n".join(f'<li><a href="{href}">{name}</a></li>' for href, name in columns)


def _home_page(columns: list[tuple[str, str]]) -> str:
    news = [(f"{catalog.NEWS_COLUMN_PATH}{a.date[:7].replace('-', '')}/t{a.date.replace('-', '')}_{a.id}.html", a) for a in catalog.NEWS]
    content = f"""<div class="banner"><h2>{catalog.SITE_NAME}</h2></div>
<div class="index-news"><div class="hd"><a href="{catalog.NEWS_COLUMN_PATH}">工作动态</a></div>
<ul>{_list_items(news)}</ul></div>
<div class="index-xxgk"><div class="hd"><a href="/zwgk/">政府信息公开</a></div>
<ul>
<li><a href="/zwgk/">政府信息公开指南</a></li>
<li><a href="/zwgk/">政府信息公开目录</a></li>
{_column_links(columns)}
</ul></div>
<div class="links"><a href="http://www.gov.cn/" target="_blank">中国政府网</a></div>"""
    return _page(catalog.SITE_NAME, content)


def _open_government_page(columns: list[tuple[str, str]]) -> str:
    content = f"""<div class="position">当前位置：<a href="/">首页</a> &gt; 政务公开</div>
<div class="xxgk-nav"><ul>
<li><a href="/zwgk/">政府信息公开指南</a></li>
<li><a href="/zwgk/">政府信息公开制度</a></li>
{_column_links(columns)}
</ul></div>"""
    return _page(f"政务公开_{catalog.SITE_NAME}", content, search=SEARCH_SCRIPT)


TRS_PAGER_SCRIPT = """function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
  if(_nPageCount == null || _nPageCount<=1){ return; }
  var nCurrIndex = _nCurrIndex || 0;
  if(nCurrIndex == 0) document.write("首页&nbsp;");
  else document.write("<a href=\\"" + _sPageName + "." + _sPageExt + "\\">首页</a>&nbsp;");
  if(nCurrIndex < _nPageCount-1) document.write("<a href=\\"" + _sPageName + "_" + (nCurrIndex+1) + "." + _sPageExt + "\\">下一页</a>&nbsp;");
  document.write("共" + _nPageCount + "页");
}"""


def _trs_href(article: Article) -> str:
    return f"./{article.date[:7].replace('-', '')}/t{article.date.replace('-', '')}_{article.id}.html"


def _trs_list_page(column: Column, entries: list[tuple[str, Article]], number: int, count: int, extra: str = "") -> str:
    content = f"""<div class="position">当前位置：<a href="../../">首页</a> &gt; <a href="../">政务公开</a> &gt; {column.name}</div>
<div class="list_right"><div class="list_tit">{column.name}</div>
<ul class="list_ul">
{_list_items(entries)}
{extra}
</ul>
<div class="page"><script type="text/javascript">
{TRS_PAGER_SCRIPT}
createPageHTML({count}, {number}, "index", "html");
</script></div></div>"""
    return _page(f"{column.name}_{catalog.SITE_NAME}", content, charset="gb2312", meta={"ColumnName": column.name})


def _body_html(article: Article, correction: str | None = None) -> str:
    if not article.is_report:
        document = Document([Paragraph(article.summary)])
    elif article.inline:
        document = parse_text(article.report_text())
    else:
        document = Document([Paragraph(f"现将《{article.title}》予以公布，全文见附件。")])
    if correction:
        document.blocks.append(Paragraph(correction))
    return render_html_body(document)


def _trs_article_page(column: Column, article: Article, attachments: list[tuple[str, str, str]], body: str) -> str:
    files = "".join(
        f'<li><a href="{href}" OLDSRC="{oldsrc}">{escape(name)}</a></li>' for href, name, oldsrc in attachments
    )
    appendix = f'<div class="fujian"><span>附件：</span><ul>{files}</ul></div>' if attachments else ""
    content = f"""<div class="position">当前位置：<a href="../../../">首页</a> &gt; <a href="../../">政务公开</a> &gt; <a href="../">{column.name}</a></div>
<div class="xxgk_info"><table class="table_suoyin" cellspacing="0" cellpadding="0" width="100%">
<tr><th>索 引 号：</th><td>{article.index_no}</td><th>分　　类：</th><td>{article.category}</td></tr>
<tr><th>发布机构：</th><td>{article.agency}</td><th>发文日期：</th><td>{article.date.replace('-', '年', 1).replace('-', '月', 1)}日</td></tr>
<tr><th>文　　号：</th><td>{article.doc_no}</td><th>公开方式：</th><td>政府网站</td></tr>
</table></div>
<div class="article"><h1 class="article_title">{escape(article.title)}</h1>
<div class="article_info">发布时间：{article.published}　来源：{article.agency}</div>
<div class="article_con" id="zoom"><div class="TRS_Editor">
{body}
</div></div>
{appendix}
<div class="article_btn"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div></div>"""
    return _page(
        f"{article.title}_{catalog.SITE_NAME}",
        content,
        charset="gb2312",
        meta={"ArticleTitle": article.title, "PubDate": article.published[:16], "ContentSource": article.agency, "ColumnName": column.name},
    )


def _datastore(records: list[str], total: int) -> str:
    body = "\n".join(f"<record><![CDATA[{record}]]></record>" for record in records)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<datastore>
<nextgroup><![CDATA[<a href="{DATAPROXY_PATH}?page=1&webid=1&path=/&columnid={catalog.HANWEB_COLUMN_ID}&unitid={catalog.HANWEB_UNIT_ID}"></a>]]></nextgroup>
<recordset>
{body}
</recordset>
<totalrecord>{total}</totalrecord>
</datastore>"""


def _hanweb_column_page(column: Column, records: list[str]) -> str:
    first = records[: column.per_page]
    param = ",".join(f"{key}:'{value}'" for key, value in HANWEB_PARAMS.items())
    content = f"""<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; {column.name}</div>
<div class="list_right"><div class="list_tit">{column.name}</div>
<div id="{catalog.HANWEB_UNIT_ID}">
<script type="text/xml">
{_datastore(first, len(records)).split("?>", 1)[1]}
</script>
</div>
<script language="javascript" src="/module/jslib/jquery/jquery.js"></script>
<script language="javascript" src="/module/jslib/jquery/jpage/jquery.page.min.js"></script>
<script type="text/javascript">
var param_{catalog.HANWEB_UNIT_ID} = {{{param}}};
$(document).ready(function(){{
  $('#{catalog.HANWEB_UNIT_ID}').jpage({{dataStore: dataStore, basePath: '/module/jslib/jquery/jpage/', proxyUrl: '{DATAPROXY_PATH}', perPage: {column.per_page}, totalRecord: {len(records)}, groupSize: 1, isShowJumpText: true, param: param_{catalog.HANWEB_UNIT_ID}}});
}});
</script></div>"""
    return _page(
        f"{column.name} {catalog.SITE_NAME}",
        content,
        meta={"ColumnName": column.name, "ColumnType": "信息公开"},
    )


def _hanweb_article_page(column: Column, article: Article, attachments: list[tuple[str, str]], body: str) -> str:
    files = "".join(f'<p>附件：<a href="{href}" target="_blank">{name}</a></p>' for href, name in attachments)
    content = f"""<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/col/col{catalog.HANWEB_COLUMN_ID}/index.html">{column.name}</a></div>
<table class="xxgk_table" cellspacing="0" cellpadding="0" width="100%">
<tr><td class="xxgk_tdname">索引号：</td><td>{article.index_no}</td><td class="xxgk_tdname">分类：</td><td>{article.category}</td></tr>
<tr><td class="xxgk_tdname">发布机构：</td><td>{article.agency}</td><td class="xxgk_tdname">发文日期：</td><td>{article.date}</td></tr>
<tr><td class="xxgk_tdname">文号：</td><td>{article.doc_no}</td><td class="xxgk_tdname">时效：</td><td></td></tr>
</table>
<div class="main-txt"><div class="sp_title">{escape(article.title)}</div>
<div class="sp_time"><font>发布日期：{article.date}</font><font>浏览次数：<script src="/module/visitcount/articlehits.jsp?colid={catalog.HANWEB_COLUMN_ID}&artid={article.id}"></script></font></div>
<div id="zoom">
{body}
</div>
{files}
<div class="dy"><a href="javascript:window.print()">[打印本页]</a> <a href="javascript:window.close()">[关闭窗口]</a></div></div>"""
    return _page(
        f"{article.title} {catalog.SITE_NAME}",
        content,
        meta={"ArticleTitle": article.title, "PubDate": article.published[:16], "ContentSource": article.agency, "ColumnName": column.name},
    )


REPEATING_PAGE = re.compile(re.escape(faults.REPEATING_COLUMN_PATH) + r"index(?:_(\d+))?\.html")


def _trap_page(path: str, params: dict[str, str]) -> Resource | None:
    """The fault mode's endless pages: a column claiming 100 000 pages that all show the same
    rows, and a calendar whose every day links the next."""
    if match := REPEATING_PAGE.fullmatch(path):
        column = faults.fault_column()
        entries = [(f"../xxgknb/{_trs_href(a).removeprefix('./')}", a) for a in column.articles[:2]]
        html = _trs_list_page(column, entries, int(match[1] or 0), 100_000)
        return Resource(html.encode("gbk", errors="xmlcharrefreplace"), "text/html")
    if path == faults.CALENDAR_PATH + "index.html":
        try:
            day = date.fromisoformat(params.get("date", ""))
        except ValueError:
            return NOT_FOUND
        return Resource(_page(f"年报日历 {day}", faults.calendar_page(day)).encode())
    return None


def _jpaas_column_page(column: Column) -> str:
    unit = (f"{JPAAS_UNIT_PATH}?parseType=buildstatic&webId=88&tplSetId=52&pageType=column"
            f"&tagId=当前栏目list&editType=null&pageId={catalog.JPAAS_COLUMN_ID}")
    content = f"""<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; {column.name}</div>
<div class="list_right"><div class="list_tit">{column.name}</div>
<div id="listdiv" class="lists"></div><div id="pagediv"></div></div>
<script src="/static/jpaas/jquery.min.js"></script>
<script type="text/javascript">
var unitUrl = "{unit}";
$.get(unitUrl + "&pageNo=1", function (res) {{ if (res.success) {{ $("#listdiv").html(res.data.html); }} }});
</script>"""
    return _page(f"{column.name}_{catalog.SITE_NAME}", content, meta={"ColumnName": column.name})


def _jpaas_article_page(column: Column, article: Article, attachments: list[tuple[str, str]], body: str) -> str:
    files = "".join(f'<p><a href="{href}">{escape(name)}</a></p>' for href, name in attachments)
    content = f"""<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/col/col{catalog.JPAAS_COLUMN_ID}/index.html">{column.name}</a></div>
<div class="xxgk-table"><table>
<tr><th>索引号</th><td>{article.index_no}</td><th>组配分类</th><td>{article.category}</td></tr>
<tr><th>发布机构</th><td>{article.agency}</td><th>生成日期</th><td>{article.date}</td></tr>
<tr><th>文号</th><td>{article.doc_no}</td><th>有效性</th><td>有效</td></tr>
</table></div>
<div class="article-title">{escape(article.title)}</div>
<div class="article-conter" id="zoom">{body}</div>
<div class="fujian">{files}</div>"""
    return _page(f"{article.title}_{catalog.SITE_NAME}", content,
                 meta={"ArticleTitle": article.title, "PubDate": article.published[:16], "ColumnName": column.name})


def _gkmlpt_catalog_page() -> str:
    config = {
        "SID": catalog.GKMLPT_SID,
        "TREE": [{"id": cat_id, "name": name, "children": []} for cat_id, name in catalog.GKMLPT_CATEGORIES.items()],
    }
    content = f"""<div id="app"><div class="gkmlpt-loading">政府信息公开目录加载中……</div></div>
<script>window._CONFIG = {json.dumps(config, ensure_ascii=False)};</script>
<script src="/gkmlpt/static/js/app.js"></script>"""
    return _page(f"政府信息公开目录_{catalog.SITE_NAME}", content)


def _gkmlpt_detail_page(detail: dict) -> str:
    # The page is an empty shell the app fills from _CONFIG.DETAIL, its HTML JSON-escaped.
    config = json.dumps({"SID": catalog.GKMLPT_SID, "DETAIL": detail}, ensure_ascii=False).replace("</", "<\\/")
    content = f"""<div id="app"><div class="gkmlpt-loading">加载中……</div></div>
<script>window._CONFIG = {config};</script>
<script src="/gkmlpt/static/js/app.js"></script>"""
    return _page(f"{detail['title']}_{catalog.SITE_NAME}", content)


def _summary_page(rows: list[str]) -> str:
    content = f"""<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 年报汇总</div>
<h1>{catalog.SUMMARY_TITLE}</h1>
<table class="nbhz"><tr><th>单位</th><th>发布日期</th></tr>
{"".join(rows)}
</table>"""
    return _page(f"{catalog.SUMMARY_TITLE}_{catalog.SITE_NAME}", content)


def _generic_article_page(article: Article, body: str) -> str:
    """A county site of no known CMS: a plain metadata table and the body."""
    content = f"""<h1>{escape(article.title)}</h1>
<table class="gkxx"><tr><td>索引号：{article.index_no}</td><td>信息分类：{article.category}</td></tr>
<tr><td>发布机构：{article.agency}</td><td>发布日期：{article.date}</td></tr></table>
<div class="content">{body}</div>"""
    return _page(article.title, content, charset="gb2312")


def _highlight(title: str, words: list[str]) -> str:
    """A title as IGS returns it: HTML, each query word in ``<em>``."""
    title = escape(title)
    for word in words:
        title = title.replace(escape(word), f"<em>{escape(word)}</em>")
    return title


def _number(value: Any, default: int) -> int:
    return value if isinstance(value, int) and value > 0 else default


SEARCH_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>搜索结果</title>
<link rel="stylesheet" href="/irs-c-web/css/search.css"></head>
<body><div id="app"></div>
<script src="/irs-c-web/js/chunk-vendors.js"></script><script src="/irs-c-web/js/search.js"></script>
</body></html>
"""
