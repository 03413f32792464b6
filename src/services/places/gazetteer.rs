//! The embedded gazetteer: about 19,000 towns of France (with overseas départements), Belgium,
//! Switzerland, Luxembourg and Monaco, built by `scripts/build_gazetteer.py` from GeoNames,
//! INSEE/La Poste and postcode lists (credited in the README). Parsed once per process into
//! sorted keys, so that a prefix search is a binary search plus a short scan.
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use super::Place;
use super::fold::{MAX_QUERY_CHARS, fold, query_forms, words};
use crate::domain::Point;

const DATA: &str = include_str!("../../../data/gazetteer.tsv");

struct Town {
    label: Box<str>,
    country: Box<str>,
    postcodes: Box<[Box<str>]>,
    point: Point,
    /// Folded name and folded label: a query equal to either is an exact hit.
    name_key: Box<str>,
    label_key: Box<str>,
}

/// How a key was made from its town; the lower, the better a hit.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// The name, an alias in another national language, or the label.
    Start,
    /// A later word of the name onwards ("denis" for Saint-Denis).
    Inner,
}

pub struct Gazetteer {
    /// Most populous first, so a town's index is its rank among equals.
    towns: Vec<Town>,
    keys: Vec<(Box<str>, u32, Kind)>,
    postcodes: Vec<(Box<str>, u32)>,
}

/// The number of keys looked at for one query, however short: bounds the time of "s".
const SCAN_LIMIT: usize = 40_000;

impl Gazetteer {
    /// The data shipped in the binary, parsed on first use and shared by the whole process.
    pub fn embedded() -> Arc<Gazetteer> {
        static SHARED: OnceLock<Arc<Gazetteer>> = OnceLock::new();
        SHARED
            .get_or_init(|| Arc::new(Gazetteer::parse(DATA)))
            .clone()
    }

    /// One town a line: `country name admin postcodes lat lon population aliases`, tab
    /// separated, most populous first. Malformed lines are skipped.
    pub fn parse(data: &str) -> Gazetteer {
        struct Row<'a> {
            country: &'a str,
            name: &'a str,
            admin: &'a str,
            postcodes: Vec<&'a str>,
            point: Point,
            aliases: Vec<&'a str>,
        }
        let rows: Vec<Row<'_>> = data
            .lines()
            .filter_map(|line| {
                let f: Vec<&str> = line.split('\t').collect();
                let point = Point::new(f.get(4)?.parse().ok()?, f.get(5)?.parse().ok()?)?;
                Some(Row {
                    country: f.first()?,
                    name: f.get(1).filter(|n| !n.is_empty())?,
                    admin: f.get(2)?,
                    postcodes: f.get(3)?.split_whitespace().collect(),
                    point,
                    aliases: f
                        .get(7)
                        .map(|a| a.split('|').filter(|a| !a.is_empty()).collect())
                        .unwrap_or_default(),
                })
            })
            .collect();
        let labels: Vec<String> = rows
            .iter()
            .map(|r| label(r.country, r.name, r.admin))
            .collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for l in &labels {
            *seen.entry(l.as_str()).or_default() += 1;
        }
        let mut towns = Vec::with_capacity(rows.len());
        let mut keys: Vec<(Box<str>, u32, Kind)> = Vec::new();
        let mut postcodes: Vec<(Box<str>, u32)> = Vec::new();
        for (i, (row, label)) in rows.iter().zip(&labels).enumerate() {
            let id = i as u32;
            // Homonyms in one département or canton: the postcode tells them apart.
            let label = match row.postcodes.first() {
                Some(code) if seen.get(label.as_str()).copied().unwrap_or(0) > 1 => {
                    format!("{}, {code})", label.trim_end_matches(')'))
                }
                _ => label.clone(),
            };
            let name_key = fold(row.name);
            let label_key = fold(&label);
            for alias in std::iter::once(row.name).chain(row.aliases.iter().copied()) {
                let w = words(alias);
                let folded = fold(alias);
                keys.push((folded.clone().into(), id, Kind::Start));
                // Every later word onwards: "denis" finds Saint-Denis, "alzette" Esch-sur-Alzette.
                let mut rest = folded.as_str();
                for _ in 1..w.len() {
                    match rest.split_once(' ') {
                        Some((_, tail)) => {
                            rest = tail;
                            keys.push((rest.into(), id, Kind::Inner));
                        }
                        None => break,
                    }
                }
            }
            if label_key != name_key {
                keys.push((label_key.clone().into(), id, Kind::Start));
            }
            for code in &row.postcodes {
                postcodes.push(((*code).into(), id));
            }
            towns.push(Town {
                label: label.into(),
                country: row.country.into(),
                postcodes: row.postcodes.iter().map(|c| (*c).into()).collect(),
                point: row.point,
                name_key: name_key.into(),
                label_key: label_key.into(),
            });
        }
        keys.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        keys.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        postcodes.sort_unstable();
        Gazetteer {
            towns,
            keys,
            postcodes,
        }
    }

    pub fn len(&self) -> usize {
        self.towns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.towns.is_empty()
    }

    /// Towns whose name (or a later word of it, or its label) begins with the query, or whose
    /// postcode does; exact names first, then by population. At most `limit`.
    pub fn suggest(&self, query: &str, limit: usize) -> Vec<Place> {
        let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let all = words(&query);
        let digits = |w: &String| w.bytes().all(|b| b.is_ascii_digit());
        // Only digits: a postcode being typed. Otherwise postcode-like words (4 or 5 digits)
        // filter, and the rest is the name ("saint denis 974" keeps its département).
        let (codes, name): (Vec<&String>, Vec<&String>) = if all.iter().all(digits) {
            (all.iter().take(1).collect(), Vec::new())
        } else {
            all.iter()
                .partition(|w| (4..=5).contains(&w.len()) && digits(w))
        };
        let code = codes.first().map(|c| c.as_str());
        let name_text = name
            .iter()
            .map(|w| w.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        // (tier, town) of the best hits; lower is better.
        let mut hits: Vec<(u8, u32)> = Vec::new();
        if name_text.is_empty() {
            let Some(code) = code.filter(|c| c.len() >= 2) else {
                return Vec::new();
            };
            let start = self.postcodes.partition_point(|(c, _)| &**c < code);
            for (c, id) in self.postcodes[start..].iter().take(SCAN_LIMIT) {
                if !c.starts_with(code) {
                    break;
                }
                hits.push((u8::from(&**c != code), *id));
            }
        } else {
            for form in query_forms(&name_text) {
                let start = self.keys.partition_point(|(k, _, _)| **k < *form);
                for (key, id, kind) in self.keys[start..].iter().take(SCAN_LIMIT) {
                    if !key.starts_with(form.as_str()) {
                        break;
                    }
                    let town = &self.towns[*id as usize];
                    if code.is_some_and(|c| !town.postcodes.iter().any(|p| p.starts_with(c))) {
                        continue;
                    }
                    let exact = *town.name_key == *form || *town.label_key == *form;
                    let tier = match (exact, kind) {
                        (true, _) => 0,
                        (false, Kind::Start) => 1,
                        (false, Kind::Inner) => 2,
                    };
                    hits.push((tier, *id));
                }
            }
        }
        hits.sort_unstable();
        let mut taken: Vec<u32> = Vec::with_capacity(limit);
        for (_, id) in hits {
            if taken.len() == limit {
                break;
            }
            if !taken.contains(&id) {
                taken.push(id);
            }
        }
        taken.into_iter().map(|id| self.place(id, code)).collect()
    }

    /// The town a free text names, if one does: the whole text or one of its comma-separated
    /// parts (last first: "12 rue de la Paix, 69003 Lyon") must be a town's name, alias or
    /// label exactly (homonyms go to the most populous, unless the label or postcode says
    /// otherwise). Anything else stays free text.
    pub fn resolve(&self, text: &str) -> Option<Place> {
        let text: String = text.chars().take(MAX_QUERY_CHARS * 2).collect();
        let whole = std::iter::once(text.as_str());
        let parts = text.rsplit(',');
        for part in whole.chain(parts) {
            let found = self.suggest(part, 1);
            let Some(place) = found.into_iter().next() else {
                continue;
            };
            let folded: String = words(part)
                .into_iter()
                .filter(|w| !(w.len() >= 4 && w.bytes().all(|b| b.is_ascii_digit())))
                .collect::<Vec<_>>()
                .join(" ");
            let folded = fold(&folded);
            if folded.is_empty() {
                continue;
            }
            if fold(&place.name) == folded
                || fold(&place.label) == folded
                || self.is_alias(&place, &folded)
            {
                return Some(place);
            }
        }
        None
    }

    fn is_alias(&self, place: &Place, folded: &str) -> bool {
        let start = self.keys.partition_point(|(k, _, _)| **k < *folded);
        self.keys[start..]
            .iter()
            .take_while(|(k, _, _)| **k == *folded)
            .any(|(_, id, kind)| {
                *kind == Kind::Start && *self.towns[*id as usize].label == *place.label
            })
    }

    fn place(&self, id: u32, code: Option<&str>) -> Place {
        let town = &self.towns[id as usize];
        let postcode = code
            .and_then(|c| town.postcodes.iter().find(|p| p.starts_with(c)))
            .or_else(|| town.postcodes.first())
            .map(|p| p.to_string());
        let name = match town.label.rfind(" (") {
            Some(at) => &town.label[..at],
            None => &town.label,
        };
        Place {
            label: town.label.to_string(),
            name: name.to_owned(),
            postcode,
            country: town.country.to_string(),
            point: town.point,
        }
    }
}

/// How a town is shown: French towns with their département ("Saint-Denis (93)", "Saint-Denis
/// (974)"), Swiss ones with their canton, Belgian ones with their province, each with its
/// country code outside France.
fn label(country: &str, name: &str, admin: &str) -> String {
    match country {
        "FR" | "RE" | "GP" | "MQ" | "GF" | "YT" if !admin.is_empty() => format!("{name} ({admin})"),
        "BE" | "CH"
            if !admin.is_empty() && admin != "Bruxelles-Brussel" && fold(admin) != fold(name) =>
        {
            format!("{name} ({admin}, {country})")
        }
        _ => format!("{name} ({country})"),
    }
}
