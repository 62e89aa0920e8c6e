"""Row and column labels as reports write them, reduced to the form the schema lists.

Reports number the same label 一、 / （一） / (一) / 1. / 1、, add 其中：, notes in parentheses,
quotes and stray spaces; none of that changes what is counted.
"""

from __future__ import annotations

import re
from functools import lru_cache

CHINESE_NUMERAL = "一二三四五六七八九十"
# List numbering, by depth: 一、 is a section, （一） an item, 1. / （1） a sub-item.
NUMBERING = (
    (1, re.compile(rf"^[{CHINESE_NUMERAL}]+[、.]")),
    (2, re.compile(rf"^[（(][{CHINESE_NUMERAL}]+[）)]、?")),
    (3, re.compile(r"^(?:\d+[.、]|[（(]\d+[）)])(?!\d)")),
)
SUB_ITEM = re.compile(r"^其中[:：]?")
NOTE = re.compile(r"[（(][^（()）]*[）)]")
NOISE = re.compile(r"[\s\u3000“”\"‘’'「」『』]+")


def numbering_level(label: str) -> int | None:
    """1, 2 or 3 for a numbered label (after any 其中), None for an unnumbered one."""
    label = SUB_ITEM.sub("", NOISE.sub("", label))
    return next((level for level, pattern in NUMBERING if pattern.match(label)), None)


def is_sub_item(label: str) -> bool:
    return bool(SUB_ITEM.match(NOISE.sub("", label)))


@lru_cache(maxsize=8192)  # templates repeat the same labels in every report
def clean_label(label: str) -> str:
    label = SUB_ITEM.sub("", NOISE.sub("", label))
    for _, pattern in NUMBERING:
        label = pattern.sub("", label, count=1)
    return NOTE.sub("", label).rstrip(":：")
