"""``scrapy portals``: list the registry of real portals (what ``-a portal=``/``province=``/``level=`` select)."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from gxcrawl import registry


class Command(ScrapyCommand):
    requires_project = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[--province P] [--level L] [--csv]"

    def short_desc(self) -> str:
        return "List the registry's portals, or those of a province or level"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--province", help="only this province's portals (湖南 or 湖南省)")
        parser.add_argument("--level", help="only this level's portals (province, city, county)")
        parser.add_argument("--csv", action="store_true", help="every field, as CSV on standard output")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        try:
            chosen = registry.select(province=opts.province, level=opts.level)
        except registry.RegistryError as error:
            raise UsageError(str(error), print_help=False) from None
        if opts.csv:
            writer = csv.writer(sys.stdout)
            writer.writerow(registry.COLUMNS)
            writer.writerows(dataclasses.astuple(portal) for portal in chosen)
            return
        for portal in chosen:
            family = portal.family or "-"
            print(f"{portal.name}\t{portal.level}\t{portal.province}\t{family}\t{portal.url}\t(confirmed {portal.confirmed})")
        print(f"{len(chosen)} portals. Crawl one with: scrapy crawl reports -a portal=NAME", file=sys.stderr)
