"""What the demo portal publishes: its columns and their articles, newest first.

The reports are the seed reports shipped in ``seeds/``; their metadata is what the real pages showed
where the seed carries it (001, 003) and demo values otherwise. The decoys are the look-alikes real
columns mix in with the reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Literal

SITE_NAME = "示范省住房和城乡建设厅"
TRS_COLUMN_PATH = "/zwgk/zfxxgknb/"
HANWEB_COLUMN_ID = 4321
HANWEB_UNIT_ID = 12345
NEWS_COLUMN_PATH = "/xwzx/gzdt/"
COUNTIES_COLUMN_PATH = "/zwgk/qxxxgknb/"
JPAAS_COLUMN_ID = 5501
GKMLPT_SID = "755001"
GKMLPT_CATEGORIES = {2001: "政府信息公开年报", 2002: "通知公告", 2003: "规划计划"}  # the first holds the reports
SUMMARY_PATH = "/zwgk/nbhz/"
SEARCH_PAGE_PATH = "/irs-c-web/search.shtml"  # TRS IGS: the result page, a script
SEARCH_PATH = "/irs/front/search"  # the search API the script POSTs its JSON query to
SEARCH_CODE = "18c3e5a7d91"  # the site's IGS code, a hidden field of the search form
SEARCH_ONLY_PATH = "/zwgk/tzgg/"


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    published: str  # as the page shows it
    agency: str = SITE_NAME
    index_no: str = ""
    category: str = ""
    doc_no: str = ""
    seed: str = ""  # seed file name: the report text
    seed_start: str = ""  # the body starts at this line of the seed (page metadata comes before)
    seed_end: str = ""  # the body ends before this line (page chrome follows)
    text: str = ""  # the report text itself, for generated reports that have no seed
    inline: bool = True  # the whole report on the page, or a short page linking the attachments
    attachments: tuple[Literal["pdf", "docx"], ...] = ()
    summary: str = ""  # body of a page that is not a report

    @property
    def date(self) -> str:
        return self.published[:10]

    @property
    def is_report(self) -> bool:
        return bool(self.seed or self.text)

    def report_text(self) -> str:
        if self.text:
            return self.text
        lines = resources.files("gxcrawl.demo").joinpath("seeds", self.seed).read_text("utf-8").splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith(self.seed_start)) if self.seed_start else 0
        end = next(i for i, line in enumerate(lines) if line.strip() == self.seed_end) if self.seed_end else len(lines)
        return "\n".join(lines[start:end]).strip("\n")


@dataclass(frozen=True)
class Column:
    family: Literal["trs", "hanweb", "jpaas", "gkmlpt", "generic"]
    name: str
    per_page: int
    articles: tuple[Article, ...]


HUNAN_2018 = dict(
    title="湖南省住房和城乡建设厅2018年度政府信息公开工作报告",
    published="2019-03-22 10:15:23",
    agency="湖南省住房和城乡建设厅",
    index_no="430S00/2019-16610",
    category="政府信息公开年报",
    seed="003_5475d6596f378c3c.txt",
    seed_start="  本报告由",
    seed_end="打印",
)

TRS_COLUMN = Column(
    family="trs",
    name="政府信息公开年报",
    per_page=3,
    articles=(
        Article(
            id=5678901,
            title="关于做好2019年度政府信息公开工作年度报告编制发布工作的通知",
            published="2020-01-06",
            index_no="430S00/2020-00102",
            category="通知公告",
            doc_no="湘建办函〔2020〕3号",
            summary="各市州住房和城乡建设局：根据《中华人民共和国政府信息公开条例》规定，请于2020年1月31日前编制并公布本机关2019年度政府信息公开工作年度报告。",
        ),
        Article(id=5678832, **HUNAN_2018),
        Article(
            id=5678790,
            title="2019年全省住房城乡建设系统政务公开工作要点",
            published="2019-03-01",
            index_no="430S00/2019-14877",
            category="政务公开",
            summary="为深入推进全省住房城乡建设系统政务公开工作，现将2019年政务公开工作要点印发如下。",
        ),
        Article(
            id=5678655,
            title="示范省住房公积金2018年年度报告",
            published="2019-02-28",
            index_no="430S00/2019-13011",
            category="住房公积金",
            summary="根据国务院《住房公积金管理条例》和住房城乡建设部等三部委有关规定，现将2018年全省住房公积金年度报告公布如下。",
        ),
        Article(
            id=5678544,
            title="示范省住房和城乡建设厅网站工作年度报表（2018年度）",
            published="2019-01-25",
            index_no="430S00/2019-12035",
            category="政务公开",
            summary="政府网站工作年度报表：网站名称、首页网址、主办单位、总访问量等。",
        ),
        Article(
            id=1421075,
            title="常德市住房和城乡建设局2013年政府信息公开工作年度报告",
            published="2014-03-28",
            agency="常德市住房和城乡建设局",
            index_no="430700ZJ/2014-00031",
            category="政府信息公开年报",
            seed="000_23a1855ff18984db.txt",
        ),
        Article(
            id=1187362,
            title="环翠区住房和城乡建设局2011年政府信息公开工作年度报告",
            published="2012-02-15",
            agency="环翠区住房和城乡建设局",
            index_no="371002ZJ/2012-00007",
            category="政府信息公开年报",
            seed="002_d3efc51e86300820.txt",
            inline=False,
            attachments=("pdf",),
        ),
        Article(
            id=1187301,
            title="环翠区住房和城乡建设局召开政务公开工作会议",
            published="2012-02-10",
            agency="环翠区住房和城乡建设局",
            index_no="371002ZJ/2012-00005",
            category="工作动态",
            summary="2月10日，区住房和城乡建设局召开政务公开工作会议，部署2012年政务公开工作。",
        ),
    ),
)

HANWEB_COLUMN = Column(
    family="hanweb",
    name="市县信息公开年报",
    per_page=3,
    articles=(
        Article(
            id=100238,
            title="2020年如东县住房和城乡建设局政务公开工作要点",
            published="2020-03-10",
            agency="如东县住房和城乡建设局",
            index_no="014109457/2020-00031",
            category="政务公开",
            summary="2020年，我局政务公开工作以习近平新时代中国特色社会主义思想为指导，现将工作要点公布如下。",
        ),
        Article(
            id=100231,
            title="2019年如东县住房和城乡建设局政府信息公开工作年度报告",
            published="2020-01-15",
            agency="如东县住房和城乡建设局",
            index_no="014109457/2020-00012",
            category="信息公开年报",
            seed="004_c1329069217d429a.txt",
            inline=False,
            attachments=("docx",),
        ),
        Article(
            id=100102,
            title="关于印发政府信息公开工作年度报告格式的通知",
            published="2019-12-20",
            index_no="430S00/2019-38800",
            category="通知公告",
            doc_no="湘政务公开办〔2019〕12号",
            summary="现将《政府信息公开工作年度报告格式》印发给你们，请遵照执行。",
        ),
        Article(id=100187, **HUNAN_2018),
        Article(
            id=100077,
            title="高港区住房和城乡建设局召开信息公开培训会",
            published="2018-03-12",
            agency="医药高新区(高港区)住房和城乡建设局",
            index_no="014421017/2018-00601",
            category="工作动态",
            summary="3月12日，局办公室组织开展政府信息公开业务培训，23人参加。",
        ),
        Article(
            id=100063,
            title="2017年高港区住房和城乡建设局信息公开年度报告",
            published="2018-02-28",
            agency="医药高新区(高港区)住房和城乡建设局",
            index_no="014421017/2018-00546",
            category="信息公开年报",
            seed="001_ce1f8ef96d3daffd.txt",
            seed_start="2017年高港区",
            attachments=("pdf",),
        ),
        Article(
            id=100012,
            title="高港区住房和城乡建设局2018年部门预算公开",
            published="2018-02-05",
            agency="医药高新区(高港区)住房和城乡建设局",
            index_no="014421017/2018-00102",
            category="预决算",
            summary="根据预算公开有关要求，现将2018年部门预算公开如下。",
        ),
    ),
)

NEWS = (
    Article(
        id=5679020,
        title="省住房和城乡建设厅召开2020年全省政务公开工作视频会",
        published="2020-02-18",
        category="工作动态",
        summary="2月18日，省住房和城乡建设厅召开全省住房城乡建设系统政务公开工作视频会议。",
    ),
)



def counties_column(count: int) -> Column:
    """The large mode's column: ``count`` county bureaus' reports, 20 a list page.

    A portal big enough for benchmarks and soak tests (``count`` articles, ``count / 20`` list
    pages); each report is short, inline, with its own 索引号 and figures.
    """
    articles = []
    for number in range(1, count + 1):
        year = 2014 + number % 8
        agency = f"示范省第{number}县住房和城乡建设局"
        text = prose_report(agency, year, proactive=100 + number % 900, applications=number % 40)
        articles.append(Article(
            id=7000000 + number,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            published=f"{year + 1}-0{1 + number % 3}-{10 + number % 18}",
            agency=agency,
            index_no=f"4399{number:04d}ZJ/{year + 1}-{number:05d}",
            category="政府信息公开年报",
            text=text,
        ))
    return Column(family="trs", name="区县政府信息公开年报", per_page=20, articles=tuple(articles))


def prose_report(agency: str, year: int, *, proactive: int, applications: int) -> str:
    """A short report in prose, as many counties publish: figures in sentences, no table."""
    return (
        f"本报告由{agency}根据《中华人民共和国政府信息公开条例》编制。\n"
        f"一、主动公开政府信息情况\n{year}年，我局共主动公开政府信息{proactive}条。\n"
        f"二、依申请公开政府信息情况\n{year}年共受理政府信息公开申请{applications}件，均已按时答复。\n"
        f"三、政府信息公开行政复议、行政诉讼情况\n{year}年未发生政府信息公开行政复议、行政诉讼案件。"
    )


CITY = "示范市住房和城乡建设局"

# Hanweb jpaas column (部门信息公开年报): its list only from the JSON unit API, 2 rows a page.
JPAAS_COLUMN = Column(
    family="jpaas",
    name="部门信息公开年报",
    per_page=2,
    articles=(
        Article(id=1, title=f"{CITY}2021年政府信息公开工作年度报告", published="2022-01-20 09:30:00", agency=CITY,
                index_no="11430100MB1234567X/2022-00015", category="政府信息公开年报",
                text=prose_report(CITY, 2021, proactive=356, applications=12)),
        Article(id=2, title="示范市政府网站工作年度报表（2021年度）", published="2022-01-18", agency=CITY,
                index_no="11430100MB1234567X/2022-00011", category="政务公开",
                summary="政府网站工作年度报表：网站名称、首页网址、主办单位、总访问量等。"),
        # 索引号, 文号 and 发布机构 empty, as some sites leave them on their 年报 pages.
        Article(id=3, title=f"{CITY}2020年政府信息公开工作年度报告", published="2021-01-22", agency="",
                category="政府信息公开年报", text=prose_report(CITY, 2020, proactive=298, applications=9),
                inline=False, attachments=("pdf",)),
        Article(id=4, title="《示范市住房和城乡建设局2020年政府信息公开工作年度报告》解读", published="2021-01-22",
                agency=CITY, category="政策解读", summary="一图读懂我局2020年政府信息公开工作年度报告。"),
    ),
)

# Guangdong-style gkmlpt catalog: articles from the JSON list API, details in _CONFIG.DETAIL.
DISTRICT = "示范市示范区住房和城乡建设局"
GKMLPT_COLUMN = Column(
    family="gkmlpt",
    name=GKMLPT_CATEGORIES[2001],
    per_page=2,
    articles=(
        Article(id=4403001, title=f"{DISTRICT}2022年政府信息公开工作年度报告", published="2023-01-16", agency=DISTRICT,
                index_no="007542912/2023-00021", category="政府信息公开年报",
                text=prose_report(DISTRICT, 2022, proactive=512, applications=31), attachments=("docx",)),
        Article(id=4402876, title="示范市住房公积金2022年年度报告", published="2023-01-10", agency="示范市住房公积金管理中心",
                index_no="007542912/2023-00007", category="政府信息公开年报",
                summary="根据《住房公积金管理条例》规定，现将示范市住房公积金2022年年度报告公布如下。"),
        Article(id=4391450, title=f"{DISTRICT}2021年政府信息公开工作年度报告", published="2022-01-25", agency=DISTRICT,
                index_no="007542912/2022-00019", category="政府信息公开年报",
                text=prose_report(DISTRICT, 2021, proactive=467, applications=25)),
    ),
)

# The 年报汇总 page: each link named by its agency. The report is GB2312 with no Content-Type
# header at all (the charset only in <meta>); the other link is a look-alike told only by its page.
COUNTY = "示范县住房和城乡建设局"
SUMMARY_TITLE = "2020年度政府信息公开工作年度报告汇总"
SUMMARY_ENTRIES = (
    (COUNTY, Article(id=9001, title=f"{COUNTY}2020年度政府信息公开工作年度报告", published="2021-01-28", agency=COUNTY,
                     index_no="430921ZJ/2021-00004", category="政府信息公开年报",
                     text=prose_report(COUNTY, 2020, proactive=141, applications=3))),
    ("示范市财政局", Article(id=9002, title="示范市财政局2020年度部门决算公开", published="2021-01-27", agency="示范市财政局",
                        index_no="430900CZ/2021-00002", category="预决算", summary="现将2020年度部门决算公开如下。")),
)

# Found only through the site search (年度报告): in no column, as old reports often are.
SEARCH_RESULTS = (
    Article(id=5600001, title="示范省住房和城乡建设厅2012年政府信息公开工作年度报告", published="2013-03-15",
            index_no="430S00/2013-03310", category="政府信息公开年报",
            text=prose_report(SITE_NAME, 2012, proactive=1204, applications=46)),
    Article(id=5600002, title="关于做好2012年度政府信息公开工作年度报告编制工作的通知", published="2013-01-08",
            index_no="430S00/2013-00102", category="通知公告",
            summary="请各单位于2013年3月31日前公布本机关2012年度政府信息公开工作年度报告。"),
)


def reports(counties: int = 0) -> list[Article]:
    """Every report the demo portal publishes, look-alikes not; ``counties``: with its large mode's."""
    articles = [
        *TRS_COLUMN.articles, *HANWEB_COLUMN.articles, *JPAAS_COLUMN.articles, *GKMLPT_COLUMN.articles,
        *(article for _, article in SUMMARY_ENTRIES), *SEARCH_RESULTS,
        *(counties_column(counties).articles if counties else ()),
    ]
    return [article for article in articles if article.is_report]
