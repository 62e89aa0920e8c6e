"""The consistency checks of metrics-schema.md. A failed check is a warning, never a fix.

Warnings read ``check_failed: <what> <stated> != <expected> (<rule>)``, stable for machines.
A sum is checked only when the report states the total and at least one of its parts; parts
left blank count as 0.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from gxcrawl.metrics.schema import CHECKS, TEMPLATES

Metrics = Mapping[str, int | float]
APPLICANTS: list[str] = CHECKS["applicants"]
COLUMNS = APPLICANTS + ["total"]
RESULT_ROWS: list[str] = CHECKS["result_rows"]
OUTCOME_GROUPS: list[str] = CHECKS["outcome_groups"]
OUTCOMES: list[str] = CHECKS["outcomes"]
APPLICATION_ROWS = list(dict.fromkeys(TEMPLATES["applications"].rows.values()))
# Sub-rows of each result row that has them: withheld -> [withheld.state_secret, …].
SUB_ROWS = {row: [sub for sub in APPLICATION_ROWS if sub.startswith(row + ".") and sub != row + ".total"]
            for row in RESULT_ROWS}


def run_checks(metrics: Metrics, era: str | None) -> list[str]:
    warnings = [*_applicant_columns(metrics), *_sub_rows(metrics), *_result_rows(metrics), *_outcomes(metrics)]
    if era in ("2019", "2021"):
        warnings.extend(_balance(metrics))
    return warnings


def _sum(metrics: Metrics, keys: list[str]) -> int | float | None:
    """The sum of the keys the report states, None when it states none of them."""
    stated = [metrics[key] for key in keys if key in metrics]
    return sum(stated) if stated else None


def _compare(metrics: Metrics, key: str, expected: int | float | None, rule: str) -> Iterator[str]:
    if key in metrics and expected is not None and metrics[key] != expected:
        yield f"check_failed: {key} {metrics[key]} != {expected} ({rule})"


def _check(metrics: Metrics, key: str, parts: list[str], rule: str) -> Iterator[str]:
    yield from _compare(metrics, key, _sum(metrics, parts), rule)


def _applicant_columns(metrics: Metrics) -> Iterator[str]:
    for row in APPLICATION_ROWS:
        prefix = f"applications.{row}."
        yield from _check(metrics, prefix + "total", [prefix + a for a in APPLICANTS], "sum of applicant columns")


def _sub_rows(metrics: Metrics) -> Iterator[str]:
    for row, subs in SUB_ROWS.items():
        for column in COLUMNS if subs else ():
            yield from _check(metrics, f"applications.{row}.total.{column}",
                              [f"applications.{sub}.{column}" for sub in subs], "sum of sub-rows")


def _result_row(metrics: Metrics, row: str, column: str) -> int | float | None:
    """A result row's figure: its own, its stated subtotal, or the sum of its sub-rows."""
    if not SUB_ROWS[row]:
        return metrics.get(f"applications.{row}.{column}")
    total = metrics.get(f"applications.{row}.total.{column}")
    return total if total is not None else _sum(metrics, [f"applications.{sub}.{column}" for sub in SUB_ROWS[row]])


def _result_rows(metrics: Metrics) -> Iterator[str]:
    for column in COLUMNS:
        parts = [value for row in RESULT_ROWS if (value := _result_row(metrics, row, column)) is not None]
        expected = sum(parts) if parts else None
        yield from _compare(metrics, f"applications.result_total.{column}", expected, "sum of rows")


def _outcomes(metrics: Metrics) -> Iterator[str]:
    for group in OUTCOME_GROUPS:
        yield from _check(metrics, f"{group}.total", [f"{group}.{outcome}" for outcome in OUTCOMES], "sum of outcomes")


def _balance(metrics: Metrics) -> Iterator[str]:
    for column in COLUMNS:
        new, carried_in, result, carried_out = (
            metrics.get(f"applications.{row}.{column}") for row in ("new", "carried_in", "result_total", "carried_out"))
        if new is None or result is None:
            continue
        received, handled = new + (carried_in or 0), result + (carried_out or 0)
        if received != handled:
            yield (f"check_failed: applications.balance.{column} {received} != {handled} "
                   "(new + carried_in vs result_total + carried_out)")
