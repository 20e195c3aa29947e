#!/usr/bin/env python3
"""Checker for blind-extract-13 gold files."""
import glob, os, re, sys, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
EXCL = os.path.join(os.path.dirname(HERE), "blind-extract-13-exclude.txt")
EVENT_TYPES = set("""attack armed-clash government-regains-territory non-state-actor-overtakes-territory
chemical-weapon air-strike suicide-bomb shelling remote-explosive grenade sexual-violence
attack-on-civilians abduction peaceful-protest protest-with-intervention
excessive-force-against-protesters violent-demonstration mob-violence agreement arrests
change-to-group disrupted-weapons-use base-established looting negotiated-withdrawal
other-development military-deployment material-support accident attack-series""".split())
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")

def norm(u):
    return u.strip().rstrip("/").lower()

excluded = set()
if os.path.exists(EXCL):
    excluded = {norm(l) for l in open(EXCL, encoding="utf-8") if l.strip()}

errors = []
n_art = n_inc = n_cas = 0
urls = []
for g in sorted(glob.glob(os.path.join(HERE, "*.gold.toml"))):
    name = os.path.basename(g)[:-len(".gold.toml")]
    txtp = os.path.join(HERE, name + ".txt")
    def err(m):
        errors.append(f"{name}: {m}")
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
        if not a.get(k):
            err(f"article.{k} missing")
    if a.get("published") and not re.match(r"^\d{4}-\d{2}(-\d{2})?$", a["published"]):
        err("bad published")
    if not name.startswith(a.get("published", "????")):
        err("NAME does not start with published date")
    url = a.get("url", "")
    urls.append(url)
    if norm(url) in excluded:
        err(f"URL is in exclude list: {url}")
    incs = d.get("incident", [])
    ids = set()
    for i, inc in enumerate(incs):
        n_inc += 1
        iid = inc.get("id")
        if not iid or iid in ids:
            err(f"incident {i}: missing/duplicate id")
        ids.add(iid)
        if inc.get("event_type") not in EVENT_TYPES:
            err(f"incident {iid}: bad event_type {inc.get('event_type')}")
        ev = inc.get("evidence", "")
        if not ev or ev not in txt:
            err(f"incident {iid}: evidence not in txt: {ev[:60]!r}")
        if ("date" in inc) != ("date_text" in inc):
            err(f"incident {iid}: date/date_text not together")
        if "date" in inc and not DATE_RE.match(inc["date"]):
            err(f"incident {iid}: bad date {inc['date']}")
        if "date_text" in inc and inc["date_text"] not in txt:
            err(f"incident {iid}: date_text not in txt")
        if "place" in inc and inc["place"] not in txt:
            err(f"incident {iid}: place not in txt: {inc['place']}")
        if not isinstance(inc.get("perpetrators", []), list) or not isinstance(inc.get("targets", []), list):
            err(f"incident {iid}: perpetrators/targets not lists")
    cas = d.get("casualty", [])
    for j, c in enumerate(cas):
        n_cas += 1
        if c.get("incident") not in ids:
            err(f"casualty {j}: bad incident ref {c.get('incident')}")
        if c.get("type") not in ("killed", "wounded"):
            err(f"casualty {j}: bad type")
        for k in ("group", "quantity_text", "claimant", "evidence"):
            if not c.get(k):
                err(f"casualty {j}: {k} missing")
        ev = c.get("evidence", "")
        if ev not in txt:
            err(f"casualty {j}: evidence not in txt: {ev[:60]!r}")
        if c.get("quantity_text", "\0") not in ev:
            err(f"casualty {j}: quantity_text not in evidence")
        mn, mx = c.get("min"), c.get("max")
        if mn is not None and mx is not None and mn > mx:
            err(f"casualty {j}: min > max")
        if "part_of" in c:
            p = c["part_of"]
            if not isinstance(p, int) or p < 0 or p >= len(cas) or p == j:
                err(f"casualty {j}: bad part_of {p}")
            elif cas[p].get("incident") != c.get("incident"):
                err(f"casualty {j}: part_of points to other incident")
        if c.get("hedge") and c["hedge"] not in ("reportedly", "possibly", "purportedly", "apparently", "estimated"):
            err(f"casualty {j}: bad hedge")

# URLS.txt consistency
up = os.path.join(HERE, "URLS.txt")
if os.path.exists(up):
    listed = [l.strip() for l in open(up, encoding="utf-8") if l.strip()]
    for u in listed:
        if norm(u) in excluded:
            errors.append(f"URLS.txt: excluded URL {u}")
    if sorted(listed) != sorted(urls):
        errors.append("URLS.txt does not match gold URLs")
else:
    errors.append("URLS.txt missing")

print(f"articles={n_art} incidents={n_inc} casualty_claims={n_cas}")
if errors:
    print("\n".join(errors)); print(f"{len(errors)} ERROR(S)"); sys.exit(1)
print("ALL OK")
