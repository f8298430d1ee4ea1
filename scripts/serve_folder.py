#!/usr/bin/env python3
"""Serve a folder over HTTP on loopback, on the first free port of a range.

Prints `port N` on its first line once listening, then serves until killed. Used by the
tlog-tiles interoperability test to publish an exported log the way a static web server
would (Python's http.server, threaded, request lines not logged).

    python3 scripts/serve_folder.py --dir /tmp/log --ports 18200-18299
"""

import argparse
import functools
import http.server
import signal
import sys


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, help="the folder to serve")
    parser.add_argument("--ports", default="18200-18299", help="a range of ports to try, LOW-HIGH")
    args = parser.parse_args()
    # A parent that ignores SIGTERM (a test runner) must still be able to stop the server.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    low, high = (int(p) for p in args.ports.split("-"))
    handler = functools.partial(QuietHandler, directory=args.dir)
    for port in range(low, high + 1):
        try:
            server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError:
            continue
        print(f"port {port}", flush=True)
        server.serve_forever()
        return 0
    print(f"no free port in {args.ports}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
