"""索引号 (the index number of a disclosed document), normalised so one report has one key."""

from __future__ import annotations

import re
import unicodedata

DASHES = re.compile(r"[\u2010-\u2015\u2212\uff0d\ufe63\u30fc]")
SLASHES = re.compile(r"[\\\uff0f\u2215]")
NONE_VALUES = {"", "无", "暂无", "-", "/"}


def normalise_index_no(raw: str | None) -> str | None:
    """Full-width → half-width, spaces removed, dash and slash variants unified; letters' case kept."""
    if raw is None:
        return None
    value = unicodedata.normalize("NFKC", raw)
    value = SLASHES.sub("/", DASHES.sub("-", re.sub(r"\s+", "", value)))
    return None if value in NONE_VALUES else value
