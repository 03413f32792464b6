//! languages: 1. The catalogue itself: every language parses, has every message with the same
//! values; every text the code asks for exists and every message is used; no language is left
//! in another's words.
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use covoit::domain::Lang;
use covoit::i18n::SOURCES;
use fluent_syntax::ast;

/// The language the messages are written in first: every other one has the same messages.
const REFERENCE: &str = "fr";

#[derive(Debug)]
struct Message {
    file: &'static str,
    /// Its words: the text outside its placeables (for comparing languages).
    words: String,
    /// The values it shows (`$count`, `$event`...).
    values: BTreeSet<String>,
}

/// The text of a pattern outside its placeables, in every variant.
fn words_of_pattern(p: &ast::Pattern<&str>, out: &mut String) {
    for element in &p.elements {
        match element {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable {
                expression: ast::Expression::Select { variants, .. },
            } => {
                for v in variants {
                    out.push('|');
                    words_of_pattern(&v.value, out);
                }
            }
            ast::PatternElement::Placeable { .. } => out.push('\u{1}'),
        }
    }
}

fn values_of_inline(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => values_of_expression(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                values_of_inline(a, out);
            }
        }
        _ => {}
    }
}

fn values_of_expression(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(inline) => values_of_inline(inline, out),
        ast::Expression::Select { selector, variants } => {
            values_of_inline(selector, out);
            for v in variants {
                values_of_pattern(&v.value, out);
            }
        }
    }
}

fn values_of_pattern(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            values_of_expression(expression, out);
        }
    }
}

/// Every message of one language, by id; fails on a file that does not parse or an id
/// defined twice.
fn messages(code: &str) -> BTreeMap<&'static str, Message> {
    let (_, files) = SOURCES
        .iter()
        .find(|(c, _)| *c == code)
        .unwrap_or_else(|| panic!("no catalogue for {code}"));
    let mut out = BTreeMap::new();
    for (file, text) in files {
        let resource = fluent_syntax::parser::parse(*text)
            .unwrap_or_else(|(_, errors)| panic!("{code}/{file}.ftl does not parse: {errors:?}"));
        for entry in resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    let mut values = BTreeSet::new();
                    let value = m
                        .value
                        .as_ref()
                        .unwrap_or_else(|| panic!("{code}/{file}: {} has no text", m.id.name));
                    values_of_pattern(value, &mut values);
                    let mut words = String::new();
                    words_of_pattern(value, &mut words);
                    let previous = out.insert(
                        m.id.name,
                        Message {
                            file,
                            words,
                            values,
                        },
                    );
                    assert!(
                        previous.is_none(),
                        "{code}/{file}: {} is defined twice",
                        m.id.name
                    );
                }
                ast::Entry::Junk { content } => panic!("{code}/{file}: unreadable {content:?}"),
                _ => {}
            }
        }
    }
    out
}

#[test]
fn every_language_has_every_message_with_the_same_values() {
    let reference = messages(REFERENCE);
    assert!(reference.len() > 300, "{} messages", reference.len());
    assert_eq!(SOURCES.len(), Lang::ALL.len());
    for lang in Lang::ALL {
        let ours = messages(lang.code());
        let missing: Vec<_> = reference
            .keys()
            .filter(|k| !ours.contains_key(*k))
            .collect();
        let extra: Vec<_> = ours
            .keys()
            .filter(|k| !reference.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        assert!(extra.is_empty(), "{lang:?} has unknown messages {extra:?}");
        for (id, m) in &ours {
            let r = &reference[id];
            assert_eq!(m.file, r.file, "{lang:?}: {id} is not in {}.ftl", r.file);
            assert_eq!(
                m.values, r.values,
                "{lang:?}: {id} shows other values than in {REFERENCE}"
            );
        }
    }
}

/// Every source file under `dir` (recursively) with one of `extensions`.
fn sources(dir: &Path, extensions: &[&str], out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, extensions, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.contains(&e))
        {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

/// Messages the code names by building their id (`weekday-{n}`, `month-{n}`).
const BUILT_IDS: [&str; 2] = ["weekday-", "month-"];

#[test]
fn every_text_the_code_asks_for_exists_and_every_message_is_used() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &["rs"], &mut files);
    sources(&root.join("templates"), &["html", "txt"], &mut files);
    let reference = messages(REFERENCE);

    // Every id given to a text function exists.
    let call = regex::Regex::new(
        r#"\b(?:t|t1|t2|t3|plain|label|label_value|line)\(\s*"([A-Za-z0-9_-]+)""#,
    )
    .unwrap();
    let mut asked = 0;
    for (path, text) in &files {
        for c in call.captures_iter(text) {
            asked += 1;
            assert!(
                reference.contains_key(&c[1]),
                "{path} asks for {:?}, which the catalogue lacks",
                &c[1]
            );
        }
    }
    assert!(asked > 300, "{asked} texts asked for");

    // Every message is named somewhere in the code (as a string literal).
    let literal = regex::Regex::new(r#""([a-z][a-z0-9-]*)""#).unwrap();
    let named: BTreeSet<&str> = files
        .iter()
        .flat_map(|(_, text)| {
            literal
                .captures_iter(text)
                .map(|c| c.get(1).unwrap().as_str())
        })
        .collect();
    let unused: Vec<_> = reference
        .keys()
        .filter(|id| !named.contains(*id) && !BUILT_IDS.iter().any(|p| id.starts_with(p)))
        .collect();
    assert!(unused.is_empty(), "messages nothing uses: {unused:?}");
}

/// Messages that rightly read the same as in English ("April", "Status", "Total"…).
const SAME_AS_ENGLISH: [(&str, &[&str]); 5] = [
    (
        "fr",
        &[
            "destination",
            "link-message",
            "link-totals",
            "data-field-message",
            "privacy-contact-title",
        ],
    ),
    (
        "de",
        &[
            "month-4",
            "month-8",
            "month-9",
            "month-11",
            "optional",
            "mail-name",
            "devmail-links",
            "data-field-name",
            "admin-moderate",
        ],
    ),
    (
        "nl",
        &[
            "devmail-links",
            "csv-status",
            "csv-open",
            "mail-privacy",
            "privacy-link",
            "privacy-title",
            "data-ride-open",
            "privacy-contact-title",
        ],
    ),
    (
        "it",
        &["home", "mail-privacy", "privacy-link", "privacy-title"],
    ),
    ("es", &["link-totals", "admin-error"]),
];

#[test]
fn no_language_is_left_in_english() {
    let english = messages("en");
    let word = regex::Regex::new(r"\p{L}{4,}").unwrap();
    for (code, allowed) in SAME_AS_ENGLISH {
        let ours = messages(code);
        let untranslated: Vec<_> = ours
            .iter()
            .filter(|(id, m)| {
                m.words == english[*id].words && word.is_match(&m.words) && !allowed.contains(id)
            })
            .map(|(id, m)| (*id, m.words.clone()))
            .collect();
        assert!(
            untranslated.is_empty(),
            "{code} reads as English: {untranslated:?}"
        );
        // The list itself stays true: what it allows is still the same word.
        for id in allowed {
            assert_eq!(
                ours[id].words, english[id].words,
                "{code}: {id} is translated now; drop it from SAME_AS_ENGLISH"
            );
        }
    }
}

/// French typography, the same in every message: a narrow no-break space (U+202F) before
/// `: ; ! ?` and inside « », never a plain space that a line could break at.
#[test]
fn french_punctuation_is_spaced_one_way() {
    let mut wrong = Vec::new();
    for (key, m) in messages("fr") {
        let w = &m.words;
        let plain_before = [" :", " ;", " !", " ?", " »"].iter().any(|p| w.contains(p));
        if plain_before || w.contains("« ") {
            wrong.push((key, w.replace('\u{1}', "{…}")));
        }
    }
    assert!(
        wrong.is_empty(),
        "plain spaces in French punctuation: {wrong:?}"
    );
}
