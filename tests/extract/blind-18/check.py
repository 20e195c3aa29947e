#!/usr/bin/env python3
"""Checker for blind-extract-18 gold set."""
import glob, os, sys, tomllib
D = os.path.dirname(os.path.abspath(__file__))
excl = set(l.strip() for l in open('/work/blind-extract-18-exclude.txt') if l.strip())
errs = []
tomls = sorted(glob.glob(os.path.join(D, '*.gold.toml')))
urls_used = [l.strip() for l in open(os.path.join(D, 'URLS.txt'))] if os.path.exists(os.path.join(D, 'URLS.txt')) else []
ninc = ncas = 0
for t in tomls:
    name = os.path.basename(t)[:-len('.gold.toml')]
    txtp = os.path.join(D, name + '.txt')
    def E(m): errs.append(f'{name}: {m}')
    if not os.path.exists(txtp):
        E('missing .txt'); continue
    txt = open(txtp, encoding='utf-8').read()
    try:
        g = tomllib.load(open(t, 'rb'))
    except Exception as e:
        E(f'toml parse error {e}'); continue
    a = g.get('article', {})
    for k in ('published', 'publisher', 'url', 'source_note'):
        if k not in a: E(f'article missing {k}')
    if a.get('url') in excl: E('URL is in exclude list')
    if a.get('url') not in urls_used: E('URL not in URLS.txt')
    ids = set()
    for i, inc in enumerate(g.get('incident', [])):
        ninc += 1
        for k in ('id', 'event_type', 'evidence'):
            if k not in inc: E(f'incident {i} missing {k}')
        if inc.get('id') in ids: E(f'duplicate incident id {inc.get("id")}')
        ids.add(inc.get('id'))
        if inc.get('evidence', '') not in txt: E(f'incident {inc.get("id")} evidence not in txt')
        if 'place' in inc and inc['place'] not in txt: E(f'incident {inc.get("id")} place not in txt')
        if ('date' in inc) != ('date_text' in inc): E(f'incident {inc.get("id")} date/date_text not together')
        if 'date_text' in inc and inc['date_text'] not in txt: E(f'incident {inc.get("id")} date_text not in txt')
    cas = g.get('casualty', [])
    for j, c in enumerate(cas):
        ncas += 1
        for k in ('incident', 'type', 'group', 'quantity_text', 'claimant', 'evidence'):
            if k not in c: E(f'casualty {j} missing {k}')
        if c.get('incident') not in ids: E(f'casualty {j} bad incident ref {c.get("incident")}')
        if c.get('type') not in ('killed', 'wounded'): E(f'casualty {j} bad type')
        ev = c.get('evidence', '')
        if ev not in txt: E(f'casualty {j} evidence not in txt')
        if c.get('quantity_text', '') not in ev: E(f'casualty {j} quantity_text not in evidence')
        if 'min' in c and 'max' in c and c['min'] > c['max']: E(f'casualty {j} min>max')
        if 'part_of' in c:
            p = c['part_of']
            if not (isinstance(p, int) and 0 <= p < len(cas) and p != j): E(f'casualty {j} bad part_of')
for u in urls_used:
    if u in excl: errs.append(f'URLS.txt: excluded URL {u}')
print(f'{len(tomls)} articles, {ninc} incidents, {ncas} casualty claims')
if errs:
    print('\n'.join(errs)); print('FAILED'); sys.exit(1)
print('ALL OK')
