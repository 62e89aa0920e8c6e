"""Scrapy's feed options work with the report items as in any Scrapy project."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ElementTree

import pytest

from tests.conftest import run_crawl

REPORTS = 11


@pytest.fixture(scope="module")
def formats(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("feeds")
    run_crawl(workdir, "-a", "portal=demo", "-o", "r.csv", "-o", "r.json", "-o", "r.jl", "-o", "r.xml")
    return workdir


def test_csv_feed(formats):
    with (formats / "r.csv").open(encoding="utf-8", newline="") as feed:
        assert len(list(csv.DictReader(feed))) == REPORTS


def test_json_feed(formats):
    items = json.loads((formats / "r.json").read_text("utf-8"))
    assert len(items) == REPORTS and all(item["files"] for item in items)


def test_jsonlines_feed(formats):
    assert len((formats / "r.jl").read_text("utf-8").splitlines()) == REPORTS


def test_xml_feed(formats):
    assert len(ElementTree.parse(formats / "r.xml").getroot().findall("item")) == REPORTS


def test_user_feeds_replace_the_default_one(formats):
    assert not (formats / "output" / "reports.jsonl").exists()


def test_batches_and_per_run_file_names(tmp_path):
    run_crawl(tmp_path, "-a", "portal=demo", "-s", "FEED_EXPORT_BATCH_ITEM_COUNT=2",
              "-o", "runs/%(name)s-%(time)s-%(batch_id)d.jsonl")
    batches = sorted((tmp_path / "runs").iterdir())
    assert [len(path.read_text("utf-8").splitlines()) for path in batches] == [2, 2, 2, 2, 2, 1]
    assert all(path.name.startswith("reports-") for path in batches)


def test_default_feeds_hold_each_reports_metrics_as_json_and_as_a_spreadsheet_row(demo_crawl):
    figures = {item["index_no"]: item["metrics"] for item in demo_crawl.items()}
    assert figures["014421017/2018-00546"]["proactive.total"] == 480
    assert figures["014109457/2020-00012"]["applications.new.total"] == 58
    with (demo_crawl.workdir / "output" / "metrics.csv").open(encoding="utf-8-sig", newline="") as feed:
        rows = {row["index_no"]: row for row in csv.DictReader(feed)}
    assert set(rows) == {index_no or "" for index_no in figures}  # one report has no 索引号
    gaogang = rows["014421017/2018-00546"]
    assert (gaogang["year"], gaogang["era"], gaogang["proactive.total"], gaogang["staff.total"]) == ("2017", "pre2019", "480", "2")
