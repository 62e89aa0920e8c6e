"""The five seed reports, read as the crawl reads them (extraction + normalisation), and the
figures a reader finds in them."""

import json
from pathlib import Path

import pytest

from gxcrawl.extract.reader import read_file
from gxcrawl.metrics import parse_document
from gxcrawl.metrics.schema import legacy_key

SEEDS = Path(__file__).resolve().parents[2] / "gxcrawl" / "demo" / "seeds"
# Figures read off each seed by hand: [value, origin], origin saying whether a table or the text
# states it; and the report's year, agency and era. Shared with bench/metrics_bench.py.
FIGURES = json.loads((Path(__file__).with_name("seed_figures.json")).read_text("utf-8"))


def parse_seed(number: str):
    [path] = SEEDS.glob(f"{number}_*.txt")
    return parse_document(read_file(path))


@pytest.mark.parametrize("number", sorted(FIGURES))
def test_a_seed_gives_the_canonical_figures_a_reader_finds(number):
    result = parse_seed(number)
    canonical = {key: [value, result.provenance[key]["origin"]]
                 for key, value in result.metrics.items() if not key.startswith("legacy.")}
    assert canonical == FIGURES[number]["metrics"]


@pytest.mark.parametrize("number", sorted(FIGURES))
def test_a_seed_gives_its_year_agency_and_era(number):
    result = parse_seed(number)
    expected = FIGURES[number]
    assert (result.year, result.agency, result.era) == (expected["year"], expected["agency"], expected["era"])


@pytest.mark.parametrize("number", sorted(FIGURES))
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
