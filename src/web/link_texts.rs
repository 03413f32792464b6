//! French and English texts of the magic-link pages (driver, passenger, organiser).
use crate::domain::{Lang, ReservationStatus};

pub struct LT {
    pub accept_title: &'static str,
    pub accept_button: &'static str,
    pub refuse_title: &'static str,
    pub refuse_button: &'static str,
    pub refuse_note: &'static str,
    pub accepted: &'static str,
    pub refused: &'static str,
    pub already_title: &'static str,
    pub already_body: &'static str,
    pub current_state: &'static str,
    pub request_from: &'static str,
    pub seats: &'static str,
    pub pickup: &'static str,
    pub message: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub answer_before: &'static str,
    pub time_left: &'static str,
    pub seats_left: &'static str,
    pub manage_link: &'static str,
    pub booking_title: &'static str,
    pub your_driver: &'static str,
    pub cancel_booking: &'static str,
    pub cancel_confirm: &'static str,
    pub cancelled_done: &'static str,
    pub waiting_note: &'static str,
    pub manage_title: &'static str,
    pub pending_requests: &'static str,
    pub no_pending: &'static str,
    pub confirmed_passengers: &'static str,
    pub no_confirmed: &'static str,
    pub history: &'static str,
    pub accept: &'static str,
    pub refuse: &'static str,
    pub remove: &'static str,
    pub remove_confirm: &'static str,
    pub edit_title: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub cancel_offer_title: &'static str,
    pub cancel_offer_body: &'static str,
    pub cancel_offer_button: &'static str,
    pub offer_cancelled_done: &'static str,
    pub removed_done: &'static str,
    pub manage_linked: &'static str,
    pub organiser_title: &'static str,
    pub public_page: &'static str,
    pub offers_table: &'static str,
    pub col_direction: &'static str,
    pub col_departure: &'static str,
    pub col_driver: &'static str,
    pub col_seats: &'static str,
    pub col_taken: &'static str,
    pub col_pending: &'static str,
    pub totals: &'static str,
    pub csv_download: &'static str,
    pub csv_hint: &'static str,
    pub invalid_title: &'static str,
    pub invalid_body: &'static str,
    pub expired_link_title: &'static str,
    pub expired_link_body: &'static str,
    pub request_expired_title: &'static str,
    pub request_expired_body: &'static str,
    pub not_enough_title: &'static str,
    pub offer_cancelled_title: &'static str,
    pub departed_title: &'static str,
    pub back: &'static str,
}

pub static FR: LT = LT {
    accept_title: "Accepter cette demande ?",
    accept_button: "Accepter la demande",
    refuse_title: "Refuser cette demande ?",
    refuse_button: "Refuser la demande",
    refuse_note: "Un mot pour le passager (facultatif)",
    accepted: "Demande acceptée. Le passager reçoit vos coordonnées par e-mail.",
    refused: "Demande refusée. Le passager est prévenu.",
    already_title: "Déjà fait",
    already_body: "Cette demande a déjà reçu une réponse ; rien n'a changé.",
    current_state: "État actuel",
    request_from: "Demande de",
    seats: "Places",
    pickup: "Prise en charge",
    message: "Message",
    phone: "Téléphone",
    email: "E-mail",
    answer_before: "Répondre avant le",
    time_left: "Temps restant",
    seats_left: "Places libres",
    manage_link: "Gérer tout mon trajet",
    booking_title: "Votre réservation",
    your_driver: "Votre conducteur",
    cancel_booking: "Annuler ma demande",
    cancel_confirm: "Je confirme l'annulation",
    cancelled_done: "Votre demande est annulée. Le conducteur est prévenu.",
    waiting_note: "En attente de la réponse du conducteur. Aucune place n'est bloquée d'ici là.",
    manage_title: "Gérer mon trajet",
    pending_requests: "Demandes en attente",
    no_pending: "Aucune demande en attente.",
    confirmed_passengers: "Passagers confirmés",
    no_confirmed: "Aucun passager confirmé.",
    history: "Historique",
    accept: "Accepter",
    refuse: "Refuser",
    remove: "Retirer ce passager",
    remove_confirm: "Je confirme le retrait",
    edit_title: "Modifier le trajet",
    save: "Enregistrer",
    saved: "Modifications enregistrées. Les passagers confirmés sont prévenus d'un changement d'heure ou de lieu.",
    cancel_offer_title: "Annuler tout le trajet",
    cancel_offer_body: "Toutes les demandes en cours et les passagers confirmés seront prévenus.",
    cancel_offer_button: "Annuler le trajet",
    offer_cancelled_done: "Le trajet est annulé. Chaque passager concerné est prévenu.",
    removed_done: "Le passager est retiré et prévenu ; sa place est libérée.",
    manage_linked: "Gérer l'autre trajet (aller ou retour)",
    organiser_title: "Page organisateur",
    public_page: "Page publique",
    offers_table: "Trajets proposés",
    col_direction: "Sens",
    col_departure: "Départ",
    col_driver: "Conducteur",
    col_seats: "Places",
    col_taken: "Prises",
    col_pending: "En attente",
    totals: "Total",
    csv_download: "Télécharger les trajets (CSV)",
    csv_hint: "Trajets et passagers confirmés : noms, horaires, lieux et places. Les e-mails et téléphones n'y figurent pas.",
    invalid_title: "Lien invalide",
    invalid_body: "Ce lien est incomplet ou a été modifié. Utilisez le lien exact reçu par e-mail.",
    expired_link_title: "Lien expiré",
    expired_link_body: "Par sécurité, les liens reçus par e-mail expirent après quelques jours. Chaque nouvel e-mail de covoit contient des liens à jour ; le plus récent vous mène à votre page (la page « Gérer mon trajet » pour un conducteur).",
    request_expired_title: "Demande expirée",
    request_expired_body: "Cette demande a expiré sans réponse à temps. Le passager peut en faire une nouvelle.",
    not_enough_title: "Plus assez de places",
    offer_cancelled_title: "Trajet annulé",
    departed_title: "Trajet parti",
    back: "Retour",
};

pub static EN: LT = LT {
    accept_title: "Accept this request?",
    accept_button: "Accept the request",
    refuse_title: "Refuse this request?",
    refuse_button: "Refuse the request",
    refuse_note: "A word for the passenger (optional)",
    accepted: "Request accepted. The passenger gets your contact details by email.",
    refused: "Request refused. The passenger has been told.",
    already_title: "Already done",
    already_body: "This request was already answered; nothing changed.",
    current_state: "Current state",
    request_from: "Request from",
    seats: "Seats",
    pickup: "Pickup",
    message: "Message",
    phone: "Phone",
    email: "Email",
    answer_before: "Answer before",
    time_left: "Time left",
    seats_left: "Seats left",
    manage_link: "Manage my whole ride",
    booking_title: "Your booking",
    your_driver: "Your driver",
    cancel_booking: "Cancel my request",
    cancel_confirm: "I confirm the cancellation",
    cancelled_done: "Your request is cancelled. The driver has been told.",
    waiting_note: "Waiting for the driver's answer. No seat is held until then.",
    manage_title: "Manage my ride",
    pending_requests: "Pending requests",
    no_pending: "No pending request.",
    confirmed_passengers: "Confirmed passengers",
    no_confirmed: "No confirmed passenger.",
    history: "History",
    accept: "Accept",
    refuse: "Refuse",
    remove: "Remove this passenger",
    remove_confirm: "I confirm the removal",
    edit_title: "Edit the ride",
    save: "Save",
    saved: "Changes saved. Confirmed passengers are told of a new time or place.",
    cancel_offer_title: "Cancel the whole ride",
    cancel_offer_body: "Every pending request and confirmed passenger will be told.",
    cancel_offer_button: "Cancel the ride",
    offer_cancelled_done: "The ride is cancelled. Every passenger concerned has been told.",
    removed_done: "The passenger is removed and told; their seats are free again.",
    manage_linked: "Manage the other ride (there or back)",
    organiser_title: "Organiser page",
    public_page: "Public page",
    offers_table: "Rides offered",
    col_direction: "Direction",
    col_departure: "Departure",
    col_driver: "Driver",
    col_seats: "Seats",
    col_taken: "Taken",
    col_pending: "Pending",
    totals: "Total",
    csv_download: "Download the rides (CSV)",
    csv_hint: "Rides and confirmed passengers: names, times, places and seats. Emails and phone numbers are not included.",
    invalid_title: "Invalid link",
    invalid_body: "This link is incomplete or was changed. Use the exact link from the email.",
    expired_link_title: "Link expired",
    expired_link_body: "For safety, links sent by email expire after a few days. Every new email from covoit carries fresh links; the latest one leads to your page (the “Manage my ride” page for a driver).",
    request_expired_title: "Request expired",
    request_expired_body: "This request lapsed without an answer in time. The passenger can make a new one.",
    not_enough_title: "Not enough seats left",
    offer_cancelled_title: "Ride cancelled",
    departed_title: "Ride departed",
    back: "Back",
};

impl LT {
    pub fn get(lang: Lang) -> &'static LT {
        match lang {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }
}

pub fn status_label(lang: Lang, status: &str, reason: Option<&str>) -> &'static str {
    let fr = lang == Lang::Fr;
    match (ReservationStatus::parse(status), reason) {
        (Some(ReservationStatus::Pending), _) => {
            if fr {
                "en attente"
            } else {
                "pending"
            }
        }
        (Some(ReservationStatus::Confirmed), _) => {
            if fr {
                "confirmée"
            } else {
                "confirmed"
            }
        }
        (Some(ReservationStatus::Refused), Some("full")) => {
            if fr {
                "refusée (trajet complet)"
            } else {
                "refused (ride full)"
            }
        }
        (Some(ReservationStatus::Refused), Some("offer_cancelled")) => {
            if fr {
                "trajet annulé"
            } else {
                "ride cancelled"
            }
        }
        (Some(ReservationStatus::Refused), _) => {
            if fr {
                "refusée"
            } else {
                "refused"
            }
        }
        (Some(ReservationStatus::Expired), _) => {
            if fr {
                "expirée sans réponse"
            } else {
                "expired without an answer"
            }
        }
        (Some(ReservationStatus::Cancelled), Some("removed")) => {
            if fr {
                "retirée par le conducteur"
            } else {
                "removed by the driver"
            }
        }
        (Some(ReservationStatus::Cancelled), Some("offer_cancelled")) => {
            if fr {
                "trajet annulé"
            } else {
                "ride cancelled"
            }
        }
        (Some(ReservationStatus::Cancelled), _) => {
            if fr {
                "annulée par le passager"
            } else {
                "cancelled by the passenger"
            }
        }
        (None, _) => {
            if fr {
                "inconnu"
            } else {
                "unknown"
            }
        }
    }
}

/// "5 h 12 min", "3 min", or "0 min" (the same in both languages).
pub fn time_left(seconds: i64) -> String {
    let minutes = (seconds.max(0) + 59) / 60;
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m:02} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_left_is_rounded_up_to_the_minute() {
        assert_eq!(time_left(0), "0 min");
        assert_eq!(time_left(61), "2 min");
        assert_eq!(time_left(3 * 3600 + 5 * 60), "3 h 05 min");
        assert_eq!(time_left(-5), "0 min");
    }
}
