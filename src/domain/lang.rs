//! The languages of pages and emails: one Fluent catalogue each (`locales/<code>/`).
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
    De,
    Nl,
    It,
    Es,
}

impl Lang {
    /// Every language, in the order of the language switch.
    pub const ALL: [Lang; 6] = [Lang::Fr, Lang::En, Lang::De, Lang::Nl, Lang::It, Lang::Es];

    /// `fr`, `FR`, `fr-CA`, `de_CH`... Anything else is unknown.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The preferred supported language of an `Accept-Language` header, by q-value (the first
    /// listed wins a tie).
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("");
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::parse(tag)
                && q > 0.0
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
            Lang::De => "de",
            Lang::Nl => "nl",
            Lang::It => "it",
            Lang::Es => "es",
        }
    }

    /// The OpenGraph locale (`language_TERRITORY`) of a page in this language.
    pub fn og_locale(self) -> &'static str {
        match self {
            Lang::Fr => "fr_FR",
            Lang::En => "en_GB",
            Lang::De => "de_DE",
            Lang::Nl => "nl_NL",
            Lang::It => "it_IT",
            Lang::Es => "es_ES",
        }
    }

    /// Its place in `ALL`.
    pub fn index(self) -> usize {
        Lang::ALL.iter().position(|l| *l == self).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_highest_supported() {
        assert_eq!(
            Lang::from_accept_language("pt-BR,en;q=0.8,fr;q=0.9"),
            Some(Lang::Fr)
        );
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9"), Some(Lang::En));
        assert_eq!(
            Lang::from_accept_language("de-CH,de;q=0.9,fr;q=0.8"),
            Some(Lang::De)
        );
        assert_eq!(Lang::from_accept_language("pt,ja"), None);
        assert_eq!(
            Lang::from_accept_language("fr;q=0,nl;q=0.1"),
            Some(Lang::Nl)
        );
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn parse_takes_the_primary_tag() {
        assert_eq!(Lang::parse("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::parse("EN_us"), Some(Lang::En));
        assert_eq!(Lang::parse("it-CH"), Some(Lang::It));
        assert_eq!(Lang::parse("es"), Some(Lang::Es));
        assert_eq!(Lang::parse("frx"), None);
    }

    #[test]
    fn all_in_order() {
        for (i, l) in Lang::ALL.iter().enumerate() {
            assert_eq!(l.index(), i);
        }
    }
}
