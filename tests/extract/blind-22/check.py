#!/usr/bin/env python3
"""Checker for blind-extract-22 gold files."""
import glob, os, re, sys, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
EXCL = "/work/blind-extract-22-exclude.txt"
EVENT_TYPES = set("""attack armed-clash government-regains-territory non-state-actor-overtakes-territory
chemical-weapon air-strike suicide-bomb shelling remote-explosive grenade sexual-violence
attack-on-civilians abduction peaceful-protest protest-with-intervention
excessive-force-against-protesters violent-demonstration mob-violence agreement arrests
change-to-group disrupted-weapons-use base-established looting negotiated-withdrawal
other-development military-deployment material-support accident attack-series""".split())
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")


def main():
    errors = []
    excl = set()
    if os.path.exists(EXCL):
        excl = {l.strip() for l in open(EXCL, encoding="utf-8") if l.strip()}
    tomls = sorted(glob.glob(os.path.join(HERE, "*.gold.toml")))
    n_inc = n_cas = 0
    urls = []
    for tp in tomls:
        name = os.path.basename(tp)[: -len(".gold.toml")]
        txtp = os.path.join(HERE, name + ".txt")
        def err(m):
            errors.append(f"{name}: {m}")
        if not os.path.exists(txtp):
            err("missing .txt"); continue
        txt = open(txtp, encoding="utf-8").read()
        try:
            with open(tp, "rb") as f:
                d = tomllib.load(f)
        except Exception as e:
            err(f"TOML parse error: {e}"); continue
        art = d.get("article", {})
        for k in ("published", "publisher", "url", "source_note"):
            if k not in art:
                err(f"article.{k} missing")
        url = art.get("url", "")
        urls.append(url)
        if url in excl:
            err(f"URL is in exclude list: {url}")
        pub = str(art.get("published", ""))
        if not re.match(r"^\d{4}-\d{2}(-\d{2})?$", pub):
            err(f"bad published {pub}")
        elif not ("2018" <= pub[:4] <= "2025"):
            err(f"published year out of range {pub}")
        incs = d.get("incident", [])
        ids = set()
        for i, inc in enumerate(incs):
            iid = inc.get("id")
            if not iid or iid in ids:
                err(f"incident {i}: missing/duplicate id {iid}")
            ids.add(iid)
            if inc.get("event_type") not in EVENT_TYPES:
                err(f"incident {iid}: bad event_type {inc.get('event_type')}")
            ev = inc.get("evidence", "")
            if not ev or ev not in txt:
                err(f"incident {iid}: evidence not in txt: {ev[:60]!r}")
            if "place" in inc and inc["place"] not in txt:
                err(f"incident {iid}: place not in txt: {inc['place']!r}")
            if ("date" in inc) != ("date_text" in inc):
                err(f"incident {iid}: date and date_text must come together")
            if "date" in inc:
                if not DATE_RE.match(str(inc["date"])):
                    err(f"incident {iid}: bad date {inc['date']}")
                if inc["date_text"] not in txt:
                    err(f"incident {iid}: date_text not in txt: {inc['date_text']!r}")
            for k in ("perpetrators", "targets"):
                if k in inc and not isinstance(inc[k], list):
                    err(f"incident {iid}: {k} not a list")
        n_inc += len(incs)
        cas = d.get("casualty", [])
        n_cas += len(cas)
        for j, c in enumerate(cas):
            if c.get("incident") not in ids:
                err(f"casualty {j}: unknown incident {c.get('incident')}")
            if c.get("type") not in ("killed", "wounded"):
                err(f"casualty {j}: bad type {c.get('type')}")
            ev = c.get("evidence", "")
            if not ev or ev not in txt:
                err(f"casualty {j}: evidence not in txt: {ev[:60]!r}")
            qt = c.get("quantity_text", "")
            if not qt or qt not in ev:
                err(f"casualty {j}: quantity_text not in evidence: {qt!r}")
            if not c.get("claimant"):
                err(f"casualty {j}: claimant missing")
            mn, mx = c.get("min"), c.get("max")
            if mn is not None and mx is not None and mn > mx:
                err(f"casualty {j}: min > max")
            if "part_of" in c:
                p = c["part_of"]
                if not isinstance(p, int) or p < 0 or p >= len(cas) or p == j:
                    err(f"casualty {j}: bad part_of {p}")
                elif cas[p].get("incident") != c.get("incident"):
                    err(f"casualty {j}: part_of points to other incident")
            if "hedge" in c and c["hedge"] not in ("reportedly", "possibly", "purportedly", "apparently", "estimated"):
                err(f"casualty {j}: bad hedge {c['hedge']}")
    # URLS.txt check
    up = os.path.join(HERE, "URLS.txt")
    if os.path.exists(up):
        for l in open(up, encoding="utf-8"):
            if l.strip() in excl:
                errors.append(f"URLS.txt: excluded URL {l.strip()}")
        listed = {l.strip() for l in open(up, encoding="utf-8") if l.strip()}
        for u in urls:
            if u not in listed:
                errors.append(f"URLS.txt lacks {u}")
    else:
        errors.append("URLS.txt missing")
    for e in errors:
        print("ERROR", e)
    print(f"{len(tomls)} articles, {n_inc} incidents, {n_cas} casualty claims")
    if errors:
        print(f"{len(errors)} ERRORS")
        sys.exit(1)
    print("ALL OK")


if __name__ == "__main__":
    main()
