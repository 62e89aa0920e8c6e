"""What any page says about where reports are, whatever its family: links titled like a report,
the agencies' links of a 年报汇总 page. (The site's search: :mod:`gxcrawl.portals.search`.)"""

from __future__ import annotations

from collections import Counter

from parsel import Selector

from gxcrawl import classify
from gxcrawl.portals.base import Link, Page


def report_candidates(page: Page, known: set[str]) -> list[Link]:
    """Links that may lead to a report, beyond the list rows its family read (``known``): any link
    titled like a report (home pages, search results), and on a 年报汇总 page each agency's link in
    its main table, titled by the page (``示范县住房和城乡建设局`` + ``2020年度…报告``), row or not:
    its own text names only the agency.

    Whether each is a report or a list of them, only its page can tell."""
    if page.json_data is not None:
        return []  # a JSON list answer: its rows are all its family reads
    candidates: dict[str, Link] = {}
    for anchor in page.selector.css("a[href]"):
        url, text = page.urljoin(anchor.attrib["href"]), _text(anchor)
        if url and url not in known and classify.is_annual_report(text) and not classify.is_report_column(text, url):
            candidates.setdefault(url, Link(url, text))
    heading = "".join(page.selector.css("h1 ::text").getall()).strip() or "".join(page.selector.css("title::text").getall()).strip()
    if classify.is_summary_page(heading):
        report = classify.LOOKALIKES["summary_page"].sub("", heading)
        for anchor in _main_agency_links(page.selector):
            if url := page.urljoin(anchor.attrib["href"]):
                candidates.setdefault(url, Link(url, _text(anchor) + report))
    return list(candidates.values())


def _main_agency_links(selector: Selector) -> list[Selector]:
    """The agency-named links of the table or list that holds most of them: not the menus."""
    anchors = [a for a in selector.css("a[href]") if classify.AGENCY_NAME.search(_text(a))]
    blocks = [a.xpath("ancestor::*[self::table or self::ul or self::ol][1]") for a in anchors]
    counts = Counter(block[0].root for block in blocks if block)
    if not counts:
        return []
    main = counts.most_common(1)[0][0]
    return [anchor for anchor, block in zip(anchors, blocks) if block and block[0].root is main]


def _text(anchor: Selector) -> str:
    return (anchor.attrib.get("title") or " ".join(anchor.css("::text").getall())).strip()
