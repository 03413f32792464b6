//! Every text people read — pages, link pages, errors, emails and their subjects, the admin,
//! CSV headers — comes from one Fluent catalogue per language: `locales/<code>/*.ftl`, files a
//! translator edits without touching Rust (plurals and other choices are Fluent selectors).
//! The catalogues are compiled into the binary; `T::get(lang)` gives a language's texts.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::domain::{
    Direction, Invalid, Lang, NeedDirection, NeedStatus, Reason, ReservationStatus,
};

mod arg;
pub use arg::Arg;

/// The catalogue's files, the same names in every language's folder.
pub const FILES: [&str; 7] = [
    "common",
    "pages",
    "links",
    "emails",
    "admin",
    "organiser",
    "digest",
];

macro_rules! catalogue {
    ($($code:literal),+) => {
        /// (language code, [(file name, contents)]) for every language, in `Lang::ALL`'s order.
        pub const SOURCES: &[(&str, [(&str, &str); 7])] = &[$(
            ($code, [
                ("common", include_str!(concat!("../../locales/", $code, "/common.ftl"))),
                ("pages", include_str!(concat!("../../locales/", $code, "/pages.ftl"))),
                ("links", include_str!(concat!("../../locales/", $code, "/links.ftl"))),
                ("emails", include_str!(concat!("../../locales/", $code, "/emails.ftl"))),
                ("admin", include_str!(concat!("../../locales/", $code, "/admin.ftl"))),
                ("organiser", include_str!(concat!("../../locales/", $code, "/organiser.ftl"))),
                ("digest", include_str!(concat!("../../locales/", $code, "/digest.ftl"))),
            ]),
        )+];
    };
}
catalogue!("fr", "en", "de", "nl", "it", "es");

/// A language's catalogue files: (name, contents).
fn files_of(lang: Lang) -> &'static [(&'static str, &'static str)] {
    SOURCES
        .iter()
        .find(|(code, _)| *code == lang.code())
        .map(|(_, files)| files.as_slice())
        .unwrap_or(&[])
}

/// One bundle per language, parsed once. A file that does not parse is logged and its valid
/// messages kept (the catalogue test fails on it).
static BUNDLES: LazyLock<Vec<FluentBundle<FluentResource>>> = LazyLock::new(|| {
    Lang::ALL
        .iter()
        .map(|lang| {
            let id = lang
                .code()
                .parse()
                .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // No Unicode isolation marks around values: they would end up in emails and URLs.
            bundle.set_use_isolating(false);
            for (name, text) in files_of(*lang) {
                let resource = FluentResource::try_new((*text).to_owned()).unwrap_or_else(
                    |(partial, errors)| {
                        tracing::error!(
                            lang = lang.code(),
                            file = name,
                            ?errors,
                            "catalogue file does not parse"
                        );
                        partial
                    },
                );
                if let Err(errors) = bundle.add_resource(resource) {
                    tracing::error!(
                        lang = lang.code(),
                        file = name,
                        ?errors,
                        "catalogue file clashes"
                    );
                }
            }
            bundle
        })
        .collect()
});

/// Every message without values, formatted once per language: pages hold `&'static str`s.
static PLAIN: LazyLock<Vec<HashMap<&'static str, &'static str>>> = LazyLock::new(|| {
    Lang::ALL
        .iter()
        .map(|lang| {
            let bundle = &BUNDLES[lang.index()];
            let mut plain = HashMap::new();
            for id in message_ids(*lang) {
                let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                    continue;
                };
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, None, &mut errors);
                if errors.is_empty() {
                    plain.insert(id, &*Box::leak(text.into_owned().into_boxed_str()));
                }
            }
            plain
        })
        .collect()
});

/// The ids of a language's messages, in catalogue order.
pub fn message_ids(lang: Lang) -> Vec<&'static str> {
    let mut ids = Vec::new();
    for (_, text) in files_of(lang) {
        for line in text.lines() {
            // A message starts a line with its identifier and ` =` (terms start with `-`).
            if let Some((id, _)) = line.split_once(" =")
                && !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                && id.starts_with(|c: char| c.is_ascii_alphabetic())
            {
                ids.push(id);
            }
        }
    }
    ids
}

/// Ids asked for but missing from the catalogue (a bug the catalogue test catches): each shown
/// as itself, allocated once.
static MISSING: LazyLock<Mutex<HashMap<String, &'static str>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The texts of one language.
pub struct T {
    pub lang: Lang,
}

static TEXTS: [T; 6] = [
    T { lang: Lang::Fr },
    T { lang: Lang::En },
    T { lang: Lang::De },
    T { lang: Lang::Nl },
    T { lang: Lang::It },
    T { lang: Lang::Es },
];

impl T {
    pub fn get(lang: Lang) -> &'static T {
        &TEXTS[lang.index()]
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = &BUNDLES[self.lang.index()];
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::error!(lang = self.lang.code(), id, "no such text in the catalogue");
            return id.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::error!(
                lang = self.lang.code(),
                id,
                ?errors,
                "text formatted with errors"
            );
        }
        text.into_owned()
    }

    fn with(&self, id: &str, args: Vec<(&'static str, Arg)>) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(s) => fluent.set(name, FluentValue::from(s)),
                Arg::Number(n) => fluent.set(name, FluentValue::from(n)),
            }
        }
        self.format(id, Some(&fluent))
    }

    /// The text `id` if it is a message without values.
    pub fn plain(&self, id: &str) -> Option<&'static str> {
        PLAIN[self.lang.index()].get(id).copied()
    }

    /// The text `id` (a message without values).
    pub fn t(&self, id: &str) -> &'static str {
        if let Some(text) = PLAIN[self.lang.index()].get(id) {
            return text;
        }
        tracing::error!(
            lang = self.lang.code(),
            id,
            "no such text (without values) in the catalogue"
        );
        let mut missing = MISSING.lock().unwrap_or_else(|e| e.into_inner());
        missing
            .entry(id.to_owned())
            .or_insert_with(|| Box::leak(id.to_owned().into_boxed_str()))
    }

    /// The text `id` with one value.
    pub fn t1(&self, id: &str, name: &'static str, value: impl Into<Arg>) -> String {
        self.with(id, vec![(name, value.into())])
    }

    /// The text `id` with two values.
    pub fn t2(
        &self,
        id: &str,
        n1: &'static str,
        v1: impl Into<Arg>,
        n2: &'static str,
        v2: impl Into<Arg>,
    ) -> String {
        self.with(id, vec![(n1, v1.into()), (n2, v2.into())])
    }

    /// The text `id` with three values.
    #[allow(
        clippy::too_many_arguments,
        reason = "like t1 and t2: the id, then each value's name and value"
    )]
    pub fn t3(
        &self,
        id: &str,
        n1: &'static str,
        v1: impl Into<Arg>,
        n2: &'static str,
        v2: impl Into<Arg>,
        n3: &'static str,
        v3: impl Into<Arg>,
    ) -> String {
        self.with(id, vec![(n1, v1.into()), (n2, v2.into()), (n3, v3.into())])
    }

    /// "Driver: Ann" — the label `id` and a value, punctuated the language's way.
    pub fn label_value(&self, id: &str, value: impl Into<Arg>) -> String {
        self.t2("label-value", "label", self.t(id), "value", value)
    }

    /// "Their message:" — the label `id` before what follows it.
    pub fn label(&self, id: &str) -> String {
        self.t1("label-colon", "label", self.t(id))
    }

    /// A date and time in this language's words and order, in `zone`.
    pub fn datetime(&self, t: DateTime<Utc>, zone: Tz) -> String {
        let l = t.with_timezone(&zone);
        let weekday = self.t(&format!("weekday-{}", l.weekday().number_from_monday()));
        let month = self.t(&format!("month-{}", l.month()));
        self.with(
            "datetime",
            vec![
                ("weekday", weekday.into()),
                ("day", l.day().into()),
                ("month", month.into()),
                ("year", Arg::Text(l.year().to_string())),
                ("hour", Arg::Text(format!("{:02}", l.hour()))),
                ("minute", Arg::Text(format!("{:02}", l.minute()))),
            ],
        )
    }

    /// The value for an `<input type="datetime-local">`.
    pub fn input_datetime(t: DateTime<Utc>, zone: Tz) -> String {
        t.with_timezone(&zone).format("%Y-%m-%dT%H:%M").to_string()
    }

    pub fn seats_left(&self, n: i32) -> String {
        self.t1("seats-left", "count", n)
    }

    pub fn too_many(&self, seconds: u64) -> String {
        self.t1("too-many", "minutes", seconds.div_ceil(60))
    }

    pub fn not_enough_seats(&self, left: i32) -> String {
        self.t1("not-enough-seats", "count", left)
    }

    /// "5 h 12 min", "3 min" (rounded up to the minute).
    pub fn time_left(&self, seconds: i64) -> String {
        let minutes = (seconds.max(0) + 59) / 60;
        self.t2(
            "time-left",
            "hours",
            minutes / 60,
            "minutes",
            Arg::Text(if minutes >= 60 {
                format!("{:02}", minutes % 60)
            } else {
                (minutes % 60).to_string()
            }),
        )
    }

    /// "Ride to X" / "Ride back from X".
    pub fn trip_label(&self, direction: Direction, event: &str) -> String {
        match direction {
            Direction::ToEvent => self.t1("trip-to", "event", event),
            Direction::FromEvent => self.t1("trip-from", "event", event),
        }
    }

    /// A share: "12.5%", "12,5 %"; a dash when there is none yet.
    pub fn percent(&self, rate: impl std::borrow::Borrow<Option<f64>>) -> String {
        match *rate.borrow() {
            Some(r) => {
                let value = format!("{:.1}", r * 100.0).replace('.', self.t("decimal-separator"));
                self.t1("percent", "value", value)
            }
            None => self.t("no-figure").to_owned(),
        }
    }

    /// A duration to the minute ("2 h 05 min"); a dash when there is none yet.
    pub fn duration(&self, seconds: impl std::borrow::Borrow<Option<i64>>) -> String {
        match *seconds.borrow() {
            Some(s) => self.time_left(s),
            None => self.t("no-figure").to_owned(),
        }
    }

    /// A need's state as pages name it.
    pub fn need_status(&self, status: NeedStatus) -> &'static str {
        self.t(match status {
            NeedStatus::Waiting => "need-status-waiting",
            NeedStatus::Matched => "need-status-matched",
            NeedStatus::Withdrawn => "need-status-withdrawn",
            NeedStatus::Lapsed => "need-status-lapsed",
            NeedStatus::Cancelled => "need-status-cancelled",
        })
    }

    /// Which rides a need asks for, as pages name it.
    pub fn need_direction(&self, direction: NeedDirection) -> &'static str {
        self.t(match direction {
            NeedDirection::ToEvent => "need-direction-to",
            NeedDirection::FromEvent => "need-direction-from",
            NeedDirection::Both => "need-direction-both",
        })
    }

    /// A request's state as pages and emails name it.
    pub fn status(&self, status: ReservationStatus, reason: Option<Reason>) -> &'static str {
        use ReservationStatus::*;
        self.t(match (status, reason) {
            (Pending, _) => "status-pending",
            (Confirmed, _) => "status-confirmed",
            (Refused, Some(Reason::Full)) => "status-refused-full",
            (Refused | Cancelled, Some(Reason::OfferCancelled)) => "status-ride-cancelled",
            (Refused | Cancelled, Some(Reason::EventCancelled)) => "status-event-cancelled",
            (Refused, _) => "status-refused",
            (Expired, _) => "status-expired",
            (Cancelled, Some(Reason::Removed)) => "status-removed",
            (Cancelled, _) => "status-cancelled",
        })
    }

    /// The message shown next to a refused field.
    pub fn invalid(&self, why: &Invalid) -> String {
        use Invalid::*;
        match why {
            Required => self.t("invalid-required").to_owned(),
            TooLong { max } => self.t1("invalid-too-long", "max", *max),
            TooMany { max } => self.t1("org-co-too-many", "max", *max),
            ControlCharacters => self.t("invalid-control-characters").to_owned(),
            Encoding => self.t("invalid-encoding").to_owned(),
            TooFarAhead => self.t("invalid-too-far-ahead").to_owned(),
            Email => self.t("invalid-email").to_owned(),
            Phone => self.t("invalid-phone").to_owned(),
            Seats { max } => self.t1("invalid-seats", "max", u32::from(*max)),
            SeatsLeft { left } => self.not_enough_seats(*left),
            SeatsBelowTaken { taken } => self.t1("invalid-seats-below-taken", "taken", *taken),
            WholeNumber => self.t("invalid-whole-number").to_owned(),
            DateTime => self.t("invalid-date-time").to_owned(),
            InThePast => self.t("invalid-in-the-past").to_owned(),
            NonexistentLocalTime => self.t("invalid-nonexistent-local-time").to_owned(),
            TimeZone => self.t("invalid-time-zone").to_owned(),
            Direction => self.t("invalid-direction").to_owned(),
            Locale => self.t("invalid-locale").to_owned(),
            WrongType { expected } => self.t1("invalid-wrong-type", "expected", *expected),
            TripTime => self.t("invalid-trip-time").to_owned(),
            ReturnWithoutOutbound => self.t("invalid-return-without-outbound").to_owned(),
            ReturnNeedsTime => self.t("invalid-return-needs-time").to_owned(),
            TimeWindow => self.t("invalid-time-window").to_owned(),
            UnknownField => self.t("invalid-unknown-field").to_owned(),
            UnknownPlace => self.t("invalid-unknown-place").to_owned(),
            Radius { max } => self.t1("invalid-radius", "max", *max),
            DetourMinutes { max } => self.t1("invalid-detour", "max", *max),
        }
    }
}

#[cfg(test)]
mod tests;
