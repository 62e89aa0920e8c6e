"""Normalise report text: Simplified script, no pinyin noise, half-width numbers, tidy labels.

Applied to every paragraph and table cell after extraction, so the metrics parser sees one form.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from opencc import OpenCC

from gxcrawl.extract.model import Document, Paragraph, Table

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# Copy-paste from some converters leaves each character's reading beside it: 據(jù), 開(kāi).
# A reading is one syllable with a tone mark, or one of the neutral-tone syllables; real
# parentheses ((一), (高港区), (2018-2020年)) never match.
PINYIN = re.compile(
    rf"(?<=[{CJK}])\((?:[a-zü]*[{TONED}][a-zü]*|de|le|me|men|zi|ne|ma|ba|zhe)\)"
)
# Letter-spaced labels (统 计 指 标, 指　　标): single characters each followed by spaces.
SPACED_LABEL = re.compile(rf"(?<![{CJK}])[{CJK}](?:[ \u3000]+[{CJK}](?![{CJK}]))+")
SPACES = re.compile(r"[ \u3000\u00a0\t]+")
INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
NUMBER_PUNCTUATION = re.compile(r"(?<=\d)[．﹒。·](?=\d)|(?<=\d)[％]|(?<=\d)[﹪]")


@cache
def _to_simplified() -> OpenCC:
    return OpenCC("t2s")


@cache
def _changed_characters() -> frozenset[str] | None:
    """Every character a t2s mapping changes, read from the converter's loaded dictionaries; None
    where this OpenCC keeps them otherwise (then every text is converted)."""
    converter = _to_simplified()
    converter.convert("")  # loads the dictionaries
    changed: set[str] = set()
    try:
        for group in converter._dict_chain_data:
            for _, _, mapping in group:
                for source, target in mapping.items():
                    if len(source) != len(target):
                        changed.update(source)
                    else:
                        changed.update(a for a, b in zip(source, target) if a != b)
    except (AttributeError, TypeError, ValueError):
        return None
    return frozenset(changed)


def _may_be_traditional(text: str) -> bool:
    """False when OpenCC would leave the text as it is: most reports are Simplified already, and
    the pure-Python conversion is the slowest step of normalising them."""
    changed = _changed_characters()
    return changed is None or not changed.isdisjoint(text)


# Pages of one portal repeat their menus, labels and table cells: the pure-Python OpenCC pass is
# most of the cost, so a text seen recently is not converted again. Bounded: memory stays flat.
@lru_cache(maxsize=16384)
def normalise_text(text: str) -> str:
    text = INVISIBLE.sub("", text)
    text = PINYIN.sub("", text)
    if _may_be_traditional(text):
        text = _to_simplified().convert(text)
    text = text.translate(FULLWIDTH_DIGITS)
    text = NUMBER_PUNCTUATION.sub(lambda m: "%" if m.group() in "％﹪" else ".", text)
    text = text.replace("﹒", ".")  # the small full stop of 1﹒政府公报 list numbers
    text = DASHES.sub("-", text)
    text = SPACED_LABEL.sub(lambda m: SPACES.sub("", m.group()), text)
    return SPACES.sub(" ", text).strip()


def normalise_document(document: Document) -> Document:
    blocks = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if text := normalise_text(block.text):
                blocks.append(Paragraph(text))
        else:
            blocks.append(Table(tuple(tuple(normalise_text(cell) for cell in row) for row in block.rows)))
    return replace(document, blocks=blocks)
