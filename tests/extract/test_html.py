from gxcrawl.extract import Paragraph, Table
from gxcrawl.extract.html import decode_html, extract_html

PORTAL_PAGE = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>某县住房和城乡建设局2020年政府信息公开工作年度报告</title><script>var x = "不应出现";</script></head>
<body><div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<table class="xxgk_table"><tr><td>索引号：</td><td>000014349/2021-00045</td></tr></table>
<div id="zoom"><p style="text-indent:2em">　　一、总体情况</p>
<p>2020年，我局主动公开政府信息<b>480</b>条。<br>全年共收到申请58件。</p>
<table border="1"><tr><th rowspan="2">信息内容</th><th colspan="2">本年制发件数</th></tr>
<tr><th>新制作</th><th>废止</th></tr>
<tr><td>规章</td><td>0</td><td>0</td></tr></table>
<p>二、存在的主要问题</p><p>【打印本页】</p><p>[关闭窗口]</p><!-- 评论 --></div>
<div class="footer">版权所有：某县人民政府</div></body></html>"""


def test_body_only_with_paragraphs_and_tables_in_reading_order():
    document = extract_html(PORTAL_PAGE.format(charset="utf-8").encode("utf-8"))
    assert document.blocks == [
        Paragraph("一、总体情况"),
        Paragraph("2020年，我局主动公开政府信息480条。"),
        Paragraph("全年共收到申请58件。"),
        Table((("信息内容", "本年制发件数", "本年制发件数"), ("信息内容", "新制作", "废止"), ("规章", "0", "0"))),
        Paragraph("二、存在的主要问题"),
    ]
    assert document.warnings == []


def test_gbk_page_whose_meta_claims_utf8_is_read_as_gbk():
    body = PORTAL_PAGE.format(charset="utf-8").encode("gbk")
    assert extract_html(body).blocks[1] == Paragraph("2020年，我局主动公开政府信息480条。")


def test_header_claiming_latin1_does_not_override_the_bytes():
    body = PORTAL_PAGE.format(charset="gb2312").encode("gbk")
    assert "主动公开政府信息" in decode_html(body, "text/html; charset=ISO-8859-1")


def test_utf8_page_labelled_gb2312_is_read_as_utf8():
    body = PORTAL_PAGE.format(charset="gb2312").encode("utf-8")
    assert "全年共收到申请58件。" in decode_html(body, "text/html")


def test_gb18030_characters_beyond_gb2312_survive():
    body = "<html><head><meta charset='gb2312'></head><body><p>镕基 䶮</p></body></html>".encode("gb18030")
    assert extract_html(body).blocks == [Paragraph("镕基 䶮")]


def test_nested_table_text_stays_in_its_cell():
    page = "<div id='zoom'><table><tr><td>外<table><tr><td>内1</td><td>内2</td></tr></table></td><td>右</td></tr></table></div>"
    assert extract_html(page.encode()).blocks == [Table((("外内1内2", "右"),))]


def test_empty_file_is_a_warning():
    assert extract_html(b"  \n").warnings == ["empty_file"]
