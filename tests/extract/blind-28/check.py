import tomllib, glob, os, sys
ok=True
def err(m):
    global ok; ok=False; print("ERR",m)
excl=set(l.strip() for l in open('/work/blind-extract-28-exclude.txt') if l.strip())
for g in sorted(glob.glob('*.gold.toml')):
    t=g[:-10]+'.txt'
    try: txt=open(t,encoding='utf-8').read()
    except Exception as e: err(f"{g}: no txt {e}"); continue
    try: d=tomllib.load(open(g,'rb'))
    except Exception as e: err(f"{g}: parse {e}"); continue
    a=d.get('article',{})
    for k in ('published','publisher','url','source_note'):
        if k not in a: err(f"{g}: article.{k} missing")
    if a.get('url') in excl: err(f"{g}: excluded url")
    ids=set()
    for i in d.get('incident',[]):
        ids.add(i['id'])
        if i.get('evidence','') not in txt: err(f"{g}: incident {i['id']} evidence")
        if 'place' in i and i['place'] not in txt: err(f"{g}: place {i['place']}")
        if ('date' in i)!=('date_text' in i): err(f"{g}: date/date_text {i['id']}")
        if 'date_text' in i and i['date_text'] not in txt: err(f"{g}: date_text {i['date_text']}")
    cs=d.get('casualty',[])
    for n,c in enumerate(cs):
        if c.get('incident') not in ids: err(f"{g}: casualty {n} incident ref")
        ev=c.get('evidence','')
        if ev not in txt: err(f"{g}: casualty {n} evidence")
        if c.get('quantity_text','') not in ev: err(f"{g}: casualty {n} quantity_text")
        if 'min' in c and 'max' in c and c['min']>c['max']: err(f"{g}: casualty {n} min>max")
        if 'part_of' in c and not (0<=c['part_of']<len(cs) and c['part_of']!=n): err(f"{g}: casualty {n} part_of")
for u in open('URLS.txt').read().split() if os.path.exists('URLS.txt') else []:
    if u in excl: err(f"URLS.txt excluded {u}")
print("ALL OK" if ok else "FAILED")
