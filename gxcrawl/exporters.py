"""The ``metricscsv`` feed format: one row per report, one column per canonical metric.

For spreadsheet users: the report's facts (url, index_no, agency, year, era) then every key of
:data:`gxcrawl.metrics.CANONICAL_KEYS` in the schema's order, whatever the report states (a key it
leaves out is an empty cell). Legacy keys stay in the JSON feed, which has their labels. Appending
runs add rows under the one header; use the ``utf-8-sig`` encoding so Excel reads the Chinese.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from itemadapter import ItemAdapter
from scrapy.exporters import CsvItemExporter

from gxcrawl.metrics import CANONICAL_KEYS

FACTS = ["url", "index_no", "agency", "year", "era"]
COLUMNS = FACTS + list(CANONICAL_KEYS)


class MetricsCsvItemExporter(CsvItemExporter):
    def __init__(self, file: BinaryIO, **kwargs: Any) -> None:
        kwargs["fields_to_export"] = COLUMNS  # the format is these columns, not the item's fields
        # A file appended to by an earlier run has its header already.
        kwargs.setdefault("include_headers_line", file.tell() == 0)
        super().__init__(file, **kwargs)

    def export_item(self, item: Any) -> None:
        adapter = ItemAdapter(item)
        metrics = adapter.get("metrics") or {}
        row = {name: adapter.get(name) for name in FACTS} | {key: metrics.get(key) for key in CANONICAL_KEYS}
        super().export_item(row)
