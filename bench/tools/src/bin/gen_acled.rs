//! Synthetic ACLED rows for the benchmark (`bench/run.sh`): the 31 columns of a current ACLED
//! export, with Syrian admin areas and locations (real names and approximate coordinates),
//! the actors of the Syrian war with their ACLED actor types, dates 2017–2024, sources and
//! notes of realistic length. Deterministic (a fixed-seed xorshift), so two runs give the same
//! file.
//!
//! `cargo run --release -p ckg-bench --bin gen_acled -- 100000 > acled-100k.csv`

use std::io::{BufWriter, Write};

const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,\
sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,\
civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,\
geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

/// (admin1, admin2, admin3, location, latitude, longitude)
const LOCATIONS: &[(&str, &str, &str, &str, f64, f64)] = &[
    (
        "Deir ez Zor",
        "Al Mayadin",
        "Al Mayadin",
        "Al Mayadin",
        35.0206,
        40.4527,
    ),
    (
        "Deir ez Zor",
        "Al Mayadin",
        "Thiban",
        "Thiban",
        35.0107,
        40.5569,
    ),
    (
        "Deir ez Zor",
        "Al Mayadin",
        "Diban",
        "Diban",
        35.0300,
        40.5100,
    ),
    (
        "Deir ez Zor",
        "Abu Kamal",
        "Abu Kamal",
        "Abu Kamal",
        34.4507,
        40.9187,
    ),
    (
        "Deir ez Zor",
        "Abu Kamal",
        "Hajin",
        "Hajin",
        34.6914,
        40.8294,
    ),
    (
        "Deir ez Zor",
        "Abu Kamal",
        "Hajin",
        "Al Susah",
        34.5361,
        40.9075,
    ),
    (
        "Deir ez Zor",
        "Deir ez Zor",
        "Deir ez Zor",
        "Deir ez Zor",
        35.3359,
        40.1408,
    ),
    (
        "Deir ez Zor",
        "Deir ez Zor",
        "Deir ez Zor",
        "At Taym oil field",
        35.2468,
        40.0675,
    ),
    (
        "Deir ez Zor",
        "Deir ez Zor",
        "Kisreh",
        "Kisreh",
        35.4000,
        39.9700,
    ),
    ("Homs", "Tadmor", "Tadmor", "Tadmur", 34.5604, 38.2672),
    (
        "Homs",
        "Tadmor",
        "Al Sukhnah",
        "Al Sukhnah",
        34.8869,
        38.8718,
    ),
    ("Homs", "Homs", "Homs", "Homs", 34.7324, 36.7137),
    (
        "Homs",
        "Ar-Rastan",
        "Ar-Rastan",
        "Ar-Rastan",
        34.9267,
        36.7325,
    ),
    ("Idleb", "Idleb", "Idleb", "Idleb", 35.9306, 36.6339),
    (
        "Idleb",
        "Maarrat An Nu'man",
        "Maarrat An Nu'man",
        "Maarrat An Nu'man",
        35.6481,
        36.6724,
    ),
    ("Idleb", "Ariha", "Ariha", "Ariha", 35.8136, 36.6097),
    (
        "Idleb",
        "Jisr Ash-Shugur",
        "Jisr Ash-Shugur",
        "Jisr Ash-Shugur",
        35.8124,
        36.3176,
    ),
    (
        "Aleppo",
        "Jebel Saman",
        "Jebel Saman",
        "Aleppo",
        36.2021,
        37.1343,
    ),
    ("Aleppo", "Al Bab", "Al Bab", "Al Bab", 36.3706, 37.5157),
    ("Aleppo", "Afrin", "Afrin", "Afrin", 36.5119, 36.8690),
    ("Aleppo", "Menbij", "Menbij", "Menbij", 36.5281, 37.9549),
    (
        "Raqqa", "Ar-Raqqa", "Ar-Raqqa", "Ar-Raqqa", 35.9528, 39.0079,
    ),
    ("Raqqa", "Ar-Raqqa", "Maadan", "Maadan", 35.7423, 39.6481),
    (
        "Raqqa",
        "Tell Abiad",
        "Tell Abiad",
        "Tell Abiad",
        36.6975,
        38.9567,
    ),
    (
        "Al Hasakeh",
        "Al Hasakeh",
        "Al Hasakeh",
        "Al Hasakeh",
        36.5024,
        40.7477,
    ),
    (
        "Al Hasakeh",
        "Ras al Ain",
        "Ras al Ain",
        "Ras al Ain",
        36.8500,
        40.0700,
    ),
    (
        "Al Hasakeh",
        "Al Hasakeh",
        "Al-Hol",
        "Al Hol Camp",
        36.3800,
        41.1500,
    ),
    ("Hama", "Hama", "Hama", "Hama", 35.1318, 36.7578),
    (
        "Hama",
        "As-Suqaylabiyah",
        "Kafr Nabuda",
        "Kafr Nabuda",
        35.4667,
        36.4333,
    ),
    ("Daraa", "Daraa", "Daraa", "Daraa", 32.6189, 36.1021),
    ("Daraa", "Izra'", "Izra'", "Izra'", 32.8569, 36.2500),
    (
        "As-Sweida",
        "As-Sweida",
        "As-Sweida",
        "As-Sweida",
        32.7089,
        36.5695,
    ),
    (
        "Damascus", "Damascus", "Damascus", "Damascus", 33.5102, 36.2913,
    ),
    (
        "Damascus",
        "Damascus",
        "Damascus",
        "Yarmouk Camp",
        33.4736,
        36.3036,
    ),
    ("Rural Damascus", "Duma", "Duma", "Duma", 33.5711, 36.4050),
    (
        "Rural Damascus",
        "Az-Zabdani",
        "Az-Zabdani",
        "Az-Zabdani",
        33.7250,
        36.1000,
    ),
    (
        "Lattakia",
        "Jablah",
        "Hmeimim",
        "Hmeimim Airbase",
        35.4011,
        35.9487,
    ),
    (
        "Lattakia", "Lattakia", "Lattakia", "Lattakia", 35.5317, 35.7901,
    ),
    (
        "Quneitra", "Quneitra", "Quneitra", "Quneitra", 33.1256, 35.8244,
    ),
    ("Tartous", "Tartous", "Tartous", "Tartous", 34.8890, 35.8866),
];

/// (actor, ACLED actor type)
const ACTORS: &[(&str, &str)] = &[
    ("Islamic State (Syria)", "Rebel group"),
    ("Military Forces of Syria (2000-)", "State forces"),
    ("Military Forces of Russia (2000-)", "External/Other forces"),
    ("NDF: National Defense Forces", "Political militia"),
    ("SDF: Syrian Democratic Forces", "Rebel group"),
    ("Wagner Group", "External/Other forces"),
    ("HTS: Hayat Tahrir al Sham", "Rebel group"),
    ("Military Forces of Turkey (2016-)", "External/Other forces"),
    ("SNA: Syrian National Army", "Rebel group"),
    ("Military Forces of Iran (1989-)", "External/Other forces"),
    ("Hezbollah", "External/Other forces"),
    ("Unidentified Armed Group (Syria)", "Political militia"),
    (
        "Military Forces of the United States (2021-)",
        "External/Other forces",
    ),
    ("Military Forces of Israel (2022-)", "External/Other forces"),
    ("Al Baggara Tribal Militia (Syria)", "Identity militia"),
];

const CIVILIANS: (&str, &str) = ("Civilians (Syria)", "Civilians");

/// (event_type, sub_event_type, disorder_type, weight)
const TYPES: &[(&str, &str, &str, u32)] = &[
    ("Battles", "Armed clash", "Political violence", 30),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "Political violence",
        20,
    ),
    (
        "Explosions/Remote violence",
        "Air/drone strike",
        "Political violence",
        12,
    ),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "Political violence",
        6,
    ),
    (
        "Violence against civilians",
        "Attack",
        "Political violence",
        10,
    ),
    (
        "Violence against civilians",
        "Abduction/forced disappearance",
        "Political violence",
        3,
    ),
    (
        "Strategic developments",
        "Looting/property destruction",
        "Strategic developments",
        3,
    ),
    (
        "Strategic developments",
        "Arrests",
        "Strategic developments",
        3,
    ),
    (
        "Strategic developments",
        "Other",
        "Strategic developments",
        2,
    ),
    ("Protests", "Peaceful protest", "Demonstrations", 8),
    (
        "Battles",
        "Government regains territory",
        "Political violence",
        1,
    ),
    (
        "Battles",
        "Non-state actor overtakes territory",
        "Political violence",
        1,
    ),
    ("Riots", "Mob violence", "Demonstrations", 1),
];

const SOURCES: &[&str] = &[
    "SOHR",
    "SOHR; Deir Ezzor 24",
    "Enab Baladi",
    "SANA",
    "North Press Agency; SOHR",
    "Step News Agency",
    "Hawar News Agency",
    "Syria Direct; AFP",
    "TASS",
    "Al-Monitor; Reuters",
];

const SCALES: &[&str] = &["National", "Subnational", "Other-National", "International"];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn main() -> std::io::Result<()> {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let out = std::io::stdout();
    let mut w = BufWriter::with_capacity(1 << 20, out.lock());
    writeln!(w, "{HEADER}")?;
    let total_weight: u32 = TYPES.iter().map(|t| t.3).sum();
    let start = chrono::NaiveDate::from_ymd_opt(2017, 1, 1).expect("a date");
    for i in 0..n {
        let mut roll = (rng.next() % u64::from(total_weight)) as u32;
        let &(event_type, sub, disorder, _) = TYPES
            .iter()
            .find(|t| {
                if roll < t.3 {
                    true
                } else {
                    roll -= t.3;
                    false
                }
            })
            .expect("weights cover the roll");
        let date = start + chrono::Duration::days((rng.next() % 2922) as i64);
        let tp = match rng.below(20) {
            0 => 2,
            1 => 3,
            _ => 1,
        };
        let &(a1, inter1) = rng.pick(ACTORS);
        let (a2, inter2) = match event_type {
            "Violence against civilians" => CIVILIANS,
            "Protests" => ("", ""),
            _ => {
                let &(a, t) = rng.pick(ACTORS);
                if a == a1 { ("", "") } else { (a, t) }
            }
        };
        let (a1, inter1) = if event_type == "Protests" {
            ("Protesters (Syria)", "Protesters")
        } else {
            (a1, inter1)
        };
        let assoc1 = if rng.below(6) == 0 {
            rng.pick(ACTORS).0
        } else {
            ""
        };
        let &(adm1, adm2, adm3, loc, lat, lon) = rng.pick(LOCATIONS);
        let fatalities = match rng.below(10) {
            0..=4 => 0,
            5..=7 => rng.below(5),
            8 => 5 + rng.below(20),
            _ => 20 + rng.below(80),
        };
        let source = rng.pick(SOURCES);
        let notes = format!(
            "On {} {}, {} {} {} in {} ({}, {} governorate). {} The incident was reported by {} \
             citing local sources; {} fatalities were reported, and the figure may be revised as \
             further information becomes available.",
            date.format("%-d %B"),
            date.format("%Y"),
            a1,
            match event_type {
                "Battles" => "clashed with",
                "Violence against civilians" => "attacked",
                "Protests" => "demonstrated against",
                _ => "targeted",
            },
            if a2.is_empty() { "positions" } else { a2 },
            loc,
            adm2,
            adm1,
            if assoc1.is_empty() {
                "No further details were given."
            } else {
                "Allied forces took part in the fighting."
            },
            source,
            fatalities
        );
        let interaction = if inter2.is_empty() {
            format!("{inter1} only")
        } else {
            format!("{inter1}-{inter2}")
        };
        let civ = if a2 == CIVILIANS.0 {
            "Civilian targeting"
        } else {
            ""
        };
        let fields = [
            format!("SYR{}", 100_000 + i),
            date.format("%Y-%m-%d").to_string(),
            date.format("%Y").to_string(),
            tp.to_string(),
            disorder.to_string(),
            event_type.to_string(),
            sub.to_string(),
            a1.to_string(),
            assoc1.to_string(),
            inter1.to_string(),
            a2.to_string(),
            String::new(),
            inter2.to_string(),
            interaction,
            civ.to_string(),
            "760".into(),
            "Middle East".into(),
            "Syria".into(),
            adm1.to_string(),
            adm2.to_string(),
            adm3.to_string(),
            loc.to_string(),
            format!("{lat:.4}"),
            format!("{lon:.4}"),
            (1 + rng.below(3)).to_string(),
            source.to_string(),
            rng.pick(SCALES).to_string(),
            notes,
            fatalities.to_string(),
            String::new(),
            (1_600_000_000 + i).to_string(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        writeln!(w, "{}", line.join(","))?;
    }
    w.flush()
}
