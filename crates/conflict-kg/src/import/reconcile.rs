//! Reconciliation: which curated actor or place a dataset's name stands for, so imported and
//! curated data form one graph.
//!
//! Actors reconcile only through the alias table (`data/aliases.toml`): dataset actor names are
//! precise ("Military Forces of Syria (2000-)") and a guess would merge groups the data keeps
//! apart. Places reconcile by name within their admin area: a dataset place matches a curated
//! place when one of the curated place's names (label or alias) equals it after normalisation
//! (case, punctuation, spaces and area-kind words such as "governorate" or "town" ignored), the
//! curated place has a type fitting the dataset level (admin1 → governorate, location → city,
//! town, village…), and it lies within the curated place the level above reconciled to. Exactly
//! one candidate or none: an ambiguous name is not reconciled.

use super::aliases::AliasTable;
use super::{DatasetKind, ImportError};
use crate::gazetteer::plain_key;
use crate::model::Model;
use crate::vocab::PlaceType;
use std::collections::HashMap;
use std::path::Path;

/// The level of a dataset place in its admin hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceLevel {
    Country,
    Admin1,
    Admin2,
    Admin3,
    Location,
}

impl PlaceLevel {
    /// The place-type concept id a new (unreconciled) place of this level gets.
    pub fn place_type(self) -> PlaceType {
        match self {
            PlaceLevel::Country => PlaceType::Country,
            PlaceLevel::Admin1 => PlaceType::Governorate,
            PlaceLevel::Admin2 => PlaceType::District,
            PlaceLevel::Admin3 => PlaceType::Subdistrict,
            PlaceLevel::Location => PlaceType::Locality,
        }
    }

    /// Curated place types a dataset place of this level may reconcile with (exhaustive: a new
    /// place type must be placed here).
    fn matches_type(self, curated: PlaceType) -> bool {
        use PlaceType::*;
        match curated {
            Country => self == PlaceLevel::Country,
            Governorate => self == PlaceLevel::Admin1,
            District => self == PlaceLevel::Admin2,
            Subdistrict => self == PlaceLevel::Admin3,
            City | Town | Village | Camp | OilField | Airbase | MilitaryBase | Hospital => {
                self == PlaceLevel::Location
            }
            Desert | River | Region | Locality => false,
        }
    }
}

/// What import needs from the curated data: the alias table and a name index of places.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    aliases: AliasTable,
    /// Normalised name → curated place ids carrying it.
    place_names: HashMap<String, Vec<String>>,
    /// Curated place id → (type, parent id).
    places: HashMap<String, (PlaceType, Option<String>)>,
    /// Curated place id → the curated governorates reached from it by `ckg:within*` (itself
    /// if it is one; every parent, `within` and `also_within`), sorted: what an imported
    /// incident at that place gets as `ckg:derivedGovernorate`.
    governorates: HashMap<String, Vec<String>>,
    /// [`super::derived::hierarchy_digest`] of `governorates`.
    hierarchy_digest: String,
}

impl Reference {
    /// Reads and validates the data directory (as `ckg validate` does) and its alias table.
    pub fn load(data_dir: &Path) -> Result<Self, ImportError> {
        let model = crate::pipeline::load(data_dir).map_err(|e| match e {
            crate::pipeline::PipelineError::Invalid(p) => ImportError::Invalid(p),
            other => ImportError::Data(Box::new(other)),
        })?;
        let aliases = AliasTable::load(data_dir, &model)?;
        Ok(Self::new(&model, aliases))
    }

    pub fn new(model: &Model, aliases: AliasTable) -> Self {
        let mut place_names: HashMap<String, Vec<String>> = HashMap::new();
        let mut places = HashMap::new();
        for p in &model.places {
            places.insert(p.id.clone(), (p.place_type, p.within.clone()));
            let mut names: Vec<String> = std::iter::once(&p.label)
                .chain(&p.aliases)
                .map(|n| plain_key(n))
                .collect();
            names.sort();
            names.dedup();
            for n in names {
                place_names.entry(n).or_default().push(p.id.clone());
            }
        }
        let governorates = curated_governorates(model);
        let hierarchy_digest = super::derived::hierarchy_digest(&governorates);
        Self {
            aliases,
            place_names,
            places,
            governorates,
            hierarchy_digest,
        }
    }

    /// The digest of the curated place hierarchy this reference holds (every curated place's
    /// governorates), which an import records beside its derived data
    /// (`ckg:placeHierarchyDigest`).
    pub fn hierarchy_digest(&self) -> &str {
        &self.hierarchy_digest
    }

    /// The curated governorates a curated place lies in by `ckg:within*` (itself included).
    pub fn governorates(&self, place: &str) -> &[String] {
        self.governorates.get(place).map_or(&[], Vec::as_slice)
    }

    /// The curated actor id a dataset's actor name stands for (alias table only).
    pub fn actor(&self, kind: DatasetKind, name: &str) -> Option<&str> {
        self.aliases.actor(kind, name)
    }

    fn is_within(&self, place: &str, ancestor: &str) -> bool {
        let mut current = self.places.get(place).and_then(|(_, p)| p.as_deref());
        // The curated hierarchy is checked acyclic by `model`; the bound guards anyway.
        for _ in 0..64 {
            match current {
                Some(p) if p == ancestor => return true,
                Some(p) => current = self.places.get(p).and_then(|(_, p)| p.as_deref()),
                None => return false,
            }
        }
        false
    }

    /// The curated place a dataset place stands for: `name` at `level`, whose nearest
    /// reconciled ancestor is `ancestor` (`None` for a country, or when no level above
    /// reconciled, in which case nothing below a country reconciles).
    pub fn place(&self, level: PlaceLevel, name: &str, ancestor: Option<&str>) -> Option<&str> {
        if level != PlaceLevel::Country && ancestor.is_none() {
            return None;
        }
        let candidates = self.place_names.get(&plain_key(name))?;
        let mut found = candidates.iter().filter(|id| {
            let Some((kind, _)) = self.places.get(*id) else {
                return false;
            };
            level.matches_type(*kind) && ancestor.is_none_or(|a| self.is_within(id, a))
        });
        let first = found.next()?;
        match found.next() {
            Some(_) => None,
            None => Some(first.as_str()),
        }
    }
}

/// Curated place id → the curated governorates reached from it by `ckg:within*` (itself if it
/// is one; every parent, `within` and `also_within`), sorted.
pub(crate) fn curated_governorates(model: &Model) -> HashMap<String, Vec<String>> {
    let types: HashMap<&str, PlaceType> = model
        .places
        .iter()
        .map(|p| (p.id.as_str(), p.place_type))
        .collect();
    let parents: HashMap<&str, Vec<&str>> = model
        .places
        .iter()
        .map(|p| {
            let up = p.within.iter().chain(&p.also_within).map(String::as_str);
            (p.id.as_str(), up.collect())
        })
        .collect();
    model
        .places
        .iter()
        .map(|p| {
            let mut found = Vec::new();
            let mut todo = vec![p.id.as_str()];
            let mut seen = std::collections::HashSet::new();
            while let Some(id) = todo.pop() {
                if !seen.insert(id) {
                    continue;
                }
                if types.get(id) == Some(&PlaceType::Governorate) {
                    found.push(id.to_string());
                }
                todo.extend(parents.get(id).into_iter().flatten());
            }
            found.sort();
            (p.id.clone(), found)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> Reference {
        Reference::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap()
    }

    #[test]
    fn names_normalise_without_case_punctuation_or_kind_words() {
        assert_eq!(plain_key("Deir ez-Zor"), "deirezzor");
        assert_eq!(plain_key("Deir ez Zor"), "deirezzor");
        assert_eq!(plain_key("Hajin town"), "hajin");
        assert_eq!(plain_key("Town"), "town");
        assert_eq!(plain_key("Muhafazat Halab"), "halab");
        assert_eq!(plain_key("Yarmouk camp"), "yarmouk");
    }

    #[test]
    fn places_reconcile_by_name_within_their_admin_area_and_level() {
        let r = reference();
        let syria = r.place(PlaceLevel::Country, "Syria", None);
        assert_eq!(syria, Some("syria"));
        let gov = r.place(PlaceLevel::Admin1, "Deir ez Zor", syria);
        assert_eq!(gov, Some("deir-ez-zor-governorate"));
        // The same name at location level is the city, not the governorate.
        assert_eq!(
            r.place(PlaceLevel::Location, "Deir ez Zor", gov),
            Some("deir-ez-zor-city")
        );
        assert_eq!(
            r.place(PlaceLevel::Location, "Al Mayadin", gov),
            Some("mayadeen")
        );
        // UCDP writes the kind after the name.
        assert_eq!(
            r.place(PlaceLevel::Admin1, "Dayr az Zawr governorate", syria),
            Some("deir-ez-zor-governorate")
        );
        // Mayadeen is not in Homs governorate; nothing reconciles without a reconciled parent.
        let homs = r.place(PlaceLevel::Admin1, "Homs", syria);
        assert_eq!(homs, Some("homs-governorate"));
        assert_eq!(r.place(PlaceLevel::Location, "Al Mayadin", homs), None);
        assert_eq!(r.place(PlaceLevel::Location, "Al Mayadin", None), None);
        // An admin2 named like a town is not the town.
        assert_eq!(r.place(PlaceLevel::Admin2, "Al Mayadin", gov), None);
    }
}
