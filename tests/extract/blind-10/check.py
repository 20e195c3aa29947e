#!/usr/bin/env python3
"""Checker for the blind gold set in this folder."""
import glob, os, re, sys, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
EXCL = "/work/blind-extract-10-exclude.txt"
TYPES = set("""attack armed-clash government-regains-territory non-state-actor-overtakes-territory
chemical-weapon air-strike suicide-bomb shelling remote-explosive grenade sexual-violence
attack-on-civilians abduction peaceful-protest protest-with-intervention
excessive-force-against-protesters violent-demonstration mob-violence agreement arrests
change-to-group disrupted-weapons-use base-established looting negotiated-withdrawal
other-development military-deployment material-support accident attack-series""".split())
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")

errors = []
def err(f, m): errors.append(f"{os.path.basename(f)}: {m}")

excl = set()
if os.path.exists(EXCL):
    excl = {l.strip().rstrip('/') for l in open(EXCL, encoding='utf-8') if l.strip()}

n_art = n_inc = n_cas = 0
urls = []
for g in sorted(glob.glob(os.path.join(HERE, "*.gold.toml"))):
    n_art += 1
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
        if not a.get(k): err(g, f"article.{k} missing")
    if a.get("published") and not re.match(r"^\d{4}-\d{2}(-\d{2})?$", a["published"]):
        err(g, "bad published")
    u = a.get("url", "")
    urls.append(u)
    if u.rstrip('/') in excl: err(g, f"excluded URL used: {u}")
    ids = []
    for i, inc in enumerate(d.get("incident", [])):
        n_inc += 1
        ids.append(inc.get("id"))
        if inc.get("event_type") not in TYPES: err(g, f"incident {i} bad event_type {inc.get('event_type')}")
        ev = inc.get("evidence", "")
        if not ev or ev not in txt: err(g, f"incident {i} evidence not in txt")
        if ("date" in inc) != ("date_text" in inc): err(g, f"incident {i} date/date_text not together")
        if "date" in inc and not DATE_RE.match(inc["date"]): err(g, f"incident {i} bad date {inc['date']}")
        if "date_text" in inc and inc["date_text"] not in txt: err(g, f"incident {i} date_text not in txt")
        if "place" in inc and inc["place"] not in txt: err(g, f"incident {i} place not in txt")
        if not isinstance(inc.get("perpetrators", []), list): err(g, f"incident {i} perpetrators not list")
    if len(ids) != len(set(ids)): err(g, "duplicate incident ids")
    cas = d.get("casualty", [])
    for i, c in enumerate(cas):
        n_cas += 1
        if c.get("incident") not in ids: err(g, f"casualty {i} bad incident ref")
        if c.get("type") not in ("killed", "wounded"): err(g, f"casualty {i} bad type")
        ev = c.get("evidence", "")
        if not ev or ev not in txt: err(g, f"casualty {i} evidence not in txt")
        qt = c.get("quantity_text", "")
        if not qt or qt not in ev: err(g, f"casualty {i} quantity_text not in evidence")
        if not c.get("claimant"): err(g, f"casualty {i} claimant missing")
        mn, mx = c.get("min"), c.get("max")
        if mn is not None and mx is not None and mn > mx: err(g, f"casualty {i} min > max")
        if "part_of" in c:
            p = c["part_of"]
            if not isinstance(p, int) or p < 0 or p >= len(cas) or p == i:
                err(g, f"casualty {i} bad part_of")
            elif cas[p].get("claimant") != c.get("claimant"):
                err(g, f"casualty {i} part_of points to another claimant")
        if c.get("hedge") and c["hedge"] not in ("reportedly", "possibly", "purportedly", "apparently", "estimated"):
            err(g, f"casualty {i} bad hedge")

# URLS.txt consistency
up = os.path.join(HERE, "URLS.txt")
if os.path.exists(up):
    listed = [l.strip() for l in open(up, encoding="utf-8") if l.strip()]
    for l in listed:
        if l.rstrip('/') in excl: errors.append(f"URLS.txt: excluded URL {l}")
    if sorted(listed) != sorted(urls): errors.append("URLS.txt does not match article URLs")
else:
    errors.append("URLS.txt missing")

print(f"articles={n_art} incidents={n_inc} casualty_claims={n_cas}")
if errors:
    print("\n".join(errors)); print(f"{len(errors)} PROBLEM(S)"); sys.exit(1)
print("ALL OK")
