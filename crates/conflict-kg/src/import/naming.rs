//! Names: the import name of a file (kebab-case, part of the graph IRI), the graph an import
//! owns (`{base}graph/import/{dataset}/{name}`), the default rejects file beside the input, and
//! the slugs that make the IRIs of the actors and places a dataset names.

use super::{DatasetKind, ImportError};
use crate::iri::Base;
use oxigraph::model::NamedNode;
use std::path::{Path, PathBuf};

/// Lower-case kebab-case: letters and digits kept (lower-cased), every other run becomes `-`.
/// With `ascii`, non-ASCII letters count as separators too.
pub(super) fn slug(text: &str, ascii: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        let keep = if ascii {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if keep {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// The slug of a name, or its bytes in hex when it has no letter or digit at all.
pub(super) fn slug_or_hex(name: &str) -> String {
    let s = slug(name, false);
    if s.is_empty() {
        name.bytes().map(|b| format!("{b:02x}")).collect()
    } else {
        s
    }
}

/// The import name of a file: the kebab-case of its stem (`ACLED Syria 2024.csv` →
/// `acled-syria-2024`).
pub fn default_name(input: &Path) -> Result<String, ImportError> {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    check_name(&slug(&stem, true))
}

/// An import name must be kebab-case (it becomes part of the graph IRI).
pub fn check_name(name: &str) -> Result<String, ImportError> {
    let ok = !name.is_empty()
        && name.split('-').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    if ok {
        Ok(name.to_string())
    } else {
        Err(ImportError::BadName {
            name: name.to_string(),
        })
    }
}

/// `{base}graph/import/{dataset}/{name}`: the graph one import file owns.
pub(super) fn graph_name(base: &Base, kind: DatasetKind, name: &str) -> NamedNode {
    base.import_graph(kind.id(), name)
}

/// `FILE.rejects.csv` beside the input.
pub fn default_rejects_path(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".into());
    input.with_file_name(format!("{stem}.rejects.csv"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_kebab() {
        assert_eq!(slug("ACLED Syria 2024", true), "acled-syria-2024");
        assert_eq!(
            slug("Military Forces of Syria (2000-)", false),
            "military-forces-of-syria-2000"
        );
        assert_eq!(
            slug("Syria/Deir ez Zor/Al Mayadin", false),
            "syria-deir-ez-zor-al-mayadin"
        );
        assert_eq!(slug("Ḩalab", false), "ḩalab");
        assert_eq!(slug("Ḩalab", true), "alab");
    }

    #[test]
    fn import_names_come_from_the_file_stem() {
        assert_eq!(
            default_name(Path::new("/x/ACLED_Syria-2024.csv")).unwrap(),
            "acled-syria-2024"
        );
        assert!(default_name(Path::new("/x/__.csv")).is_err());
        assert!(check_name("Acled").is_err());
        assert!(check_name("acled--x").is_err());
    }

    #[test]
    fn graphs_are_named_after_dataset_and_import_name() {
        assert_eq!(
            graph_name(&Base::default(), DatasetKind::Ucdp, "ged-syria").as_str(),
            "https://w3id.org/conflict-kg/id/graph/import/ucdp/ged-syria"
        );
    }
}
