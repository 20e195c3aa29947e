#!/usr/bin/env python3
"""Load generator for bench/serve.sh: N client threads, each on its own kept-alive connection,
send SPARQL queries (GET /PATH?query=…) round-robin from a list; prints one TSV line per cell.

  serve_load.py HOST:PORT PATH CLIENTS SECONDS MIN_QUERIES SERVER_PID QUERY_FILE…

Phases of a cell (closed loop: each client sends its next query when it has the answer):
  warm-up  until every client has had one answer (so the measured window starts with every
           client busy, and a slow query does not end up half in, half out of it);
  window   at least SECONDS and at least MIN_QUERIES answers (at most 20 × SECONDS): only the
           answers that arrive in the window count, for queries/s and p50/p99 latency;
  drain    the clients stop sending and wait for their last answers (errors there count too).
The server's CPU time (utime + stime of SERVER_PID, from /proc) over the window gives
CPU-seconds per answer, which other processes on the machine do not change the way they
change wall-clock rates.

Every request carries the same headers whatever the server: `Accept: application/sparql-
results+json`, `Accept-Encoding: identity` (http.client's default; neither server compresses)
and `Connection: keep-alive`. Every answer must be 200 with a whole body (http.client raises on
a cut chunked transfer); anything else counts as an error (printed to stderr once per kind).

Output columns: requests errors seconds qps p50_ms p99_ms cpu_s cpu_ms_per_query load1
(load1: the 1-minute load average at the end of the window)."""
import http.client
import os
import sys
import threading
import time
import urllib.parse

HEADERS = {
    "Accept": "application/sparql-results+json",
    "Accept-Encoding": "identity",
    "Connection": "keep-alive",
}


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        # The command name (field 2) may hold spaces: split after its closing parenthesis.
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    addr, path = sys.argv[1], sys.argv[2]
    clients, seconds, min_queries = int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
    pid = int(sys.argv[6])
    queries = [open(f, encoding="utf-8").read() for f in sys.argv[7:]]
    host, port = addr.rsplit(":", 1)
    targets = [path + "?query=" + urllib.parse.quote(q) for q in queries]

    lock = threading.Lock()
    answers = []  # (end time, latency) of every successful answer
    errors = []  # end time of every failed request
    warm = [0] * clients  # answers per client
    seen = set()
    stop = threading.Event()

    def client(k):
        conn = http.client.HTTPConnection(host, int(port), timeout=300)
        i = k
        while not stop.is_set():
            target = targets[i % len(targets)]
            i += 1
            start = time.monotonic()
            try:
                conn.request("GET", target, headers=HEADERS)
                r = conn.getresponse()
                body = r.read()
                if r.status != 200:
                    raise RuntimeError(f"{r.status} {body[:120]!r}")
                if r.getheader("Connection", "").lower() == "close":
                    conn.close()
                end = time.monotonic()
                with lock:
                    answers.append((end, end - start))
                    warm[k] += 1
            except Exception as e:  # noqa: BLE001 — every failure counts
                end = time.monotonic()
                kind = type(e).__name__ + ": " + str(e)[:100]
                with lock:
                    errors.append(end)
                    warm[k] += 1
                    if kind not in seen:
                        seen.add(kind)
                        print("error:", kind, file=sys.stderr)
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=300)

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    while True:
        with lock:
            if all(warm):
                break
        time.sleep(0.01)
    t0, cpu0 = time.monotonic(), cpu_seconds(pid)
    while True:
        time.sleep(0.05)
        now = time.monotonic()
        with lock:
            counted = sum(1 for end, _ in answers if end > t0)
        if (now - t0 >= seconds and counted >= min_queries) or now - t0 >= 20 * seconds:
            break
    t1, cpu1 = time.monotonic(), cpu_seconds(pid)
    load1 = open("/proc/loadavg", encoding="ascii").read().split()[0]
    stop.set()
    for t in threads:
        t.join()
    with lock:
        window = sorted(lat for end, lat in answers if t0 < end <= t1)
        failed = sum(1 for end in errors if end > t0)
    n, wall, cpu = len(window), t1 - t0, cpu1 - cpu0
    if n < min_queries:
        print(f"warning: only {n} answers in {wall:.0f} s (wanted {min_queries})", file=sys.stderr)
    pct = lambda p: window[min(n - 1, int(p * n))] * 1000 if n else float("nan")
    per_query = cpu / n * 1000 if n else float("nan")
    print(
        f"{n}\t{failed}\t{wall:.2f}\t{n / wall:.2f}\t{pct(0.50):.1f}\t{pct(0.99):.1f}"
        f"\t{cpu:.2f}\t{per_query:.2f}\t{load1}"
    )


if __name__ == "__main__":
    main()
