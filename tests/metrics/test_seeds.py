"""The five seed reports, read as the crawl reads them (extraction + normalisation), and the
figures a reader finds in them."""

from pathlib import Path

import pytest

from gxcrawl.extract.reader import read_file
from gxcrawl.metrics import parse_document
from gxcrawl.metrics.schema import legacy_key

SEEDS = Path(__file__).resolve().parents[2] / "gxcrawl" / "demo" / "seeds"
# Figures read off each seed by hand; `origin` says whether a table or the text states them.
EXPECTED = {
    "000": {  # 常德市住建局 2013: prose plus two statistics tables
        "proactive.total": (1450, "table"), "proactive.cumulative": (9370, "prose"),
        "proactive.normative_docs.new": (1, "table"), "applications.channel.online": (1, "prose"),
        "review.total": (0, "prose"), "consultations.online": (108, "table"), "consultations.in_person": (8, "table"),
        "consultations.phone": (6, "table"), "staff.full_time": (1, "prose"), "website.visits": (360000, "table"),
    },
    "001": {  # 高港区住建局 2017: prose plus a 统计表 in pipe rows
        "proactive.total": (480, "table"), "proactive.normative_docs.new": (0, "table"),
        "proactive.normative_docs.published": (0, "table"), "applications.new.total": (1, "prose"),
        "applications.channel.online": (1, "table"), "applications.disclosed.total": (1, "table"),
        "review.total": (0, "table"), "litigation.total": (0, "table"), "complaints.total": (675, "table"),
        "consultations.total": (371, "prose"), "consultations.phone": (159, "prose"),
        "consultations.in_person": (192, "prose"), "consultations.online": (20, "prose"),
        "staff.total": (2, "table"), "staff.part_time": (2, "table"), "fees.collected": (0.0, "table"),
        "meetings.total": (2, "table"), "training.sessions": (3, "table"), "training.attendees": (23, "table"),
    },
    "002": {  # 环翠区住建局 2011: a one-cell-per-line 统计表
        "proactive.total": (27, "table"), "applications.new.total": (0, "table"),
        "applications.channel.online": (0, "table"), "applications.channel.in_person": (0, "table"),
        "applications.disclosed.total": (0, "table"), "applications.partly_disclosed.total": (0, "table"),
        "applications.withheld.total.total": (0, "table"), "review.total": (0, "table"), "review.upheld": (0, "table"),
        "review.corrected": (0, "table"), "litigation.total": (0, "table"), "litigation.upheld": (0, "table"),
        "litigation.corrected": (0, "table"), "fees.collected": (0.0, "table"), "complaints.total": (0, "table"),
        "staff.total": (2, "table"), "staff.full_time": (0, "table"), "staff.part_time": (2, "table"),
        "training.sessions": (1, "table"), "training.attendees": (9, "table"),
    },
    "003": {  # 湖南省住建厅 2018: prose only
        "proactive.total": (4238, "prose"), "applications.new.total": (51, "prose"),
        "website.visits": (3090000, "prose"),
    },
    "004": {  # 如东县住建局 2019: Traditional script with pinyin noise, template headings without tables
        "proactive.total": (627, "prose"), "applications.new.total": (58, "prose"),
    },
}
FACTS = {
    "000": (2013, "常德市住房和城乡建设局", "pre2019"),
    "001": (2017, "泰州市高港区住房和城乡建设局", "pre2019"),
    "002": (2011, "环翠区住房和城乡建设局", "pre2019"),
    "003": (2018, "湖南省住房和城乡建设厅", "pre2019"),
    "004": (2019, "如东县住房和城乡建设局", "2019"),
}


def parse_seed(number: str):
    [path] = SEEDS.glob(f"{number}_*.txt")
    return parse_document(read_file(path))


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_a_seed_gives_the_canonical_figures_a_reader_finds(number):
    result = parse_seed(number)
    canonical = {key: (value, result.provenance[key]["origin"])
                 for key, value in result.metrics.items() if not key.startswith("legacy.")}
    assert canonical == EXPECTED[number]


@pytest.mark.parametrize("number", sorted(FACTS))
def test_a_seed_gives_its_year_agency_and_era(number):
    result = parse_seed(number)
    assert (result.year, result.agency, result.era) == FACTS[number]


@pytest.mark.parametrize("number", sorted(FACTS))
def test_a_seed_parses_without_warnings(number):
    assert parse_seed(number).warnings == []


def test_old_indicators_outside_the_schema_are_kept_as_legacy_keys_with_their_label():
    result = parse_seed("001")
    key = legacy_key(["政务服务事项办件情况", "行政许可"])
    assert result.metrics[key] == 50
    assert result.provenance[key] == {"origin": "table", "table": 1, "label": "(一)行政许可", "raw": "50", "unit": "件",
                                      "path": "政务服务事项办件情况 > 行政许可"}
    # 7 channel and response rows, 十一 to 二十 with the six 办件 rows: 22 indicators the schema lacks
    assert len([key for key in result.metrics if key.startswith("legacy.")]) == 22


def test_a_percent_indicator_is_a_float():
    assert parse_seed("001").metrics[legacy_key(["政务服务事项不见面占比"])] == 80.0


def test_an_approximate_prose_figure_is_flagged_in_its_provenance():
    assert parse_seed("000").provenance["proactive.cumulative"] == {
        "origin": "prose", "label": "累计主动公开政府信息9370余条", "approximate": True,
        "raw": "我局到2013年底累计主动公开政府信息9370余条，全文电子化率达100%，其中，本年度新增的主动公开政府信息1450余条。"}


def test_a_table_figure_beats_the_same_figure_in_prose():
    assert parse_seed("000").provenance["website.visits"]["origin"] == "table"
