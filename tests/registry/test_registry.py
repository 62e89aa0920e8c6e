"""The shipped registry of real portals holds to its schema; bad rows are refused by name."""

from __future__ import annotations

import dataclasses
import re

import pytest

from gxcrawl import registry
from gxcrawl.registry import RegistryError, check, read, select

HEADER = ",".join(registry.COLUMNS)
ROW = "湖南省住房和城乡建设厅,湖南,,,430000,province,住房和城乡建设厅,http://zjt.hunan.gov.cn,,2026-11-25,example:source"


def test_the_shipped_registry_validates():
    portals = registry.load()
    assert len(portals) >= 31
    for portal in portals:
        check(portal)


def test_every_province_has_its_housing_department():
    provinces = {p.province for p in registry.load() if p.level == "province" and "住房" in p.department}
    assert len(provinces) >= 31


def test_selection_by_province_accepts_the_full_name():
    assert select(province="湖南省") == select(province="湖南")
    assert {p.province for p in select(province="湖南")} == {"湖南"}


def test_a_level_that_does_not_exist_is_an_error():
    with pytest.raises(RegistryError, match="level 'town' is not one of"):
        select(level="town")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("level", "town", "level 'town'"),
    ("url", "zjt.hunan.gov.cn", "is not an http(s) URL"),
    ("region_code", "4300", "is not 6 digits"),
    ("family", "wordpress", "family 'wordpress'"),
    ("confirmed", "recently", "is not a date"),
    ("source", "", "source is required"),
    ("city", "长沙市", "city is given below province level"),
])
def test_a_bad_row_is_refused_naming_the_entry_and_the_problem(field, value, message):
    [good] = read(f"{HEADER}\n{ROW}\n")
    with pytest.raises(RegistryError, match=f"湖南省住房和城乡建设厅.*{re.escape(message)}"):
        check(dataclasses.replace(good, **{field: value}))


def test_repeated_names_and_wrong_columns_are_refused():
    with pytest.raises(RegistryError, match="names repeat"):
        read(f"{HEADER}\n{ROW}\n{ROW}\n")
    with pytest.raises(RegistryError, match="registry columns are"):
        read(f"name,url\n{ROW}\n")
