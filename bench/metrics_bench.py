"""Metrics parsing: how right (precision/recall of key -> value pairs) and how fast (reports/second).

    .venv/bin/python bench/metrics_bench.py [--rounds 5]

The labelled fixtures are the project's own: the five seed reports with the figures a reader finds
in them (tests/metrics/seed_figures.json), and the complete 2019/2021 template reports the tests
write (tests/metrics/reports.py), each in every rendering. Legacy keys (old indicators outside the
schema) are not labelled and not scored. Speed is parse_document alone on documents already
extracted, the median over rounds, since extraction has its own bench.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the fixtures live in the test package

from extract_bench import rate  # noqa: E402  (this folder is on the path when run as a script)
from gxcrawl.extract.model import Document  # noqa: E402
from gxcrawl.extract.reader import read_file  # noqa: E402
from gxcrawl.metrics import parse_document  # noqa: E402
from tests.metrics.reports import RENDERINGS, template_report  # noqa: E402

Pairs = set[tuple[str, float]]


def seed_fixtures() -> list[tuple[str, Document, Pairs]]:
    figures = json.loads((ROOT / "tests" / "metrics" / "seed_figures.json").read_text("utf-8"))
    fixtures = []
    for number, expected in figures.items():
        [path] = (ROOT / "gxcrawl" / "demo" / "seeds").glob(f"{number}_*.txt")
        pairs = {(key, value) for key, (value, _) in expected["metrics"].items()}
        fixtures.append((f"seed {number}", read_file(path), pairs))
    return fixtures


def template_fixtures() -> list[tuple[str, Document, Pairs]]:
    fixtures = []
    for era in ("2019", "2021"):
        report = template_report(era)
        pairs = {*report.cells.items(), *report.prose.items(), ("litigation.total", 4)}
        for name, render in RENDERINGS.items():
            fixtures.append((f"{era} {name}", render(report), pairs))
    return fixtures


def scored(result) -> Pairs:
    return {(key, value) for key, value in result.metrics.items() if not key.startswith("legacy.")}


def score(fixtures: list[tuple[str, Document, Pairs]]) -> tuple[float, float, list[str]]:
    found = right = labelled = 0
    misses = []
    for name, document, expected in fixtures:
        got = scored(parse_document(document))
        found, right, labelled = found + len(got), right + len(got & expected), labelled + len(expected)
        misses += [f"{name}: missed {key}={value}" for key, value in sorted(expected - got)]
        misses += [f"{name}: wrong or unlabelled {key}={value}" for key, value in sorted(got - expected)]
    return right / found if found else 1.0, right / labelled if labelled else 1.0, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sets = {"seeds": seed_fixtures(), "templates": template_fixtures()}
    sets["all"] = sets["seeds"] + sets["templates"]
    print(f"{'fixtures':<10} {'reports':>7} {'pairs':>6} {'precision':>9} {'recall':>6} {'reports/s':>10}")
    for name, fixtures in sets.items():
        precision, recall, misses = score(fixtures)
        pairs = sum(len(expected) for _, _, expected in fixtures)
        speed = rate(parse_document, [document for _, document, _ in fixtures], len(fixtures), args.rounds)
        print(f"{name:<10} {len(fixtures):>7} {pairs:>6} {precision:>9.3f} {recall:>6.3f} {speed:>10.1f}")
        if name != "all":
            for miss in misses:
                print(f"  {miss}")


if __name__ == "__main__":
    main()
