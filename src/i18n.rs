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

pub static FR: T = T {
    lang: Lang::Fr,
    skip_to_content: "Aller au contenu",
    language: "Langue",
    tagline: "Covoiturage vers vos événements",
    footer: "covoit — sans compte, vos coordonnées ne sont jamais publiées.",
    home_title: "Partagez la route vers vos événements",
    home_intro: "Un club, une école ou une entreprise publie son événement ; les conducteurs proposent des places ; les passagers demandent une place sans créer de compte ; le conducteur accepte ou refuse d'un clic depuis son courriel.",
    home_step_event: "L'organisateur crée l'événement et partage sa page (ou l'intègre sur son site).",
    home_step_offer: "Un conducteur propose un trajet aller, retour, ou les deux.",
    home_step_request: "Un passager demande une ou plusieurs places.",
    home_step_answer: "Le conducteur répond sous 24 heures ; chacun reçoit un rappel la veille.",
    create_event: "Créer un événement",
    new_event_title: "Nouvel événement",
    event_name: "Nom de l'événement",
    venue: "Lieu",
    starts_at: "Début (date et heure locales)",
    timezone: "Fuseau horaire",
    timezone_hint: "Nom IANA, par exemple Europe/Paris.",
    organizer_name: "Votre nom",
    organizer_email: "Votre adresse e-mail",
    organizer_email_hint: "Pour vous envoyer les liens de l'événement. Elle n'est jamais affichée.",
    email_language: "Langue de vos e-mails",
    form_has_errors: "Le formulaire contient des erreurs :",
    optional: "facultatif",
    event_created: "Votre événement est publié. Partagez cette page avec les participants.",
    share_this_page: "Adresse de la page",
    embed_snippet: "Pour intégrer la réservation sur votre site, collez ce code :",
    when: "Quand",
    where_: "Où",
    times_in_zone: "Heures indiquées dans le fuseau",
    rides_to: "Trajets aller",
    rides_from: "Trajets retour",
    no_rides: "Aucun trajet proposé pour l'instant.",
    offer_a_ride: "Proposer un trajet",
    full: "Complet",
    cancelled_offer: "Annulé",
    departed: "Parti",
    see_and_book: "Voir et réserver",
    new_offer_title: "Proposer un trajet",
    direction: "Sens du trajet",
    to_event: "Aller (vers l'événement)",
    from_event: "Retour (depuis l'événement)",
    place: "Lieu de départ (ou destination pour un retour)",
    place_hint: "Une ville, un quartier, un parking : pas votre adresse exacte.",
    departure_place: "Lieu de départ",
    departs_at: "Départ (date et heure locales)",
    seats_offered: "Places proposées (1 à 8)",
    seats: "Places",
    notes: "Remarques",
    notes_hint: "Bagages, animaux, participation aux frais…",
    driver_name: "Votre nom",
    your_email: "Votre adresse e-mail",
    driver_email_hint: "Les demandes vous y sont envoyées. Elle n'est jamais affichée.",
    your_phone: "Votre téléphone",
    driver_phone_hint: "Communiqué seulement aux passagers que vous acceptez.",
    return_trip: "Trajet retour",
    return_trip_hint: "Renseignez l'heure de départ pour publier aussi un retour.",
    return_departs_at: "Départ du retour (date et heure locales)",
    return_seats: "Places au retour",
    return_place: "Destination du retour",
    publish_offer: "Publier le trajet",
    offer_published: "Votre trajet est publié.",
    driver: "Conducteur",
    ride_to: "Trajet aller vers",
    ride_from: "Trajet retour depuis",
    departure: "Départ",
    destination: "Destination",
    return_offer_link: "Voir le trajet retour",
    outbound_offer_link: "Voir le trajet aller",
    request_seats: "Demander une place",
    booking_hint: "Votre demande ne bloque aucune place tant que le conducteur ne l'a pas acceptée. Il a 24 heures pour répondre ; vous recevez sa réponse par e-mail.",
    your_name: "Votre nom",
    passenger_email_hint: "Pour recevoir la réponse. Elle n'est jamais affichée.",
    passenger_phone_hint: "Transmis au conducteur avec votre demande.",
    seats_wanted: "Nombre de places",
    pickup: "Point de prise en charge",
    pickup_hint: "Où le conducteur peut vous prendre (ou vous déposer).",
    message: "Message au conducteur",
    send_request: "Envoyer la demande",
    request_sent_title: "Demande envoyée",
    request_sent_body: "Le conducteur a reçu votre demande. Aucune place n'est bloquée tant qu'il ne l'a pas acceptée ; vous recevrez sa réponse par e-mail.",
    answer_by: "Réponse attendue avant le",
    back_to_event: "Retour à l'événement",
    other_rides: "Voir les autres trajets",
    not_found_title: "Page introuvable",
    not_found_body: "Cette page n'existe pas ou plus. Vérifiez le lien reçu.",
    error_title: "Une erreur est survenue",
    server_error_body: "Une erreur s'est produite de notre côté. Si vous enregistriez quelque chose, vérifiez vos courriels avant de réessayer.",
    unavailable_title: "Service momentanément indisponible",
    unavailable_write_body: "Nous ne pouvons rien enregistrer pour le moment : votre demande n'a pas été enregistrée. Réessayez dans quelques minutes.",
    unavailable_read_body: "Cette page ne peut pas être affichée pour le moment. Réessayez dans quelques minutes.",
    bad_request_body: "La demande envoyée est mal formée.",
    too_large_body: "Le contenu envoyé est trop volumineux.",
    conflict_title: "Demande impossible",
    offer_cancelled_body: "Ce trajet a été annulé par le conducteur.",
    departed_body: "Ce trajet est déjà parti.",
    duplicate_body: "Vous avez déjà une demande en cours ou acceptée pour ce trajet.",
    home: "Accueil",
    honeypot: "Laissez ce champ vide",
    email_queued: "Le conducteur est prévenu par e-mail, et une confirmation part vers votre adresse.",
    email_captured: "Mode développement : les e-mails ne sont pas envoyés mais conservés sur /dev/mail.",
    ack_suppressed: "C'est enregistré. Nous ne vous avons pas écrit cette fois : cette adresse a reçu beaucoup de messages de covoit dans l'heure. Gardez ce lien, c'est votre accès à cette page :",
    open_private_page: "Ouvrir ma page",
};

pub static EN: T = T {
    lang: Lang::En,
    skip_to_content: "Skip to content",
    language: "Language",
    tagline: "Carpooling to your events",
    footer: "covoit — no account needed; your contact details are never published.",
    home_title: "Share the ride to your events",
    home_intro: "A club, a school or a company publishes its event; drivers offer seats; passengers request a seat without an account; the driver accepts or refuses with one click from the email.",
    home_step_event: "The organiser creates the event and shares its page (or embeds it on their site).",
    home_step_offer: "A driver offers a ride there, back, or both.",
    home_step_request: "A passenger requests one or more seats.",
    home_step_answer: "The driver answers within 24 hours; everyone gets a reminder the day before.",
    create_event: "Create an event",
    new_event_title: "New event",
    event_name: "Event name",
    venue: "Venue",
    starts_at: "Starts (local date and time)",
    timezone: "Time zone",
    timezone_hint: "IANA name, for example Europe/Paris.",
    organizer_name: "Your name",
    organizer_email: "Your email address",
    organizer_email_hint: "To send you the event's links. It is never shown.",
    email_language: "Language of your emails",
    form_has_errors: "The form has errors:",
    optional: "optional",
    event_created: "Your event is published. Share this page with the participants.",
    share_this_page: "Page address",
    embed_snippet: "To embed booking on your own site, paste this code:",
    when: "When",
    where_: "Where",
    times_in_zone: "Times shown in the time zone",
    rides_to: "Rides to the event",
    rides_from: "Rides back",
    no_rides: "No ride offered yet.",
    offer_a_ride: "Offer a ride",
    full: "Full",
    cancelled_offer: "Cancelled",
    departed: "Departed",
    see_and_book: "See and book",
    new_offer_title: "Offer a ride",
    direction: "Direction",
    to_event: "To the event",
    from_event: "Back from the event",
    place: "Departure place (or destination for a ride back)",
    place_hint: "A town, a district, a car park: not your exact address.",
    departure_place: "Departure place",
    departs_at: "Departure (local date and time)",
    seats_offered: "Seats offered (1 to 8)",
    seats: "Seats",
    notes: "Notes",
    notes_hint: "Luggage, pets, sharing the costs…",
    driver_name: "Your name",
    your_email: "Your email address",
    driver_email_hint: "Requests are sent there. It is never shown.",
    your_phone: "Your phone",
    driver_phone_hint: "Given only to the passengers you accept.",
    return_trip: "Ride back",
    return_trip_hint: "Give a departure time to publish a ride back as well.",
    return_departs_at: "Ride back departure (local date and time)",
    return_seats: "Seats on the ride back",
    return_place: "Ride back destination",
    publish_offer: "Publish the ride",
    offer_published: "Your ride is published.",
    driver: "Driver",
    ride_to: "Ride to",
    ride_from: "Ride back from",
    departure: "Departure",
    destination: "Destination",
    return_offer_link: "See the ride back",
    outbound_offer_link: "See the ride there",
    request_seats: "Request a seat",
    booking_hint: "Your request holds no seat until the driver accepts it. The driver has 24 hours to answer; the answer reaches you by email.",
    your_name: "Your name",
    passenger_email_hint: "To receive the answer. It is never shown.",
    passenger_phone_hint: "Sent to the driver with your request.",
    seats_wanted: "Number of seats",
    pickup: "Pickup point",
    pickup_hint: "Where the driver can pick you up (or drop you off).",
    message: "Message to the driver",
    send_request: "Send the request",
    request_sent_title: "Request sent",
    request_sent_body: "The driver has your request. No seat is held until they accept it; their answer will reach you by email.",
    answer_by: "Answer expected before",
    back_to_event: "Back to the event",
    other_rides: "See the other rides",
    not_found_title: "Page not found",
    not_found_body: "This page does not exist, or no longer does. Check the link you received.",
    error_title: "Something went wrong",
    server_error_body: "Something went wrong on our side. If you were saving something, check your email before trying again.",
    unavailable_title: "Temporarily unavailable",
    unavailable_write_body: "We cannot save anything right now: your request was not saved. Please try again in a few minutes.",
    unavailable_read_body: "This page cannot be shown right now. Please try again in a few minutes.",
    bad_request_body: "The request was malformed.",
    too_large_body: "What was sent is too large.",
    conflict_title: "Request not possible",
    offer_cancelled_body: "The driver has cancelled this ride.",
    departed_body: "This ride has already left.",
    duplicate_body: "You already have a pending or accepted request for this ride.",
    home: "Home",
    honeypot: "Leave this field empty",
    email_queued: "The driver is told by email, and a confirmation is on its way to your address.",
    email_captured: "Development mode: emails are not sent but kept at /dev/mail.",
    ack_suppressed: "It is saved. We did not email you this time: this address received many messages from covoit in the last hour. Keep this link, it is your way back to this page:",
    open_private_page: "Open my page",
};

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
