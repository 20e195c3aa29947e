import tomllib, glob, os, sys
here = os.path.dirname(os.path.abspath(__file__))
excl = set(l.strip() for l in open('/work/blind-extract-26-exclude.txt') if l.strip())
errs = []
for g in sorted(glob.glob(os.path.join(here, '*.gold.toml'))):
    name = os.path.basename(g)
    txtp = g[:-len('.gold.toml')] + '.txt'
    if not os.path.exists(txtp):
        errs.append(f'{name}: missing .txt'); continue
    txt = open(txtp, encoding='utf-8').read()
    try:
        d = tomllib.load(open(g, 'rb'))
    except Exception as e:
        errs.append(f'{name}: parse error {e}'); continue
    a = d.get('article', {})
    for k in ('published', 'publisher', 'url', 'source_note'):
        if k not in a: errs.append(f'{name}: article.{k} missing')
    if a.get('url') in excl: errs.append(f'{name}: excluded URL')
    ids = set()
    for i in d.get('incident', []):
        ids.add(i['id'])
        if i.get('evidence') not in txt: errs.append(f'{name}: incident {i["id"]} evidence not in txt')
        for k in ('place', 'date_text'):
            if k in i and i[k] not in txt: errs.append(f'{name}: incident {i["id"]} {k} not in txt')
        if ('date' in i) != ('date_text' in i): errs.append(f'{name}: incident {i["id"]} date/date_text mismatch')
    cs = d.get('casualty', [])
    for n, c in enumerate(cs):
        if c.get('incident') not in ids: errs.append(f'{name}: casualty {n} bad incident')
        ev = c.get('evidence', '')
        if ev not in txt: errs.append(f'{name}: casualty {n} evidence not in txt')
        if c.get('quantity_text', '') not in ev: errs.append(f'{name}: casualty {n} quantity_text not in evidence')
        if 'min' in c and 'max' in c and c['min'] > c['max']: errs.append(f'{name}: casualty {n} min>max')
        if 'part_of' in c and not (0 <= c['part_of'] < len(cs) and c['part_of'] != n): errs.append(f'{name}: casualty {n} bad part_of')
        if c.get('type') not in ('killed', 'wounded'): errs.append(f'{name}: casualty {n} bad type')
for u in open(os.path.join(here, 'URLS.txt')).read().split():
    if u in excl: errs.append(f'URLS.txt: excluded {u}')
print('\n'.join(errs) if errs else 'ALL OK')
sys.exit(1 if errs else 0)
