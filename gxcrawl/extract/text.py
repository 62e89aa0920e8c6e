"""Plain text as copied out of reports, with the two table layouts seen in the seeds.

* pipe rows: ``统 计 指 标 | 单位 | 统计数 |`` - one row a line, cells between pipes;
* one cell a line: every cell on its own line, indented by a tab, rows separated by a blank line.
"""

from __future__ import annotations

from gxcrawl.extract.model import Document, Paragraph, Table


def parse_text(text: str) -> Document:
    blocks: list[Paragraph | Table] = []
    rows: list[list[str]] = []  # rows of the table being read
    cells: list[str] = []  # cells of the tab-layout row being read

    def end_row() -> None:
        if cells:
            rows.append(cells.copy())
            cells.clear()

    def end_table() -> None:
        end_row()
        if rows:
            blocks.append(Table.from_rows(rows))
            rows.clear()

    for line in text.splitlines():
        if line.startswith("\t"):
            cells.append(line.strip())
        elif not line.strip():
            end_row()  # a blank line ends a tab-layout row, not the table
        elif _is_pipe_row(line):
            end_row()
            rows.append(_pipe_cells(line))
        else:
            end_table()
            blocks.append(Paragraph(line.strip()))
    end_table()
    return Document(blocks)


def _is_pipe_row(line: str) -> bool:
    return line.rstrip().endswith("|") and line.count("|") >= 2


def _pipe_cells(line: str) -> list[str]:
    # The trailing pipe closes the last cell: what follows it is not a cell.
    return [cell.strip() for cell in line.rstrip().split("|")[:-1]]
