#!/usr/bin/env python3
"""Checker for blind-extract-14 gold files."""
import glob, os, sys, tomllib, re
HERE = os.path.dirname(os.path.abspath(__file__))
EXCL = "/work/blind-extract-14-exclude.txt"
EVENT_TYPES = set("""attack armed-clash government-regains-territory non-state-actor-overtakes-territory
chemical-weapon air-strike suicide-bomb shelling remote-explosive grenade sexual-violence
attack-on-civilians abduction peaceful-protest protest-with-intervention
excessive-force-against-protesters violent-demonstration mob-violence agreement arrests
change-to-group disrupted-weapons-use base-established looting negotiated-withdrawal
other-development military-deployment material-support accident attack-series""".split())
def norm(u):
    u = u.strip().lower()
    u = re.sub(r'^https?://', '', u)
    u = re.sub(r'^www\.', '', u)
    return u.rstrip('/')
excl = {norm(l) for l in open(EXCL) if l.strip()}
errors = []
n_art = n_inc = n_cas = 0
urls_seen = []
for g in sorted(glob.glob(os.path.join(HERE, "*.gold.toml"))):
    name = os.path.basename(g)[:-len(".gold.toml")]
    txtp = os.path.join(HERE, name + ".txt")
    def err(m): errors.append(f"{name}: {m}")
    if not os.path.exists(txtp):
        err("missing .txt"); continue
    txt = open(txtp, encoding="utf-8").read()
    try:
        d = tomllib.load(open(g, "rb"))
    except Exception as e:
        err(f"TOML parse error: {e}"); continue
    n_art += 1
    a = d.get("article", {})
    for k in ("published", "publisher", "url", "source_note"):
        if k not in a: err(f"article.{k} missing")
    if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", a.get("published", "")):
        err("bad published")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+", name): err("bad NAME")
    if norm(a.get("url", "")) in excl: err("URL is in exclude list")
    urls_seen.append(a.get("url", ""))
    incs = d.get("incident", [])
    ids = set()
    for i, inc in enumerate(incs):
        n_inc += 1
        iid = inc.get("id")
        if iid in ids: err(f"duplicate incident id {iid}")
        ids.add(iid)
        if inc.get("event_type") not in EVENT_TYPES: err(f"incident {iid}: bad event_type {inc.get('event_type')}")
        ev = inc.get("evidence", "")
        if not ev or ev not in txt: err(f"incident {iid}: evidence not in txt: {ev[:60]!r}")
        if "place" in inc and inc["place"] not in txt: err(f"incident {iid}: place not in txt: {inc['place']!r}")
        if ("date" in inc) != ("date_text" in inc): err(f"incident {iid}: date/date_text not together")
        if "date_text" in inc and inc["date_text"] not in txt: err(f"incident {iid}: date_text not in txt")
        if "date" in inc and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?", inc["date"]): err(f"incident {iid}: bad date")
        for k in ("perpetrators", "targets"):
            if not isinstance(inc.get(k, []), list): err(f"incident {iid}: {k} not list")
    cas = d.get("casualty", [])
    for j, c in enumerate(cas):
        n_cas += 1
        if c.get("incident") not in ids: err(f"casualty {j}: bad incident ref {c.get('incident')}")
        if c.get("type") not in ("killed", "wounded"): err(f"casualty {j}: bad type")
        ev = c.get("evidence", "")
        if not ev or ev not in txt: err(f"casualty {j}: evidence not in txt: {ev[:60]!r}")
        qt = c.get("quantity_text", "")
        if not qt or qt not in ev: err(f"casualty {j}: quantity_text not in evidence: {qt!r}")
        if "min" in c and "max" in c and c["min"] > c["max"]: err(f"casualty {j}: min > max")
        if "claimant" not in c: err(f"casualty {j}: no claimant")
        if "part_of" in c:
            p = c["part_of"]
            if not isinstance(p, int) or p < 0 or p >= len(cas) or p == j: err(f"casualty {j}: bad part_of {p}")
        if "hedge" in c and c["hedge"] not in ("reportedly", "possibly", "purportedly", "apparently", "estimated"):
            err(f"casualty {j}: bad hedge")
# URLS.txt
up = os.path.join(HERE, "URLS.txt")
if os.path.exists(up):
    for l in open(up):
        if l.strip() and norm(l) in excl: errors.append(f"URLS.txt: excluded URL {l.strip()}")
    listed = {l.strip() for l in open(up) if l.strip()}
    for u in urls_seen:
        if u not in listed: errors.append(f"URLS.txt lacks {u}")
else:
    errors.append("URLS.txt missing")
print(f"articles={n_art} incidents={n_inc} casualty_claims={n_cas}")
if errors:
    print("\n".join(errors)); print(f"{len(errors)} ERROR(S)"); sys.exit(1)
print("ALL OK")
