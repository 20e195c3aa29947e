#!/usr/bin/env python3
"""Checker for blind-extract-25 gold files."""
import glob, os, sys, tomllib
HERE = os.path.dirname(os.path.abspath(__file__))
EXCL = "/work/blind-extract-25-exclude.txt"
excl = set(l.strip() for l in open(EXCL, encoding="utf-8") if l.strip())
errs = []
n_art = n_inc = n_cas = 0
TYPES = set("""attack armed-clash government-regains-territory non-state-actor-overtakes-territory chemical-weapon air-strike suicide-bomb shelling remote-explosive grenade sexual-violence attack-on-civilians abduction peaceful-protest protest-with-intervention excessive-force-against-protesters violent-demonstration mob-violence agreement arrests change-to-group disrupted-weapons-use base-established looting negotiated-withdrawal other-development military-deployment material-support accident attack-series""".split())
urls = []
for g in sorted(glob.glob(os.path.join(HERE, "*.gold.toml"))):
    name = os.path.basename(g)[:-len(".gold.toml")]
    txtp = os.path.join(HERE, name + ".txt")
    def E(m): errs.append(f"{name}: {m}")
    if not os.path.exists(txtp):
        E("missing .txt"); continue
    raw = open(txtp, "rb").read()
    txt = raw.decode("utf-8")
    try:
        d = tomllib.load(open(g, "rb"))
    except Exception as e:
        E(f"toml parse error {e}"); continue
    n_art += 1
    a = d.get("article", {})
    for k in ("published", "publisher", "url", "source_note"):
        if not a.get(k): E(f"article.{k} missing")
    u = a.get("url", "")
    urls.append(u)
    if u in excl or u.rstrip("/") in {x.rstrip("/") for x in excl}: E(f"URL in exclude list: {u}")
    pub = a.get("published", "")
    if not (pub[:4].isdigit() and 2018 <= int(pub[:4]) <= 2025): E(f"published year out of range {pub}")
    incs = d.get("incident", [])
    ids = set()
    for i, inc in enumerate(incs):
        n_inc += 1
        iid = inc.get("id")
        if not iid or iid in ids: E(f"incident {i} bad/duplicate id {iid}")
        ids.add(iid)
        if inc.get("event_type") not in TYPES: E(f"incident {iid} bad event_type {inc.get('event_type')}")
        ev = inc.get("evidence", "")
        if not ev or ev.encode("utf-8") not in raw: E(f"incident {iid} evidence not in txt: {ev[:60]!r}")
        if ("date" in inc) != ("date_text" in inc): E(f"incident {iid} date/date_text not together")
        if "date_text" in inc and inc["date_text"] not in txt: E(f"incident {iid} date_text not in txt")
        if "place" in inc and inc["place"] not in txt: E(f"incident {iid} place not in txt: {inc['place']}")
    cas = d.get("casualty", [])
    for j, c in enumerate(cas):
        n_cas += 1
        if c.get("incident") not in ids: E(f"casualty {j} bad incident ref {c.get('incident')}")
        if c.get("type") not in ("killed", "wounded"): E(f"casualty {j} bad type")
        ev = c.get("evidence", "")
        if not ev or ev.encode("utf-8") not in raw: E(f"casualty {j} evidence not in txt: {ev[:60]!r}")
        qt = c.get("quantity_text", "")
        if not qt or qt not in ev: E(f"casualty {j} quantity_text not in evidence: {qt!r}")
        if not c.get("claimant"): E(f"casualty {j} claimant missing")
        mn, mx = c.get("min"), c.get("max")
        if mn is not None and mx is not None and mn > mx: E(f"casualty {j} min > max")
        if "part_of" in c:
            p = c["part_of"]
            if not isinstance(p, int) or p < 0 or p >= len(cas) or p == j: E(f"casualty {j} bad part_of {p}")
if os.path.exists(os.path.join(HERE, "URLS.txt")):
    listed = [l.strip() for l in open(os.path.join(HERE, "URLS.txt"), encoding="utf-8") if l.strip()]
    for l in listed:
        if l in excl: errs.append(f"URLS.txt: excluded URL {l}")
    if sorted(listed) != sorted(urls): errs.append("URLS.txt does not match gold urls")
print(f"articles={n_art} incidents={n_inc} claims={n_cas}")
if errs:
    print("\n".join(errs)); print("FAILED"); sys.exit(1)
print("ALL OK")
