"""``python -m gxcrawl.extract FILE``: print the text and tables gxcrawl reads from one report file."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from gxcrawl.cli import run
from gxcrawl.extract.model import Paragraph
from gxcrawl.extract.reader import Limits, read_file
from gxcrawl.filetypes import EXTENSIONS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gxcrawl.extract", description=__doc__)
    parser.add_argument("file", help="a report file: HTML, PDF, DOCX, DOC, WPS or text")
    parser.add_argument("--type", choices=EXTENSIONS, help="read as this type instead of the one the bytes show")
    parser.add_argument("--json", action="store_true", help="print the document model as JSON")
    parser.add_argument("--ocr", action="store_true", help="OCR the scanned pages of a PDF (pip install 'gxcrawl[ocr]')")
    args = parser.parse_args(argv)
    try:
        document = read_file(args.file, kind=args.type, limits=Limits(ocr=args.ocr))
    except OSError as error:
        parser.exit(2, f"cannot read {args.file}: {error.strerror}\n")
    if args.json:
        json.dump(asdict(document), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for number, block in enumerate(document.blocks):
            if isinstance(block, Paragraph):
                print(block.text)
            else:
                print(f"[table {number}: {len(block.rows)} rows × {block.width} columns]")
                for row in block.rows:
                    print(" | ".join(row))
                print("[end of table]")
    for warning in document.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    run(main)
