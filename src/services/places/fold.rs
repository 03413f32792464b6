//! The search form of a name: lower case, no accents or ligatures, words split on anything
//! that is not a letter or digit, "St"/"Ste" read as "Saint"/"Sainte". Both the gazetteer's
//! names and the queries go through it, so "ST ETIENNE", "Saint-Étienne" and "st-etienne"
//! meet.
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The longest query looked at; autocomplete needs no more, and nothing longer costs time.
pub const MAX_QUERY_CHARS: usize = 100;

/// The folded words of `text`, in order.
pub fn words(text: &str) -> Vec<String> {
    let mut plain = String::with_capacity(text.len());
    for c in text.chars().take(MAX_QUERY_CHARS * 2).nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => plain.push_str("oe"),
            'æ' | 'Æ' => plain.push_str("ae"),
            'ß' => plain.push_str("ss"),
            'ø' | 'Ø' => plain.push('o'),
            'ł' | 'Ł' => plain.push('l'),
            'đ' | 'Đ' => plain.push('d'),
            c if c.is_alphanumeric() => plain.extend(c.to_lowercase()),
            _ => plain.push(' '),
        }
    }
    plain.split_whitespace().map(str::to_owned).collect()
}

/// "st" and "ste" as the words they abbreviate.
fn expand(word: &str) -> &str {
    match word {
        "st" => "saint",
        "ste" => "sainte",
        other => other,
    }
}

/// The folded form of a stored name.
pub fn fold(text: &str) -> String {
    words(text)
        .iter()
        .map(|w| expand(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The folded forms a query may stand for: the last word may still be typed, so "st" is
/// tried as itself (Strasbourg) as well as "saint".
pub fn query_forms(query: &str) -> Vec<String> {
    let words = words(query);
    let Some((last, rest)) = words.split_last() else {
        return Vec::new();
    };
    let head: Vec<&str> = rest.iter().map(|w| expand(w)).collect();
    let join = |last: &str| {
        let mut all = head.clone();
        all.push(last);
        all.join(" ")
    };
    let mut forms = vec![join(expand(last))];
    if expand(last) != last {
        forms.push(join(last));
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_hyphens_and_saints() {
        assert_eq!(fold("Saint-Étienne"), "saint etienne");
        assert_eq!(fold("ST ETIENNE"), "saint etienne");
        assert_eq!(fold("Ste-Foy-lès-Lyon"), "sainte foy les lyon");
        assert_eq!(fold("L'Haÿ-les-Roses"), "l hay les roses");
        assert_eq!(fold("Œuilly"), "oeuilly");
        assert_eq!(fold("Zürich"), "zurich");
        assert_eq!(fold("  \u{0}\t--  "), "");
    }

    #[test]
    fn a_query_ending_in_st_is_also_itself() {
        assert_eq!(query_forms("st"), vec!["saint", "st"]);
        assert_eq!(query_forms("St Denis"), vec!["saint denis"]);
        assert_eq!(query_forms("lyon"), vec!["lyon"]);
        assert!(query_forms("   ").is_empty());
    }

    #[test]
    fn long_input_is_cut() {
        let long = "a".repeat(100_000);
        assert!(fold(&long).len() <= MAX_QUERY_CHARS * 2);
    }
}
