#!/usr/bin/env python3
"""Load generator for bench/serve.sh: N client threads, each on its own kept-alive connection,
send SPARQL queries (GET /PATH?query=…, Accept: SPARQL JSON) round-robin from a list for a fixed
time; prints one TSV line: requests, errors, seconds, queries/s, p50 ms, p99 ms.

  serve_load.py HOST:PORT PATH CLIENTS SECONDS QUERY_FILE…

Every answer must be 200 with a whole body (http.client raises on a cut chunked transfer);
anything else counts as an error (and is printed to stderr once per kind)."""
import http.client
import sys
import threading
import time
import urllib.parse


def main():
    addr, path, clients, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    queries = [open(f, encoding="utf-8").read() for f in sys.argv[5:]]
    host, port = addr.rsplit(":", 1)
    targets = [path + "?query=" + urllib.parse.quote(q) for q in queries]
    latencies, errors, seen = [], [0], set()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(k):
        conn = http.client.HTTPConnection(host, int(port), timeout=120)
        i, mine, bad = k, [], 0
        while time.monotonic() < deadline:
            target = targets[i % len(targets)]
            i += 1
            start = time.perf_counter()
            try:
                conn.request("GET", target, headers={"Accept": "application/sparql-results+json"})
                r = conn.getresponse()
                body = r.read()
                if r.status != 200:
                    raise RuntimeError(f"{r.status} {body[:120]!r}")
                if r.getheader("Connection", "").lower() == "close":
                    conn.close()
                mine.append(time.perf_counter() - start)
            except Exception as e:  # noqa: BLE001 — every failure counts
                bad += 1
                kind = type(e).__name__ + ": " + str(e)[:100]
                with lock:
                    if kind not in seen:
                        seen.add(kind)
                        print("error:", kind, file=sys.stderr)
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=120)
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    latencies.sort()
    n = len(latencies)
    pct = lambda p: latencies[min(n - 1, int(p * n))] * 1000 if n else float("nan")
    print(f"{n}\t{errors[0]}\t{wall:.2f}\t{n / wall:.1f}\t{pct(0.50):.1f}\t{pct(0.99):.1f}")


if __name__ == "__main__":
    main()
