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
        # A file appended to by an earlier run has its header already. Written here, with the first
        # row, as Scrapy's exporter does: a run that finds nothing leaves a new file empty.
        self.header_pending = kwargs.pop("include_headers_line", file.tell() == 0)
        super().__init__(file, include_headers_line=False, **kwargs)

    def export_item(self, item: Any) -> None:
        # The row goes straight to csv.writer: Scrapy's per-field serializers would only turn None
        # into an empty cell, which csv.writer does too, at 270-odd calls a report.
        if self.header_pending:
            self.csv_writer.writerow(COLUMNS)
            self.header_pending = False
        adapter = ItemAdapter(item)
        metrics = adapter.get("metrics") or {}
        self.csv_writer.writerow([adapter.get(name) for name in FACTS] + [metrics.get(key) for key in CANONICAL_KEYS])
