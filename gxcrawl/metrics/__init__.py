"""Parse a report's figures into the canonical metrics schema (docs/metrics-schema.md).

Plain Python, no Scrapy: ``parse_document`` takes the document model extraction returns.
Tables come first, prose fills what tables leave out (and is compared with what they state), then
the schema's checks run; every value keeps its provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gxcrawl.extract.model import Document
from gxcrawl.metrics.checks import run_checks
from gxcrawl.metrics.facts import report_agency, report_era, report_year
from gxcrawl.metrics.found import Found
from gxcrawl.metrics.prose import read_prose
from gxcrawl.metrics.schema import CANONICAL_KEYS, DERIVED, key_order, kind_of
from gxcrawl.metrics.tables import read_tables

__all__ = ["CANONICAL_KEYS", "ParseResult", "parse_document"]


@dataclass
class ParseResult:
    metrics: dict[str, int | float] = field(default_factory=dict)
    provenance: dict[str, dict[str, Any]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    year: int | None = None
    agency: str | None = None
    era: str | None = None

    def add(self, found: Found) -> None:
        self.metrics[found.key] = _typed(found)
        self.provenance[found.key] = found.provenance


def _typed(found: Found) -> int | float:
    return found.value.typed(kind_of(found.key))


def parse_document(document: Document, *, title: str | None = None, agency: str | None = None) -> ParseResult:
    result = ParseResult()
    tables = read_tables(document.tables)
    result.warnings.extend(tables.warnings)
    for found in tables.found:
        if found.key not in result.metrics:
            result.add(found)
        elif result.metrics[found.key] != _typed(found):
            result.warnings.append(f"table_conflict: {found.key} {result.metrics[found.key]} {_typed(found)}")
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    for found in read_prose(paragraphs):
        if found.key not in result.metrics:
            result.add(found)
        elif result.metrics[found.key] != _typed(found):
            stated = result.metrics[found.key]
            result.warnings.append(f"prose_disagrees: {found.key} table {stated} prose {_typed(found)}")
    _derive(result)
    result.year = report_year(title, paragraphs)
    result.agency = agency or report_agency(title, paragraphs)
    result.era = report_era(result.year, tables.kinds, result.metrics)
    result.warnings.extend(run_checks(result.metrics, result.era))
    order = sorted(result.metrics, key=key_order)
    result.metrics = {key: result.metrics[key] for key in order}
    result.provenance = {key: result.provenance[key] for key in order}
    return result


def _derive(result: ParseResult) -> None:
    """Fill a key the report leaves out from its stated parts (litigation.total = direct + after review)."""
    for key, parts in DERIVED.items():
        if key not in result.metrics and all(part in result.metrics for part in parts):
            result.metrics[key] = sum(result.metrics[part] for part in parts)
            result.provenance[key] = {"origin": "derived", "label": " + ".join(parts), "raw": ""}
