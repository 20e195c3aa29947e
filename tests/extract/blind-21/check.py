#!/usr/bin/env python3
"""Checker for blind-extract-21 gold files."""
import glob, os, re, sys, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
EXCL = "/work/blind-extract-21-exclude.txt"
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
n_art = n_inc = n_cas = 0
pubs = {}
urls = []
for g in sorted(glob.glob(os.path.join(HERE, "*.gold.toml"))):
    name = os.path.basename(g)[:-len(".gold.toml")]
    def err(m):
        errors.append(f"{name}: {m}")
    txtp = os.path.join(HERE, name + ".txt")
    if not os.path.exists(txtp):
        err("missing .txt"); continue
    raw = open(txtp, "rb").read()
    try:
        txt = raw.decode("utf-8")
    except UnicodeDecodeError:
        err("txt not utf-8"); continue
    try:
        d = tomllib.load(open(g, "rb"))
    except Exception as e:
        err(f"toml parse error: {e}"); continue
    n_art += 1
    a = d.get("article", {})
    for k in ("published", "publisher", "url", "source_note"):
        if not a.get(k):
            err(f"article.{k} missing")
    if not DATE_RE.match(a.get("published", "")):
        err("bad published")
    elif not ("2018" <= a["published"][:4] <= "2025"):
        err("published outside 2018-2025")
    if not name.startswith(a.get("published", "")[:7]):
        err("name does not start with published date")
    if norm(a.get("url", "")) in excl:
        err("URL is in exclude list")
    urls.append(a.get("url", ""))
    pubs.setdefault(a.get("publisher"), []).append(name)
    incs = d.get("incident", [])
    ids = set()
    for i, inc in enumerate(incs):
        n_inc += 1
        iid = inc.get("id")
        if not iid or iid in ids:
            err(f"incident {i}: missing/duplicate id")
        ids.add(iid)
        if inc.get("event_type") not in TYPES:
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
        for k in ("perpetrators", "targets"):
            if not isinstance(inc.get(k, []), list):
                err(f"incident {iid}: {k} not a list")
    cas = d.get("casualty", [])
    for j, c in enumerate(cas):
        n_cas += 1
        if c.get("incident") not in ids:
            err(f"casualty {j}: bad incident ref {c.get('incident')}")
        if c.get("type") not in ("killed", "wounded"):
            err(f"casualty {j}: bad type")
        ev = c.get("evidence", "")
        if not ev or ev not in txt:
            err(f"casualty {j}: evidence not in txt: {ev[:60]!r}")
        qt = c.get("quantity_text", "")
        if not qt or qt not in ev:
            err(f"casualty {j}: quantity_text {qt!r} not in evidence")
        if not c.get("claimant"):
            err(f"casualty {j}: claimant missing")
        mn, mx = c.get("min"), c.get("max")
        if mn is not None and mx is not None and mn > mx:
            err(f"casualty {j}: min > max")
        if "part_of" in c:
            p = c["part_of"]
            if not isinstance(p, int) or p < 0 or p >= len(cas) or p == j:
                err(f"casualty {j}: bad part_of {p}")
        if "hedge" in c and c["hedge"] not in ("reportedly", "possibly", "purportedly", "apparently", "estimated"):
            err(f"casualty {j}: bad hedge")

# URLS.txt consistency
up = os.path.join(HERE, "URLS.txt")
if os.path.exists(up):
    listed = [l.strip() for l in open(up, encoding="utf-8") if l.strip()]
    for l in listed:
        if norm(l) in excl:
            errors.append(f"URLS.txt: excluded URL {l}")
    if sorted(listed) != sorted(urls):
        errors.append("URLS.txt does not match the article urls")
else:
    errors.append("URLS.txt missing")

for p, names in pubs.items():
    if len(names) > 3:
        errors.append(f"publisher {p} used {len(names)} times: {names}")

print(f"articles={n_art} incidents={n_inc} claims={n_cas} publishers={len(pubs)}")
if errors:
    print("\n".join(errors))
    print(f"{len(errors)} ERROR(S)")
    sys.exit(1)
print("ALL OK")
