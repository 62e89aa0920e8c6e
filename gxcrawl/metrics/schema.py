"""The metrics schema (docs/metrics-schema.md), loaded once from ``schema.toml``.

Everything a report's wording can vary in (labels, units, prose patterns) is data in the TOML file;
this module only turns it into lookups. ``CANONICAL_KEYS`` is the column order of metrics.csv.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import tomllib
from dataclasses import dataclass
from importlib.resources import files
from types import MappingProxyType
from typing import Any, Mapping

from gxcrawl.metrics.labels import clean_label

KEY_PATTERN = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")
LEGACY_PREFIX = "legacy.l_"


@dataclass(frozen=True)
class Template:
    """One table of the national templates: header and row vocabularies that make its keys."""

    name: str
    detect: tuple[str, ...]
    key: str
    columns: Mapping[str, str]  # header label -> {column} fragment
    groups: Mapping[str, str]  # header label -> {group} fragment
    ignore: frozenset[str]  # header labels that only group other columns
    rows: Mapping[str, str]  # row label path ("a > b") -> {row} fragment
    row_groups: frozenset[str]  # outer row labels dropped from the path
    leaf_rows: Mapping[str, str]  # last label of a path -> fragment, where that label is unique
    header_labels: frozenset[str]  # every label a header cell of this table can have

    def keys(self) -> list[str]:
        """Every key of the grid, rows outer and columns inner."""
        axes = {
            "row": _distinct(self.rows.values()),
            "group": _distinct(self.groups.values()),
            "column": _distinct(self.columns.values()),
        }
        names = re.findall(r"{(\w+)}", self.key)
        return [self.key.format(**dict(zip(names, combo))) for combo in itertools.product(*(axes[n] for n in names))]


@dataclass(frozen=True)
class Unit:
    kind: str  # count | money | percent
    factor: int


def _distinct(values) -> list[str]:
    return list(dict.fromkeys(values))


def _load() -> dict[str, Any]:
    return tomllib.loads(files("gxcrawl.metrics").joinpath("schema.toml").read_text("utf-8"))


def _template(name: str, data: dict[str, Any]) -> Template:
    rows = {" > ".join(clean_label(part) for part in path.split(" > ")): fragment
            for path, fragment in data["rows"].items()}
    leaves: dict[str, set[str]] = {}
    for path, fragment in rows.items():
        leaves.setdefault(path.rsplit(" > ", 1)[-1], set()).add(fragment)
    columns = {clean_label(label): f for label, f in data["columns"].items()}
    groups = {clean_label(label): f for label, f in data["groups"].items()}
    ignore = frozenset(clean_label(label) for label in data["ignore"])
    return Template(
        name=name,
        detect=tuple(data["detect"]),
        key=data["key"],
        columns=MappingProxyType(columns),
        groups=MappingProxyType(groups),
        ignore=ignore,
        rows=MappingProxyType(rows),
        row_groups=frozenset(clean_label(label) for label in data["row_groups"]),
        leaf_rows=MappingProxyType({leaf: next(iter(f)) for leaf, f in leaves.items() if len(f) == 1}),
        header_labels=frozenset(columns) | frozenset(groups) | ignore,
    )


DATA = _load()
TEMPLATES: dict[str, Template] = {name: _template(name, data) for name, data in DATA["templates"].items()}


def _canonical_keys() -> tuple[tuple[str, ...], dict[str, str]]:
    keys: list[str] = []
    kinds: dict[str, str] = {}
    for entry in DATA["metric"]:
        if "template" in entry:
            keys.extend(TEMPLATES[entry["template"]].keys())
        else:
            keys.append(entry["key"])
            if "kind" in entry:
                kinds[entry["key"]] = entry["kind"]
    return tuple(keys), kinds


CANONICAL_KEYS, _KINDS = _canonical_keys()
KEY_ORDER = {key: position for position, key in enumerate(CANONICAL_KEYS)}
UNITS = {label: Unit(**unit) for label, unit in DATA["units"].items()}
DERIVED: dict[str, tuple[str, ...]] = {key: tuple(parts) for key, parts in DATA["derived"].items()}
ERA_2021_KEYS: tuple[str, ...] = tuple(DATA["eras"]["2021"])
CHECKS: dict[str, list[str]] = DATA["checks"]


def _indicator_index() -> dict[str, list[tuple[str | None, str]]]:
    index: dict[str, list[tuple[str | None, str]]] = {}
    for entry in DATA["indicator"]:
        for label in entry["labels"]:
            index.setdefault(clean_label(label), []).append((entry.get("within"), entry["key"]))
    for candidates in index.values():
        candidates.sort(key=lambda candidate: candidate[0] is None)  # a label in context first
    return index


# Old statistics tables: cleaned indicator label -> [(within, key)], context-bound entries first.
INDICATORS = _indicator_index()


def kind_of(key: str) -> str | None:
    """money or percent for a key the schema types so; None lets the value's unit decide."""
    return _KINDS.get(key)


def legacy_key(label_path: list[str]) -> str:
    """``legacy.l_<8 letters>``: the first 32 bits of the SHA-1 of the cleaned label path
    (outer labels first, joined by " > "), one letter a-p per hex digit so the key stays
    lower-case letters like every other key. Same label under the same parents, same key."""
    digest = hashlib.sha1(" > ".join(label_path).encode("utf-8")).hexdigest()[:8]
    return LEGACY_PREFIX + "".join(chr(ord("a") + int(digit, 16)) for digit in digest)


def key_order(key: str) -> int:
    """Sort key: canonical keys in schema order, then the rest (legacy) as they came (stable sort)."""
    return KEY_ORDER.get(key, len(KEY_ORDER))
