"""``python -m gxcrawl.metrics FILE``: the facts, metrics (with their origin) and warnings of one report file."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from gxcrawl.cli import run
from gxcrawl.extract.reader import read_file
from gxcrawl.filetypes import EXTENSIONS
from gxcrawl.metrics import parse_document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gxcrawl.metrics", description=__doc__)
    parser.add_argument("file", help="a report file: HTML, PDF, DOCX, DOC, WPS or text")
    parser.add_argument("--type", choices=EXTENSIONS, help="read as this type instead of the one the bytes show")
    parser.add_argument("--title", help="the report's title, as its page gives it")
    parser.add_argument("--agency", help="the publishing agency, as the page's metadata gives it")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    try:
        document = read_file(args.file, kind=args.type)
    except OSError as error:
        parser.exit(2, f"cannot read {args.file}: {error.strerror}\n")
    result = parse_document(document, title=args.title, agency=args.agency)
    warnings = document.warnings + result.warnings
    if args.json:
        json.dump(asdict(result) | {"warnings": warnings}, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print(f"year: {result.year}\nagency: {result.agency}\nera: {result.era}")
    for key, value in result.metrics.items():
        provenance = result.provenance[key]
        approximate = " (approximate)" if provenance.get("approximate") else ""
        print(f"{key}\t{value}\t{provenance['origin']}{approximate}\t{provenance['label']}")
    for warning in warnings:
        print(f"warning: {warning}")
    return 0


if __name__ == "__main__":
    run(main)
