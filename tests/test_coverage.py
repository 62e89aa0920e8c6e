"""The agency × year coverage table, from the outputs alone."""

from __future__ import annotations

import pytest

from gxcrawl.coverage import FAILED, FOUND, MISSING, build, read_lines, render, write_csv

REPORTS = [
    {"agency": "如东县住房和城乡建设局", "year": 2019, "portal": "demo", "title": "2019年如东县住房和城乡建设局政府信息公开工作年度报告"},
    {"agency": None, "year": 2021, "portal": "demo", "title": "示范市住房和城乡建设局2021年政府信息公开工作年度报告"},
    {"agency": "湖南省住房和城乡建设厅", "year": 2018, "portal": "湖南省住房和城乡建设厅", "title": "…"},
]
FAILURES = [
    {"title": "示范市住房和城乡建设局2020年政府信息公开工作年度报告", "year": 2020, "portal": "demo", "reason": "timeout"},
    # failed once, found in a later run: found
    {"title": "2019年如东县住房和城乡建设局政府信息公开工作年度报告", "year": 2019, "portal": "demo", "reason": "http_500"},
]


def test_found_failed_and_missing_per_agency_and_year():
    table = build(REPORTS, FAILURES)
    assert table.years == [2018, 2019, 2020, 2021]
    assert table.status("如东县住房和城乡建设局", 2019) == FOUND
    assert table.status("示范市住房和城乡建设局", 2020) == FAILED  # agency read from the title
    assert table.status("示范市住房和城乡建设局", 2021) == FOUND
    assert table.status("如东县住房和城乡建设局", 2020) == MISSING


def test_selected_portals_only_and_a_row_for_a_portal_with_nothing():
    table = build(REPORTS, FAILURES, portals=["湖南省住房和城乡建设厅", "江苏省住房和城乡建设厅"], years=range(2017, 2020))
    assert list(table.rows) == ["江苏省住房和城乡建设厅", "湖南省住房和城乡建设厅"]
    assert [table.status("江苏省住房和城乡建设厅", y) for y in table.years] == [MISSING] * 3
    assert [table.status("湖南省住房和城乡建设厅", y) for y in table.years] == [MISSING, FOUND, MISSING]


def test_text_table_marks_and_totals():
    text = render(build(REPORTS, FAILURES, years=range(2019, 2022)))
    assert text.splitlines()[0].split() == ["agency", "19", "20", "21"]
    assert any(line.startswith("示范市住房和城乡建设局") and line.split()[1:] == [".", "x", "+"] for line in text.splitlines())
    assert "3 agencies × 3 years: 2 found, 1 failed, 6 missing" in text
    assert render(build([], [])) == "No reports and no failures recorded yet: run a crawl first."


def test_csv_has_a_column_per_year(tmp_path):
    write_csv(build(REPORTS, FAILURES, years=range(2020, 2022)), tmp_path / "c.csv")
    lines = (tmp_path / "c.csv").read_text("utf-8-sig").splitlines()
    assert lines[0] == "agency,2020,2021" and "示范市住房和城乡建设局,failed,found" in lines


def test_a_broken_output_line_is_named(tmp_path):
    (tmp_path / "r.jsonl").write_text('{"year": 2019}\n{oops\n', "utf-8")
    with pytest.raises(ValueError, match=r"r.jsonl:2: not a JSON line"):
        list(read_lines(tmp_path / "r.jsonl"))
    assert list(read_lines(tmp_path / "absent.jsonl")) == []


def test_registry_portals_are_rows_however_reports_and_failures_name_the_agency():
    reports = [{"agency": "湖南省住建厅", "year": 2019, "portal": "湖南省住房和城乡建设厅", "title": "…"}]
    failures = [{"title": "2020年度政府信息公开工作年度报告", "year": 2020, "portal": "湖南省住房和城乡建设厅"}]
    table = build(reports, failures, portals=["湖南省住房和城乡建设厅"], by_portal=True)
    assert list(table.rows) == ["湖南省住房和城乡建设厅"]
    assert [table.status("湖南省住房和城乡建设厅", y) for y in table.years] == [FOUND, FAILED]
