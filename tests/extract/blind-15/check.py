#!/usr/bin/env python3
import tomllib, glob, os, sys
here = os.path.dirname(os.path.abspath(__file__))
excl = set(l.strip() for l in open('/work/blind-extract-15-exclude.txt') if l.strip())
errs = []
n_art = n_inc = n_cas = 0
for g in sorted(glob.glob(os.path.join(here, '*.gold.toml'))):
    name = os.path.basename(g)[:-len('.gold.toml')]
    t = os.path.join(here, name + '.txt')
    def E(m): errs.append(f'{name}: {m}')
    if not os.path.exists(t):
        E('missing .txt'); continue
    txt = open(t, encoding='utf-8').read()
    try:
        d = tomllib.load(open(g, 'rb'))
    except Exception as e:
        E(f'toml parse: {e}'); continue
    n_art += 1
    a = d.get('article', {})
    for k in ('published', 'publisher', 'url', 'source_note'):
        if k not in a: E(f'article.{k} missing')
    if a.get('url') in excl: E('URL is excluded')
    ids = set()
    for i, inc in enumerate(d.get('incident', [])):
        n_inc += 1
        iid = inc.get('id')
        if iid in ids: E(f'dup incident id {iid}')
        ids.add(iid)
        for k in ('event_type', 'evidence'):
            if k not in inc: E(f'incident {iid} lacks {k}')
        if inc.get('evidence', '') not in txt: E(f'incident {iid} evidence not in txt')
        if 'place' in inc and inc['place'] not in txt: E(f'incident {iid} place not in txt')
        if ('date' in inc) != ('date_text' in inc): E(f'incident {iid} date/date_text not together')
        if 'date_text' in inc and inc['date_text'] not in txt: E(f'incident {iid} date_text not in txt')
    cas = d.get('casualty', [])
    for j, c in enumerate(cas):
        n_cas += 1
        if c.get('incident') not in ids: E(f'casualty {j} bad incident ref')
        if c.get('type') not in ('killed', 'wounded'): E(f'casualty {j} bad type')
        ev = c.get('evidence', '')
        if ev not in txt: E(f'casualty {j} evidence not in txt')
        qt = c.get('quantity_text')
        if qt is None or qt not in ev: E(f'casualty {j} quantity_text not in evidence')
        if 'min' in c and 'max' in c and c['min'] > c['max']: E(f'casualty {j} min>max')
        if 'part_of' in c:
            p = c['part_of']
            if not (isinstance(p, int) and 0 <= p < len(cas) and p != j): E(f'casualty {j} bad part_of')
        if 'claimant' not in c: E(f'casualty {j} no claimant')
urls = [l.strip() for l in open(os.path.join(here, 'URLS.txt'))] if os.path.exists(os.path.join(here, 'URLS.txt')) else []
for u in urls:
    if u in excl: errs.append(f'URLS.txt: excluded URL {u}')
print(f'articles={n_art} incidents={n_inc} claims={n_cas}')
if errs:
    print('\n'.join(errs)); print('ERRORS:', len(errs)); sys.exit(1)
print('ALL OK')
