"""Which agencies' reports a crawl found, for which years, and which it failed to read.

Reads the outputs only (the reports feed and the failed-reports log, across every run), so it
answers for whatever was crawled, whenever. An agency-year is *found* when a report of it was
emitted, *failed* when its page was given up on and never found since, *missing* otherwise.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gxcrawl.classify import agency_in_title

FOUND, FAILED, MISSING = "found", "failed", "missing"
MARKS = {FOUND: "+", FAILED: "x", MISSING: "."}


@dataclass
class Coverage:
    years: list[int]
    rows: dict[str, dict[int, str]] = field(default_factory=dict)  # agency → year → found/failed

    def status(self, agency: str, year: int) -> str:
        return self.rows[agency].get(year, MISSING)


def read_lines(path: Path) -> Iterator[dict]:
    """The JSON lines of an output file; none when it does not exist (nothing crawled yet)."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except ValueError as error:
                    raise ValueError(f"{path}:{number}: not a JSON line ({error})") from None


def build(reports: Iterable[dict], failures: Iterable[dict], *, portals: list[str] | None = None,
          by_portal: bool = False, years: range | None = None) -> Coverage:
    """The agency × year table. ``portals``: only these portals' reports, and a row for each
    portal that has none; ``by_portal``: a row per portal (a registry portal is one agency's, so
    its reports and failures meet in one row however each names the agency); ``years``: these
    columns (default: every year seen)."""
    reports, failures = list(reports), list(failures)
    coverage = Coverage([])
    wanted = set(portals) if portals is not None else None
    for record, status in [*((r, FAILED) for r in failures), *((r, FOUND) for r in reports)]:
        if wanted is not None and record.get("portal") not in wanted:
            continue
        year = record.get("year")
        agency = (record.get("portal") if by_portal else None) or record.get("agency") \
            or agency_in_title(record.get("title") or "") or record.get("portal") or "?"
        row = coverage.rows.setdefault(agency, {})
        if isinstance(year, int) and row.get(year) != FOUND:
            row[year] = status  # found wins over a failure of another run
    present = {record.get("portal") for record in [*reports, *failures]}
    for portal in portals or []:
        if portal not in present:
            coverage.rows.setdefault(portal, {})  # a selected portal with nothing: a row of gaps
    seen = sorted({year for row in coverage.rows.values() for year in row})
    coverage.years = list(years) if years is not None else list(range(seen[0], seen[-1] + 1)) if seen else []
    coverage.rows = dict(sorted(coverage.rows.items()))
    return coverage


def render(coverage: Coverage) -> str:
    """A text table: one row per agency, one column per year, ``+`` found, ``x`` failed, ``.`` missing."""
    if not coverage.rows:
        return "No reports and no failures recorded yet: run a crawl first."
    width = max(_width(agency) for agency in coverage.rows)
    header = _pad("agency", width) + " " + " ".join(str(year)[2:] for year in coverage.years)
    lines = [header]
    for agency in coverage.rows:
        marks = "  ".join(MARKS[coverage.status(agency, year)] for year in coverage.years)
        lines.append(_pad(agency, width) + "  " + marks)
    counts = {status: sum(coverage.status(a, y) == status for a in coverage.rows for y in coverage.years) for status in MARKS}
    lines.append(f"\n{len(coverage.rows)} agencies × {len(coverage.years)} years: {counts[FOUND]} found, "
                 f"{counts[FAILED]} failed, {counts[MISSING]} missing (+ found, x failed, . missing)")
    return "\n".join(lines)


def write_csv(coverage: Coverage, path: Path) -> None:
    """The same table as CSV (UTF-8 with BOM, for spreadsheets): a column per year."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["agency", *coverage.years])
        for agency in coverage.rows:
            writer.writerow([agency, *(coverage.status(agency, year) for year in coverage.years)])


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
