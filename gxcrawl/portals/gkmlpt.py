"""Guangdong's gkmlpt (政府信息公开目录平台), the same platform on every site of the province.

The catalog ``/gkmlpt/index`` holds its category tree and site id in ``window._CONFIG``; a category's
articles come from ``/gkmlpt/api/all/{catId}?page=N&sid={SID}`` as JSON (``articles`` with
``identifier`` = 索引号, ``publisher``, ``document_number``, ``url``, ``attachment``; ``total``).
Only the annual-report categories are listed. A detail page ``/gkmlpt/content/…/post_{id}.html``
carries the article in ``_CONFIG.DETAIL``, its body JSON-escaped in ``content``.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

from gxcrawl import classify
from gxcrawl.portals.base import Family, FollowUp, Link, Page, ReportPage, query_fields
from gxcrawl.portals.metadata import iso_date

SID = re.compile(r"[\"']?SID[\"']?\s*:\s*[\"']?([\w-]+)")
OBJECT = re.compile(r"\{[^{}]*\}")  # a category of the tree: its id and name in any order
CATEGORY_ID = re.compile(r"[\"']?\bid[\"']?\s*:\s*(\d+)")
CATEGORY_NAME = re.compile(r"[\"']?\bname[\"']?\s*:\s*[\"']([^\"']+)[\"']")
DETAIL = re.compile(r"[\"']?DETAIL[\"']?\s*:\s*(?=\{)")
API_PATH = re.compile(r"/gkmlpt/api/all/(\d+)$")
CHINA = timezone(timedelta(hours=8))


class GkmlptFamily(Family):
    name = "gkmlpt"
    article_url = re.compile(r"/gkmlpt/content/[\d/]+/post_\d+\.html$")

    @classmethod
    def matches(cls, page: Page) -> bool:
        return "/gkmlpt/" in urlsplit(page.url).path

    def list_links(self, page: Page) -> list[Link]:
        answer = _list_answer(page)
        if answer is None:
            return super().list_links(page)
        links = []
        for article in answer["articles"]:
            if isinstance(article, dict) and isinstance(article.get("url"), str):
                url = page.urljoin(article["url"])
                links.append(Link(url, str(article.get("title", "")).strip(), _date(article)))
        return links

    def next_pages(self, page: Page) -> list[FollowUp]:
        """From the catalog, the first page of each annual-report category; from a category's first
        page, the rest (the answer's ``total`` over its page size)."""
        if (answer := _list_answer(page)) is not None:
            query = query_fields(page.url)
            per_page, total = len(answer["articles"]), answer.get("total")
            if query.get("page", "1") != "1" or not per_page or not isinstance(total, int):
                return []
            base = page.url.split("?", 1)[0]
            pages = range(2, math.ceil(total / per_page) + 1)
            return [FollowUp(f"{base}?page={number}&sid={query.get('sid', '')}") for number in pages]
        sid = SID.search(page.text)
        if not sid or DETAIL.search(page.text):
            return []
        categories = {
            int(cat_id[1]): name[1]
            for category in OBJECT.findall(page.text)
            if (cat_id := CATEGORY_ID.search(category)) and (name := CATEGORY_NAME.search(category))
        }
        return [
            FollowUp(page.urljoin(f"/gkmlpt/api/all/{cat_id}?page=1&sid={sid[1]}"))
            for cat_id, name in categories.items()
            if classify.is_report_column(name, "")
        ]

    def read_report(self, page: Page) -> ReportPage:
        detail = _detail(page.text)
        if detail is None:
            return super().read_report(page)
        metadata = {
            "index_no": detail.get("identifier"),
            "agency": detail.get("publisher"),
            "doc_no": detail.get("document_number"),
            "category": detail.get("category") or detail.get("classify_main_name"),
            "published": _date(detail) or None,
        }
        attachments = [
            Link(page.urljoin(file["url"]), str(file.get("name", "")))
            for file in detail.get("attachment") or []
            if isinstance(file, dict) and isinstance(file.get("url"), str)
        ]
        return ReportPage(
            page.url,
            str(detail.get("title", "")).strip(),
            {key: str(value).strip() for key, value in metadata.items() if value and str(value).strip()},
            attachments,
            body=f"<html><body>{detail.get('content', '')}</body></html>",
        )


def _list_answer(page: Page) -> dict[str, Any] | None:
    if not API_PATH.search(urlsplit(page.url).path):
        return None
    answer = page.json_data
    return answer if isinstance(answer, dict) and isinstance(answer.get("articles"), list) else None


def _detail(text: str) -> dict[str, Any] | None:
    if not (match := DETAIL.search(text)):
        return None
    try:
        detail, _ = json.JSONDecoder().raw_decode(text, match.end())
    except ValueError:
        return None
    return detail if isinstance(detail, dict) else None


def _date(record: dict[str, Any]) -> str:
    """The article's date: a Unix time (seconds, China time) or a date string."""
    value = record.get("date") or record.get("display_publish_time") or record.get("publish_time")
    if isinstance(value, (int, float)) and value > 0:
        return datetime.fromtimestamp(value, CHINA).date().isoformat()
    return iso_date(str(value or "")) or ""
