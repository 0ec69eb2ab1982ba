//! The relevance set: Dutch queries people would type against the demo dataset, each with the
//! record a person would want among the first three hits. Inflections, accents, case, phrases,
//! exclusions and `or` all take part. Runs on SQLite and PostgreSQL alike.

use serde_json::json;

use super::{label, search};
use crate::helpers::spawn_demo_app;

/// (query, expected type, text the expected record's title, name or body starts with or contains)
const SET: &[(&str, &str, &str)] = &[
    (
        "wooncirkel definitie",
        "LearningQuestion",
        "Wat verstaan we precies onder een wooncirkel?",
    ),
    (
        "kernvrijwilliger overbelast",
        "LearningQuestion",
        "Hoe voorkomen we dat kernvrijwilligers overbelast raken?",
    ),
    (
        "vrijwilliger professional gelijkwaardig",
        "LearningQuestion",
        "Hoe werken professionals en vrijwilligers gelijkwaardig samen?",
    ),
    (
        "Positieve Gezondheid gesprek",
        "LearningQuestion",
        "Hoe voeren professionals het gesprek over Positieve Gezondheid met wijkbewoners?",
    ),
    (
        "eindrapportage wooncirkels",
        "Outcome",
        "Eindrapportage CoP Wooncirkels",
    ),
    (
        "beeldverhaal",
        "Outcome",
        "Beeldverhaal Experimentenvijver Community Care",
    ),
    (
        "\"yin en yang\"",
        "Outcome",
        "Formeel en informeel in het sociale domein zijn als yin en yang",
    ),
    ("talentenkaart", "Meeting", "Buurtwandeling en talentenkaart"),
    (
        "spanning conflict buurt",
        "LearningQuestion",
        "Hoe zien we spanningen en conflicten in de buurt als bron van wijsheid?",
    ),
    (
        "lokale ondernemer",
        "LearningQuestion",
        "Hoe betrekken we lokale ondernemers bij de buurt?",
    ),
    (
        "woningcorporatie betrekken",
        "LearningQuestion",
        "Hoe betrekken we de woningcorporatie bij een nieuwe wooncirkel?",
    ),
    (
        "duurzame financiering experimentfase",
        "LearningQuestion",
        "Hoe vinden bewonersinitiatieven duurzame financiering",
    ),
    (
        "mantelzorgers",
        "LearningQuestion",
        "Wanneer neemt de professional het over van de mantelzorger",
    ),
    (
        "CORONAMAATREGELEN",
        "LearningQuestion",
        "Hoe betrekken we inwoners in tijden van coronamaatregelen?",
    ),
    (
        "kookavond portiek",
        "Contribution",
        "Bij ons begon een wooncirkel als een wekelijkse kookavond",
    ),
    ("formele intake", "Contribution", "Begin niet met een formele intake"),
    ("logboeken", "Contribution", "Laat bewoners per cirkel een kort logboek"),
    (
        "gastheer regisseur",
        "Contribution",
        "De begeleider is eerder gastheer dan regisseur",
    ),
    ("leerkring noord", "Workgroup", "Leerkring Noord"),
    ("leeratelier", "Workgroup", "Leeratelier Positieve Gezondheid"),
    ("buurtmakers nieuwegein", "Coalition", "Buurtmakers Nieuwegein"),
    ("experimentenvijver", "Coalition", "Experimentenvijver Community Care"),
    ("regenboog", "Organisation", "De Regenboog Groep"),
    ("Bilthoven", "Organisation", "RIVM"),
    ("burgerkracht", "Theme", "Burgerkracht"),
    (
        "clienten vrijwilligers professionals samen leren",
        "LearningQuestion",
        "Hoe richt je een leeromgeving in waarin cliënten",
    ),
    (
        "zorgzame ring kwetsbare burgers",
        "LearningQuestion",
        "Hoe ontstaat een zorgzame ring rond kwetsbare burgers?",
    ),
    (
        "\"eigen regie\" kwetsbare bewoner",
        "LearningQuestion",
        "Hoe bewaken we de eigen regie van een kwetsbare bewoner",
    ),
    // The question and the outcome with both words in their titles say "geef" as well.
    ("wijkteams ruimte -geef", "Outcome", "Ruimte voor ont-moeting"),
    (
        "coordinatie trekker",
        "Contribution",
        "Laat de coördinatie niet jarenlang bij dezelfde persoon liggen",
    ),
    (
        "talentenkaart or beeldverhaal",
        "Outcome",
        "Beeldverhaal Experimentenvijver Community Care",
    ),
];

#[tokio::test]
async fn dutch_queries_find_the_expected_record_in_the_top_three() {
    let app = spawn_demo_app().await;
    let admin = app.token(None, "PLATFORM_ADMIN").await;
    let mut misses = Vec::new();
    for (query, kind, text) in SET {
        let page = search(&app, Some(&admin), query, json!({ "first": 3 })).await;
        let edges = page["edges"].as_array().cloned().unwrap_or_default();
        let found = edges
            .iter()
            .any(|e| e["node"]["__typename"] == *kind && label(&e["node"]).contains(text));
        if !found {
            let top: Vec<String> = edges.iter().map(|e| label(&e["node"])).collect();
            misses.push(format!("{query:?} -> {top:?}"));
        }
    }
    let precision = (SET.len() - misses.len()) as f64 / SET.len() as f64;
    println!(
        "search relevance: {}/{} in the top 3 ({precision:.2})",
        SET.len() - misses.len(),
        SET.len()
    );
    assert!(SET.len() >= 25);
    assert!(misses.is_empty(), "missed:\n{}", misses.join("\n"));
}

#[tokio::test]
async fn highlights_mark_inflected_and_accented_words() {
    let app = spawn_demo_app().await;
    let admin = app.token(None, "PLATFORM_ADMIN").await;
    for (query, marked) in [
        ("coordinatie", "<mark>coördinatie</mark>"),
        ("clienten", "<mark>cliënten</mark>"),
    ] {
        let page = search(&app, Some(&admin), query, json!({ "first": 20 })).await;
        let highlights: Vec<String> = page["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["highlight"].as_str().unwrap().to_lowercase())
            .collect();
        assert!(highlights.iter().any(|h| h.contains(marked)), "{query}: {highlights:?}");
    }
    let page = search(&app, Some(&admin), "wooncirkel", json!({ "first": 10 })).await;
    let edges = page["edges"].as_array().unwrap();
    assert!(edges.len() >= 5);
    assert!(
        edges
            .iter()
            .all(|e| e["highlight"].as_str().unwrap().contains("<mark>")),
        "{edges:?}"
    );
    assert!(
        edges.iter().any(|e| e["highlight"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("<mark>wooncirkels</mark>")),
        "{edges:?}"
    );
    let scores: Vec<f64> = edges.iter().map(|e| e["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
}
