from pathlib import Path

import pytest
from opencc import OpenCC

from gxcrawl.extract import Document, Paragraph, Table
from gxcrawl.extract.normalise import _may_be_traditional, normalise_document, normalise_text

SEEDS = Path(__file__).parents[2] / "gxcrawl" / "demo" / "seeds"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("根據(jù)《中華人民共和國(guó)政府信息公開(kāi)條例》規(guī)定", "根据《中华人民共和国政府信息公开条例》规定"),
        ("我们(men)的(de)工作", "我们的工作"),
        ("(一)主动公开政府信息数 (不同渠道和方式公开相同信息计1条)", "(一)主动公开政府信息数 (不同渠道和方式公开相同信息计1条)"),
        ("医药高新区(高港区)住房和城乡建设局", "医药高新区(高港区)住房和城乡建设局"),
        ("附表(a)", "附表(a)"),
        ("统 计 指 标", "统计指标"),
        ("\t指　　　标", "指标"),
        ("名　　称：常德", "名称：常德"),
        ("分管负责人：于家霞     填表人：李源志", "分管负责人：于家霞 填表人：李源志"),
        ("共计１２３．５万元，占比９８％", "共计123.5万元，占比98%"),
        ("1﹒政府公报公开政府信息数", "1.政府公报公开政府信息数"),
        ("2018－2020年", "2018-2020年"),
        ("\u200b　　一、概述\u3000", "一、概述"),
    ],
)
def test_normalise_text(raw, clean):
    assert normalise_text(raw) == clean


def test_seed_004_becomes_simplified_without_pinyin_and_keeps_its_figures():
    text = normalise_text(next(SEEDS.glob("004_*.txt")).read_text("utf-8"))
    assert "(jù)" not in text and "(kāi)" not in text
    assert "《2019年如东县住房和城乡建设局政府信息公开工作年度报告》" in text
    assert "共受理政府信息公开申请58件" in text
    assert "627条" in text


def test_normalise_document_cleans_cells_and_drops_empty_paragraphs():
    document = Document([Paragraph("　　"), Paragraph("統計"), Table((("指　　标", "數量"), ("收到申請數", "１２")))], ["w"])
    assert normalise_document(document) == Document(
        [Paragraph("统计"), Table((("指标", "数量"), ("收到申请数", "12")))], ["w"]
    )


def test_only_texts_opencc_would_change_are_converted_and_the_rest_are_left_exactly():
    converter = OpenCC("t2s")
    lines = [line for path in SEEDS.glob("*.txt") for line in path.read_text("utf-8").splitlines()]
    lines += ["一目瞭然", "上鍊", "乾淨", "後來", "系統", "主动公开政府信息627条"]
    skipped = [line for line in lines if not _may_be_traditional(line)]
    assert skipped and all(converter.convert(line) == line for line in skipped)
    assert _may_be_traditional("根據(jù)《條例》") and _may_be_traditional("一目瞭然")
