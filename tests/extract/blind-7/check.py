#!/usr/bin/env python3
"""Checker for blind-extract-7 gold files."""
import glob, os, re, sys, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
EXCL = "/work/blind-extract-7-exclude.txt"
EVENT_TYPES = set("""attack armed-clash government-regains-territory non-state-actor-overtakes-territory
chemical-weapon air-strike suicide-bomb shelling remote-explosive grenade sexual-violence
attack-on-civilians abduction peaceful-protest protest-with-intervention
excessive-force-against-protesters violent-demonstration mob-violence agreement arrests
change-to-group disrupted-weapons-use base-established looting negotiated-withdrawal
other-development military-deployment material-support accident attack-series""".split())
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
HEDGES = {"reportedly", "possibly", "purportedly", "apparently", "estimated"}

def norm_url(u):
    u = u.strip().lower()
    u = re.sub(r"^https?://", "", u)
    u = re.sub(r"^www\.", "", u)
    return u.rstrip("/")

errors = []
def err(f, m): errors.append(f"{os.path.basename(f)}: {m}")

excl = {norm_url(l) for l in open(EXCL, encoding="utf-8") if l.strip()}
golds = sorted(glob.glob(os.path.join(HERE, "*.gold.toml")))
n_inc = n_cas = 0
urls = []
for g in golds:
    txtp = g[:-len(".gold.toml")] + ".txt"
    if not os.path.exists(txtp):
        err(g, "missing .txt"); continue
    txt = open(txtp, encoding="utf-8").read()
    try:
        d = tomllib.load(open(g, "rb"))
    except Exception as e:
        err(g, f"TOML parse error: {e}"); continue
    a = d.get("article", {})
    for k in ("published", "publisher", "url", "source_note"):
        if k not in a: err(g, f"article.{k} missing")
    if not DATE_RE.match(str(a.get("published", ""))): err(g, "bad published")
    name = os.path.basename(g)[:-len(".gold.toml")]
    if not re.match(r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$", name): err(g, "bad NAME")
    if not name.startswith(str(a.get("published", ""))[:10]): err(g, "NAME date != published")
    u = a.get("url", ""); urls.append(u)
    if norm_url(u) in excl: err(g, f"URL is on exclude list: {u}")
    incs = d.get("incident", []); cas = d.get("casualty", [])
    n_inc += len(incs); n_cas += len(cas)
    ids = set()
    for i, inc in enumerate(incs):
        w = f"incident[{i}]"
        if inc.get("id") in ids: err(g, f"{w} duplicate id")
        ids.add(inc.get("id"))
        if inc.get("event_type") not in EVENT_TYPES: err(g, f"{w} bad event_type {inc.get('event_type')}")
        if ("date" in inc) != ("date_text" in inc): err(g, f"{w} date/date_text not together")
        if "date" in inc and not DATE_RE.match(inc["date"]): err(g, f"{w} bad date {inc['date']}")
        if "date_text" in inc and inc["date_text"] not in txt: err(g, f"{w} date_text not in txt: {inc['date_text']!r}")
        if "place" in inc and inc["place"] not in txt: err(g, f"{w} place not in txt: {inc['place']!r}")
        ev = inc.get("evidence", "")
        if not ev or ev.encode() not in txt.encode(): err(g, f"{w} evidence not substring: {ev[:60]!r}")
        for k in ("perpetrators", "targets"):
            if not isinstance(inc.get(k, []), list): err(g, f"{w} {k} not a list")
        if "date_text" in inc and "evidence" in inc and inc["date_text"] not in ev and inc["date_text"] not in txt:
            err(g, f"{w} date_text missing")
    for j, c in enumerate(cas):
        w = f"casualty[{j}]"
        if c.get("incident") not in ids: err(g, f"{w} bad incident ref {c.get('incident')}")
        if c.get("type") not in ("killed", "wounded"): err(g, f"{w} bad type")
        for k in ("group", "quantity_text", "claimant", "evidence"):
            if k not in c: err(g, f"{w} {k} missing")
        ev = c.get("evidence", "")
        if ev.encode() not in txt.encode(): err(g, f"{w} evidence not substring: {ev[:60]!r}")
        if c.get("quantity_text", "\0") not in ev: err(g, f"{w} quantity_text not in evidence: {c.get('quantity_text')!r}")
        mn, mx = c.get("min"), c.get("max")
        for v in (mn, mx):
            if v is not None and not isinstance(v, int): err(g, f"{w} min/max not int")
        if mn is not None and mx is not None and mn > mx: err(g, f"{w} min > max")
        if "hedge" in c and c["hedge"] not in HEDGES: err(g, f"{w} bad hedge")
        if "part_of" in c:
            p = c["part_of"]
            if not isinstance(p, int) or p < 0 or p >= len(cas) or p == j: err(g, f"{w} bad part_of {p}")
            elif cas[p].get("incident") != c.get("incident"): err(g, f"{w} part_of other incident")
# URLS.txt consistency
up = os.path.join(HERE, "URLS.txt")
if os.path.exists(up):
    listed = [l.strip() for l in open(up, encoding="utf-8") if l.strip()]
    for l in listed:
        if norm_url(l) in excl: errors.append(f"URLS.txt: excluded URL {l}")
    if sorted(listed) != sorted(urls): errors.append("URLS.txt does not match gold urls")
else:
    errors.append("URLS.txt missing")
print(f"articles={len(golds)} incidents={n_inc} casualty_claims={n_cas}")
if errors:
    print("\n".join(errors)); print(f"{len(errors)} ERROR(S)"); sys.exit(1)
print("ALL OK")
