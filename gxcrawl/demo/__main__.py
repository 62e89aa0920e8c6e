"""``python -m gxcrawl.demo --port N``: serve the demo portal until stopped (Ctrl-C or SIGTERM)."""

from __future__ import annotations

import argparse
import logging
import signal
import sys

from gxcrawl.demo.server import DemoServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gxcrawl.demo", description=__doc__)
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0: any free port; default %(default)s)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    try:
        server = DemoServer(args.port)
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
