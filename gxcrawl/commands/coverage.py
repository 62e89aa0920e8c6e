"""``scrapy coverage``: which agencies' reports were found, failed or are missing, year by year."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from gxcrawl import coverage, registry


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[--portal NAME] [--province P] [--level L] [--years FROM-TO] [--csv FILE]"

    def short_desc(self) -> str:
        return "Print the agency × year table of reports found, failed and missing in the outputs"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--portal", help="only this registry portal (or 'demo')")
        parser.add_argument("--province", help="only the registry's portals of this province")
        parser.add_argument("--level", help="only the registry's portals of this level (province, city, county)")
        parser.add_argument("--years", help="the years to show, e.g. 2015-2024 (default: every year seen)")
        parser.add_argument("--csv", help="also write the table to this CSV file")
        parser.add_argument("--reports", default="output/reports.jsonl", help="the reports feed to read")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        portals = None
        if opts.portal == "demo":
            portals = ["demo"]
        elif opts.portal or opts.province or opts.level:
            try:
                portals = [p.name for p in registry.select(opts.portal, opts.province, opts.level)]
            except registry.RegistryError as error:
                raise UsageError(str(error), print_help=False) from None
        failures = Path(self.settings.get("GXCRAWL_FAILED_REPORTS_FILE") or "")
        table = coverage.build(
            coverage.read_lines(Path(opts.reports)),
            coverage.read_lines(failures) if failures.name else [],
            portals=portals,
            by_portal=portals is not None and portals != ["demo"],  # registry portals: one agency each
            years=_years(opts.years),
        )
        print(coverage.render(table))
        if opts.csv:
            coverage.write_csv(table, Path(opts.csv))
            print(f"Written to {opts.csv}")


def _years(text: str | None) -> range | None:
    if not text:
        return None
    match = re.fullmatch(r"((?:19|20)\d{2})-((?:19|20)\d{2})", text)
    if not match or int(match[1]) > int(match[2]):
        raise UsageError(f"--years {text!r}: expected FROM-TO, e.g. 2015-2024", print_help=False)
    return range(int(match[1]), int(match[2]) + 1)
