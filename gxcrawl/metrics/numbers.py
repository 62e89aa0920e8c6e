"""Values as reports write them: 480, 1,234, 36万, 1.2亿, 9370余, 约660, 无, 80%, 12.5 万元, -2.

Money ends up in yuan, percentages as the percent figure; a blank cell is no value, not 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gxcrawl.metrics.schema import DATA, UNITS, Unit

_NUMBERS = DATA["numbers"]
SUFFIXES: dict[str, int] = DATA["number_suffixes"]
BLANK = frozenset(_NUMBERS["blank"])
ZERO = frozenset(_NUMBERS["zero"])


def _alternatives(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# A number in running text; the named group is what parse_value reads.
NUMBER = (
    rf"(?:{_alternatives(_NUMBERS['approximate_before'])})?"
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    rf"(?:{_alternatives(SUFFIXES)})?(?:{_alternatives(_NUMBERS['approximate_after'])})?"
)
_VALUE = re.compile(
    rf"^(?P<before>{_alternatives(_NUMBERS['approximate_before'])})?"
    r"(?P<sign>[-+]?)(?P<digits>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    rf"(?P<suffix>{_alternatives(SUFFIXES)})?(?P<after>{_alternatives(_NUMBERS['approximate_after'])})?"
    rf"(?P<unit>{_alternatives(UNITS)})?$"
)
# A unit named in a header or label: 本年收费金额（单位：万元）.
UNIT_NOTE = re.compile(rf"[（(](?:单位[:：])?\s*(?P<unit>{_alternatives(UNITS)})\s*[）)]")
COUNT = Unit("count", 1)
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Value:
    number: int | float
    kind: str  # count | money | percent
    approximate: bool = False

    def typed(self, kind: str | None = None) -> int | float:
        """The number as the schema types it: money and percent float, counts int when whole."""
        kind = kind or self.kind
        if kind == "count" and float(self.number).is_integer():
            return int(self.number)
        return float(self.number)


def unit_in(text: str) -> Unit | None:
    """The unit a header or label names in parentheses, if any."""
    found = UNIT_NOTE.search(text)
    return UNITS[found["unit"]] if found else None


def parse_value(text: str, unit: Unit | str | None = None) -> Value | None:
    """The value of a cell or a matched number, scaled by ``unit`` (a Unit or a 单位 cell)."""
    text = WHITESPACE.sub("", text)
    if not text or text in BLANK:
        return None
    if isinstance(unit, str):
        unit = UNITS.get(WHITESPACE.sub("", unit))
    unit = unit or COUNT
    if text in ZERO:
        return Value(0, unit.kind)
    found = _VALUE.match(text)
    if not found:
        return None
    if found["unit"]:  # a unit written in the cell (480条, 80%) beats the column's
        unit = UNITS[found["unit"]]
    number = float(found["sign"] + found["digits"].replace(",", ""))
    number *= SUFFIXES.get(found["suffix"] or "", 1) * unit.factor
    return Value(number, unit.kind, approximate=bool(found["before"] or found["after"]))
