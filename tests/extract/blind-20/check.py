#!/usr/bin/env python3
"""Checker for the blind extraction gold set in this folder."""
import glob, os, re, sys, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
EXCL = os.path.join(os.path.dirname(HERE), "blind-extract-20-exclude.txt")
TYPES = set("""attack armed-clash government-regains-territory non-state-actor-overtakes-territory
chemical-weapon air-strike suicide-bomb shelling remote-explosive grenade sexual-violence
attack-on-civilians abduction peaceful-protest protest-with-intervention
excessive-force-against-protesters violent-demonstration mob-violence agreement arrests
change-to-group disrupted-weapons-use base-established looting negotiated-withdrawal
other-development military-deployment material-support accident attack-series""".split())
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")

def norm(u):
    return re.sub(r"^https?://(www\.)?", "", u.strip()).rstrip("/").lower()

excl = set()
if os.path.exists(EXCL):
    excl = {norm(l) for l in open(EXCL, encoding="utf-8") if l.strip()}

errors = []
n_art = n_inc = n_cas = 0
urls = []
for g in sorted(glob.glob(os.path.join(HERE, "*.gold.toml"))):
    name = os.path.basename(g)[:-len(".gold.toml")]
    def err(m): errors.append(f"{name}: {m}")
    tp = os.path.join(HERE, name + ".txt")
    if not os.path.exists(tp):
        err("missing .txt"); continue
    txt = open(tp, encoding="utf-8").read()
    try:
        d = tomllib.load(open(g, "rb"))
    except Exception as e:
        err(f"TOML parse error: {e}"); continue
    n_art += 1
    a = d.get("article", {})
    for k in ("published", "publisher", "url", "source_note"):
        if not a.get(k): err(f"article.{k} missing")
    pub = a.get("published", "")
    if not re.match(r"^\d{4}-\d{2}(-\d{2})?$", pub): err(f"bad published {pub!r}")
    elif not ("2018" <= pub[:4] <= "2025"): err(f"published year out of range {pub}")
    if not name.startswith(pub[:10]) : err("NAME does not start with published date")
    if name != name.lower() or " " in name: err("NAME not lower-case/hyphenated")
    u = a.get("url", "")
    urls.append(u)
    if norm(u) in excl: err(f"URL in exclude list: {u}")
    incs = d.get("incident", [])
    ids = set()
    for i, inc in enumerate(incs):
        n_inc += 1
        iid = inc.get("id")
        if not iid: err(f"incident {i} no id")
        if iid in ids: err(f"duplicate incident id {iid}")
        ids.add(iid)
        if inc.get("event_type") not in TYPES: err(f"incident {iid} bad event_type {inc.get('event_type')}")
        ev = inc.get("evidence", "")
        if not ev or ev not in txt: err(f"incident {iid} evidence not in txt: {ev[:60]!r}")
        if "place" in inc and inc["place"] not in txt: err(f"incident {iid} place not in txt: {inc['place']!r}")
        if ("date" in inc) != ("date_text" in inc): err(f"incident {iid} date/date_text not together")
        if "date_text" in inc and inc["date_text"] not in txt: err(f"incident {iid} date_text not in txt: {inc['date_text']!r}")
        if "date" in inc and not DATE_RE.match(inc["date"]): err(f"incident {iid} bad date {inc['date']!r}")
        for k in ("perpetrators", "targets"):
            if k in inc and not isinstance(inc[k], list): err(f"incident {iid} {k} not list")
    cas = d.get("casualty", [])
    for j, c in enumerate(cas):
        n_cas += 1
        if c.get("incident") not in ids: err(f"casualty {j} bad incident ref {c.get('incident')!r}")
        if c.get("type") not in ("killed", "wounded"): err(f"casualty {j} bad type")
        for k in ("group", "quantity_text", "claimant", "evidence"):
            if not c.get(k): err(f"casualty {j} missing {k}")
        ev = c.get("evidence", "")
        if ev not in txt: err(f"casualty {j} evidence not in txt: {ev[:60]!r}")
        if c.get("quantity_text", "") not in ev: err(f"casualty {j} quantity_text not in evidence: {c.get('quantity_text')!r}")
        mn, mx = c.get("min"), c.get("max")
        for v in (mn, mx):
            if v is not None and not isinstance(v, int): err(f"casualty {j} min/max not int")
        if mn is not None and mx is not None and mn > mx: err(f"casualty {j} min > max")
        if "part_of" in c:
            p = c["part_of"]
            if not isinstance(p, int) or not (0 <= p < len(cas)) or p == j: err(f"casualty {j} bad part_of {p}")
            elif cas[p].get("incident") != c.get("incident"): err(f"casualty {j} part_of other incident")
        if "hedge" in c and c["hedge"] not in ("reportedly", "possibly", "purportedly", "apparently", "estimated"):
            err(f"casualty {j} bad hedge {c['hedge']}")
# URLS.txt consistency
up = os.path.join(HERE, "URLS.txt")
if os.path.exists(up):
    listed = [l.strip() for l in open(up, encoding="utf-8") if l.strip()]
    for l in listed:
        if norm(l) in excl: errors.append(f"URLS.txt: excluded URL {l}")
    for u in urls:
        if u not in listed: errors.append(f"URLS.txt lacks {u}")
if len(set(map(norm, urls))) != len(urls): errors.append("duplicate article URL")
print(f"articles={n_art} incidents={n_inc} claims={n_cas}")
if errors:
    print("\n".join(errors)); print(f"{len(errors)} ERROR(S)"); sys.exit(1)
print("ALL OK")
