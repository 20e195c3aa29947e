#!/usr/bin/env python3
"""Checker for blind-extract-8 gold set."""
import glob, os, re, sys, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
EXCL = "/work/blind-extract-8-exclude.txt"
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

errors = []
def err(f, m):
    errors.append(f"{os.path.basename(f)}: {m}")

excl = {norm(l) for l in open(EXCL, encoding="utf-8") if l.strip()}
tomls = sorted(glob.glob(os.path.join(HERE, "*.gold.toml")))
txts = sorted(glob.glob(os.path.join(HERE, "*.txt")))
txts = [t for t in txts if os.path.basename(t) != "URLS.txt"]
names_t = {os.path.basename(t)[:-len(".gold.toml")] for t in tomls}
names_x = {os.path.basename(t)[:-4] for t in txts}
for n in names_t ^ names_x:
    errors.append(f"{n}: missing .txt or .gold.toml partner")

n_inc = n_cas = 0
urls = []
for f in tomls:
    name = os.path.basename(f)[:-len(".gold.toml")]
    if not re.match(r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(-[a-z0-9]+)+$", name):
        err(f, "bad NAME pattern")
    try:
        with open(f, "rb") as fh:
            d = tomllib.load(fh)
    except Exception as e:
        err(f, f"TOML parse error: {e}"); continue
    tp = os.path.join(HERE, name + ".txt")
    if not os.path.exists(tp):
        continue
    raw = open(tp, "rb").read()
    txt = raw.decode("utf-8")
    a = d.get("article", {})
    for k in ("published", "publisher", "url", "source_note"):
        if not a.get(k): err(f, f"article.{k} missing")
    if a.get("published") and not re.match(r"^\d{4}-\d{2}(-\d{2})?$", a["published"]):
        err(f, "bad published")
    if a.get("published") and not name.startswith(a["published"]):
        err(f, "NAME does not start with published date")
    u = a.get("url", "")
    urls.append(u)
    if norm(u) in excl: err(f, f"URL is on exclude list: {u}")
    incs = d.get("incident", [])
    ids = set()
    for i, inc in enumerate(incs):
        n_inc += 1
        iid = inc.get("id")
        if not iid or iid in ids: err(f, f"incident {i}: missing/duplicate id")
        ids.add(iid)
        if inc.get("event_type") not in TYPES: err(f, f"incident {iid}: bad event_type {inc.get('event_type')}")
        ev = inc.get("evidence", "")
        if not ev or ev.encode("utf-8") not in raw: err(f, f"incident {iid}: evidence not in txt: {ev[:60]!r}")
        if "place" in inc and inc["place"] not in txt: err(f, f"incident {iid}: place not in txt: {inc['place']!r}")
        if ("date" in inc) != ("date_text" in inc): err(f, f"incident {iid}: date/date_text not together")
        if "date" in inc and not DATE_RE.match(inc["date"]): err(f, f"incident {iid}: bad date {inc['date']}")
        if "date_text" in inc and inc["date_text"] not in txt: err(f, f"incident {iid}: date_text not in txt")
        for k in ("perpetrators", "targets"):
            if not isinstance(inc.get(k, []), list): err(f, f"incident {iid}: {k} not a list")
    cas = d.get("casualty", [])
    for j, c in enumerate(cas):
        n_cas += 1
        if c.get("incident") not in ids: err(f, f"casualty {j}: bad incident ref {c.get('incident')}")
        if c.get("type") not in ("killed", "wounded"): err(f, f"casualty {j}: bad type")
        for k in ("group", "quantity_text", "claimant", "evidence"):
            if not c.get(k): err(f, f"casualty {j}: {k} missing")
        ev = c.get("evidence", "")
        if ev.encode("utf-8") not in raw: err(f, f"casualty {j}: evidence not in txt: {ev[:60]!r}")
        if c.get("quantity_text", "") not in ev: err(f, f"casualty {j}: quantity_text not in evidence")
        mn, mx = c.get("min"), c.get("max")
        for v in (mn, mx):
            if v is not None and (not isinstance(v, int) or v < 0): err(f, f"casualty {j}: bad min/max")
        if mn is not None and mx is not None and mn > mx: err(f, f"casualty {j}: min > max")
        if "part_of" in c:
            p = c["part_of"]
            if not isinstance(p, int) or p < 0 or p >= len(cas) or p == j:
                err(f, f"casualty {j}: bad part_of {p}")
            elif cas[p].get("claimant") != c.get("claimant"):
                err(f, f"casualty {j}: part_of whole has a different claimant")
        if c.get("hedge") and c["hedge"] not in ("reportedly", "possibly", "purportedly", "apparently", "estimated"):
            err(f, f"casualty {j}: bad hedge")

up = os.path.join(HERE, "URLS.txt")
if os.path.exists(up):
    listed = [l.strip() for l in open(up, encoding="utf-8") if l.strip()]
    for l in listed:
        if norm(l) in excl: errors.append(f"URLS.txt: excluded URL {l}")
    if sorted(listed) != sorted(urls): errors.append("URLS.txt does not match the article URLs")
else:
    errors.append("URLS.txt missing")

print(f"articles={len(tomls)} incidents={n_inc} casualty_claims={n_cas}")
if errors:
    print("\n".join(errors)); print(f"FAILED: {len(errors)} problem(s)"); sys.exit(1)
print("ALL OK")
