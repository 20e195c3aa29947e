//! Gazetteers read from their own published files: which gazetteer (`GazetteerKind`), what every
//! reader produces (`Entry`), the in-memory index the matcher searches (`Gazetteer`), and the
//! spelling normalisation both sides of a match go through (`name_key`).
//!
//! Readers stream their input and keep only the entries a caller's filter accepts, so a 12-million
//! row `allCountries.txt` never sits in memory. Normalisation is deliberately lossy: it maps the
//! usual transliterations of one Arabic name (Deir ez-Zor / Dayr az Zawr / Deir Ezzor /
//! Deir al-Zour) to one key, and the matcher then checks country, parent and type before it
//! trusts a key match.

pub mod geonames;
pub mod wikidata;

use std::collections::HashMap;
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;

/// Problems reading a gazetteer file. Every syntax problem names file, line and column.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a readable zip archive: {source}")]
    Zip {
        path: PathBuf,
        #[source]
        source: zip::result::ZipError,
    },
    #[error("{path}: the zip archive holds no .txt file (expected a GeoNames dump such as SY.txt)")]
    EmptyZip { path: PathBuf },
    #[error("{path}:{line}: column {column} ({field}): found `{found}`, expected {expected}")]
    Syntax {
        path: PathBuf,
        line: u64,
        column: usize,
        field: &'static str,
        found: String,
        expected: String,
    },
}

/// Which gazetteer an entry, a link or a link graph belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GazetteerKind {
    GeoNames,
    Wikidata,
}

impl GazetteerKind {
    /// The short name used in IRIs (`graph/link/geonames`) and messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::GeoNames => "geonames",
            Self::Wikidata => "wikidata",
        }
    }
}

/// One gazetteer entry, whatever gazetteer it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The gazetteer's own id: a GeoNames geonameid (`170794`) or a Wikidata QID (`Q2429253`).
    pub id: String,
    /// The preferred name (GeoNames `name`, Wikidata label).
    pub name: String,
    /// Other names: GeoNames `asciiname` and `alternatenames`, Wikidata aliases.
    pub alternates: Vec<String>,
    /// WGS84 latitude and longitude, when the gazetteer gives them.
    pub coordinates: Option<(f64, f64)>,
    /// GeoNames feature class (`P`, `A`, `S`…); empty for Wikidata.
    pub feature_class: String,
    /// GeoNames feature code (`PPLA2`, `ADM1`, `OILF`…); empty when unknown.
    pub feature_code: String,
    /// ISO 3166 alpha-2 country code, empty when unknown.
    pub country: String,
    /// GeoNames admin1 code within the country (`07` for Deir ez-Zor), empty when unknown.
    pub admin1: String,
    /// GeoNames admin2 code, empty when unknown.
    pub admin2: String,
    pub population: u64,
    /// Wikidata `instance of` QIDs; empty for GeoNames.
    pub instance_of: Vec<String>,
}

impl Entry {
    /// Every name of the entry, preferred name first.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.alternates.iter().map(String::as_str))
    }
}

/// How a key was found on an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameKind {
    /// The preferred name (or GeoNames' ASCII form of it).
    Preferred,
    /// An alternate name or alias.
    Alternate,
}

/// Entries indexed by normalised name.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// What the entries were read from, as the user named it (for provenance).
    pub source: String,
    pub entries: Vec<Entry>,
    index: HashMap<String, Vec<(usize, NameKind)>>,
    /// Consonant skeletons of the keys (`skeleton`, `loose_skeleton`), for spellings differing
    /// only in vowels.
    skeletons: HashMap<String, Vec<usize>>,
}

impl Gazetteer {
    pub fn new(source: impl Into<String>) -> Self {
        Self {
            source: source.into(),
            ..Self::default()
        }
    }

    /// Adds an entry under the key of each of its names.
    pub fn push(&mut self, entry: Entry) {
        let i = self.entries.len();
        let mut keys: Vec<(String, NameKind)> = Vec::new();
        for (n, name) in entry.names().enumerate() {
            let kind = if n == 0 || is_ascii_form(&entry.name, name) {
                NameKind::Preferred
            } else {
                NameKind::Alternate
            };
            let key = name_key(name);
            if key.is_empty() {
                continue;
            }
            match keys.iter_mut().find(|(k, _)| *k == key) {
                Some((_, k)) => *k = (*k).min(kind),
                None => keys.push((key, kind)),
            }
        }
        for (key, kind) in keys {
            for sk in [skeleton(&key), loose_skeleton(&key)] {
                let slot = self.skeletons.entry(sk).or_default();
                if slot.last() != Some(&i) {
                    slot.push(i);
                }
            }
            self.index.entry(key).or_default().push((i, kind));
        }
        self.entries.push(entry);
    }

    /// Entries having a name with this key.
    pub fn lookup(&self, key: &str) -> &[(usize, NameKind)] {
        self.index.get(key).map_or(&[], Vec::as_slice)
    }

    /// Entries having a name whose key has this consonant skeleton.
    pub fn lookup_skeleton(&self, skeleton: &str) -> &[usize] {
        self.skeletons.get(skeleton).map_or(&[], Vec::as_slice)
    }

    /// Every key of the index (for approximate matching).
    pub fn keys(&self) -> impl Iterator<Item = (&str, &[(usize, NameKind)])> {
        self.index.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Whether `other` is `name` written without diacritics (GeoNames' `asciiname`).
fn is_ascii_form(name: &str, other: &str) -> bool {
    other.is_ascii() && fold(name) == fold(other)
}

/// Words that say what kind of area a name is ("Dayr az Zawr governorate", "Hajin town",
/// "Muhafazat Halab"): the one list every comparison of place names drops (dataset places in
/// `import`, governorate names in the matcher, `--names` mentions).
pub(crate) const AREA_KIND_WORDS: &[&str] = &[
    "governorate",
    "province",
    "muhafazat",
    "mohafazat",
    "district",
    "subdistrict",
    "sub-district",
    "nahiya",
    "city",
    "town",
    "village",
    "camp",
];

/// The area-kind words that say a name is a governorate's (a first-level division).
pub(crate) const GOVERNORATE_WORDS: &[&str] =
    &["governorate", "province", "muhafazat", "mohafazat"];

/// `name` without its area-kind words, wherever they stand, as long as one word is left
/// ("Hajin town" → "Hajin", "Muhafazat Halab" → "Halab", "Town" stays "Town").
pub(crate) fn without_area_words(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let kept: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !AREA_KIND_WORDS.iter().any(|k| w.eq_ignore_ascii_case(k)))
        .collect();
    if kept.is_empty() { words } else { kept }.join(" ")
}

/// The exact key of a place name: the letters and digits of [`without_area_words`], lower
/// case ("Deir ez-Zor governorate" → `deirezzor`). Spellings still differ; [`name_key`] is the
/// transliteration-aware key for matching across them.
pub(crate) fn plain_key(name: &str) -> String {
    without_area_words(name)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Lower case, diacritics and Arabic-transliteration marks removed (ʿayn, hamza, apostrophes).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        // Fast path (most GeoNames names and every asciiname): no decomposition needed.
        for b in s.bytes() {
            match b {
                b'\'' | b'`' | b'"' => {}
                b'-' | b'_' | b'.' | b',' | b'/' | b'(' | b')' => out.push(' '),
                b => out.push(b.to_ascii_lowercase() as char),
            }
        }
        return out;
    }
    for c in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            '\'' | '‘' | '’' | 'ʼ' | 'ʻ' | 'ʿ' | 'ʾ' | '`' | '´' | '"' => {}
            'ı' => out.push('i'),
            'ł' => out.push('l'),
            'ø' => out.push('o'),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            '-' | '_' | '.' | ',' | '/' | '(' | ')' | '–' | '—' => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Arabic definite articles as transliterated: `al-`, `el-` and the assimilated forms before
/// sun letters (`ad-`, `ash-`, `at-`, `as-`, `az-`, `ar-`, `an-`, `ath-`, `adh-`, `ed-`, `es-`,
/// `ez-`, `et-`, `er-`, `en-`).
const ARTICLES: &[&str] = &[
    "al", "el", "ad", "adh", "ash", "at", "ath", "as", "az", "ar", "an", "ed", "es", "ez", "et",
    "er", "en", "l", "a",
];

/// Letters before which `al` assimilates ("sun letters"), as the first letter of their
/// transliteration; `Ezzor` and `Assukhnah` are `ez-Zor` and `as-Sukhnah` written together.
const SUN_LETTERS: &[char] = &['t', 'd', 'r', 'z', 's', 'n', 'l'];

/// Words spelled many ways, mapped to one form.
const WORDS: &[(&str, &str)] = &[
    ("deir", "dayr"),
    ("dair", "dayr"),
    ("der", "dayr"),
    ("zor", "zawr"),
    ("zour", "zawr"),
    ("zur", "zawr"),
    ("zaur", "zawr"),
    ("zoor", "zawr"),
    ("tall", "tal"),
    ("tell", "tal"),
    ("jabal", "jabal"),
    ("jebel", "jabal"),
    ("jbel", "jabal"),
    ("abou", "abu"),
    ("bou", "bu"),
];

/// The key two spellings of one name share: folded, articles dropped, vowels and doubled letters
/// reduced (`ee`→`i`, `ou`/`oo`→`u`, `ei`/`ey`/`ai`→`ay`, final `-eh`/`-ah`→`a`, `q`→`k`,
/// `th`/`dh` one letter), words such as Deir/Dayr/Dair and Zor/Zawr/Zour unified, spaces removed.
pub fn name_key(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    let mut word = String::with_capacity(16);
    let count = folded.split_whitespace().count();
    for (i, w) in folded.split_whitespace().enumerate() {
        if count > 1 && ARTICLES.contains(&w) {
            continue;
        }
        // `Ezzor`, `Assukhnah`: an article written together with a doubled sun letter.
        let b = w.as_bytes();
        let w = if (i > 0 || count == 1)
            && b.len() >= 5
            && (b[0] == b'a' || b[0] == b'e')
            && b[1] == b[2]
            && SUN_LETTERS.contains(&(b[1] as char))
        {
            &w[2..]
        } else {
            w
        };
        // `al` glued to the word (`Alhasakah`) is too ambiguous (Albu Kamal) to drop.
        spelling(w, &mut word);
        out.push_str(&word);
    }
    out
}

/// One word's spelling reduced (see `name_key`), written into `w`.
fn spelling(word: &str, w: &mut String) {
    w.clear();
    if let Some((_, to)) = WORDS.iter().find(|(from, _)| *from == word) {
        w.push_str(to);
        return;
    }
    // One left-to-right pass over digraphs; doubled letters collapse as they are written
    // (Raqqa / Raqa, Hmeimim / Hmeymim).
    let b = word.as_bytes();
    let mut i = 0;
    let push = |w: &mut String, text: &str| {
        for c in text.chars() {
            if !w.ends_with(c) {
                w.push(c);
            }
        }
    };
    while i < b.len() {
        let pair = (b[i], b.get(i + 1).copied().unwrap_or(0));
        let (text, used) = match pair {
            (b'o', b'u') | (b'o', b'o') => ("u", 2),
            (b'e', b'e') | (b'i', b'e') => ("i", 2),
            (b'e', b'i') | (b'e', b'y') | (b'a', b'i') => ("ay", 2),
            (b'k', b'h') | (b'q', b'h') => ("x", 2),
            // ث and ذ: th, dh (Theban / Dhiban, Mayathen / Mayadhin).
            (b't', b'h') | (b'd', b'h') => ("0", 2),
            (b's', b'h') | (b'c', b'h') => ("$", 2),
            (b'q', _) => ("k", 1),
            _ => ("", 1),
        };
        if text.is_empty() {
            // Not ASCII-only in general (Arabic script keys): copy the whole character.
            let len = word[i..].chars().next().map_or(1, char::len_utf8);
            push(w, &word[i..i + len]);
            i += len;
        } else {
            push(w, text);
            i += used;
        }
    }
    // Final -eh / -ah / -e after a consonant: Jableh / Jablah / Jabla, Mayadine / Mayadin.
    for (suffix, with) in [("eh", "a"), ("ah", "a")] {
        if w.len() > suffix.len() + 2 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            w.push_str(with);
            break;
        }
    }
    if w.len() > 4 && w.ends_with('e') && !w.ends_with("ae") {
        w.pop();
    }
}

/// A key without its vowels (the first letter kept): transliterations of one Arabic name
/// mostly differ in the short vowels Arabic does not write (Mohassan / Muhasan → `mhsn`).
pub fn skeleton(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for (i, c) in key.chars().enumerate() {
        if i == 0 || !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u') {
            out.push(c);
        }
    }
    out
}

/// A looser skeleton, marked with a leading `~`: no vowels at all and no glides `w`/`y`, for
/// long vowels and diphthongs spelled differently (Jisreen / Jisrayn, Hwijat / Huwayjat,
/// Ihres / Aḩraş). Tried only when the [`skeleton`] finds nothing.
pub fn loose_skeleton(key: &str) -> String {
    std::iter::once('~')
        .chain(
            key.chars()
                .filter(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'w' | 'y')),
        )
        .collect()
}

/// Great-circle distance in kilometres between two (latitude, longitude) points.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().asin()
}

/// Similarity of two keys in 0..=1 (1 − Levenshtein distance / longer length).
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[b.len()] as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) {
        assert_eq!(name_key(a), name_key(b), "{a} / {b}");
    }

    #[test]
    fn spellings_of_deir_ez_zor_share_one_key() {
        for s in [
            "Deir ez-Zor",
            "Dayr az Zawr",
            "Deir Ezzor",
            "Deir al-Zour",
            "Dair az-Zaur",
            "Deir el-Zor",
            "Dayr az Zūr",
        ] {
            same("Deir ez-Zor", s);
        }
    }

    #[test]
    fn articles_diacritics_and_vowel_spellings_are_ignored() {
        same("Mayadeen", "al-Mayādīn");
        same("Al Mayadin", "Mayadine");
        same("Yarmouk", "al-Yarmūk");
        same("Raqqa", "Ar Raqqah");
        same("Jableh", "Jablah");
        same("Hmeimim", "Hmeymim");
        same("As Suwaydā’", "Suwayda");
        same("Tell Abyad", "Tall Abyad");
        same("Sukhnah", "As-Sukhnah");
    }

    #[test]
    fn different_places_keep_different_keys() {
        assert_ne!(name_key("Homs"), name_key("Hama"));
        assert_ne!(name_key("Al Bab"), name_key("Al Bad"));
        assert_ne!(name_key("Tadmur"), name_key("Tartus"));
    }

    #[test]
    fn skeletons_ignore_short_vowels() {
        assert_eq!(
            skeleton(&name_key("Mohassan")),
            skeleton(&name_key("Muhasan"))
        );
        assert_eq!(
            skeleton(&name_key("Khasham")),
            skeleton(&name_key("Khushām"))
        );
        assert_ne!(skeleton(&name_key("Hama")), skeleton(&name_key("Homs")));
    }

    #[test]
    fn a_hyphenated_a_is_an_article_and_th_is_dh() {
        assert_eq!(name_key("a-Shadadi"), name_key("Ash Shaddādī"));
        assert_eq!(skeleton(&name_key("Theban")), skeleton(&name_key("Dhībān")));
        assert_ne!(name_key("Tal"), name_key("Dal"));
    }

    #[test]
    fn loose_skeletons_ignore_glides_and_initial_vowels() {
        assert_eq!(
            loose_skeleton(&name_key("Jisreen")),
            loose_skeleton(&name_key("Jisrayn"))
        );
        assert_eq!(
            loose_skeleton(&name_key("Hwijat Shnan")),
            loose_skeleton(&name_key("Ḩuwayjat Shinān"))
        );
        assert_eq!(
            loose_skeleton(&name_key("Ihres")),
            loose_skeleton(&name_key("Aḩraş"))
        );
        // Marked, so a loose skeleton never equals a strict one.
        assert_ne!(loose_skeleton("bdr"), skeleton("bdr"));
        assert_ne!(
            loose_skeleton(&name_key("Homs")),
            loose_skeleton(&name_key("Hama"))
        );
    }

    #[test]
    fn a_lone_article_like_word_is_kept() {
        assert_eq!(name_key("As"), "as");
    }

    #[test]
    fn distance_between_damascus_and_deir_ez_zor_is_about_400_km() {
        let d = distance_km((33.5102, 36.29128), (35.33588, 40.14084));
        assert!((390.0..420.0).contains(&d), "{d}");
    }

    #[test]
    fn similarity_is_one_for_equal_keys_and_falls_with_edits() {
        assert_eq!(similarity("hajin", "hajin"), 1.0);
        assert!(similarity("hajin", "hajim") > 0.75);
        assert!(similarity("hajin", "raka") < 0.5);
    }
}
