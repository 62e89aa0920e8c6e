"""The one document model every extractor returns: blocks in reading order.

Extractors take a file's bytes and return a :class:`Document`; they never raise on a bad file.
What went wrong is a warning code on the document (``code`` or ``code: detail``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Warning codes an extractor puts on a Document; the pipeline names the file beside them.
EMPTY_FILE = "empty_file"
CORRUPT_FILE = "corrupt_file"
ENCRYPTED_FILE = "encrypted_file"
SCANNED_PDF = "scanned_pdf"
OVERSIZED_FILE = "oversized_file"
NO_CONVERTER = "no_converter"
UNSUPPORTED_TYPE = "unsupported_type"


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    """Rows of cell strings; every row has the table's full width.

    A merged cell's text stands in every position it spans (across and down), so each column of a
    two-level header keeps its whole label path.
    """

    rows: tuple[tuple[str, ...], ...]

    @classmethod
    def from_rows(cls, rows: list[list[str]]) -> Table:
        width = max((len(row) for row in rows), default=0)
        return cls(tuple(tuple(row) + ("",) * (width - len(row)) for row in rows))

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


Block = Paragraph | Table


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [block for block in self.blocks if isinstance(block, Paragraph)]

    def text(self) -> str:
        """Plain text in reading order: a paragraph a line, a table row a line with cells tab-separated."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                lines.extend("\t".join(row) for row in block.rows)
        return "\n".join(lines)
