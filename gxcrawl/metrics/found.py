"""One figure a parser found: its key, its value and where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gxcrawl.metrics.numbers import Value


@dataclass(frozen=True)
class Found:
    key: str
    value: Value
    provenance: dict[str, Any]  # origin, label, raw … (JSON-serialisable)
