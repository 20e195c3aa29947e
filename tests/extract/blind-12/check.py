#!/usr/bin/env python3
"""Checker for blind-extract-12 gold files."""
import glob, os, sys, tomllib, re

HERE = os.path.dirname(os.path.abspath(__file__))
EXCL = os.path.join(os.path.dirname(HERE), 'blind-extract-12-exclude.txt')
EVENT_TYPES = set("""attack armed-clash government-regains-territory non-state-actor-overtakes-territory
chemical-weapon air-strike suicide-bomb shelling remote-explosive grenade sexual-violence
attack-on-civilians abduction peaceful-protest protest-with-intervention
excessive-force-against-protesters violent-demonstration mob-violence agreement arrests
change-to-group disrupted-weapons-use base-established looting negotiated-withdrawal
other-development military-deployment material-support accident attack-series""".split())
DATE_RE = re.compile(r'^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$')

def norm(u):
    u = u.strip().lower()
    u = re.sub(r'^https?://', '', u)
    u = re.sub(r'^www\.', '', u)
    return u.rstrip('/')

excl = set()
if os.path.exists(EXCL):
    excl = {norm(l) for l in open(EXCL, encoding='utf-8') if l.strip()}

errors = []
n_art = n_inc = n_cas = 0
pubs = {}
urls_file = set()
if os.path.exists(os.path.join(HERE, 'URLS.txt')):
    urls_file = {l.strip() for l in open(os.path.join(HERE, 'URLS.txt'), encoding='utf-8') if l.strip()}

for g in sorted(glob.glob(os.path.join(HERE, '*.gold.toml'))):
    name = os.path.basename(g)[:-len('.gold.toml')]
    txtp = os.path.join(HERE, name + '.txt')
    def err(m):
        errors.append(f'{name}: {m}')
    if not os.path.exists(txtp):
        err('missing .txt'); continue
    txt = open(txtp, encoding='utf-8').read()
    try:
        d = tomllib.load(open(g, 'rb'))
    except Exception as e:
        err(f'TOML parse error: {e}'); continue
    n_art += 1
    a = d.get('article', {})
    for k in ('published', 'publisher', 'url', 'source_note'):
        if k not in a:
            err(f'article.{k} missing')
    if not DATE_RE.match(str(a.get('published', ''))) or '-W' in str(a.get('published', '')):
        err(f'bad published {a.get("published")}')
    if not name.startswith(str(a.get('published', ''))):
        err('NAME does not start with published date')
    if norm(a.get('url', '')) in excl:
        err('URL is in exclude list')
    if urls_file and a.get('url') not in urls_file:
        err('URL not in URLS.txt')
    pubs[a.get('publisher')] = pubs.get(a.get('publisher'), 0) + 1
    incs = d.get('incident', [])
    ids = set()
    for i, inc in enumerate(incs):
        n_inc += 1
        iid = inc.get('id')
        if not iid or iid in ids:
            err(f'incident {i}: missing/duplicate id')
        ids.add(iid)
        if inc.get('event_type') not in EVENT_TYPES:
            err(f'incident {iid}: bad event_type {inc.get("event_type")}')
        ev = inc.get('evidence', '')
        if not ev or ev not in txt:
            err(f'incident {iid}: evidence not in txt')
        if 'place' in inc and inc['place'] not in txt:
            err(f'incident {iid}: place not in txt')
        if ('date' in inc) != ('date_text' in inc):
            err(f'incident {iid}: date/date_text not together')
        if 'date' in inc and not DATE_RE.match(inc['date']):
            err(f'incident {iid}: bad date {inc["date"]}')
        if 'date_text' in inc and inc['date_text'] not in txt:
            err(f'incident {iid}: date_text not in txt')
        if not isinstance(inc.get('perpetrators'), list):
            err(f'incident {iid}: perpetrators not a list')
        if not isinstance(inc.get('targets'), list):
            err(f'incident {iid}: targets not a list')
    cas = d.get('casualty', [])
    for j, c in enumerate(cas):
        n_cas += 1
        if c.get('incident') not in ids:
            err(f'casualty {j}: unknown incident {c.get("incident")}')
        if c.get('type') not in ('killed', 'wounded'):
            err(f'casualty {j}: bad type')
        ev = c.get('evidence', '')
        if not ev or ev not in txt:
            err(f'casualty {j}: evidence not in txt')
        qt = c.get('quantity_text', '')
        if not qt or qt not in ev:
            err(f'casualty {j}: quantity_text not in evidence')
        for k in ('min', 'max'):
            if k in c and not isinstance(c[k], int):
                err(f'casualty {j}: {k} not int')
        if 'min' in c and 'max' in c and c['min'] > c['max']:
            err(f'casualty {j}: min > max')
        if not c.get('claimant'):
            err(f'casualty {j}: claimant missing')
        if 'hedge' in c and c['hedge'] not in ('reportedly', 'possibly', 'purportedly', 'apparently', 'estimated'):
            err(f'casualty {j}: bad hedge')
        if 'part_of' in c:
            p = c['part_of']
            if not isinstance(p, int) or p < 0 or p >= len(cas) or p == j:
                err(f'casualty {j}: bad part_of {p}')
            elif cas[p].get('claimant') != c.get('claimant'):
                err(f'casualty {j}: part_of whole has different claimant')

for u in urls_file:
    if norm(u) in excl:
        errors.append(f'URLS.txt: excluded URL {u}')

print(f'articles={n_art} incidents={n_inc} casualty_claims={n_cas}')
print('publishers:', dict(sorted(pubs.items(), key=lambda x: -x[1])))
if errors:
    print('\n'.join(errors))
    print(f'{len(errors)} PROBLEM(S)')
    sys.exit(1)
print('ALL OK')
