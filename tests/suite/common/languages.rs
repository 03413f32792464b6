//! What tells one language's page or email from another's: the catalogue's own texts.
use covoit::domain::Lang;
use covoit::i18n::{T, message_ids};

/// Texts that only another language shows: every message without values of every other
/// language, at least 12 characters long, that is neither one of `lang`'s texts nor part of
/// one (a borrowed word or a name is the same in two languages and tells nothing).
pub fn foreign_texts(lang: Lang) -> Vec<(Lang, &'static str, &'static str)> {
    let ours: Vec<&str> = message_ids(lang)
        .into_iter()
        .filter_map(|id| T::get(lang).plain(id))
        .collect();
    let mut out = Vec::new();
    for other in Lang::ALL.into_iter().filter(|l| *l != lang) {
        for id in message_ids(other) {
            let Some(text) = T::get(other).plain(id) else {
                continue;
            };
            if text.chars().count() >= 12 && !ours.iter().any(|o| o.contains(text)) {
                out.push((other, id, text));
            }
        }
    }
    out
}

/// `body` (a page or an email part, entities decoded) has no text of another language.
pub fn assert_no_foreign_text(lang: Lang, body: &str, what: &str) {
    for (other, id, text) in foreign_texts(lang) {
        assert!(
            !body.contains(text),
            "{what} in {lang:?} shows {other:?} text {id} ({text:?}):\n{body}"
        );
    }
}

/// The words of a message around its one value: `mail-hello` in English gives `("Hello ", ",")`.
pub fn around(lang: Lang, id: &str, name: &'static str) -> (String, String) {
    let marked = T::get(lang).t1(id, name, "\u{1}");
    let (before, after) = marked
        .split_once('\u{1}')
        .expect("the message shows its value");
    (before.to_owned(), after.to_owned())
}

/// Texts of `lang` that tell it from every other language: messages without values whose
/// text no other language has (for the same message or any other), at least 12 characters.
pub fn own_texts(lang: Lang) -> Vec<&'static str> {
    let others: Vec<&str> = Lang::ALL
        .into_iter()
        .filter(|l| *l != lang)
        .flat_map(|l| {
            message_ids(l)
                .into_iter()
                .filter_map(move |id| T::get(l).plain(id))
        })
        .collect();
    message_ids(lang)
        .into_iter()
        .filter_map(|id| T::get(lang).plain(id))
        .filter(|text| text.chars().count() >= 12 && !others.contains(text))
        .collect()
}

/// The copy slips a reader notices: "(s)" plurals, "1 seats", and French spacing before a
/// colon in another language.
pub fn assert_clean_copy(lang: Lang, text: &str, what: &str) {
    assert!(
        !text.contains("(s)"),
        "{what} in {lang:?}: \"(s)\" in\n{text}"
    );
    let two = T::get(lang).t1("seat-count", "count", 2);
    let plural = two.trim_start_matches("2").trim();
    assert!(
        !text
            .to_lowercase()
            .contains(&format!("1 {}", plural.to_lowercase())),
        "{what} in {lang:?}: \"1 {plural}\" in\n{text}"
    );
    if lang != Lang::Fr {
        assert!(
            !text.contains(" :"),
            "{what} in {lang:?}: a space before a colon in\n{text}"
        );
    }
}
