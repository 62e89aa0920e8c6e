"""The metricscsv feed format: a row per report, a column per canonical key, one header, a BOM."""

from __future__ import annotations

import csv
import io

from gxcrawl.exporters import COLUMNS, MetricsCsvItemExporter
from gxcrawl.items import ReportItem
from gxcrawl.metrics import CANONICAL_KEYS


def export(path, *items: ReportItem) -> None:
    with open(path, "ab") as file:
        exporter = MetricsCsvItemExporter(file, encoding="utf-8-sig")
        exporter.start_exporting()
        for item in items:
            exporter.export_item(item)
        exporter.finish_exporting()


def report(index_no: str, metrics: dict) -> ReportItem:
    return ReportItem(url=f"http://x.gov.cn/{index_no}.html", title="t", portal="x", crawled_at="now",
                      index_no=index_no, agency="某局", year=2020, era="2019", metrics=metrics)


def test_rows_have_the_facts_then_every_canonical_key_in_schema_order(tmp_path):
    export(tmp_path / "m.csv", report("A/1", {"proactive.total": 480, "legacy.l_abcdefgh": 3}))
    header, row = list(csv.reader(io.StringIO((tmp_path / "m.csv").read_text("utf-8-sig"))))
    assert header == COLUMNS == ["url", "index_no", "agency", "year", "era", *CANONICAL_KEYS]
    values = dict(zip(header, row))
    assert values["index_no"] == "A/1" and values["proactive.total"] == "480" and values["review.total"] == ""
    assert "legacy.l_abcdefgh" not in values


def test_appending_runs_add_rows_under_one_header_and_one_bom(tmp_path):
    export(tmp_path / "m.csv", report("A/1", {}))
    export(tmp_path / "m.csv", report("B/2", {}), report("C/3", {}))
    data = (tmp_path / "m.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row[1] for row in rows] == ["index_no", "A/1", "B/2", "C/3"]
