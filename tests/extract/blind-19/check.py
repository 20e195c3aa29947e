#!/usr/bin/env python3
"""Checker for blind extraction set 19."""
import glob, os, re, sys, tomllib
HERE = os.path.dirname(os.path.abspath(__file__))
EXCL = "/work/blind-extract-19-exclude.txt"
TYPES = set("""attack armed-clash government-regains-territory non-state-actor-overtakes-territory
chemical-weapon air-strike suicide-bomb shelling remote-explosive grenade sexual-violence
attack-on-civilians abduction peaceful-protest protest-with-intervention
excessive-force-against-protesters violent-demonstration mob-violence agreement arrests
change-to-group disrupted-weapons-use base-established looting negotiated-withdrawal
other-development military-deployment material-support accident attack-series""".split())
def norm(u):
    u = u.strip().lower()
    u = re.sub(r'^https?://', '', u)
    return u.rstrip('/')
excl = set(norm(l) for l in open(EXCL) if l.strip())
errs = []; n_art = n_inc = n_cas = 0; urls = []
for g in sorted(glob.glob(os.path.join(HERE, '*.gold.toml'))):
    name = os.path.basename(g)[:-len('.gold.toml')]
    def e(m): errs.append(f"{name}: {m}")
    try:
        d = tomllib.load(open(g, 'rb'))
    except Exception as ex:
        e(f"toml parse error {ex}"); continue
    txtp = os.path.join(HERE, name + '.txt')
    if not os.path.exists(txtp): e("missing .txt"); continue
    txt = open(txtp, encoding='utf-8').read()
    n_art += 1
    a = d.get('article', {})
    for k in ('published', 'publisher', 'url', 'source_note'):
        if not a.get(k): e(f"article.{k} missing")
    if not re.fullmatch(r'\d{4}-\d{2}(-\d{2})?', str(a.get('published', ''))): e("bad published")
    if not str(a.get('published', '')).startswith(tuple(str(y) for y in range(2011, 2018))): e("published not 2011-2017")
    if not name.startswith(str(a.get('published', ''))[:7]): e("name does not start with published date")
    u = a.get('url', ''); urls.append(u)
    if norm(u) in excl: e(f"URL in exclude list: {u}")
    incs = d.get('incident', []); ids = set()
    for i, inc in enumerate(incs):
        n_inc += 1
        iid = inc.get('id')
        if not iid or iid in ids: e(f"incident {i} bad/duplicate id {iid}")
        ids.add(iid)
        if inc.get('event_type') not in TYPES: e(f"incident {iid} bad event_type {inc.get('event_type')}")
        ev = inc.get('evidence', '')
        if not ev or ev not in txt: e(f"incident {iid} evidence not in txt: {ev[:60]!r}")
        if inc.get('place') and inc['place'] not in txt: e(f"incident {iid} place not in txt: {inc['place']}")
        if ('date' in inc) != ('date_text' in inc): e(f"incident {iid} date/date_text not together")
        if 'date_text' in inc and inc['date_text'] not in txt: e(f"incident {iid} date_text not in txt: {inc['date_text']}")
        if 'date' in inc and not re.fullmatch(r'\d{4}(-\d{2}(-\d{2})?|-W\d{2})?', inc['date']): e(f"incident {iid} bad date {inc['date']}")
        if not isinstance(inc.get('perpetrators', []), list) or not isinstance(inc.get('targets', []), list): e(f"incident {iid} perps/targets not list")
    cas = d.get('casualty', [])
    for j, c in enumerate(cas):
        n_cas += 1
        if c.get('incident') not in ids: e(f"casualty {j} bad incident ref {c.get('incident')}")
        if c.get('type') not in ('killed', 'wounded'): e(f"casualty {j} bad type")
        ev = c.get('evidence', '')
        if not ev or ev not in txt: e(f"casualty {j} evidence not in txt: {ev[:60]!r}")
        qt = c.get('quantity_text', '')
        if not qt or qt not in ev: e(f"casualty {j} quantity_text not in evidence: {qt!r}")
        if not c.get('claimant'): e(f"casualty {j} no claimant")
        mn, mx = c.get('min'), c.get('max')
        if mn is not None and mx is not None and mn > mx: e(f"casualty {j} min > max")
        if 'part_of' in c:
            p = c['part_of']
            if not isinstance(p, int) or p < 0 or p >= len(cas) or p == j: e(f"casualty {j} bad part_of {p}")
        if c.get('hedge') and c['hedge'] not in ('reportedly', 'possibly', 'purportedly', 'apparently', 'estimated'): e(f"casualty {j} bad hedge")
for t in glob.glob(os.path.join(HERE, '*.txt')):
    b = os.path.basename(t)
    if b == 'URLS.txt': continue
    if not os.path.exists(t[:-4] + '.gold.toml'): errs.append(f"{b}: no gold.toml")
up = os.path.join(HERE, 'URLS.txt')
if os.path.exists(up):
    listed = [l.strip() for l in open(up) if l.strip()]
    for l in listed:
        if norm(l) in excl: errs.append(f"URLS.txt has excluded URL {l}")
    if sorted(listed) != sorted(urls): errs.append("URLS.txt does not match article urls")
if len(set(urls)) != len(urls): errs.append("duplicate URL among articles")
print(f"articles={n_art} incidents={n_inc} casualty_claims={n_cas}")
if errs:
    print("\n".join(errs)); print("FAILED"); sys.exit(1)
print("ALL OK")
