#!/usr/bin/env python3
"""Checker for blind-extract-24 gold files."""
import glob, os, re, sys, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
EXCL = "/work/blind-extract-24-exclude.txt"
EVENT_TYPES = {"attack", "armed-clash", "government-regains-territory",
    "non-state-actor-overtakes-territory", "chemical-weapon", "air-strike", "suicide-bomb",
    "shelling", "remote-explosive", "grenade", "sexual-violence", "attack-on-civilians",
    "abduction", "peaceful-protest", "protest-with-intervention",
    "excessive-force-against-protesters", "violent-demonstration", "mob-violence", "agreement",
    "arrests", "change-to-group", "disrupted-weapons-use", "base-established", "looting",
    "negotiated-withdrawal", "other-development", "military-deployment", "material-support",
    "accident", "attack-series"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")

def norm(u):
    u = u.strip().lower()
    u = re.sub(r"^https?://", "", u)
    u = re.sub(r"^www\.", "", u)
    return u.rstrip("/")

excluded = set()
with open(EXCL, encoding="utf-8") as f:
    for line in f:
        if line.strip():
            excluded.add(norm(line))

errors = []
n_art = n_inc = n_cas = 0
urls_seen = {}
for g in sorted(glob.glob(os.path.join(HERE, "*.gold.toml"))):
    name = os.path.basename(g)[:-len(".gold.toml")]
    def err(msg):
        errors.append(f"{name}: {msg}")
    txtp = os.path.join(HERE, name + ".txt")
    if not os.path.exists(txtp):
        err("missing .txt"); continue
    with open(txtp, "rb") as f:
        txt = f.read().decode("utf-8")
    try:
        with open(g, "rb") as f:
            d = tomllib.load(f)
    except Exception as e:
        err(f"TOML parse error: {e}"); continue
    n_art += 1
    a = d.get("article", {})
    for k in ("published", "publisher", "url", "source_note"):
        if not a.get(k):
            err(f"article.{k} missing")
    pub = a.get("published", "")
    if not re.match(r"^\d{4}-\d{2}(-\d{2})?$", pub):
        err(f"bad published {pub!r}")
    elif not ("2018" <= pub[:4] <= "2025"):
        err(f"published year out of range {pub}")
    if not name.startswith(pub):
        err("file name does not start with published date")
    u = a.get("url", "")
    if norm(u) in excluded:
        err(f"URL is in exclude list: {u}")
    if norm(u) in urls_seen:
        err(f"URL also used by {urls_seen[norm(u)]}")
    urls_seen[norm(u)] = name
    incs = d.get("incident", [])
    ids = set()
    for i, inc in enumerate(incs):
        n_inc += 1
        iid = inc.get("id")
        if not iid: err(f"incident {i} no id")
        if iid in ids: err(f"duplicate incident id {iid}")
        ids.add(iid)
        if inc.get("event_type") not in EVENT_TYPES:
            err(f"incident {iid}: bad event_type {inc.get('event_type')}")
        ev = inc.get("evidence", "")
        if not ev or ev not in txt:
            err(f"incident {iid}: evidence not in text: {ev[:60]!r}")
        if ("date" in inc) != ("date_text" in inc):
            err(f"incident {iid}: date and date_text must be present together")
        if "date" in inc and not DATE_RE.match(inc["date"]):
            err(f"incident {iid}: bad date {inc['date']}")
        if "date_text" in inc and inc["date_text"] not in txt:
            err(f"incident {iid}: date_text not in text: {inc['date_text']!r}")
        if "place" in inc and inc["place"] not in txt:
            err(f"incident {iid}: place not in text: {inc['place']!r}")
        if "place_qualifier" in inc and "place" not in inc:
            err(f"incident {iid}: place_qualifier without place")
        for k in ("perpetrators", "targets"):
            if k in inc and not isinstance(inc[k], list):
                err(f"incident {iid}: {k} not a list")
    cas = d.get("casualty", [])
    for j, c in enumerate(cas):
        n_cas += 1
        if c.get("incident") not in ids:
            err(f"casualty {j}: unknown incident {c.get('incident')!r}")
        if c.get("type") not in ("killed", "wounded"):
            err(f"casualty {j}: bad type {c.get('type')!r}")
        for k in ("group", "quantity_text", "claimant", "evidence"):
            if not c.get(k):
                err(f"casualty {j}: {k} missing")
        ev = c.get("evidence", "")
        if ev not in txt:
            err(f"casualty {j}: evidence not in text: {ev[:60]!r}")
        if c.get("quantity_text", "") not in ev:
            err(f"casualty {j}: quantity_text {c.get('quantity_text')!r} not in evidence")
        mn, mx = c.get("min"), c.get("max")
        for v, k in ((mn, "min"), (mx, "max")):
            if v is not None and (not isinstance(v, int) or v < 0):
                err(f"casualty {j}: bad {k} {v!r}")
        if isinstance(mn, int) and isinstance(mx, int) and mn > mx:
            err(f"casualty {j}: min > max")
        if "part_of" in c:
            p = c["part_of"]
            if not isinstance(p, int) or p < 0 or p >= len(cas) or p == j:
                err(f"casualty {j}: bad part_of {p!r}")
            elif cas[p].get("claimant") != c.get("claimant"):
                err(f"casualty {j}: part_of whole has a different claimant")
        if c.get("hedge") and c["hedge"] not in ("reportedly", "possibly", "purportedly", "apparently", "estimated"):
            err(f"casualty {j}: bad hedge {c['hedge']!r}")

# URLS.txt consistency
up = os.path.join(HERE, "URLS.txt")
if os.path.exists(up):
    with open(up, encoding="utf-8") as f:
        listed = [norm(l) for l in f if l.strip()]
    for l in listed:
        if l in excluded:
            errors.append(f"URLS.txt: excluded URL listed: {l}")
    if set(listed) != set(urls_seen):
        errors.append("URLS.txt does not match the gold files' URLs")
else:
    errors.append("URLS.txt missing")

print(f"articles={n_art} incidents={n_inc} casualty_claims={n_cas}")
if errors:
    for e in errors:
        print("ERROR", e)
    sys.exit(1)
print("ALL OK")
