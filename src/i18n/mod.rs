//! French and English texts of the pages, as two tables of one struct: a missing
//! translation is a compile error. Texts with values are methods.
use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;

use crate::domain::{Invalid, Lang};

pub struct T {
    pub lang: Lang,
    pub skip_to_content: &'static str,
    pub language: &'static str,
    pub tagline: &'static str,
    pub footer: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_step_event: &'static str,
    pub home_step_offer: &'static str,
    pub home_step_request: &'static str,
    pub home_step_answer: &'static str,
    pub create_event: &'static str,
    pub new_event_title: &'static str,
    pub event_name: &'static str,
    pub venue: &'static str,
    pub starts_at: &'static str,
    pub timezone: &'static str,
    pub timezone_hint: &'static str,
    pub organizer_name: &'static str,
    pub organizer_email: &'static str,
    pub organizer_email_hint: &'static str,
    pub email_language: &'static str,
    pub form_has_errors: &'static str,
    pub optional: &'static str,
    pub event_created: &'static str,
    pub share_this_page: &'static str,
    pub embed_snippet: &'static str,
    pub when: &'static str,
    pub where_: &'static str,
    pub times_in_zone: &'static str,
    pub rides_to: &'static str,
    pub rides_from: &'static str,
    pub no_rides: &'static str,
    pub offer_a_ride: &'static str,
    pub full: &'static str,
    pub cancelled_offer: &'static str,
    pub departed: &'static str,
    pub see_and_book: &'static str,
    pub new_offer_title: &'static str,
    pub direction: &'static str,
    pub to_event: &'static str,
    pub from_event: &'static str,
    pub place: &'static str,
    pub place_hint: &'static str,
    pub departure_place: &'static str,
    pub departs_at: &'static str,
    pub seats_offered: &'static str,
    pub seats: &'static str,
    pub notes: &'static str,
    pub notes_hint: &'static str,
    pub driver_name: &'static str,
    pub your_email: &'static str,
    pub driver_email_hint: &'static str,
    pub your_phone: &'static str,
    pub driver_phone_hint: &'static str,
    pub return_trip: &'static str,
    pub return_trip_hint: &'static str,
    pub return_departs_at: &'static str,
    pub return_seats: &'static str,
    pub return_place: &'static str,
    pub publish_offer: &'static str,
    pub offer_published: &'static str,
    pub driver: &'static str,
    pub ride_to: &'static str,
    pub ride_from: &'static str,
    pub departure: &'static str,
    pub destination: &'static str,
    pub return_offer_link: &'static str,
    pub outbound_offer_link: &'static str,
    pub request_seats: &'static str,
    pub booking_hint: &'static str,
    pub your_name: &'static str,
    pub passenger_email_hint: &'static str,
    pub passenger_phone_hint: &'static str,
    pub seats_wanted: &'static str,
    pub pickup: &'static str,
    pub pickup_hint: &'static str,
    pub message: &'static str,
    pub send_request: &'static str,
    pub request_sent_title: &'static str,
    pub request_sent_body: &'static str,
    pub answer_by: &'static str,
    pub back_to_event: &'static str,
    pub other_rides: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub error_title: &'static str,
    pub server_error_body: &'static str,
    pub unavailable_title: &'static str,
    pub unavailable_write_body: &'static str,
    pub unavailable_read_body: &'static str,
    pub bad_request_body: &'static str,
    pub too_large_body: &'static str,
    pub conflict_title: &'static str,
    pub offer_cancelled_body: &'static str,
    pub departed_body: &'static str,
    pub duplicate_body: &'static str,
    pub home: &'static str,
    pub email_queued: &'static str,
    pub honeypot: &'static str,
    pub email_captured: &'static str,
    pub ack_suppressed: &'static str,
    pub open_private_page: &'static str,
}

mod en;
mod fr;
pub use en::EN;
pub use fr::FR;

const DAYS_FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const DAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl T {
    pub fn get(lang: Lang) -> &'static T {
        match lang {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// "samedi 21 novembre 2026 à 10:00" / "Saturday 21 November 2026, 10:00", in `zone`.
    pub fn datetime(&self, t: DateTime<Utc>, zone: Tz) -> String {
        let l = t.with_timezone(&zone);
        let day = l.weekday().num_days_from_monday() as usize;
        let month = l.month0() as usize;
        match self.lang {
            Lang::Fr => format!(
                "{} {} {} {} à {:02}:{:02}",
                DAYS_FR[day],
                if l.day() == 1 {
                    "1er".to_owned()
                } else {
                    l.day().to_string()
                },
                MONTHS_FR[month],
                l.year(),
                l.hour(),
                l.minute()
            ),
            Lang::En => format!(
                "{} {} {} {}, {:02}:{:02}",
                DAYS_EN[day],
                l.day(),
                MONTHS_EN[month],
                l.year(),
                l.hour(),
                l.minute()
            ),
        }
    }

    /// The value for an `<input type="datetime-local">`.
    pub fn input_datetime(t: DateTime<Utc>, zone: Tz) -> String {
        t.with_timezone(&zone).format("%Y-%m-%dT%H:%M").to_string()
    }

    pub fn seats_left(&self, n: i32) -> String {
        match (self.lang, n) {
            (Lang::Fr, 1) => "1 place libre".into(),
            (Lang::Fr, n) => format!("{n} places libres"),
            (Lang::En, 1) => "1 seat left".into(),
            (Lang::En, n) => format!("{n} seats left"),
        }
    }

    pub fn too_many(&self, seconds: u64) -> String {
        let minutes = seconds.div_ceil(60);
        match self.lang {
            Lang::Fr => format!("Trop de demandes en peu de temps. Réessayez dans {minutes} min."),
            Lang::En => format!("Too many requests in a short time. Try again in {minutes} min."),
        }
    }

    pub fn not_enough_seats(&self, left: i32) -> String {
        match self.lang {
            Lang::Fr => format!("Il ne reste que {} sur ce trajet.", self.seats_left(left)),
            Lang::En => format!("Only {} on this ride.", self.seats_left(left)),
        }
    }

    /// The message shown next to a refused field.
    pub fn invalid(&self, why: &Invalid) -> String {
        use Invalid::*;
        let fr = self.lang == Lang::Fr;
        match why {
            Required => pick(fr, "Ce champ est obligatoire.", "This field is required."),
            TooLong { max } => {
                if fr {
                    format!("{max} caractères au maximum.")
                } else {
                    format!("At most {max} characters.")
                }
            }
            ControlCharacters => pick(fr, "Caractères non autorisés.", "Characters not allowed."),
            Encoding => pick(
                fr,
                "Ce texte contient des caractères illisibles (encodage non UTF-8).",
                "This text contains unreadable characters (not UTF-8).",
            ),
            TooFarAhead => pick(
                fr,
                "Date trop lointaine : deux ans au plus.",
                "Too far ahead: two years at most.",
            ),
            Email => pick(
                fr,
                "Adresse e-mail invalide (exemple : marie@exemple.fr).",
                "Invalid email address (for example: marie@example.org).",
            ),
            Phone => pick(
                fr,
                "Numéro de téléphone invalide (exemple : 06 12 34 56 78).",
                "Invalid phone number (for example: +44 20 7946 0958).",
            ),
            Seats { max } => {
                if fr {
                    format!("Un nombre de places entre 1 et {max}.")
                } else {
                    format!("A number of seats from 1 to {max}.")
                }
            }
            SeatsBelowTaken { taken } => {
                if fr {
                    format!("Déjà {taken} place(s) prise(s) : pas moins.")
                } else {
                    format!("{taken} seat(s) already taken: no fewer.")
                }
            }
            WholeNumber => pick(
                fr,
                "Un nombre entier est attendu.",
                "A whole number is expected.",
            ),
            DateTime => pick(
                fr,
                "Date et heure invalides (AAAA-MM-JJTHH:MM).",
                "Invalid date and time (YYYY-MM-DDTHH:MM).",
            ),
            InThePast => pick(
                fr,
                "Cette date est déjà passée.",
                "This date is in the past.",
            ),
            NonexistentLocalTime => pick(
                fr,
                "Cette heure n'existe pas ce jour-là (changement d'heure).",
                "This time does not exist on that day (clocks change).",
            ),
            TimeZone => pick(
                fr,
                "Fuseau horaire inconnu (exemple : Europe/Paris).",
                "Unknown time zone (for example: Europe/Paris).",
            ),
            Direction => pick(
                fr,
                "Choisissez aller ou retour.",
                "Choose to or from the event.",
            ),
            Locale => pick(
                fr,
                "Langue inconnue (fr ou en).",
                "Unknown language (fr or en).",
            ),
            WrongType { expected } => {
                if fr {
                    format!("Type incorrect : {expected} attendu.")
                } else {
                    format!("Wrong type: {expected} expected.")
                }
            }
            TripTime => pick(
                fr,
                "Cet horaire ne correspond pas à l'événement (un aller part avant le début, au plus 7 jours avant ; un retour part après le début et après l'aller).",
                "This time does not fit the event (a ride there leaves before it starts, at most 7 days before; a ride back leaves after it starts and after the ride there).",
            ),
            ReturnWithoutOutbound => pick(
                fr,
                "Un trajet retour accompagne un trajet aller.",
                "A ride back goes with a ride to the event.",
            ),
            ReturnNeedsTime => pick(
                fr,
                "Indiquez aussi l'heure de départ du retour.",
                "Also give the ride back's departure time.",
            ),
            UnknownField => pick(fr, "Champ inconnu.", "Unknown field."),
        }
    }
}

fn pick(fr: bool, f: &str, e: &str) -> String {
    if fr { f.to_owned() } else { e.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_in_the_event_zone_and_language() {
        let t = Utc.with_ymd_and_hms(2026, 11, 1, 9, 5, 0).unwrap();
        assert_eq!(
            FR.datetime(t, Tz::Europe__Paris),
            "dimanche 1er novembre 2026 à 10:05"
        );
        assert_eq!(
            EN.datetime(t, Tz::America__New_York),
            "Sunday 1 November 2026, 04:05"
        );
    }

    #[test]
    fn every_invalid_reason_has_a_message_in_both_languages() {
        let all = [
            Invalid::Required,
            Invalid::TooLong { max: 3 },
            Invalid::Email,
            Invalid::TimeZone,
            Invalid::WrongType { expected: "string" },
        ];
        for why in all {
            assert_ne!(FR.invalid(&why), EN.invalid(&why));
        }
    }
}
