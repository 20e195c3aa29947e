//! The alias table `data/aliases.toml`: which curated actor a dataset's actor name means
//! (ACLED's "Islamic State (Syria)" and UCDP's "IS" are both `islamic-state`). Read with the
//! position of every entry so a wrong actor id is reported as `file:line:column`.
//!
//! Format (documented in `data/README.md`): one table per dataset, dataset name → actor id.
//! ```toml
//! [acled]
//! "Islamic State (Syria)" = "islamic-state"
//! [ucdp]
//! "IS" = "islamic-state"
//! ```

use crate::diag::{Problems, SourceText};
use crate::model::Model;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use toml::Spanned;

use super::{DatasetKind, ImportError};

/// The file name of the alias table inside the data directory.
pub(super) const ALIASES_FILE: &str = "aliases.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasFile {
    #[serde(default)]
    acled: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    ucdp: BTreeMap<String, Spanned<String>>,
}

/// Dataset actor names → curated actor ids, per dataset. Names are matched exactly after
/// trimming (datasets spell their actor names consistently; a fuzzy match would merge distinct
/// groups).
#[derive(Debug, Clone, Default)]
pub struct AliasTable {
    acled: HashMap<String, String>,
    ucdp: HashMap<String, String>,
}

impl AliasTable {
    /// Reads `{data}/aliases.toml` (an absent file is an empty table) and checks every actor id
    /// against the curated model.
    pub fn load(data_dir: &Path, model: &Model) -> Result<Self, ImportError> {
        let path = data_dir.join(ALIASES_FILE);
        if !path.is_file() {
            return Ok(Self::default());
        }
        let text = std::fs::read_to_string(&path).map_err(|source| ImportError::Io {
            path: path.clone(),
            source,
        })?;
        Self::parse(&path, text, model)
    }

    /// Every (dataset name, actor id) pair of both datasets (for `ckg extract`'s lexicon).
    pub fn names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.acled
            .iter()
            .chain(&self.ucdp)
            .map(|(n, a)| (n.as_str(), a.as_str()))
    }

    fn parse(path: &Path, text: String, model: &Model) -> Result<Self, ImportError> {
        let src = SourceText::new(PathBuf::from(path), text);
        let mut problems = Problems::default();
        let file: AliasFile = match src.parse_toml() {
            Ok(f) => f,
            Err(p) => {
                problems.push(p);
                return Err(ImportError::Invalid(problems.found_in(path)));
            }
        };
        let mut table = Self::default();
        for (kind, entries) in [
            (DatasetKind::Acled, file.acled),
            (DatasetKind::Ucdp, file.ucdp),
        ] {
            for (name, id) in entries {
                if !model.actors.iter().any(|a| a.id == *id.get_ref()) {
                    problems.push(src.problem(
                        id.span().start,
                        format!("{}.\"{name}\"", kind.id()),
                        format!(
                            "found `{}`, expected the id of an actor in reference/*.toml",
                            id.get_ref()
                        ),
                    ));
                    continue;
                }
                table
                    .map_mut(kind)
                    .insert(name.trim().to_string(), id.into_inner());
            }
        }
        problems
            .into_result()
            .map_err(|p| ImportError::Invalid(p.found_in(path)))?;
        Ok(table)
    }

    fn map_mut(&mut self, kind: DatasetKind) -> &mut HashMap<String, String> {
        match kind {
            DatasetKind::Acled => &mut self.acled,
            DatasetKind::Ucdp => &mut self.ucdp,
        }
    }

    /// The curated actor id a dataset's actor name stands for.
    pub fn actor(&self, kind: DatasetKind, name: &str) -> Option<&str> {
        let map = match kind {
            DatasetKind::Acled => &self.acled,
            DatasetKind::Ucdp => &self.ucdp,
        };
        map.get(name.trim()).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        crate::pipeline::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap()
    }

    #[test]
    fn an_unknown_actor_id_is_reported_at_its_line_and_column() {
        let text = "[acled]\n\"Wagner Group\" = \"wagner-group\"\n\"Foo\" = \"no-such-actor\"\n";
        let err =
            AliasTable::parse(Path::new("data/aliases.toml"), text.into(), &model()).unwrap_err();
        let ImportError::Invalid(problems) = &err else {
            panic!("expected input problems, got {err}");
        };
        assert_eq!(
            err.to_string(),
            "1 problem found in data/aliases.toml; nothing was written"
        );
        assert_eq!(
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
            "data/aliases.toml:3:9: acled.\"Foo\": found `no-such-actor`, expected the id of an \
             actor in reference/*.toml"
        );
    }

    #[test]
    fn names_are_looked_up_per_dataset() {
        let text =
            "[acled]\n\"Wagner Group\" = \"wagner-group\"\n[ucdp]\n\"IS\" = \"islamic-state\"\n";
        let t = AliasTable::parse(Path::new("a.toml"), text.into(), &model()).unwrap();
        assert_eq!(
            t.actor(DatasetKind::Acled, " Wagner Group "),
            Some("wagner-group")
        );
        assert_eq!(t.actor(DatasetKind::Ucdp, "IS"), Some("islamic-state"));
        assert_eq!(t.actor(DatasetKind::Acled, "IS"), None);
    }
}
