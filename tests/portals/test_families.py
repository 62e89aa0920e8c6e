"""Each case folder holds a page in a portal family's markup (or a site search's) and what the family must read from it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from gxcrawl.portals import Page, detect
from gxcrawl.portals.generic import GenericFamily

CASES = {
    path.name: json.loads((path / "expected.json").read_text("utf-8"))
    for path in sorted((Path(__file__).parent / "cases").iterdir())
}


def cases_with(key: str) -> list[str]:
    return [name for name, expected in CASES.items() if key in expected]


def load(name: str) -> tuple[Page, dict]:
    expected = CASES[name]
    text = (Path(__file__).parent / "cases" / name / "page.html").read_text("utf-8")
    return Page(expected["url"], text, expected.get("sent")), expected  # sent: what a POSTed page was asked with


def as_json(value):
    return json.loads(json.dumps(value, default=dataclasses.asdict))


@pytest.mark.parametrize("name", list(CASES))
def test_family_is_detected_from_the_page(name):
    page, expected = load(name)
    assert detect(page).name == expected["family"]


@pytest.mark.parametrize("name", cases_with("links"))
def test_list_links_are_the_article_rows(name):
    page, expected = load(name)
    assert as_json(detect(page).list_links(page)) == expected["links"]


@pytest.mark.parametrize("name", cases_with("next_pages"))
def test_next_pages_follow_the_family_pagination(name):
    page, expected = load(name)
    assert as_json(detect(page).next_pages(page)) == expected["next_pages"]


@pytest.mark.parametrize("name", cases_with("report"))
def test_report_page_metadata_and_attachments(name):
    page, expected = load(name)
    report = as_json(detect(page).read_report(page))
    assert {key: report[key] for key in expected["report"]} == expected["report"]


def test_a_link_no_url_parser_accepts_joins_to_nothing():
    page = Page("http://zjj.example.gov.cn/col/col1/index.html", '<a href="http://[x/a.pdf">年报</a>')
    assert page.urljoin("http://[x/a.pdf") == "" and page.urljoin("../art/1.html") == "http://zjj.example.gov.cn/col/art/1.html"
    assert GenericFamily().attachments(page) == []


def test_the_registry_family_applies_only_where_the_page_shows_none():
    plain = Page("http://zjj.example.gov.cn/xxgk/list.jsp", "<ul><li><a href='a.jsp'>x</a> 2021-01-02</li></ul>")
    assert detect(plain).name == "generic" and detect(plain, "trs").name == "trs"
    page, expected = load("hanweb_column")
    assert detect(page, "trs").name == expected["family"] == "hanweb"  # the page's own markup wins
