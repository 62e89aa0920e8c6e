from gxcrawl.metrics.checks import run_checks


def test_result_total_must_be_the_sum_of_the_result_rows():
    metrics = {"applications.result_total.total": 10, "applications.disclosed.total": 4,
               "applications.withheld.state_secret.total": 2, "applications.other.total.total": 3}
    assert run_checks(metrics, "2019") == ["check_failed: applications.result_total.total 10 != 9 (sum of rows)"]


def test_a_stated_group_subtotal_stands_for_its_sub_rows_in_the_result_total():
    metrics = {"applications.result_total.natural_person": 5, "applications.withheld.total.natural_person": 5,
               "applications.withheld.state_secret.natural_person": 5}
    assert run_checks(metrics, "2019") == []


def test_a_total_column_must_be_the_sum_of_the_applicant_columns():
    metrics = {"applications.new.natural_person": 3, "applications.new.commercial": 1, "applications.new.total": 5}
    assert run_checks(metrics, None) == ["check_failed: applications.new.total 5 != 4 (sum of applicant columns)"]


def test_a_group_subtotal_must_be_the_sum_of_its_sub_rows():
    metrics = {"applications.not_processed.total.research": 2, "applications.not_processed.petition.research": 1}
    assert run_checks(metrics, None) == [
        "check_failed: applications.not_processed.total.research 2 != 1 (sum of sub-rows)"]


def test_a_review_total_must_be_the_sum_of_its_outcomes():
    metrics = {"review.upheld": 1, "review.corrected": 1, "review.other": 0, "review.pending": 1, "review.total": 2}
    assert run_checks(metrics, "2021") == ["check_failed: review.total 2 != 3 (sum of outcomes)"]


def test_each_litigation_group_is_checked():
    metrics = {"litigation.after_review.pending": 2, "litigation.after_review.total": 1}
    assert run_checks(metrics, "2021") == ["check_failed: litigation.after_review.total 1 != 2 (sum of outcomes)"]


def test_new_and_carried_in_must_balance_handled_and_carried_out():
    metrics = {"applications.new.total": 10, "applications.carried_in.total": 2,
               "applications.result_total.total": 9, "applications.carried_out.total": 2}
    assert run_checks(metrics, "2021") == [
        "check_failed: applications.balance.total 12 != 11 (new + carried_in vs result_total + carried_out)"]


def test_the_balance_is_not_checked_before_2019():
    metrics = {"applications.new.total": 10, "applications.result_total.total": 9}
    assert run_checks(metrics, "pre2019") == []


def test_a_total_without_any_stated_part_is_not_checked():
    assert run_checks({"review.total": 5, "litigation.total": 1, "applications.result_total.total": 4}, "2019") == []
