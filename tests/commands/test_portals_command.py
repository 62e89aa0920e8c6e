"""``scrapy portals`` lists the registry; a bad selection is a usage error."""

from __future__ import annotations

import subprocess

from gxcrawl import registry
from tests.conftest import CRAWL, CRAWL_ENV

SCRAPY = CRAWL[:-2]


def scrapy(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*SCRAPY, *args], env=CRAWL_ENV, capture_output=True, text=True, timeout=60)


def test_lists_a_provinces_portals():
    result = scrapy("portals", "--province", "湖南")
    assert result.returncode == 0
    names = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert names == [p.name for p in registry.select(province="湖南")]


def test_csv_has_every_field():
    result = scrapy("portals", "--level", "province", "--csv")
    lines = result.stdout.splitlines()
    assert lines[0] == ",".join(registry.COLUMNS) and len(lines) == 1 + len(registry.select(level="province"))


def test_an_unknown_level_is_a_usage_error():
    result = scrapy("portals", "--level", "village")
    assert result.returncode == 2 and "level 'village' is not one of" in result.stderr
