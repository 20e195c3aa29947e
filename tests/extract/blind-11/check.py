#!/usr/bin/env python3
"""Checker for blind-extract-11 gold files."""
import glob, os, re, sys, tomllib
D = os.path.dirname(os.path.abspath(__file__))
EXCL = "/work/blind-extract-11-exclude.txt"
TYPES = set("""attack armed-clash government-regains-territory non-state-actor-overtakes-territory chemical-weapon air-strike
suicide-bomb shelling remote-explosive grenade sexual-violence attack-on-civilians abduction peaceful-protest
protest-with-intervention excessive-force-against-protesters violent-demonstration mob-violence agreement arrests
change-to-group disrupted-weapons-use base-established looting negotiated-withdrawal other-development
military-deployment material-support accident attack-series""".split())
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
def norm(u): return u.strip().rstrip("/").lower().replace("https://","").replace("http://","").replace("www.","")
excl = {norm(l) for l in open(EXCL, encoding="utf-8") if l.strip()}
errs = []; n_art = n_inc = n_cas = 0
tomls = sorted(glob.glob(os.path.join(D, "*.gold.toml")))
urls_used = []
for t in tomls:
    name = os.path.basename(t)[:-len(".gold.toml")]
    txtp = os.path.join(D, name + ".txt")
    def E(m): errs.append(f"{name}: {m}")
    if not os.path.exists(txtp): E("missing .txt"); continue
    raw = open(txtp, "rb").read(); txt = raw.decode("utf-8")
    try: g = tomllib.load(open(t, "rb"))
    except Exception as e: E(f"TOML parse error: {e}"); continue
    n_art += 1
    a = g.get("article", {})
    for k in ("published", "publisher", "url", "source_note"):
        if not a.get(k): E(f"article.{k} missing")
    if not DATE_RE.match(str(a.get("published", ""))): E("bad published")
    if not name.startswith(str(a.get("published", ""))[:7]): E("NAME does not start with published date")
    if norm(a.get("url", "")) in excl: E("URL is in exclude list")
    urls_used.append(a.get("url", ""))
    incs = g.get("incident", []); cas = g.get("casualty", [])
    n_inc += len(incs); n_cas += len(cas)
    ids = [i.get("id") for i in incs]
    if len(ids) != len(set(ids)): E("duplicate incident ids")
    for i in incs:
        iid = i.get("id")
        if i.get("event_type") not in TYPES: E(f"incident {iid}: bad event_type {i.get('event_type')}")
        if ("date" in i) != ("date_text" in i): E(f"incident {iid}: date/date_text not together")
        if "date" in i and not DATE_RE.match(str(i["date"])): E(f"incident {iid}: bad date")
        if "date_text" in i and i["date_text"] not in txt: E(f"incident {iid}: date_text not in txt")
        if "place" in i and i["place"] not in txt: E(f"incident {iid}: place not in txt")
        if "place_qualifier" in i and "place" not in i: E(f"incident {iid}: qualifier without place")
        if not isinstance(i.get("perpetrators", []), list) or not isinstance(i.get("targets", []), list): E(f"incident {iid}: lists")
        ev = i.get("evidence", "")
        if not ev or ev.encode("utf-8") not in raw: E(f"incident {iid}: evidence not a byte-exact substring")
    for n, c in enumerate(cas):
        if c.get("incident") not in ids: E(f"casualty {n}: bad incident ref")
        if c.get("type") not in ("killed", "wounded"): E(f"casualty {n}: bad type")
        for k in ("group", "quantity_text", "claimant", "evidence"):
            if not c.get(k): E(f"casualty {n}: {k} missing")
        ev = c.get("evidence", "")
        if ev.encode("utf-8") not in raw: E(f"casualty {n}: evidence not a byte-exact substring")
        if c.get("quantity_text", "") not in ev: E(f"casualty {n}: quantity_text not in evidence")
        mn, mx = c.get("min"), c.get("max")
        for v in (mn, mx):
            if v is not None and (not isinstance(v, int) or v < 0): E(f"casualty {n}: bad bound")
        if mn is not None and mx is not None and mn > mx: E(f"casualty {n}: min > max")
        if "part_of" in c:
            p = c["part_of"]
            if not isinstance(p, int) or not (0 <= p < len(cas)) or p == n: E(f"casualty {n}: bad part_of")
        if "hedge" in c and c["hedge"] not in ("reportedly", "possibly", "purportedly", "apparently", "estimated"): E(f"casualty {n}: bad hedge")
# URLS.txt
up = os.path.join(D, "URLS.txt")
if os.path.exists(up):
    listed = [l.strip() for l in open(up, encoding="utf-8") if l.strip()]
    for u in listed:
        if norm(u) in excl: errs.append(f"URLS.txt: excluded URL {u}")
    if sorted(listed) != sorted(urls_used): errs.append("URLS.txt does not match the article URLs")
else:
    errs.append("URLS.txt missing")
orphans = [os.path.basename(p) for p in glob.glob(os.path.join(D, "*.txt")) if os.path.basename(p) != "URLS.txt" and not os.path.exists(p[:-4] + ".gold.toml")]
for o in orphans: errs.append(f"{o}: no .gold.toml")
print(f"articles={n_art} incidents={n_inc} casualty_claims={n_cas}")
if errs:
    print("\n".join(errs)); print(f"FAILED: {len(errs)} problem(s)"); sys.exit(1)
print("ALL OK")
