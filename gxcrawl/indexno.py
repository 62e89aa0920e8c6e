"""索引号 (the index number of a disclosed document), normalised so one report has one key."""

from __future__ import annotations

import re
import unicodedata

DASHES = re.compile(r"[\u2010-\u2015\u2212\uff0d\ufe63\u30fc]")
SLASHES = re.compile(r"[\\\uff0f\u2215]")
NONE_VALUES = {"", "无", "暂无", "-", "/"}
# <organisation code>/<year>-<sequence>: 430S00/2019-16610, 014421017/2018-00546, 11420300MB…/2023-00012.
WELL_FORMED = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]*/(19|20)\d{2}-\d{1,10}$")


def normalise_index_no(raw: str | None) -> str | None:
    """Full-width → half-width, spaces removed, dash and slash variants unified; letters' case kept."""
    if raw is None:
        return None
    value = unicodedata.normalize("NFKC", raw)
    value = SLASHES.sub("/", DASHES.sub("-", re.sub(r"\s+", "", value)))
    return None if value in NONE_VALUES else value


def is_well_formed(index_no: str) -> bool:
    """A normalised 索引号 of the usual shape; others are kept as they are, with a warning."""
    return bool(WELL_FORMED.match(index_no))
