import pytest

from gxcrawl.indexno import is_well_formed, normalise_index_no


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("430S00/2019-16610", "430S00/2019-16610"),
        (" 014421017 / 2018－00546 ", "014421017/2018-00546"),
        ("０１４４２１０１７／２０１８—００５４６", "014421017/2018-00546"),
        ("11420300MB1234567X\\2023‐00012", "11420300MB1234567X/2023-00012"),
        ("430s00/2019-16610", "430s00/2019-16610"),  # case is the portal's, not ours to change
        ("无", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_index_no(raw, normalised):
    assert normalise_index_no(raw) == normalised


@pytest.mark.parametrize("value", ["430S00/2019-16610", "014421017/2018-00546", "11420300MB1234567X/2023-00012"])
def test_usual_shapes_are_well_formed(value):
    assert is_well_formed(value)


@pytest.mark.parametrize("value", ["2019-16610", "430S00/19-1", "430S00/2019-", "见附件", "430S00/2019/16610"])
def test_other_shapes_are_malformed(value):
    assert not is_well_formed(value)
