"""Metrics from tables: the national templates' grids and the old 指标 | 单位 | 数量 statistics tables.

Extraction hands every table over as full-width rows with merged cells repeated, so a column's
header path is the distinct labels above it and a row's label path the distinct labels before its
values, whatever file format the table came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gxcrawl.extract.model import Table
from gxcrawl.metrics.found import Found
from gxcrawl.metrics.labels import clean_label, is_sub_item, numbering_level
from gxcrawl.metrics.numbers import Unit, parse_value, unit_in
from gxcrawl.metrics.schema import INDICATORS, KEY_ORDER, TEMPLATES, Template, legacy_key

STATISTICS = "statistics"  # the kind of an old 指标 | 单位 | 数量 table
UNIT_HEADERS = frozenset({"单位", "计量单位"})


@dataclass
class TableReading:
    found: list[Found] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)  # template names and STATISTICS seen
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Column:
    """What a template header says about one column: key fragments, unit, label path."""

    group: str | None
    column: str | None
    unit: Unit | None
    label: str


def read_tables(tables: list[Table]) -> TableReading:
    reading = TableReading()
    for number, table in enumerate(tables):
        if template := _template_of(table):
            reading.kinds.add(template.name)
            _read_template(table, number, template, reading)
        elif header := _statistics_header(table):
            reading.kinds.add(STATISTICS)
            _read_statistics(table, number, header, reading)
    return reading


SPACE = re.compile(r"\s+")


def _template_of(table: Table) -> Template | None:
    # Wrapped header cells (a DOCX cell of two paragraphs, an HTML cell with a line break) carry
    # spaces inside the words the templates are known by.
    text = "\n".join("\t".join(SPACE.sub("", cell) for cell in row) for row in table.rows)
    return next((t for t in TEMPLATES.values() if any(mark in text for mark in t.detect)), None)


def _read_template(table: Table, number: int, template: Template, reading: TableReading) -> None:
    headers: list[list[str]] = []  # raw header labels above each column, outer first
    columns: list[_Column] = []
    in_header = False
    for row in table.rows:
        cleaned = [clean_label(cell) for cell in row]
        if _is_header_row(row, cleaned, template):
            if not in_header:  # a new header block (stacked tables) starts new paths
                headers = [[] for _ in row]
            for path, cell, label in zip(headers, row, cleaned):
                if label and (not path or clean_label(path[-1]) != label):
                    path.append(cell)
            in_header = True
            continue
        if in_header:
            columns = [_column(path, template) for path in headers]
            in_header = False
        if columns:
            _read_template_row(row, cleaned, columns, number, template, reading)


def _is_header_row(row: tuple[str, ...], cleaned: list[str], template: Template) -> bool:
    labels = sum(label in template.header_labels for label in cleaned)
    return labels >= 2 and not any(parse_value(cell) for cell in row)


def _column(path: list[str], template: Template) -> _Column:
    labels = [clean_label(cell) for cell in path]
    return _Column(
        group=next((template.groups[label] for label in labels if label in template.groups), None),
        column=next((template.columns[label] for label in reversed(labels) if label in template.columns), None),
        unit=next((unit for cell in path if (unit := unit_in(cell))), None),
        label=" > ".join(path),
    )


def _read_template_row(row: tuple[str, ...], cleaned: list[str], columns: list[_Column], number: int,
                       template: Template, reading: TableReading) -> None:
    raw_path: list[str] = []
    path: list[str] = []
    for cell, label, column in zip(row, cleaned, columns):
        # A number is a value, never part of a row's label (pasted tables lose their merged cells).
        if column.column is None and label and label not in path and label not in template.row_groups \
                and parse_value(cell) is None:
            raw_path.append(cell)
            path.append(label)
    fragment = _row_fragment(path, template)
    values = [(cell, column, value) for cell, column in zip(row, columns)
              if column.column is not None and (value := parse_value(cell, column.unit)) is not None]
    if fragment is None:
        if values and not path:  # figures with no label beside them (a pasted table lost its merged cells)
            reading.warnings.append(f"unlabelled_row: {template.name} {' '.join(cell for cell, _, _ in values)}")
        elif values:  # a row the template does not have: kept under legacy keys, nothing is thrown away
            reading.warnings.append(f"unmapped_row: {template.name} {' > '.join(raw_path)}")
            for cell, column, value in values:
                label = " > ".join(raw_path + [column.label])
                reading.found.append(Found(legacy_key(path + [clean_label(column.label)]), value,
                                           {"origin": "table", "table": number, "label": label, "raw": cell}))
        return
    seen: set[str] = set()
    for cell, column, value in values:
        if "{group}" in template.key and column.group is None:
            continue
        key = template.key.format(row=fragment, group=column.group, column=column.column)
        if key in seen:  # a value merged across columns of one key
            continue
        seen.add(key)
        if key not in KEY_ORDER:
            reading.warnings.append(f"unmapped_cell: {key}")
            continue
        label = " > ".join(raw_path + [column.label]) if raw_path else column.label
        reading.found.append(Found(key, value, {"origin": "table", "table": number, "label": label, "raw": cell}))


def _row_fragment(path: list[str], template: Template) -> str | None:
    if not template.rows:
        return ""  # a table whose keys come from its header alone (复议/诉讼)
    if not path:
        return None
    return template.rows.get(" > ".join(path)) or template.leaf_rows.get(path[-1])


def _statistics_header(table: Table) -> tuple[int, int, int] | None:
    """(header row, unit column, value column) of an old statistics table, or None."""
    for index, row in enumerate(table.rows[:2]):
        for column, cell in enumerate(row[:-1]):
            if clean_label(cell) in UNIT_HEADERS:
                return index, column, column + 1
    return None


def _read_statistics(table: Table, number: int, header: tuple[int, int, int], reading: TableReading) -> None:
    header_row, unit_column, value_column = header
    enclosing: list[tuple[int, str]] = []  # (level, cleaned label) of the rows this row is under
    previous = (0, False)  # level of the row before, and whether it was a 其中 item
    for row in table.rows[header_row + 1:]:
        raw = row[0]
        if not (label := clean_label(raw)):
            continue
        previous = _level(raw, previous)
        while enclosing and enclosing[-1][0] >= previous[0]:
            enclosing.pop()
        parents = [parent for _, parent in enclosing]
        enclosing.append((previous[0], label))
        value = parse_value(row[value_column], row[unit_column])
        if value is None:
            continue
        provenance = {"origin": "table", "table": number, "label": raw, "raw": row[value_column],
                      "unit": row[unit_column]}
        key = _indicator_key(label, parents)
        if key is None:
            key = legacy_key(parents + [label])
            provenance["path"] = " > ".join(parents + [label])
        reading.found.append(Found(key, value, provenance))


def _level(raw: str, previous: tuple[int, bool]) -> tuple[int, bool]:
    """Depth of a row: by its numbering; a 其中 item sits under the row before it, and unnumbered
    rows after a 其中 item are its siblings."""
    if level := numbering_level(raw):
        return level, False
    previous_level, previous_sub = previous
    if previous_sub:
        return previous_level, True
    if is_sub_item(raw):
        return previous_level + 1, True
    return max(previous_level, 1), False


def _indicator_key(label: str, parents: list[str]) -> str | None:
    for within, key in INDICATORS.get(label, ()):
        if within is None or any(within in parent for parent in parents):
            return key
    return None
