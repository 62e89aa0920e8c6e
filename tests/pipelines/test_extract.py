"""ExtractPipeline: every stored file read, the best one's text kept, bad files as warnings."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

from scrapy.utils.test import get_crawler

from gxcrawl.demo.documents import render_pdf
from gxcrawl.extract import Document, Paragraph, Table
from gxcrawl.extract.text import parse_text
from gxcrawl.items import ReportItem
from gxcrawl.pipelines.extract import ExtractPipeline, source_rank

LINK_PAGE = "<html><body><div id='zoom'><p>现将年度报告予以公布，全文见附件。</p></div></body></html>".encode()
REPORT = "一、主动公开政府信息情况\n指标 | 单位 | 数量 |\n主动公开政府信息数 | 条 | 480 |\n"


def run(tmp_path, files: dict[str, tuple[str, bytes]]) -> ReportItem:
    """Store ``files`` (url → (type, bytes)) and pass an item holding them through the pipeline."""
    stored = []
    for number, (url, (kind, body)) in enumerate(files.items()):
        path = f"{number:02d}/file.{kind}"
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(body)
        stored.append({"url": url, "path": path, "type": kind})
    item = ReportItem(url="http://x.gov.cn/a.html", title="t", portal="x", crawled_at="now", files=stored)
    crawler = get_crawler(settings_dict={"FILES_STORE": str(tmp_path)})
    crawler.stats.open_spider()
    pipeline = ExtractPipeline.from_crawler(crawler)
    return asyncio.run(pipeline.process_item(item))


def test_attachment_with_the_tables_beats_the_page_that_links_it(tmp_path):
    item = run(tmp_path, {
        "http://x.gov.cn/a.html": ("html", LINK_PAGE),
        "http://x.gov.cn/P0.pdf": ("pdf", render_pdf("某局2019年政府信息公开工作年度报告", parse_text(REPORT))),
    })
    assert item.source == "http://x.gov.cn/P0.pdf"
    assert item.document.tables == [Table((("指标", "单位", "数量"), ("主动公开政府信息数", "条", "480")))]
    assert "主动公开政府信息数\t条\t480" in item.text
    assert item.warnings == []


def test_corrupt_and_empty_attachments_are_warnings_and_the_item_is_kept(tmp_path):
    item = run(tmp_path, {
        "http://x.gov.cn/a.html": ("html", LINK_PAGE),
        "http://x.gov.cn/broken.pdf": ("pdf", b"%PDF-1.4\n1 0 obj <<"),
        "http://x.gov.cn/empty.docx": ("docx", b""),
    })
    assert item.source == "http://x.gov.cn/a.html"
    assert item.text == "现将年度报告予以公布，全文见附件。"
    codes = [warning.split(" (")[0] for warning in item.warnings]
    assert codes == ["corrupt_file: http://x.gov.cn/broken.pdf", "empty_file: http://x.gov.cn/empty.docx"]


def test_unreadable_only_file_leaves_text_empty(tmp_path):
    item = run(tmp_path, {"http://x.gov.cn/a.rar": ("rar", b"Rar!\x1a\x07\x00")})
    assert item.text is None and item.source is None
    assert item.warnings == ["unsupported_type: http://x.gov.cn/a.rar (rar)"]


def test_source_rank_prefers_table_cells_then_text_length():
    page = Document([Paragraph("很长的说明文字" * 50)])
    tables = Document([Paragraph("短"), Table((("a", "b"), ("1", "2")))])
    assert source_rank(tables) > source_rank(page)
    assert source_rank(Document([Paragraph("长一些的文字")])) > source_rank(Document([Paragraph("短")]))


def by_path(items):
    return {urlsplit(item["url"]).path: item for item in items}


def test_demo_crawl_items_carry_normalised_text_from_the_best_file(demo_crawl):
    items = by_path(demo_crawl.items())
    huancui = items["/zwgk/zfxxgknb/201202/t20120215_1187362.html"]
    assert huancui["source"].endswith(".pdf")
    assert "2011年度共主动公开政府信息27条" in huancui["text"]
    rudong = items["/art/2020/1/15/art_4321_100231.html"]
    assert "downfile.jsp" in rudong["source"]
    assert "共受理政府信息公开申请58件" in rudong["text"] and "(jù)" not in rudong["text"]
    [hunan] = [item for item in items.values() if item["index_no"] == "430S00/2019-16610"]
    assert hunan["source"] == hunan["url"]
    assert hunan["text"].startswith("本报告由湖南省住房和城乡建设厅")
    assert "打印" not in hunan["text"]
    assert all(item["warnings"] == [] for item in items.values())


def test_an_unreadable_attachment_is_moved_to_quarantine_and_not_read_again(tmp_path):
    pdf = render_pdf("某局2019年政府信息公开工作年度报告", parse_text(REPORT))
    item = run(tmp_path, {"http://x.gov.cn/a.html": ("html", LINK_PAGE), "http://x.gov.cn/P0.pdf": ("pdf", pdf[:300])})
    page, attachment = item.files
    assert attachment["status"] == "quarantined" and attachment["path"] == "quarantine/01/file.pdf"
    assert (tmp_path / "quarantine/01/file.pdf").read_bytes() == pdf[:300] and not (tmp_path / "01/file.pdf").exists()
    assert item.source == page["url"] and [w.split(":")[0] for w in item.warnings] == ["corrupt_file"]


def test_the_page_the_dedup_middleware_read_is_not_read_again(tmp_path):
    crawler = get_crawler(settings_dict={"FILES_STORE": str(tmp_path)})
    crawler.stats.open_spider()
    page = Document([Paragraph("本报告由某局编制。")])
    stored = {"url": "http://x.gov.cn/a.html", "path": "ab/never-written.html", "type": "html", "size": 100}
    item = ReportItem(url=stored["url"], title="t", portal="x", crawled_at="now", files=[stored], page_document=page)
    asyncio.run(ExtractPipeline.from_crawler(crawler).process_item(item))  # reading the file would fail: not there
    assert item.document is page and item.text == "本报告由某局编制。" and item.source == stored["url"]
    assert item.page_document is None
