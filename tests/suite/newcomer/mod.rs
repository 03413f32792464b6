//! What a newcomer sees on the way through (issue 18): the driver's confirmation after
//! publishing, time zones typed any way, error summaries that name their fields, seats that
//! say how many are left (`forms`); a booking that a reload does not send again, the ride
//! there and back in one form, confirmation steps, ride cards, the home page and ways forward
//! (`pages`).
mod forms;
mod pages;

use crate::common::TestApp;
use rocket::http::Status;

pub(super) fn event_form(zone: &str, starts_at: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", "School fair".into()),
        ("venue", "Lycée Ampère".into()),
        ("starts_at", starts_at.into()),
        ("timezone", zone.into()),
        ("organizer_name", "Olivia".into()),
        ("organizer_email", "olivia@school.example".into()),
        ("locale", "en".into()),
    ]
}

pub(super) async fn post(
    app: &TestApp,
    path: &str,
    fields: &[(&str, String)],
) -> (Status, String, Option<String>) {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(path, &pairs).await
}
