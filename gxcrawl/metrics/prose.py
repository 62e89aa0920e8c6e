"""Metrics from running text: 主动公开政府信息480条, 共受理信息公开申请1件, 未发生…行政复议.

The sentence patterns are data (schema.toml ``[prose]``); per key the first pattern that matches
anywhere wins, in reading order, and a "there were none" sentence counts only when no figure does.
"""

from __future__ import annotations

import re

from gxcrawl.metrics.found import Found
from gxcrawl.metrics.numbers import NUMBER, Value, parse_value
from gxcrawl.metrics.schema import DATA, kind_of

SENTENCE_END = re.compile(r"(?<=[。；;！!？?])")


def _compile(patterns: dict[str, list[str]]) -> dict[str, list[re.Pattern[str]]]:
    return {key: [re.compile(p.replace("{n}", f"(?P<n>{NUMBER})")) for p in ps] for key, ps in patterns.items()}


PATTERNS = _compile(DATA["prose"]["patterns"])
ZERO_PATTERNS = _compile(DATA["prose"]["zero"])


def sentences(paragraphs: list[str]) -> list[str]:
    return [s.strip() for text in paragraphs for s in SENTENCE_END.split(text) if s.strip()]


def read_prose(paragraphs: list[str]) -> list[Found]:
    texts = sentences(paragraphs)
    found: list[Found] = []
    for key in dict.fromkeys([*PATTERNS, *ZERO_PATTERNS]):
        if hit := _first(PATTERNS.get(key, ()), texts) or _first(ZERO_PATTERNS.get(key, ()), texts):
            pattern_match, sentence = hit
            number = pattern_match.groupdict().get("n")
            value = parse_value(number) if number else Value(0, kind_of(key) or "count")
            provenance = {"origin": "prose", "label": pattern_match.group(), "raw": sentence}
            if value.approximate:
                provenance["approximate"] = True
            found.append(Found(key, value, provenance))
    return found


def _first(patterns, texts: list[str]) -> tuple[re.Match[str], str] | None:
    for pattern in patterns:
        for text in texts:
            if found := pattern.search(text):
                return found, text
    return None
