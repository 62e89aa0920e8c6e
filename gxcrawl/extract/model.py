"""The one document model every extractor returns: blocks in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    """Rows of cell strings; every row has the table's full width."""

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
