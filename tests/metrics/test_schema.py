import re

import pytest

from gxcrawl.metrics import schema
from gxcrawl.metrics.labels import clean_label
from gxcrawl.metrics.prose import PATTERNS, ZERO_PATTERNS

CANONICAL = set(schema.CANONICAL_KEYS)


def test_every_canonical_key_is_dotted_lower_case_ascii():
    assert [key for key in schema.CANONICAL_KEYS if not schema.KEY_PATTERN.match(key)] == []


def test_canonical_keys_are_unique():
    assert len(schema.CANONICAL_KEYS) == len(CANONICAL)


def test_canonical_keys_hold_the_template_grids_in_row_then_column_order():
    keys = list(schema.CANONICAL_KEYS)
    start = keys.index("applications.new.natural_person")
    assert keys[start:start + 8] == [
        "applications.new.natural_person", "applications.new.commercial", "applications.new.research",
        "applications.new.nonprofit", "applications.new.legal_service", "applications.new.other_org",
        "applications.new.total", "applications.carried_in.natural_person",
    ]
    # 29 rows, 本年新收 … 结转下年度 with a .total for each of (三)–(六), by 7 columns
    assert len([key for key in keys if key.startswith("applications.") and ".channel." not in key]) == 29 * 7
    assert [key for key in keys if key.startswith(("review.", "litigation.direct."))] == [
        "review.upheld", "review.corrected", "review.other", "review.pending", "review.total",
        "litigation.direct.upheld", "litigation.direct.corrected", "litigation.direct.other",
        "litigation.direct.pending", "litigation.direct.total",
    ]


def test_no_indicator_label_maps_to_two_keys_in_one_context():
    for label, candidates in schema.INDICATORS.items():
        contexts = [within for within, _ in candidates]
        assert len(contexts) == len(set(contexts)), label


@pytest.mark.parametrize("name", sorted(schema.TEMPLATES))
def test_template_labels_stay_distinct_once_cleaned(name):
    raw = schema.DATA["templates"][name]
    template = schema.TEMPLATES[name]
    assert len(template.rows) == len(raw["rows"])
    assert len(template.columns) == len(raw["columns"])
    assert not (set(template.columns) & set(template.groups)) and not (template.ignore & set(template.columns))


def test_every_key_the_schema_maps_to_is_canonical():
    mapped = {entry["key"] for entry in schema.DATA["indicator"]} | set(PATTERNS) | set(ZERO_PATTERNS)
    mapped |= set(schema.DERIVED) | {part for parts in schema.DERIVED.values() for part in parts}
    assert mapped - CANONICAL == set()


def test_every_2021_era_mark_names_canonical_keys():
    assert [mark for mark in schema.ERA_2021_KEYS if not any(key.startswith(mark) for key in CANONICAL)] == []


def test_every_indicator_label_is_already_clean():
    labels = [label for entry in schema.DATA["indicator"] for label in entry["labels"]]
    assert [label for label in labels if clean_label(label) != label] == []


def test_every_figure_pattern_captures_a_number():
    assert [p.pattern for ps in PATTERNS.values() for p in ps if "n" not in p.groupindex] == []


def test_money_keys_are_typed_money():
    assert [key for key in schema.CANONICAL_KEYS if schema.kind_of(key) == "money"] == [
        "proactive.fees.amount", "proactive.procurement.amount", "fees.collected"]


def test_legacy_key_is_a_stable_lower_case_slug_of_the_label_path():
    key = schema.legacy_key(["政府信息公开被举报数量", "维持具体行政行为"])
    assert key == "legacy.l_pkeoflph"
    assert schema.KEY_PATTERN.match(key)


def test_legacy_key_tells_the_same_label_under_other_parents_apart():
    assert schema.legacy_key(["被举报数量", "纠错"]) != schema.legacy_key(["被诉讼数量", "纠错"])


def prose_patterns() -> list[str]:
    return [p for ps in [*schema.DATA["prose"]["patterns"].values(), *schema.DATA["prose"]["zero"].values()] for p in ps]


def test_no_prose_gap_can_run_into_the_next_sentence():
    gaps = [gap for pattern in prose_patterns() for gap in re.findall(r"\[\^[^\]]*\]", pattern)]
    assert gaps and [gap for gap in gaps if "。" not in gap] == []


def test_no_prose_pattern_starts_with_the_number():
    assert [pattern for pattern in prose_patterns() if pattern.startswith("{n}")] == []
