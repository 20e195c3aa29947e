#!/usr/bin/env python3
"""Checker for blind-extract-23 gold files."""
import glob, os, re, sys, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
EXCL = "/work/blind-extract-23-exclude.txt"
TYPES = set("""attack armed-clash government-regains-territory non-state-actor-overtakes-territory
chemical-weapon air-strike suicide-bomb shelling remote-explosive grenade sexual-violence
attack-on-civilians abduction peaceful-protest protest-with-intervention
excessive-force-against-protesters violent-demonstration mob-violence agreement arrests
change-to-group disrupted-weapons-use base-established looting negotiated-withdrawal
other-development military-deployment material-support accident attack-series""".split())
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")

def norm(u):
    u = u.strip().lower()
    u = re.sub(r"^https?://", "", u)
    u = re.sub(r"^www\.", "", u)
    return u.rstrip("/")

excl = set()
with open(EXCL, encoding="utf-8") as f:
    for line in f:
        if line.strip():
            excl.add(norm(line))

errors = []
def err(name, msg):
    errors.append(f"{name}: {msg}")

golds = sorted(glob.glob(os.path.join(HERE, "*.gold.toml")))
n_inc = n_cas = 0
urls = []
for g in golds:
    name = os.path.basename(g)[:-len(".gold.toml")]
    txtp = os.path.join(HERE, name + ".txt")
    if not os.path.exists(txtp):
        err(name, "missing .txt"); continue
    txt = open(txtp, encoding="utf-8").read()
    try:
        d = tomllib.load(open(g, "rb"))
    except Exception as e:
        err(name, f"TOML parse error: {e}"); continue
    a = d.get("article", {})
    for k in ("published", "publisher", "url", "source_note"):
        if not a.get(k):
            err(name, f"article.{k} missing")
    pub = a.get("published", "")
    if not re.match(r"^\d{4}-\d{2}(-\d{2})?$", pub):
        err(name, f"bad published {pub!r}")
    elif not ("2018" <= pub[:4] <= "2025"):
        err(name, f"published year out of range {pub}")
    if not name.startswith(pub):
        err(name, "NAME does not start with published date")
    u = a.get("url", "")
    urls.append(u)
    if norm(u) in excl:
        err(name, f"URL is in exclude list: {u}")
    incs = d.get("incident", [])
    ids = set()
    for i, inc in enumerate(incs):
        iid = inc.get("id")
        if not iid or iid in ids:
            err(name, f"incident {i}: missing/duplicate id {iid!r}")
        ids.add(iid)
        if inc.get("event_type") not in TYPES:
            err(name, f"incident {iid}: bad event_type {inc.get('event_type')!r}")
        ev = inc.get("evidence", "")
        if not ev or ev not in txt:
            err(name, f"incident {iid}: evidence not in txt: {ev[:60]!r}")
        if ("date" in inc) != ("date_text" in inc):
            err(name, f"incident {iid}: date/date_text not together")
        if "date" in inc and not DATE_RE.match(inc["date"]):
            err(name, f"incident {iid}: bad date {inc['date']!r}")
        if "date_text" in inc and inc["date_text"] not in txt:
            err(name, f"incident {iid}: date_text not in txt: {inc['date_text']!r}")
        if "place" in inc and inc["place"] not in txt:
            err(name, f"incident {iid}: place not in txt: {inc['place']!r}")
        if "place_qualifier" in inc and "place" not in inc:
            err(name, f"incident {iid}: place_qualifier without place")
        if not isinstance(inc.get("perpetrators", []), list) or not isinstance(inc.get("targets", []), list):
            err(name, f"incident {iid}: perpetrators/targets must be lists")
        if inc.get("background") and not (inc.get("place") or inc.get("date")):
            err(name, f"incident {iid}: background without place or date")
    cas = d.get("casualty", [])
    for j, c in enumerate(cas):
        if c.get("incident") not in ids:
            err(name, f"casualty {j}: unknown incident {c.get('incident')!r}")
        if c.get("type") not in ("killed", "wounded"):
            err(name, f"casualty {j}: bad type {c.get('type')!r}")
        for k in ("group", "quantity_text", "claimant", "evidence"):
            if not c.get(k):
                err(name, f"casualty {j}: {k} missing")
        ev = c.get("evidence", "")
        if ev not in txt:
            err(name, f"casualty {j}: evidence not in txt: {ev[:60]!r}")
        qt = c.get("quantity_text", "")
        if qt not in ev:
            err(name, f"casualty {j}: quantity_text {qt!r} not in evidence")
        mn, mx = c.get("min"), c.get("max")
        for v in (mn, mx):
            if v is not None and (not isinstance(v, int) or v < 0):
                err(name, f"casualty {j}: bad bound {v!r}")
        if mn is not None and mx is not None and mn > mx:
            err(name, f"casualty {j}: min > max")
        if "part_of" in c:
            p = c["part_of"]
            if not isinstance(p, int) or p < 0 or p >= len(cas) or p == j:
                err(name, f"casualty {j}: bad part_of {p!r}")
        if c.get("hedge") and c["hedge"] not in ("reportedly", "possibly", "purportedly", "apparently", "estimated"):
            err(name, f"casualty {j}: bad hedge {c['hedge']!r}")
    n_inc += len(incs); n_cas += len(cas)

# URLS.txt consistency
up = os.path.join(HERE, "URLS.txt")
if os.path.exists(up):
    listed = [l.strip() for l in open(up, encoding="utf-8") if l.strip()]
    if sorted(listed) != sorted(urls):
        err("URLS.txt", "does not match the gold URLs")
    for l in listed:
        if norm(l) in excl:
            err("URLS.txt", f"excluded URL listed: {l}")
else:
    err("URLS.txt", "missing")

print(f"articles={len(golds)} incidents={n_inc} claims={n_cas}")
if errors:
    print("\n".join(errors)); print(f"{len(errors)} ERRORS"); sys.exit(1)
print("ALL OK")
