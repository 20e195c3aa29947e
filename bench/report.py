"""Prints the benchmark's throughputs and its ratios against the targets of issue 5, from the
results.tsv that bench/run.sh writes (rows, step, wall seconds, peak RSS KiB, triples)."""
import sys
from collections import defaultdict

r = defaultdict(dict)
for line in open(sys.argv[1]):
    rows, step, wall, rss, triples = line.rstrip("\n").split("\t")
    r[int(rows)][step] = (float(wall), int(rss), int(triples))

def ok(flag):
    return "meets" if flag else "MISSES"

for n in sorted(r):
    s = r[n]
    print(f"\n== {n} rows ==")
    for step, (wall, rss, triples) in s.items():
        if step == "ckg-store-bytes":
            print(f"  {'store size':24} {wall / 2**20:10.0f} MiB")
            continue
        if step.startswith("query:"):
            print(f"  {step:24} {wall:8.2f} s  {triples:>9} result rows")
            continue
        rate = f"{n / wall:9.0f} rows/s" + (f"  {triples / wall:10.0f} triples/s" if triples else "")
        print(f"  {step:24} {wall:8.2f} s  {rss / 1024:7.0f} MiB  {rate}  ({triples} triples)")
    if "ckg-import" not in s:
        continue
    imp, floor = s["ckg-import"], s["bulk-load-floor"]
    morph, mload, conv = s["morph-kgc"], s["morph-bulk-load"], s["convert-nquads"]
    e2e_vs_floor = (imp[2] / imp[0]) / (floor[2] / floor[0])
    peer_rows = n / (morph[0] + mload[0])
    e2e_vs_peer = (n / imp[0]) / peer_rows
    conv_vs_morph = (conv[2] / conv[0]) / (morph[2] / morph[0])
    print(f"  end-to-end vs bulk-load floor (triples/s): {e2e_vs_floor:5.2f}x  target >= 0.75x  {ok(e2e_vs_floor >= 0.75)}")
    print(f"  end-to-end vs Morph-KGC + bulk load (rows/s): {e2e_vs_peer:5.2f}x  target >= 1.5x  {ok(e2e_vs_peer >= 1.5)}")
    print(f"  conversion vs Morph-KGC (triples/s): {conv_vs_morph:5.2f}x  target >= 5x  {ok(conv_vs_morph >= 5)}")
    gib = imp[1] / 2**20
    print(f"  ckg import peak RSS: {gib:5.2f} GiB  target < 1.5 GiB  {ok(gib < 1.5)}")
sizes = sorted(n for n in r if "ckg-import" in r[n])
if len(sizes) >= 2:
    a, b = r[sizes[0]]["ckg-import"][1], r[sizes[-1]]["ckg-import"][1]
    print(f"\npeak RSS {sizes[0]} → {sizes[-1]} rows: {a / 1024:.0f} → {b / 1024:.0f} MiB ({b / a:.2f}x for {sizes[-1] / sizes[0]:.0f}x the rows)")
