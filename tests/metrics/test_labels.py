import pytest

from gxcrawl.metrics.labels import clean_label, is_sub_item, numbering_level


@pytest.mark.parametrize("label", [
    "（三）不予公开", "(三)不予公开", "(三) 不予公开", "三、不予公开", "3.不予公开", "3、不予公开", "（3）不予公开",
    "其中：不予公开", "其中:3.不予公开", "不 予 公 开", "不予公开（区分处理的）", "“不予公开”", "不予公开：",
])
def test_numbering_notes_quotes_and_spaces_do_not_change_a_label(label):
    assert clean_label(label) == "不予公开"


@pytest.mark.parametrize(("label", "level"), [
    ("一、主动公开情况", 1), ("十二、政务服务事项办件情况", 1), ("（一）收到申请数", 2), ("(二)申请办结数", 2),
    ("1.当面申请数", 3), ("其中：1.维持具体行政行为", 3), ("2、传真申请数", 3), ("主动公开政府信息数", None),
    ("其中:律师", None),
])
def test_numbering_gives_the_depth_of_a_row(label, level):
    assert numbering_level(label) == level


def test_a_decimal_is_not_list_numbering():
    assert clean_label("1.5倍") == "1.5倍"


def test_qizhong_marks_a_sub_item():
    assert is_sub_item("其中:律师") and not is_sub_item("律师")
