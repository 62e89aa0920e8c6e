"""A site's own search: its form, and the two search engines whose result page is only a script
that fetches the results by XHR.

* A plain search form (older TRS ``was5``, most small sites): submitted, its result page is an
  HTML list like any other.
* TRS IGS: the form opens ``/irs-c-web/search.shtml?code=…&dataTypeId=…&searchWord=…``; its script
  POSTs a JSON query to ``/irs/front/search`` and gets ``{"data": {"middle": {"listAndBox" | "list":
  […]}, "pager": {…}}}``. ``searchBy`` and ``orderBy`` are required: without them the answer is
  ``{"success": false}``, not an HTTP error.
* Hanweb jsearch: the form opens ``/jsearchfront/search.do?websiteid=…&tpl=…&q=…``; its script POSTs
  the same fields to ``interfaces/cateSearch.do`` beside it and gets ``{"result": ["<div …>", …],
  "total": N}``, each result linking ``visit/link.do?url=<the page>``.

Both engines are read as families: the result page's only "next page" is the query to the engine,
and the engine's answers are list pages whose next pages are the further result pages. Both are
asked to match titles only, which is where a report names itself.
"""

from __future__ import annotations

import math
import re
from html import unescape
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from parsel import Selector
from w3lib.html import remove_tags

from gxcrawl import classify
from gxcrawl.portals.base import Family, FollowUp, Link, Page, query_fields, with_query_value

QUERY_INPUT = 'input[name]:not([type]), input[name][type="text"], input[name][type="search"]'
# A result-page URL in a script, up to where the script appends the typed words.
SCRIPTED_SEARCH = re.compile(r"""["']([^"'\s<>]*?(/irs-c-web/search\.s?html|jsearchfront/search\.do)\?[^"'\s<>]*)""", re.I)
PAGE_SIZE = 20  # results asked for a page; engines that allow fewer show fewer, on more pages


def search_form(selector: Selector) -> tuple[Selector, str] | None:
    """The page's site-search form and the name of its query field, when it has one."""
    for form in selector.css("form"):
        query, action = form.css(QUERY_INPUT), form.attrib.get("action", "").strip()
        if action.lower().startswith("javascript:"):
            continue  # a shell for a script: scripted_search_url reads the script
        if query and "search" in (action + form.attrib.get("id", "")).lower():
            return form, query[0].attrib["name"]
    return None


def scripted_search_url(page: Page) -> str | None:
    """For a search box with no form, the result page its script opens (``window.open(
    "/irs-c-web/search.shtml?code=…&searchWord=" + word)``), asked for annual reports."""
    if not (match := SCRIPTED_SEARCH.search(page.text)) or not (url := page.urljoin(unescape(match[1]))):
        return None
    field = "searchWord" if match[2].lower().startswith("/irs") else "q"
    return with_query_value(url, field, classify.SEARCH_QUERY)


class TrsSearchFamily(Family):
    name = "trs_search"
    RESULT_PAGE = "/irs-c-web/search"
    API = "/irs/front/search"

    @classmethod
    def matches(cls, page: Page) -> bool:
        path = urlsplit(page.url).path
        return path.startswith(cls.RESULT_PAGE) or path == cls.API

    def list_links(self, page: Page) -> list[Link]:
        links = []
        for row in _trs_rows(page.json_data):
            if isinstance(url := row.get("url"), str) and (absolute := page.urljoin(url)):
                links.append(Link(absolute, _plain(row.get("title")), str(row.get("time") or row.get("docDate") or "")))
        return links

    def next_pages(self, page: Page) -> list[FollowUp]:
        if urlsplit(page.url).path != self.API:  # the result page: the first query, from the form's fields
            query = query_fields(page.url) | (page.sent or {})
            body = {key: query[key] for key in ("code", "dataTypeId", "configCode", "codes") if key in query}
            body |= {"searchWord": query.get("searchWord") or classify.SEARCH_QUERY, "searchBy": "title",
                     "orderBy": "related", "granularity": "ALL", "isSearchForced": 0, "pageNo": 1, "pageSize": PAGE_SIZE}
            return [FollowUp(page.urljoin(self.API), "POST", json=body)]
        pager = _get(page.json_data, "data", "pager")
        pager = pager if isinstance(pager, dict) else {}
        count = _whole(pager.get("pageCount"))
        if count is None and (total := _whole(pager.get("total"))) is not None and (size := _whole(pager.get("pageSize"))):
            count = math.ceil(total / size)
        return _further_pages(page, "pageNo", count or 0, as_json=True)


class HanwebSearchFamily(Family):
    name = "hanweb_search"
    RESULT_PAGE = "jsearchfront/search.do"
    API = "interfaces/cateSearch.do"  # beside the result page

    @classmethod
    def matches(cls, page: Page) -> bool:
        path = urlsplit(page.url).path.lower()
        return path.endswith(cls.RESULT_PAGE.lower()) or path.endswith("jsearchfront/" + cls.API.lower())

    def list_links(self, page: Page) -> list[Link]:
        results = page.json_data.get("result") if isinstance(page.json_data, dict) else None
        links = []
        for html in results if isinstance(results, list) else []:
            result = Selector(text=html if isinstance(html, str) else "", type="html")
            anchor = (result.css(".jcse-news-title a[href]") or result.css("a[href]"))[:1]
            if not anchor:
                continue
            href = anchor[0].attrib["href"]
            target = query_fields(page.urljoin(href)).get("url")  # visit/link.do?url=<the page>: a click counter
            if url := page.urljoin(target or href):
                title = anchor[0].xpath("normalize-space(.)").get()  # highlighting <em>s inside: one string
                links.append(Link(url, title, result.css(".jcse-news-date::text").get("").strip()))
        return links

    def next_pages(self, page: Page) -> list[FollowUp]:
        if not urlsplit(page.url).path.lower().endswith(self.API.lower()):  # the result page: the first query
            fields = dict(parse_qsl(urlsplit(page.url).query, keep_blank_values=True)) | (page.sent or {})
            fields |= {"q": fields.get("q") or classify.SEARCH_QUERY, "p": "1", "pg": str(PAGE_SIZE), "pos": "title"}
            return [FollowUp(page.urljoin(self.API), "POST", fields)]
        answer = page.json_data if isinstance(page.json_data, dict) else {}
        total, asked = _whole(answer.get("total")), _whole((page.sent or {}).get("pg"))
        shown = len(answer["result"]) if isinstance(answer.get("result"), list) else 0
        # An engine that caps the page size shows fewer than asked on a first page of many.
        per_page = shown if total and asked and 0 < shown < min(asked, total) else asked
        count = math.ceil(total / per_page) if total and per_page else 0
        return _further_pages(page, "p", count, as_json=False)


def _further_pages(page: Page, number_field: str, count: int, *, as_json: bool) -> list[FollowUp]:
    """From an engine's first answer, the queries for its other result pages (all known from the
    count it states); none from the others. ``as_json``: the query is a JSON body, else a form."""
    sent = page.sent or {}
    if str(sent.get(number_field)) != "1":
        return []
    if as_json:
        return [FollowUp(page.url, "POST", json=sent | {number_field: number}) for number in range(2, count + 1)]
    return [FollowUp(page.url, "POST", sent | {number_field: str(number)}) for number in range(2, count + 1)]


def _trs_rows(answer: Any) -> list[dict]:
    """The result rows of an IGS answer: ``listAndBox`` holds ``{"type": "DATA", "data": row}``
    (and boxes of other kinds), older versions a plain ``list`` of rows."""
    middle = _get(answer, "data", "middle")
    if not isinstance(middle, dict):
        return []
    if isinstance(boxed := middle.get("listAndBox"), list):
        rows = [entry.get("data") for entry in boxed if isinstance(entry, dict) and entry.get("type") == "DATA"]
    else:
        rows = middle.get("list") if isinstance(middle.get("list"), list) else []
    return [row for row in rows if isinstance(row, dict)]


def _get(value: Any, *keys: str) -> Any:
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _plain(title: Any) -> str:
    """A result title as text: without the engine's highlighting (``<em>年度报告</em>``) and entities."""
    return unescape(remove_tags(title)).strip() if isinstance(title, str) else ""


def _whole(value: Any) -> int | None:
    """A count as engines write it: 3, "3" or 3.0; None for anything else."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() and number >= 0 else None
