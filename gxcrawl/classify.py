"""Which titles are an agency's 政府信息公开工作年度报告, which links are annual-report columns.

The patterns are data: a title is a report when it names the disclosure work and a report, and
none of the look-alikes (notices about compiling reports, work plans, other annual reports) match.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

REPORT_TITLE = re.compile(
    r"(政府|政务)?信息公开.{0,6}(年度报告|年报|工作报告)"
    r"|年度(政府)?信息公开(工作)?(年度)?报告"
)

# Titles that name a report but are not one, by kind (the crawl counts each kind it skips); the
# first kind that matches names a title.
LOOKALIKES: dict[str, re.Pattern[str]] = {
    kind: re.compile(pattern)
    for kind, pattern in {
        "format": r"格式|模板|范本|样式|填报说明",  # the template, or a circular issuing it
        "work_plan": r"工作要点|工作计划|实施方案|工作安排",
        "website_report": r"网站.{0,8}(报表|年度报告)|报表",  # 政府网站工作年度报表
        "housing_fund": r"^(?!.*信息公开).*公积金",  # 公积金 centres' own disclosure reports are reports
        "budget": r"预算|决算|三公经费",
        "statistics": r"统计公报|统计年报|国民经济和社会发展",
        "enterprise": r"企业(年度)?年报|年报公示",  # companies' annual reports, published by regulators
        "interpretation": r"解读|图解|一图(读|看)懂",  # readings of a report, not the report
        "summary_page": r"汇总|合集|目录",  # 年报汇总 pages list many agencies' reports
        # about compiling, publishing or correcting the reports (a corrected report itself is one)
        "notice": r"关于.{0,40}(通知|函|意见|说明|公告)|(通知|说明)$",
        "rules": r"(制度|办法|规定|规程)$",  # the agency's rules for its reports
    }.items()
}

# Link texts and URL slugs of annual-report columns (信息公开年报 sections of portals).
REPORT_COLUMN_TEXT = re.compile(r"年报|年度报告")
# A column is its folder or the folder's index page: pages inside it are articles, not the column.
COLUMN_END = r"(/(index\.(s?html?|jsp))?|\.s?html?)?$"
REPORT_COLUMN_SLUG = re.compile(r"/(zfxxgknb|zfxxgkndbg|xxgknb|xxgkndbg|ndbg|gknb\d{0,4})" + COLUMN_END, re.I)

# The 信息公开 section of a site, where its 年报 columns are: followed from the home page on.
DISCLOSURE_SECTION_TEXT = re.compile(r"^(政府|政务)?信息公开(目录|专栏|平台)?$|^政务公开$|^法定主动公开内容$")
DISCLOSURE_SECTION_SLUG = re.compile(r"/(xxgk|zwgk|zfxxgk|xxgkml|gkml)" + COLUMN_END + r"|/gkmlpt/index$", re.I)
SEARCH_QUERY = "年度报告"  # what discovery asks a site search for

# The institution word an agency's name ends with (局, 厅, 委员会 …).
AGENCY_END = r"(局|厅|委员会|委|办公室|办|政府|中心|院|署)"
AGENCY_NAME = re.compile(AGENCY_END + r"$")
# The agency a title names: before or after the year, up to its institution word; no year or 关于
# inside (``2020年度政府信息…`` names none).
AGENCY_IN_TITLE = re.compile(r"^(?:(?:19|20)\d{2}年度?)?((?:(?!关于|(?:19|20)\d\d)[^年]){2,}?" + AGENCY_END + r")")

YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def is_annual_report(title: str) -> bool:
    title = re.sub(r"\s+", "", title)
    return bool(REPORT_TITLE.search(title)) and lookalike(title) is None


def lookalike(title: str) -> str | None:
    """The kind of look-alike a title is (``notice``, ``work_plan``, ``housing_fund`` …), or None."""
    title = re.sub(r"\s+", "", title)
    return next((kind for kind, pattern in LOOKALIKES.items() if pattern.search(title)), None)


def is_report_column(text: str, url: str) -> bool:
    """A link to a column of annual reports, judged by its URL slug or its text: short, naming
    reports but no year (a text with a year is a report's title) and no look-alike."""
    if REPORT_COLUMN_SLUG.search(urlsplit(url).path):
        return True
    text = re.sub(r"\s+", "", text)
    return (bool(REPORT_COLUMN_TEXT.search(text)) and len(text) <= 20 and not YEAR.search(text)
            and lookalike(text) in (None, "summary_page"))  # 年报汇总 lists reports too


def is_disclosure_section(text: str, url: str) -> bool:
    """A link to a site's 信息公开 section (政务公开, 政府信息公开目录, a gkmlpt catalog …)."""
    return bool(DISCLOSURE_SECTION_TEXT.search(re.sub(r"\s+", "", text)) or DISCLOSURE_SECTION_SLUG.search(urlsplit(url).path))


def is_summary_page(title: str) -> bool:
    """A 年报汇总 page: one page listing many agencies' reports, each link named by its agency."""
    title = re.sub(r"\s+", "", title)
    return bool(REPORT_TITLE.search(title) and LOOKALIKES["summary_page"].search(title))


def report_year(title: str) -> int | None:
    """The year a report covers, as its title names it (the publish date is usually a year later)."""
    match = YEAR.search(re.sub(r"\s+", "", title))
    return int(match.group(1)) if match else None


def agency_in_title(title: str) -> str | None:
    """The agency a report title names (``2019年如东县住房和城乡建设局政府信息…`` → 如东县住房和城乡建设局)."""
    match = AGENCY_IN_TITLE.match(re.sub(r"\s+", "", title))
    return match.group(1) if match and not match.group(1).startswith(("政府", "政务")) else None
