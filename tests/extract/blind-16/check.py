import tomllib, glob, os, sys
d = os.path.dirname(os.path.abspath(__file__))
excl = set(l.strip() for l in open('/work/blind-extract-16-exclude.txt') if l.strip())
errs = []; na = ni = nc = 0
for g in sorted(glob.glob(os.path.join(d, '*.gold.toml'))):
    name = os.path.basename(g)[:-len('.gold.toml')]
    txtp = os.path.join(d, name + '.txt')
    if not os.path.exists(txtp): errs.append(f'{name}: no txt'); continue
    txt = open(txtp, encoding='utf-8').read()
    try: data = tomllib.load(open(g, 'rb'))
    except Exception as e: errs.append(f'{name}: toml {e}'); continue
    na += 1
    a = data.get('article', {})
    for k in ('published', 'publisher', 'url', 'source_note'):
        if k not in a: errs.append(f'{name}: article missing {k}')
    if a.get('url', '').strip() in excl: errs.append(f'{name}: excluded url')
    ids = set()
    for i, inc in enumerate(data.get('incident', [])):
        ni += 1
        ids.add(inc.get('id'))
        for k in ('id', 'event_type', 'evidence'):
            if k not in inc: errs.append(f'{name}: incident {i} missing {k}')
        if inc.get('evidence', '') not in txt: errs.append(f'{name}: incident {i} evidence not in txt')
        if 'place' in inc and inc['place'] not in txt: errs.append(f'{name}: incident {i} place not in txt')
        if ('date' in inc) != ('date_text' in inc): errs.append(f'{name}: incident {i} date/date_text mismatch')
        if 'date_text' in inc and inc['date_text'] not in txt: errs.append(f'{name}: incident {i} date_text not in txt')
    cas = data.get('casualty', [])
    for j, c in enumerate(cas):
        nc += 1
        if c.get('incident') not in ids: errs.append(f'{name}: casualty {j} bad incident')
        if c.get('type') not in ('killed', 'wounded'): errs.append(f'{name}: casualty {j} bad type')
        ev = c.get('evidence', '')
        if ev not in txt: errs.append(f'{name}: casualty {j} evidence not in txt')
        if c.get('quantity_text', '') not in ev: errs.append(f'{name}: casualty {j} quantity_text not in evidence')
        if 'min' in c and 'max' in c and c['min'] > c['max']: errs.append(f'{name}: casualty {j} min>max')
        if 'part_of' in c:
            p = c['part_of']
            if not isinstance(p, int) or p < 0 or p >= len(cas) or p == j: errs.append(f'{name}: casualty {j} bad part_of')
        for k in ('group', 'quantity_text', 'claimant'):
            if k not in c: errs.append(f'{name}: casualty {j} missing {k}')
urls = os.path.join(d, 'URLS.txt')
if os.path.exists(urls):
    for l in open(urls):
        if l.strip() in excl: errs.append(f'URLS.txt: excluded {l.strip()}')
print(f'articles={na} incidents={ni} claims={nc}')
if errs:
    print('\n'.join(errs)); sys.exit(1)
print('ALL OK')
