"""Report facts: the year a report covers, the agency that made it, the template era.

The year comes from the report's title (not its publish date), then from the statistics period
(自2017年1月1日), then from the year the text names most often.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from gxcrawl.metrics.schema import DATA, ERA_2021_KEYS
from gxcrawl.metrics.tables import STATISTICS

_FACTS = DATA["facts"]
TITLE = re.compile(_FACTS["title"])
PERIOD = re.compile(_FACTS["period"])
YEAR_MENTION = re.compile(_FACTS["year_mention"])
AGENCY = [re.compile(pattern) for pattern in _FACTS["agency"]]
AGENCY_LEAD_IN = re.compile(_FACTS["agency_lead_in"])
TEMPLATE_KINDS = frozenset({"applications", "review", "proactive"})


def _titles(title: str | None, paragraphs: list[str], *, cited: bool = True) -> Iterator[re.Match[str]]:
    """Title matches: the caller's title first, then the text's in reading order. A title inside
    《》 names another document (often last year's report): those come last, and only if ``cited``.
    A notice about the reports (关于做好…年度报告…) is no report's title."""
    own: list[re.Match[str]] = []
    quoted: list[re.Match[str]] = []
    for text in ([title] if title else []) + paragraphs:
        for found in TITLE.finditer(text):
            if "关于" not in (found["before"] or ""):
                (quoted if text.rfind("《", 0, found.start() + 1) > text.rfind("》", 0, found.start() + 1) else own).append(found)
    return iter(own + (quoted if cited else []))


def report_year(title: str | None, paragraphs: list[str]) -> int | None:
    if found := next(_titles(title, paragraphs, cited=False), None):
        return int(found["year"])
    text = "\n".join(paragraphs)
    if period := PERIOD.search(text):
        return int(period["year"])
    mentions = Counter(int(found["year"]) for found in YEAR_MENTION.finditer(text))
    return mentions.most_common(1)[0][0] if mentions else None


def report_agency(title: str | None, paragraphs: list[str]) -> str | None:
    """The agency the text names: "由…编制", 填报单位, or the name beside the year in the title."""
    text = "\n".join(paragraphs)
    for pattern in AGENCY:
        if found := pattern.search(text):
            return found["agency"].strip()
    for found in _titles(title, paragraphs):
        if agency := AGENCY_LEAD_IN.sub("", (found["before"] or found["after"] or "").strip()):
            return agency
    return None


def report_era(year: int | None, kinds: set[str], keys) -> str | None:
    """pre2019 / 2019 / 2021: a template table's shape first, then the statistics table, then the year."""
    if kinds & TEMPLATE_KINDS:
        later = any(key.startswith(ERA_2021_KEYS) for key in keys) or (year or 0) >= 2021
        return "2021" if later else "2019"
    if STATISTICS in kinds:
        return "pre2019"
    if year is None:
        return None
    return "2021" if year >= 2021 else "2019" if year >= 2019 else "pre2019"
