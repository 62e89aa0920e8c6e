from gxcrawl.portals.metadata import iso_date, read_metadata


def test_four_column_table_cells_pair_labels_with_the_next_cell():
    texts = ["索 引 号：", "430S00/2019-16610", "分　　类：", "政府信息公开年报", "发布机构：", "湖南省住房和城乡建设厅",
             "发文日期：", "2019年03月22日", "文　　号：", "公开方式：", "政府网站"]
    assert read_metadata(texts) == {
        "index_no": "430S00/2019-16610",
        "category": "政府信息公开年报",
        "agency": "湖南省住房和城乡建设厅",
        "published": "2019-03-22",
    }


def test_empty_value_is_not_taken_from_the_following_label():
    assert read_metadata(["文号：", "时效：", "有效"]) == {}


def test_wu_means_no_value():
    assert read_metadata(["索引号：无", "文号：无"]) == {}


def test_several_labels_in_one_line():
    assert read_metadata(["索引号:430S00/2019-16610 公开方式:政府网站 发文日期:2019-03-22 10:15:23"]) == {
        "index_no": "430S00/2019-16610",
        "published": "2019-03-22",
    }


def test_publish_date_beats_the_date_written():
    assert read_metadata(["成文日期：2021-01-26", "发布日期：2021-01-28"])["published"] == "2021-01-28"


def test_longer_label_wins_over_its_tail():
    assert read_metadata(["发文字号：湘建办〔2020〕3号", "主题分类：城乡建设"]) == {
        "doc_no": "湘建办〔2020〕3号",
        "category": "城乡建设",
    }


def test_iso_date_accepts_the_formats_portals_show():
    assert iso_date("2026-01-30") == "2026-01-30"
    assert iso_date("2026-01-30 10:15:23") == "2026-01-30"
    assert iso_date("2026年1月30日") == "2026-01-30"
    assert iso_date("2026.01.30") == "2026-01-30"
    assert iso_date("无") is None
