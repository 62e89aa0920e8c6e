"""``scrapy demo --port N``: serve the demo portal until stopped, for several crawls or workers."""

from __future__ import annotations

import argparse

from scrapy.commands import ScrapyCommand

from gxcrawl.demo.__main__ import main


class Command(ScrapyCommand):
    requires_project = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[--port N] [--counties N] [--faults] [--delay SECONDS]"

    def short_desc(self) -> str:
        return "Serve the embedded demo portal on 127.0.0.1 until stopped"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0: any free port)")
        parser.add_argument("--counties", type=int, default=0, help="large mode: a further column of N county reports")
        parser.add_argument("--faults", action="store_true", help="fault mode: hostile pages, broken files, traps")
        parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before each answer")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        extra = ["--faults"] if opts.faults else []
        self.exitcode = main(["--port", str(opts.port), "--counties", str(opts.counties), "--delay", str(opts.delay), *extra])
