import pytest

from gxcrawl.metrics.numbers import Value, parse_value, unit_in
from gxcrawl.metrics.schema import UNITS


@pytest.mark.parametrize(("text", "unit", "expected"), [
    ("480", None, Value(480, "count")),
    ("6 ", "人次", Value(6, "count")),
    ("1,234", None, Value(1234, "count")),
    ("36万", "人次", Value(360000, "count")),
    ("1.2亿", None, Value(120000000, "count")),
    ("9370余", None, Value(9370, "count", approximate=True)),
    ("约为36万", None, Value(360000, "count", approximate=True)),
    ("100多", None, Value(100, "count", approximate=True)),
    ("0", "万元", Value(0, "money")),
    ("12.5", "万元", Value(125000, "money")),
    ("12.5万元", None, Value(125000, "money")),
    ("300", "元", Value(300, "money")),
    ("80", "%", Value(80, "percent")),
    ("33%", None, Value(33, "percent")),
    ("-2", None, Value(-2, "count")),
    ("无", None, Value(0, "count")),
    ("480条", None, Value(480, "count")),
])
def test_values_as_reports_write_them(text, unit, expected):
    assert parse_value(text, unit) == expected


@pytest.mark.parametrize("text", ["", "  ", "-", "/", "第二十条第（一）项", "自然人"])
def test_blank_and_label_cells_have_no_value(text):
    assert parse_value(text) is None


def test_counts_are_ints_and_money_floats():
    assert parse_value("36万").typed() == 360000 and isinstance(parse_value("36万").typed(), int)
    assert parse_value("12.5", "万元").typed() == 125000.0 and isinstance(parse_value("12.5", "万元").typed(), float)
    assert isinstance(parse_value("0").typed("money"), float)


def test_a_header_names_its_unit_in_parentheses():
    assert unit_in("本年收费金额（单位：万元）") == UNITS["万元"]
    assert unit_in("采购总金额(元)") == UNITS["元"]
    assert unit_in("本年处理决定数量") is None
