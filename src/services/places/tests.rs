//! The embedded gazetteer on real names.
use super::{Gazetteer, Place};

fn labels(q: &str) -> Vec<String> {
    Gazetteer::embedded()
        .suggest(q, 10)
        .into_iter()
        .map(|p| p.label)
        .collect()
}

fn first(q: &str) -> Place {
    Gazetteer::embedded()
        .suggest(q, 10)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("nothing for {q:?}"))
}

#[test]
fn the_data_is_all_there() {
    let g = Gazetteer::embedded();
    assert!(g.len() > 18_000, "{} towns", g.len());
    for (q, country) in [
        ("Paris", "FR"),
        ("Saint-Pierre (974)", "RE"),
        ("Pointe-à-Pitre", "GP"),
        ("Antwerpen", "BE"),
        ("Bern", "CH"),
        ("Differdange", "LU"),
    ] {
        assert_eq!(first(q).country, country, "{q}");
    }
}

#[test]
fn accents_and_case_do_not_matter() {
    for q in [
        "Saint-Étienne",
        "saint etienne",
        "SAINT-ETIENNE",
        "st etienne",
        "St-Étienne",
    ] {
        assert_eq!(first(q).label, "Saint-Étienne (42)", "{q}");
    }
    assert_eq!(first("evry").label, "Évry (91)");
    assert_eq!(first("zurich").label, "Zürich (ZH, CH)");
    assert_eq!(first("ORLEANS").label, "Orléans (45)");
}

#[test]
fn prefixes_find_the_biggest_towns_first() {
    assert_eq!(first("Par").label, "Paris (75)");
    assert_eq!(first("lyo").label, "Lyon (69)");
    assert_eq!(first("marsei").label, "Marseille (13)");
    // A whole name comes before longer ones, however big: Mars (42) before Marseille.
    assert_eq!(first("mars").label, "Mars (42)");
    assert!(labels("Bordeaux").contains(&"Bordeaux (33)".to_owned()));
    assert!(labels("s").len() == 10 && labels("zzzzqqq").is_empty());
}

#[test]
fn saint_and_st_are_the_same() {
    assert_eq!(first("St Malo").label, "Saint-Malo (35)");
    assert_eq!(first("Ste Maxime").label, "Sainte-Maxime (83)");
    // The last word may still be being typed: "st" also finds Strasbourg.
    assert!(labels("st").contains(&"Strasbourg (67)".to_owned()));
    assert!(labels("st").iter().any(|l| l.starts_with("Saint-")));
}

#[test]
fn hyphens_apostrophes_and_inner_words() {
    assert_eq!(first("aix en provence").label, "Aix-en-Provence (13)");
    assert_eq!(
        first("Villefranche sur Saône").label,
        "Villefranche-sur-Saône (69)"
    );
    assert!(labels("denis").iter().any(|l| l.starts_with("Saint-Denis")));
}

#[test]
fn homonyms_are_told_apart() {
    let all = labels("Saint-Denis");
    assert!(all.contains(&"Saint-Denis (93)".to_owned()), "{all:?}");
    assert!(all.contains(&"Saint-Denis (974)".to_owned()), "{all:?}");
    let reunion = first("Saint-Denis (974)");
    assert_eq!(reunion.country, "RE");
    assert!(reunion.point.lat() < -20.0);
    let labels_unique = {
        let mut l = all.clone();
        l.sort();
        l.dedup();
        l.len()
    };
    assert_eq!(labels_unique, all.len(), "no two suggestions look the same");
}

#[test]
fn postcodes() {
    let p = first("69003");
    assert_eq!(
        (p.label.as_str(), p.postcode.as_deref()),
        ("Lyon (69)", Some("69003"))
    );
    assert_eq!(first("97400").label, "Saint-Denis (974)");
    assert_eq!(first("93200").label, "Saint-Denis (93)");
    // Paris once for its twenty postcodes, then the 750x of Belgium and Switzerland.
    let by_750 = labels("750");
    assert_eq!(by_750[..2], ["Paris (75)", "Tournai (Hainaut, BE)"]);
    assert_eq!(by_750.iter().filter(|l| l.starts_with("Paris")).count(), 1);
    // A postcode and a name together: the name among the towns with that postcode.
    assert_eq!(first("93200 saint").label, "Saint-Denis (93)");
    assert_eq!(first("1000 Lausanne").label, "Lausanne (VD, CH)");
    assert!(labels("0").is_empty());
}

#[test]
fn belgian_swiss_and_luxembourg_towns() {
    assert_eq!(first("Liège").label, "Liège (BE)");
    assert_eq!(first("4000").label, "Liège (BE)");
    assert_eq!(first("namur").label, "Namur (BE)");
    assert_eq!(first("Bruxelles").country, "BE");
    assert_eq!(first("charleroi").label, "Charleroi (Hainaut, BE)");
    assert_eq!(first("Genève").label, "Genève (GE, CH)");
    assert_eq!(first("fribourg").label, "Fribourg (FR, CH)");
    assert_eq!(first("Esch-sur-Alzette").label, "Esch-sur-Alzette (LU)");
    assert_eq!(first("luxembourg").country, "LU");
}

#[test]
fn resolving_free_text() {
    let g = Gazetteer::embedded();
    let named = |t: &str| g.resolve(t).map(|p| p.label);
    assert_eq!(named("Lyon").as_deref(), Some("Lyon (69)"));
    assert_eq!(
        named("  st-etienne ").as_deref(),
        Some("Saint-Étienne (42)")
    );
    assert_eq!(
        named("12 rue de la Paix, 69003 Lyon").as_deref(),
        Some("Lyon (69)")
    );
    assert_eq!(
        named("Gare, Saint-Denis (974)").as_deref(),
        Some("Saint-Denis (974)")
    );
    assert_eq!(named("Bruxelles").as_deref(), Some("Brussels (BE)"));
    // Only whole names: a prefix or an unknown place stays free text.
    assert_eq!(named("Lyo"), None);
    assert_eq!(named("Parking du stade"), None);
    assert_eq!(named(""), None);
    assert_eq!(named(",,,"), None);
}

#[test]
fn hostile_input_is_harmless() {
    let g = Gazetteer::embedded();
    for q in [
        "\u{0}\u{1}\u{7f}",
        "%FF%FE",
        "\u{202e}siraP",
        "😀😀😀",
        "'; DROP TABLE events; --",
        "<script>alert(1)</script>",
    ] {
        let _ = g.suggest(q, 10);
        let _ = g.resolve(q);
    }
    let long = "saint ".repeat(50_000);
    assert!(g.suggest(&long, 10).len() <= 10);
    assert_eq!(g.resolve(&long), None);
    let commas = ",".repeat(100_000);
    assert_eq!(g.resolve(&commas), None);
}

/// A source that counts how often it is asked, and knows one town.
struct Counting(std::sync::atomic::AtomicUsize);

#[async_trait::async_trait]
impl super::Geocoder for Counting {
    async fn suggest(
        &self,
        _: &str,
        _: crate::domain::Lang,
        _: usize,
    ) -> Result<Vec<Place>, super::GeocodeError> {
        Ok(Vec::new())
    }

    async fn resolve(
        &self,
        text: &str,
        _: crate::domain::Lang,
    ) -> Result<Option<Place>, super::GeocodeError> {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(text.contains("Seynod").then(|| first("Seynod")))
    }
}

#[tokio::test]
async fn the_map_asks_once_per_place_text() {
    use crate::domain::Lang;
    let counting = std::sync::Arc::new(Counting(Default::default()));
    let places = super::Places::with_first(counting.clone());
    for _ in 0..3 {
        assert_eq!(
            places
                .town_name("Seynod, place de l'église", Lang::Fr)
                .await,
            Some("Seynod".to_owned())
        );
    }
    assert_eq!(counting.0.load(std::sync::atomic::Ordering::SeqCst), 1);
    // Another language is another question; an unknown text is remembered as unknown.
    places
        .town_name("Seynod, place de l'église", Lang::De)
        .await;
    assert_eq!(places.town_name("Nulle part", Lang::Fr).await, None);
    assert_eq!(places.town_name("Nulle part", Lang::Fr).await, None);
    assert_eq!(counting.0.load(std::sync::atomic::Ordering::SeqCst), 3);
}
