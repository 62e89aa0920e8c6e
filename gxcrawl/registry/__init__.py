"""The registry of real portals shipped with gxcrawl (``portals.csv``), and selection from it.

Each row is one agency's portal: name, region, level, department, the home or column URL to start
from, its CMS family when known, the date it was last confirmed and where (``SOURCES.md``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

LEVELS = ("province", "city", "county")
FAMILIES = ("trs", "hanweb", "jpaas", "gkmlpt", "generic")


class RegistryError(ValueError):
    """A registry row that breaks the schema, or a selection that matches nothing."""


@dataclass(frozen=True)
class Portal:
    name: str
    province: str
    city: str
    county: str
    region_code: str
    level: str
    department: str
    url: str
    family: str
    confirmed: str
    source: str

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""


COLUMNS = tuple(field.name for field in fields(Portal))


def check(portal: Portal) -> None:
    """Raise :class:`RegistryError` naming what is wrong with a row."""
    problems = []
    if not portal.name or not portal.province:
        problems.append("name and province are required")
    if portal.level not in LEVELS:
        problems.append(f"level {portal.level!r} is not one of {LEVELS}")
    if (portal.level == "province") != (not portal.city) or (portal.level == "county") != bool(portal.county):
        problems.append("city is given below province level, county at county level only")
    if portal.region_code and not re.fullmatch(r"\d{6}", portal.region_code):
        problems.append(f"region_code {portal.region_code!r} is not 6 digits")
    parts = urlsplit(portal.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        problems.append(f"url {portal.url!r} is not an http(s) URL")
    if portal.family and portal.family not in FAMILIES:
        problems.append(f"family {portal.family!r} is not one of {FAMILIES}")
    try:
        date.fromisoformat(portal.confirmed)
    except ValueError:
        problems.append(f"confirmed {portal.confirmed!r} is not a date")
    if not portal.source:
        problems.append("source is required: no entry without one")
    if problems:
        raise RegistryError(f"registry entry {portal.name!r}: " + "; ".join(problems))


def read(text: str) -> list[Portal]:
    rows = list(csv.DictReader(text.splitlines()))
    if rows and tuple(rows[0]) != COLUMNS:
        raise RegistryError(f"registry columns are {tuple(rows[0])}, expected {COLUMNS}")
    portals = [Portal(**{name: (row[name] or "").strip() for name in COLUMNS}) for row in rows]
    for portal in portals:
        check(portal)
    names = [portal.name for portal in portals]
    if len(set(names)) != len(names):
        raise RegistryError(f"registry names repeat: {sorted({n for n in names if names.count(n) > 1})}")
    return portals


@cache
def load() -> tuple[Portal, ...]:
    return tuple(read(resources.files(__package__).joinpath("portals.csv").read_text("utf-8")))


def select(name: str | None = None, province: str | None = None, level: str | None = None) -> list[Portal]:
    """The portals matching every criterion given: the exact name, the province (``湖南`` or
    ``湖南省``), the level. Raises :class:`RegistryError` when nothing matches."""
    if level and level not in LEVELS:
        raise RegistryError(f"level {level!r} is not one of {LEVELS}")
    wanted_province = re.sub(r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$", "", province or "")
    chosen = [
        portal for portal in load()
        if (not name or portal.name == name)
        and (not province or portal.province == wanted_province)
        and (not level or portal.level == level)
    ]
    if not chosen:
        asked = ", ".join(f"{key}={value}" for key, value in (("portal", name), ("province", province), ("level", level)) if value)
        raise RegistryError(f"no portal in the registry matches {asked}: `scrapy portals` lists them")
    return chosen
