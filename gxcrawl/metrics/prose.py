"""Metrics from running text: 主动公开政府信息480条, 共受理信息公开申请1件, 未发生…行政复议.

The sentence patterns are data (schema.toml ``[prose]``); per key the first pattern that matches
anywhere wins, in reading order, and a "there were none" sentence counts only when no figure does.
"""

from __future__ import annotations

import bisect
import itertools
import re

from gxcrawl.metrics.found import Found
from gxcrawl.metrics.numbers import NUMBER, Value, parse_value
from gxcrawl.metrics.schema import DATA, kind_of

SENTENCE_END = re.compile(r"(?<=[。；;！!？?])")
DIGIT = re.compile(r"\d")
SEPARATOR = "。"


def _compile(patterns: dict[str, list[str]]) -> dict[str, list[re.Pattern[str]]]:
    return {key: [re.compile(p.replace("{n}", f"(?P<n>{NUMBER})")) for p in ps] for key, ps in patterns.items()}


PATTERNS = _compile(DATA["prose"]["patterns"])
ZERO_PATTERNS = _compile(DATA["prose"]["zero"])


def sentences(paragraphs: list[str]) -> list[str]:
    return [s.strip() for text in paragraphs for s in SENTENCE_END.split(text) if s.strip()]


def read_prose(paragraphs: list[str]) -> list[Found]:
    every = _Sentences(sentences(paragraphs))
    with_figures = _Sentences([text for text in every.texts if DIGIT.search(text)])  # all a figure can be in
    found: list[Found] = []
    for key in dict.fromkeys([*PATTERNS, *ZERO_PATTERNS]):
        if hit := with_figures.first(PATTERNS.get(key, ())) or every.first(ZERO_PATTERNS.get(key, ())):
            pattern_match, sentence = hit
            number = pattern_match.groupdict().get("n")
            value = parse_value(number) if number else Value(0, kind_of(key) or "count")
            provenance = {"origin": "prose", "label": pattern_match.group(), "raw": sentence}
            if value.approximate:
                provenance["approximate"] = True
            found.append(Found(key, value, provenance))
    return found


class _Sentences:
    """Sentences searched as one text joined by 。: one regex call per pattern instead of one per
    sentence, and no match spans two sentences since every gap in the patterns excludes 。."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.text = SEPARATOR.join(texts)
        self.starts = list(itertools.accumulate((len(text) + len(SEPARATOR) for text in texts[:-1]), initial=0))

    def first(self, patterns) -> tuple[re.Match[str], str] | None:
        """The first pattern that matches, at its first match in reading order, and its sentence."""
        for pattern in patterns:
            if found := pattern.search(self.text):
                return found, self.texts[bisect.bisect_right(self.starts, found.start()) - 1]
        return None
