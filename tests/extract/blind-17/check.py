#!/usr/bin/env python3
"""Checker for blind extraction set 17."""
import glob, os, re, sys, tomllib
HERE = os.path.dirname(os.path.abspath(__file__))
EXCL = "/work/blind-extract-17-exclude.txt"
TYPES = set("""attack armed-clash government-regains-territory non-state-actor-overtakes-territory
chemical-weapon air-strike suicide-bomb shelling remote-explosive grenade sexual-violence
attack-on-civilians abduction peaceful-protest protest-with-intervention
excessive-force-against-protesters violent-demonstration mob-violence agreement arrests
change-to-group disrupted-weapons-use base-established looting negotiated-withdrawal
other-development military-deployment material-support accident attack-series""".split())
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
def norm(u): return u.strip().rstrip("/").lower().replace("https://","").replace("http://","").replace("www.","")
excl = set()
if os.path.exists(EXCL):
    excl = {norm(l) for l in open(EXCL, encoding="utf-8") if l.strip()}
errs = []; n_art = n_inc = n_cas = 0
for g in sorted(glob.glob(os.path.join(HERE, "*.gold.toml"))):
    name = os.path.basename(g)[:-len(".gold.toml")]
    def e(m): errs.append(f"{name}: {m}")
    txtp = os.path.join(HERE, name + ".txt")
    if not os.path.exists(txtp): e("missing .txt"); continue
    txt = open(txtp, encoding="utf-8").read()
    try: d = tomllib.load(open(g, "rb"))
    except Exception as x: e(f"TOML parse error: {x}"); continue
    n_art += 1
    a = d.get("article", {})
    for k in ("published", "publisher", "url", "source_note"):
        if not a.get(k): e(f"article.{k} missing")
    if a.get("url") and norm(a["url"]) in excl: e("URL is in exclude list")
    if a.get("published") and not re.match(r"^\d{4}-\d{2}(-\d{2})?$", a["published"]): e("bad published")
    pub = a.get("published", "")
    if not (re.match(r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$", name) or (len(pub) == 7 and name.startswith(pub + "-"))): e("bad NAME")
    if pub and not name.startswith(pub + "-"): e("NAME does not start with published date")
    incs = d.get("incident", []); cas = d.get("casualty", [])
    n_inc += len(incs); n_cas += len(cas)
    ids = set()
    for i, inc in enumerate(incs):
        p = f"incident[{i}]"
        iid = inc.get("id")
        if not iid: e(f"{p} no id")
        if iid in ids: e(f"{p} duplicate id {iid}")
        ids.add(iid)
        if inc.get("event_type") not in TYPES: e(f"{p} bad event_type {inc.get('event_type')}")
        ev = inc.get("evidence")
        if not ev or ev not in txt: e(f"{p} evidence not in txt: {ev!r}")
        if "place" in inc and inc["place"] not in txt: e(f"{p} place not in txt: {inc['place']!r}")
        if ("date" in inc) != ("date_text" in inc): e(f"{p} date/date_text not together")
        if "date_text" in inc and inc["date_text"] not in txt: e(f"{p} date_text not in txt: {inc['date_text']!r}")
        if "date" in inc and not DATE_RE.match(inc["date"]): e(f"{p} bad date {inc['date']}")
        for k in ("perpetrators", "targets"):
            if k in inc and not isinstance(inc[k], list): e(f"{p} {k} not list")
    for i, c in enumerate(cas):
        p = f"casualty[{i}]"
        if c.get("incident") not in ids: e(f"{p} bad incident ref {c.get('incident')}")
        if c.get("type") not in ("killed", "wounded"): e(f"{p} bad type")
        for k in ("group", "quantity_text", "claimant", "evidence"):
            if not c.get(k): e(f"{p} {k} missing")
        ev = c.get("evidence", "")
        if ev not in txt: e(f"{p} evidence not in txt: {ev!r}")
        if c.get("quantity_text") and c["quantity_text"] not in ev: e(f"{p} quantity_text not in evidence: {c['quantity_text']!r}")
        mn, mx = c.get("min"), c.get("max")
        for v in (mn, mx):
            if v is not None and not isinstance(v, int): e(f"{p} min/max not int")
        if isinstance(mn, int) and isinstance(mx, int) and mn > mx: e(f"{p} min > max")
        if "part_of" in c:
            po = c["part_of"]
            if not isinstance(po, int) or po < 0 or po >= len(cas) or po == i: e(f"{p} bad part_of {po}")
            elif cas[po].get("incident") != c.get("incident"): e(f"{p} part_of other incident")
        if c.get("hedge") and c["hedge"] not in ("reportedly","possibly","purportedly","apparently","estimated"): e(f"{p} bad hedge")
# URLS.txt check
up = os.path.join(HERE, "URLS.txt")
if os.path.exists(up):
    for l in open(up, encoding="utf-8"):
        if l.strip() and norm(l) in excl: errs.append(f"URLS.txt: excluded URL {l.strip()}")
print(f"articles={n_art} incidents={n_inc} casualty_claims={n_cas}")
if errs:
    print("\n".join(errs)); print(f"FAIL ({len(errs)} problems)"); sys.exit(1)
print("ALL OK")
