import tomllib, glob, os, sys
here = os.path.dirname(os.path.abspath(__file__))
excl = set(l.strip() for l in open('/work/blind-extract-27-exclude.txt') if l.strip())
errs = []; na = ni = nc = 0
for g in sorted(glob.glob(os.path.join(here, '*.gold.toml'))):
    name = os.path.basename(g)
    txtp = g[:-len('.gold.toml')] + '.txt'
    if not os.path.exists(txtp): errs.append(f'{name}: no .txt'); continue
    txt = open(txtp, encoding='utf-8').read()
    try: d = tomllib.load(open(g, 'rb'))
    except Exception as e: errs.append(f'{name}: parse {e}'); continue
    na += 1
    a = d.get('article', {})
    for k in ('published', 'publisher', 'url', 'source_note'):
        if k not in a: errs.append(f'{name}: article.{k} missing')
    if a.get('url') in excl: errs.append(f'{name}: excluded URL')
    ids = set()
    for i, inc in enumerate(d.get('incident', [])):
        ni += 1; ids.add(inc.get('id'))
        if inc.get('evidence', '') not in txt: errs.append(f'{name}: incident {i} evidence not in txt')
        if 'place' in inc and inc['place'] not in txt: errs.append(f'{name}: incident {i} place not in txt')
        if ('date' in inc) != ('date_text' in inc): errs.append(f'{name}: incident {i} date/date_text')
        if 'date_text' in inc and inc['date_text'] not in txt: errs.append(f'{name}: incident {i} date_text not in txt')
    cas = d.get('casualty', [])
    for i, c in enumerate(cas):
        nc += 1
        if c.get('incident') not in ids: errs.append(f'{name}: casualty {i} bad incident')
        ev = c.get('evidence', '')
        if ev not in txt: errs.append(f'{name}: casualty {i} evidence not in txt')
        if c.get('quantity_text', '') not in ev: errs.append(f'{name}: casualty {i} quantity_text not in evidence')
        if 'min' in c and 'max' in c and c['min'] > c['max']: errs.append(f'{name}: casualty {i} min>max')
        if 'part_of' in c and not (0 <= c['part_of'] < len(cas) and c['part_of'] != i): errs.append(f'{name}: casualty {i} bad part_of')
        if c.get('type') not in ('killed', 'wounded'): errs.append(f'{name}: casualty {i} bad type')
if os.path.exists(os.path.join(here, 'URLS.txt')):
    for u in open(os.path.join(here, 'URLS.txt')):
        if u.strip() in excl: errs.append(f'URLS.txt: excluded {u.strip()}')
print(f'articles={na} incidents={ni} claims={nc}')
print('\n'.join(errs) if errs else 'ALL OK')
