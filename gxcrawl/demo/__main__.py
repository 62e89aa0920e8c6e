"""``python -m gxcrawl.demo --port N``: serve the demo portal until stopped (Ctrl-C or SIGTERM)."""

from __future__ import annotations

import argparse
import logging
import signal
import sys

from gxcrawl.demo.server import DemoServer
from gxcrawl.demo.site import DemoSite


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gxcrawl.demo", description=__doc__)
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0: any free port; default %(default)s)")
    parser.add_argument("--counties", type=int, default=0, metavar="N",
                        help="large mode: a further column of N county reports (N/20 list pages)")
    parser.add_argument("--faults", action="store_true", help="fault mode: hostile pages, broken files, traps")
    parser.add_argument("--delay", type=float, default=0.0, metavar="SECONDS", help="wait before each answer, like a distant portal")
    args = parser.parse_args(argv)
    if args.counties < 0 or args.delay < 0:
        parser.error("--counties and --delay cannot be negative")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    try:
        server = DemoServer(args.port, DemoSite(counties=args.counties, faults=args.faults), delay=args.delay)
    except OSError as error:
        parser.exit(2, f"cannot listen on 127.0.0.1:{args.port}: {error.strerror}\n")
    # SIGTERM ends serve_forever like Ctrl-C does, so supervisors stop it cleanly.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    print(f"gxcrawl demo portal at {server.url} (Ctrl-C to stop)", flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
