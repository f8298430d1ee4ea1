#!/usr/bin/env python3
"""An open-loop (fixed-rate) HTTP load client for POST /v1/verifications.

Request i is due at start + i/rate, whatever happened to the requests before it: a pool of
keep-alive connections takes the due requests in order, and each latency is measured from the
moment the request was DUE, not from when a connection was free to send it. So a slow server
shows up as latency (no coordinated omission), as it would for clients arriving on their own —
unlike wrk or ab, which wait for an answer before sending the next request (a closed loop).

Prints one JSON object: sent, answered, status counts, errors, achieved rate, latency
percentiles in milliseconds. Loopback only; bounded in count and time; stops by itself.
"""
import argparse
import asyncio
import json
import sys
import time


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * (len(sorted_values) - 1)))))
    return sorted_values[k]


async def connection(host, port, queue, results, path, key, bodies, deadline):
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while True:
            item = await queue.get()
            if item is None:
                return
            index, due = item
            body = bodies[index % len(bodies)]
            head = (
                f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {key}\r\n"
                f"Content-Type: application/json\r\nGatehouse-On-Behalf-Of: load-agent\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode()
            try:
                writer.write(head + body)
                await writer.drain()
                status_line = await reader.readline()
                status = int(status_line.split()[1])
                length = 0
                while True:
                    line = await reader.readline()
                    if line in (b"\r\n", b"\n", b""):
                        break
                    name, _, value = line.decode("latin-1").partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value.strip())
                if length:
                    await reader.readexactly(length)
                results.append((time.perf_counter() - due, status))
            except Exception as error:  # a broken connection counts as an error, and is reopened
                results.append((time.perf_counter() - due, f"error:{type(error).__name__}"))
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
            if time.perf_counter() > deadline:
                return
    finally:
        writer.close()


async def run(args):
    bodies = [line.rstrip("\n").encode() for line in open(args.bodies, encoding="utf-8") if line.strip()]
    queue = asyncio.Queue()
    results = []
    total = int(args.rate * args.duration)
    deadline = time.perf_counter() + args.duration + args.grace
    workers = [
        asyncio.create_task(
            connection(args.host, args.port, queue, results, args.path, args.key, bodies, deadline)
        )
        for _ in range(args.connections)
    ]
    start = time.perf_counter() + 0.2
    for index in range(total):
        due = start + index / args.rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait((index, due))
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.wait(workers, timeout=args.grace + 5)
    elapsed = time.perf_counter() - start
    latencies = sorted(r[0] * 1000 for r in results)
    statuses = {}
    for _, status in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    errors = sum(count for status, count in statuses.items() if status != "200")
    summary = {
        "rate": args.rate,
        "duration_s": args.duration,
        "sent": total,
        "answered": len(results),
        "unanswered": total - len(results),
        "statuses": statuses,
        "errors": errors + (total - len(results)),
        "achieved_rate": round(len(results) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 50), 3) if latencies else None,
        "p90_ms": round(percentile(latencies, 90), 3) if latencies else None,
        "p99_ms": round(percentile(latencies, 99), 3) if latencies else None,
        "p999_ms": round(percentile(latencies, 99.9), 3) if latencies else None,
        "max_ms": round(latencies[-1], 3) if latencies else None,
    }
    print(json.dumps(summary))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", default="/v1/verifications")
    parser.add_argument("--key", required=True)
    parser.add_argument("--bodies", required=True, help="one JSON request body a line (cycled)")
    parser.add_argument("--rate", type=float, required=True, help="requests per second")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--grace", type=float, default=10, help="seconds to wait for the last answers")
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("loopback only")
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
