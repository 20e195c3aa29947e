#!/usr/bin/env python3
"""Analytic queries: ckg (SPARQL over the imported store) against DuckDB (SQL on the same CSV).

Called by bench/analytics.sh, which builds the binaries and the stores; run with the Python of
the DuckDB venv (~/.cache/conflict-kg/duckdb). Subcommands:

  dictionary CSV DATA CKG WORKDIR
      What reconciliation decides, as three small CSVs DuckDB joins with: the IRI of each event
      type, of each actor name and the governorate(s) of each place chain, read from a scratch
      store into which `ckg import acled` loaded one made-up row per distinct value of the CSV
      (a few dozen rows: the dictionary an analyst would keep beside the CSV). Not timed.
  sql QUESTION CSV WORKDIR OUT
      Runs the DuckDB SQL of one question on the CSV and writes its answer (CSV). Timed by the
      caller as a whole process, like `ckg query`.
  compare CKG_ANSWER DUCKDB_ANSWER
      Exit 0 when both answers hold the same rows (values as strings, rows sorted).

The SQL matches the SPARQL's semantics: participants are actor1, actor2 and every associated
actor (each once per event), pairs are unordered (a < b as strings), a governorate is every
ckg:Governorate reached from the event's place by ckg:within* (curated hierarchy included),
and the month is that of ckg:startDate (ACLED time_precision 2: the date minus 3 days; 3: the
first of the month).
"""

import csv
import subprocess
import sys
from pathlib import Path

BASE = "https://w3id.org/conflict-kg/id/"
IS = BASE + "actor/islamic-state"
PLACE_KEY = ["country", "admin1", "admin2", "admin3", "location"]


def connect(csv_path, workdir):
    import duckdb

    con = duckdb.connect()
    opts = "header = true, all_varchar = true, nullstr = '\\N'"
    con.execute(
        f"""CREATE VIEW ev AS SELECT event_id_cnty AS id,
                CAST(event_date AS DATE) AS d, CAST(time_precision AS INTEGER) AS tp,
                sub_event_type, actor1, actor2, assoc_actor_1, assoc_actor_2,
                {", ".join(PLACE_KEY)}, CAST(fatalities AS BIGINT) AS fatalities
            FROM read_csv('{csv_path}', {opts})"""
    )
    for name in ["types", "actors", "places"]:
        con.execute(
            f"CREATE TABLE {name} AS SELECT * FROM read_csv('{workdir}/dict-{name}.csv', {opts})"
        )
    return con


# Each question reads the CSV once (the view `ev` is expanded into each query, so DuckDB reads only
# the columns it needs); the dictionary tables are a few dozen rows.
START = """CASE tp WHEN 2 THEN d - INTERVAL 3 DAY WHEN 3 THEN date_trunc('month', d) ELSE d END"""
NAMES = """list_distinct(list_transform(
    [actor1, actor2] || string_split(assoc_actor_1, ';') || string_split(assoc_actor_2, ';'),
    lambda x: trim(x)))"""

SQL = {
    "counts-by-governorate-and-month": f"""
        SELECT p.governorate, strftime({START}, '%Y-%m') AS month, count(*) AS events
        FROM ev JOIN places p USING (country, admin1, admin2, admin3, location)
        GROUP BY ALL ORDER BY 1, 2""",
    "events-involving-an-actor": f"""
        WITH names AS (SELECT list(name) AS n FROM actors WHERE iri = '{IS}')
        SELECT '{BASE}incident/acled-' || ev.id AS incident,
               strftime({START}, '%Y-%m-%d') AS start, t.iri AS type
        FROM ev JOIN types t USING (sub_event_type), names
        WHERE list_has_any(n, {NAMES})
        ORDER BY start DESC, incident""",
    "fatalities-by-actor-pair": f"""
        WITH named AS (SELECT id, fatalities, unnest({NAMES}) AS name FROM ev),
             part AS (SELECT DISTINCT id, fatalities, a.iri FROM named JOIN actors a USING (name))
        SELECT a.iri AS a, b.iri AS b, sum(a.fatalities) AS fatalities, count(*) AS events
        FROM part a JOIN part b ON a.id = b.id AND a.iri < b.iri
        GROUP BY ALL ORDER BY fatalities DESC, a, b""",
}


def run_sql(question, csv_path, workdir, out):
    con = connect(csv_path, workdir)
    cur = con.execute(SQL[question])
    names = [c[0] for c in cur.description]
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(names)
        for row in cur.fetchall():
            w.writerow(["" if v is None else v for v in row])


def ckg_select(ckg, store, query, out):
    Path(out).write_text("")
    q = Path(out).with_suffix(".rq")
    q.write_text(query)
    with open(out, "w") as f:
        subprocess.run([ckg, "query", str(q), "--store", store, "-f", "csv"], stdout=f, check=True)
    with open(out, newline="") as f:
        return list(csv.reader(f))[1:]


def dictionary(csv_path, data, ckg, workdir):
    import duckdb

    wd = Path(workdir)
    con = duckdb.connect()
    src = f"read_csv('{csv_path}', header = true, all_varchar = true, nullstr = '\\N')"
    types = [r[0] for r in con.execute(f"SELECT DISTINCT sub_event_type FROM {src}").fetchall()]
    names = [
        r[0]
        for r in con.execute(
            f"""SELECT DISTINCT name FROM (
                SELECT actor1 AS name FROM {src} UNION SELECT actor2 FROM {src}
                UNION SELECT trim(unnest(string_split(assoc_actor_1, ';'))) FROM {src}
                UNION SELECT trim(unnest(string_split(assoc_actor_2, ';'))) FROM {src})
            WHERE name <> ''"""
        ).fetchall()
    ]
    places = con.execute(f"SELECT DISTINCT {', '.join(PLACE_KEY)} FROM {src}").fetchall()
    with open(csv_path, newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        template = next(reader)
    rows = []
    for i, t in enumerate(types):
        rows.append({**template, "event_id_cnty": f"DICTT{i}", "sub_event_type": t})
    for i, n in enumerate(names):
        rows.append(
            {
                **template,
                "event_id_cnty": f"DICTA{i}",
                "actor1": n,
                "assoc_actor_1": "",
                "actor2": "",
                "assoc_actor_2": "",
                "inter2": "",
            }
        )
    for i, p in enumerate(places):
        rows.append({**template, "event_id_cnty": f"DICTP{i}", **dict(zip(PLACE_KEY, p))})
    dict_csv = wd / "dict-rows.csv"
    with open(dict_csv, "w", newline="") as f:
        w = csv.DictWriter(f, header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    store = wd / "dict-store"
    subprocess.run(["rm", "-rf", str(store), f"{store}.lock"], check=True)
    quiet = {"stdout": subprocess.DEVNULL, "check": True}
    subprocess.run([ckg, "build", "--store", str(store), "--data", data], **quiet)
    subprocess.run(
        [ckg, "import", "acled", str(dict_csv), "--name", "dict", "--data", data,
         "--store", str(store)],
        **quiet,
    )
    s = str(store)
    inc = "?i ckg:datasetId ?id ; ckg:recordedIn source:acled"
    got_types = dict(ckg_select(ckg, s, f"SELECT ?id ?t WHERE {{ {inc} ; ckg:eventType ?t }}",
                                wd / "dict-q-types.csv"))
    got_actors = ckg_select(ckg, s, f"SELECT ?id ?a WHERE {{ {inc} ; ckg:participant ?a }}",
                            wd / "dict-q-actors.csv")
    got_places = ckg_select(
        ckg, s,
        f"""SELECT ?id ?g WHERE {{ {inc} ; ckg:place ?p . ?p ckg:within* ?g .
            ?g ckg:placeType ckg:Governorate }}""",
        wd / "dict-q-places.csv",
    )
    actor_of = {row_id: iri for row_id, iri in got_actors if row_id.startswith("DICTA")}
    with open(wd / "dict-types.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["sub_event_type", "iri"])
        for i, t in enumerate(types):
            w.writerow([t, got_types[f"DICTT{i}"]])
    with open(wd / "dict-actors.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "iri"])
        for i, n in enumerate(names):
            w.writerow([n, actor_of[f"DICTA{i}"]])
    with open(wd / "dict-places.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(PLACE_KEY + ["governorate"])
        index = {f"DICTP{i}": p for i, p in enumerate(places)}
        for row_id, gov in got_places:
            if row_id in index:
                w.writerow([v or "" for v in index[row_id]] + [gov])
    print(f"dictionary: {len(types)} event types, {len(names)} actors, {len(places)} place chains")


def compare(a, b):
    def rows(path):
        with open(path, newline="") as f:
            return sorted(tuple(r) for r in list(csv.reader(f))[1:])

    ra, rb = rows(a), rows(b)
    if ra == rb:
        return 0
    only_a = sorted(set(ra) - set(rb))[:3]
    only_b = sorted(set(rb) - set(ra))[:3]
    print(f"DIFFERENT: {len(ra)} vs {len(rb)} rows; only in {a}: {only_a}; only in {b}: {only_b}",
          file=sys.stderr)
    return 1


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "dictionary":
        dictionary(*args)
    elif cmd == "sql":
        run_sql(*args)
    elif cmd == "compare":
        sys.exit(compare(*args))
    else:
        sys.exit(f"unknown subcommand {cmd}")


if __name__ == "__main__":
    main()
