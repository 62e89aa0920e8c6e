"""The metadata block of an article page (索引号, 分类, 发布机构, 发文日期, 文号 …), whatever its markup.

Portals lay it out as a 4-column table, ``<li>索引号：…</li>`` lists, span pairs, or a single line
(``索引号:430S00/2019-16610 公开方式:政府网站 发文日期:2019-03-22``). All become a sequence of text
pieces; a label's value is the rest of its piece, or the next piece when that is not a label.
Labels are matched with any padding between their characters (``索 引 号``, ``文　　号``).
"""

from __future__ import annotations

import re

# label → field; the order decides which of several date labels wins.
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号",),
    "category": ("主题分类", "组配分类", "信息分类", "分类"),
    "agency": ("发布机构", "发文机关", "公开主体", "信息来源"),
    "published": ("发文日期", "发布日期", "生成日期", "公开日期", "成文日期"),
    "doc_no": ("发文字号", "文号"),
}
# Labels that carry no field of ours but end the value before them.
OTHER_LABELS = ("公开方式", "公开范围", "公开时限", "时效", "有效性", "名称", "关键词", "主题词", "体裁分类", "文件编号")

_LABEL_FIELD = {label: name for name, labels in FIELD_LABELS.items() for label in labels}
_ALL_LABELS = sorted([*_LABEL_FIELD, *OTHER_LABELS], key=len, reverse=True)
_LABEL = re.compile(
    r"(?:^|(?<=\s))(" + "|".join(r"[\s\u3000]*".join(label) for label in _ALL_LABELS) + r")[\s\u3000]*[:：]?"
)
_EMPTY = {"", "无", "-", "—", "/"}
DATE = re.compile(r"((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})")


def read_metadata(texts: list[str]) -> dict[str, str]:
    pieces = [text.strip() for text in texts if text.strip()]
    found: dict[str, str] = {}
    dates: dict[str, str] = {}
    for index, piece in enumerate(pieces):
        matches = list(_LABEL.finditer(piece))
        if not matches or matches[0].start() != 0:
            continue
        for position, match in enumerate(matches):
            end = matches[position + 1].start() if position + 1 < len(matches) else len(piece)
            value = piece[match.end() : end].strip()
            is_last = position + 1 == len(matches)
            if not value and is_last and index + 1 < len(pieces) and not _LABEL.match(pieces[index + 1]):
                value = pieces[index + 1]
            label = re.sub(r"[\s\u3000]", "", match.group(1))
            name = _LABEL_FIELD.get(label)
            if name == "published":
                dates.setdefault(label, value)
            elif name and name not in found and value not in _EMPTY:
                found[name] = value
    for label in FIELD_LABELS["published"]:
        if (iso := iso_date(dates.get(label, ""))) is not None:
            found["published"] = iso
            break
    return found


def iso_date(text: str) -> str | None:
    """``2019-03-22 10:15:23``, ``2019年03月22日``, ``2019.3.22`` → ``2019-03-22``."""
    match = DATE.search(text)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"
