#!/usr/bin/env python3
"""Checker for blind-extract-9 gold files."""
import glob, os, sys, tomllib
HERE = os.path.dirname(os.path.abspath(__file__))
excl = set()
p = '/work/blind-extract-9-exclude.txt'
if os.path.exists(p):
    excl = {l.strip() for l in open(p, encoding='utf-8') if l.strip()}
errs = []
ni = nc = na = 0
for g in sorted(glob.glob(os.path.join(HERE, '*.gold.toml'))):
    name = os.path.basename(g)[:-len('.gold.toml')]
    t = os.path.join(HERE, name + '.txt')
    def E(m): errs.append(f'{name}: {m}')
    try:
        d = tomllib.load(open(g, 'rb'))
    except Exception as e:
        E(f'TOML parse error {e}'); continue
    if not os.path.exists(t):
        E('missing .txt'); continue
    txt = open(t, 'rb').read().decode('utf-8')
    na += 1
    a = d.get('article', {})
    for k in ('published', 'publisher', 'url', 'source_note'):
        if k not in a: E(f'article missing {k}')
    if a.get('url') in excl: E('URL in exclude list')
    ids = set()
    for i, inc in enumerate(d.get('incident', [])):
        ni += 1
        iid = inc.get('id')
        if iid in ids: E(f'duplicate incident id {iid}')
        ids.add(iid)
        for k in ('event_type', 'evidence'):
            if k not in inc: E(f'incident {iid} missing {k}')
        if inc.get('evidence', '') not in txt: E(f'incident {iid} evidence not in txt')
        if 'place' in inc and inc['place'] not in txt: E(f'incident {iid} place not in txt')
        if ('date' in inc) != ('date_text' in inc): E(f'incident {iid} date/date_text not together')
        if 'date_text' in inc and inc['date_text'] not in txt: E(f'incident {iid} date_text not in txt')
    cas = d.get('casualty', [])
    for j, c in enumerate(cas):
        nc += 1
        if c.get('incident') not in ids: E(f'casualty {j} bad incident ref')
        if c.get('type') not in ('killed', 'wounded'): E(f'casualty {j} bad type')
        ev = c.get('evidence', '')
        if ev not in txt: E(f'casualty {j} evidence not in txt')
        if c.get('quantity_text', '') not in ev: E(f'casualty {j} quantity_text not in evidence')
        if 'min' in c and 'max' in c and c['min'] > c['max']: E(f'casualty {j} min>max')
        if 'part_of' in c:
            po = c['part_of']
            if not isinstance(po, int) or po < 0 or po >= len(cas) or po == j: E(f'casualty {j} bad part_of')
        if 'claimant' not in c: E(f'casualty {j} missing claimant')
# URLS.txt
u = os.path.join(HERE, 'URLS.txt')
if os.path.exists(u):
    for l in open(u, encoding='utf-8'):
        if l.strip() in excl: errs.append(f'URLS.txt: excluded URL {l.strip()}')
print(f'articles={na} incidents={ni} casualties={nc}')
if errs:
    print('\n'.join(errs)); sys.exit(1)
print('ALL OK')
