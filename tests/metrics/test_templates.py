"""Complete 2019- and 2021-format reports in every rendering portals serve: every cell of the three
template tables must come back as its key and value."""

from dataclasses import replace
from functools import cache

import pytest

from gxcrawl.extract.model import Paragraph, Table
from gxcrawl.metrics import parse_document
from tests.metrics.reports import RENDERINGS, template_report

ERAS = ("2019", "2021")


@cache
def parsed(era: str, rendering: str):
    report = template_report(era)
    return report, parse_document(RENDERINGS[rendering](report))


def table_metrics(result) -> dict:
    return {key: value for key, value in result.metrics.items() if result.provenance[key]["origin"] == "table"}


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
@pytest.mark.parametrize("era", ERAS)
def test_every_template_cell_maps_to_its_key_and_value(era, rendering):
    report, result = parsed(era, rendering)
    assert table_metrics(result) == report.cells


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
@pytest.mark.parametrize("era", ERAS)
def test_a_consistent_template_report_raises_no_warning(era, rendering):
    assert parsed(era, rendering)[1].warnings == []


@pytest.mark.parametrize(("era", "year"), [("2019", 2019), ("2021", 2022)])
def test_a_template_report_gives_its_year_agency_and_era(era, year):
    result = parsed(era, "html")[1]
    assert (result.year, result.agency, result.era) == (year, "某市住房和城乡建设局", era)


@pytest.mark.parametrize("era", ERAS)
def test_prose_fills_what_the_tables_leave_out_and_litigation_total_is_derived(era):
    report, result = parsed(era, "html")
    rest = {key: value for key, value in result.metrics.items() if key not in report.cells}
    assert rest == {**report.prose, "litigation.total": 4}
    assert result.provenance["litigation.total"] == {
        "origin": "derived", "label": "litigation.direct.total + litigation.after_review.total", "raw": ""}


def test_the_2021_split_of_other_handling_maps_to_its_own_keys():
    result = parsed("2021", "docx")[1]
    assert [result.metrics[f"applications.other.{row}.total"] for row in ("no_correction", "unpaid_fee", "other")] == [1, 1, 1]
    assert "applications.other.total.total" not in result.metrics


def test_a_template_cell_keeps_its_label_path_and_raw_text():
    result = parsed("2019", "html")[1]
    assert result.provenance["applications.withheld.security_stability.commercial"] == {
        "origin": "table", "table": 1, "raw": "1",
        "label": "（三）不予公开 > 3.危及“三安全一稳定” > 申请人情况 > 法人或其他组织 > 商业企业"}


def test_fees_in_wan_yuan_are_yuan():
    assert parsed("2021", "pdf")[1].metrics["proactive.fees.amount"] == 125000.0


def test_a_blank_cell_is_absent_and_wu_is_zero():
    metrics = parsed("2019", "pdf")[1].metrics
    assert "applications.not_processed.mass_repeated.natural_person" not in metrics
    assert metrics["applications.withheld.query_matters.natural_person"] == 0


def test_prose_that_disagrees_with_a_table_is_a_warning():
    report = template_report("2021")
    blocks = [Paragraph("全年共收到政府信息公开申请99件。") if "均按时答复" in getattr(block, "text", "") else block
              for block in report.document.blocks]
    result = parse_document(replace(report.document, blocks=blocks))
    assert result.metrics["applications.new.total"] == report.cells["applications.new.total"]
    assert result.warnings == [f"prose_disagrees: applications.new.total table {report.cells['applications.new.total']} prose 99"]


def test_a_wrong_cell_in_a_rendered_report_fails_the_checks_it_breaks():
    report = template_report("2019")
    applications = next(b for b in report.document.blocks if isinstance(b, Table) and "申请人情况" in b.rows[0])
    rows = [list(row) for row in applications.rows]
    total_row = next(row for row in rows if row[1] == "（七）总计")
    total_row[3] = str(int(total_row[3]) + 1)  # 自然人 总计 one too many
    blocks = [Table.from_rows(rows) if block is applications else block for block in report.document.blocks]
    cells = report.cells
    stated = cells["applications.result_total.natural_person"] + 1
    received = cells["applications.new.natural_person"] + cells["applications.carried_in.natural_person"]
    handled = stated + cells["applications.carried_out.natural_person"]
    result = parse_document(RENDERINGS["html"](replace(report, document=replace(report.document, blocks=blocks))))
    assert result.warnings == [
        f"check_failed: applications.result_total.total {cells['applications.result_total.total']} != "
        f"{cells['applications.result_total.total'] + 1} (sum of applicant columns)",
        f"check_failed: applications.result_total.natural_person {stated} != {stated - 1} (sum of rows)",
        f"check_failed: applications.balance.natural_person {received} != {handled} "
        "(new + carried_in vs result_total + carried_out)",
    ]
