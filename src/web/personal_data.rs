//! The `data` link: its GET shows what covoit holds about the person for the event, with a
//! JSON export (a download; reading only) and a deletion form whose POST (confirmed by a
//! checkbox) ends what is active and erases the rest. Also the privacy page that explains it.
use askama::Template;
use chrono::{DateTime, Utc};
use rocket::http::{ContentType, Header, Status};
use rocket::response::Redirect;
use rocket::{Either, Route, State, get, post, routes};

use super::body::FormFields;
use super::lang::ReqLang;
use super::links::verified;
use super::{AppError, Ctx, Page};
use crate::config::Config;
use crate::db::Db;
use crate::domain::{Direction, Lang, NeedDirection, NeedStatus, ReservationStatus};
use crate::i18n::T;
use crate::links::{DataLink, Purpose, Verified};
use crate::mail::Emails;
use crate::services::personal_data::{self, Deleted, Holdings, Subject};
use crate::urls::{Urls, paths};

pub fn routes() -> Vec<Route> {
    routes![export, delete, privacy]
}

/// One thing held, as label/value lines.
pub struct Item {
    pub title: String,
    pub lines: Vec<(String, String)>,
}

/// A group of things held ("Your rides").
pub struct Section {
    pub heading: &'static str,
    pub items: Vec<Item>,
}

#[derive(Template)]
#[template(path = "pages/link_data.html")]
struct DataPage {
    ctx: Ctx,
    lt: &'static T,
    action: String,
    export_url: String,
    event_name: String,
    event_url: String,
    email: String,
    erased_on: String,
    retention_days: u32,
    sections: Vec<Section>,
    emails: usize,
    empty: bool,
    /// "deleted" or "already", after the POST.
    done: Option<String>,
    /// The confirmation box was not ticked.
    confirm_missing: bool,
}

fn line(lt: &T, id: &str, value: impl Into<String>) -> (String, String) {
    (lt.t(id).to_owned(), value.into())
}

fn opt(lines: &mut Vec<(String, String)>, lt: &T, id: &str, value: &Option<String>) {
    if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
        lines.push(line(lt, id, v));
    }
}

fn trip(lt: &T, direction: &str, event: &str) -> String {
    match Direction::parse(direction) {
        Some(d) => lt.trip_label(d, event),
        None => event.to_owned(),
    }
}

fn sections(lt: &'static T, h: &Holdings, zone: chrono_tz::Tz) -> Vec<Section> {
    let when = |t: DateTime<Utc>| lt.datetime(t, zone);
    let mut out = Vec::new();
    if let Some(o) = &h.organiser {
        let mut lines = vec![
            line(lt, "data-field-name", &o.name),
            line(lt, "data-field-email", &o.email),
        ];
        for m in &o.messages {
            lines.push(line(lt, "data-field-message", m));
        }
        out.push(Section {
            heading: lt.t("data-organiser"),
            items: vec![Item {
                title: h.event.clone(),
                lines,
            }],
        });
    }
    if !h.co_organiser.is_empty() {
        out.push(Section {
            heading: lt.t("data-co-organiser"),
            items: h
                .co_organiser
                .iter()
                .map(|c| Item {
                    title: h.event.clone(),
                    lines: vec![
                        line(lt, "data-field-name", &c.name),
                        line(lt, "data-field-email", &c.email),
                        line(lt, "data-field-when", when(c.since)),
                    ],
                })
                .collect(),
        });
    }
    if !h.rides.is_empty() {
        out.push(Section {
            heading: lt.t("data-rides"),
            items: h
                .rides
                .iter()
                .map(|r| {
                    let mut lines = vec![
                        line(lt, "data-field-when", when(r.departs_at)),
                        line(lt, "data-field-place", &r.place),
                        line(lt, "data-field-seats", r.seats.to_string()),
                        line(lt, "data-field-name", &r.driver_name),
                        line(lt, "data-field-email", &r.driver_email),
                    ];
                    opt(&mut lines, lt, "data-field-phone", &r.driver_phone);
                    opt(&mut lines, lt, "data-field-notes", &Some(r.notes.clone()));
                    let state = if r.status == "open" {
                        "data-ride-open"
                    } else {
                        "data-ride-cancelled"
                    };
                    lines.push(line(lt, "data-field-status", lt.t(state)));
                    Item {
                        title: trip(lt, &r.direction, &h.event),
                        lines,
                    }
                })
                .collect(),
        });
    }
    if !h.requests.is_empty() {
        out.push(Section {
            heading: lt.t("data-requests"),
            items: h
                .requests
                .iter()
                .map(|r| {
                    let mut lines = vec![
                        line(lt, "data-field-when", when(r.departs_at)),
                        line(lt, "data-field-seats", r.seats.to_string()),
                        line(lt, "data-field-name", &r.name),
                        line(lt, "data-field-email", &r.email),
                    ];
                    opt(&mut lines, lt, "data-field-phone", &r.phone);
                    opt(&mut lines, lt, "data-field-pickup", &Some(r.pickup.clone()));
                    opt(
                        &mut lines,
                        lt,
                        "data-field-message",
                        &Some(r.message.clone()),
                    );
                    if let Some(s) = ReservationStatus::parse(&r.status) {
                        lines.push(line(lt, "data-field-status", lt.status(s, None)));
                    }
                    Item {
                        title: trip(lt, &r.direction, &h.event),
                        lines,
                    }
                })
                .collect(),
        });
    }
    if !h.needs.is_empty() {
        out.push(Section {
            heading: lt.t("data-needs"),
            items: h
                .needs
                .iter()
                .map(|n| {
                    let mut lines = vec![
                        line(lt, "data-field-place", &n.place),
                        line(lt, "data-field-seats", n.seats.to_string()),
                        line(lt, "data-field-name", &n.name),
                        line(lt, "data-field-email", &n.email),
                    ];
                    opt(&mut lines, lt, "data-field-phone", &n.phone);
                    if let Some(s) = NeedStatus::parse(&n.status) {
                        lines.push(line(lt, "data-field-status", lt.need_status(s)));
                    }
                    Item {
                        title: NeedDirection::parse(&n.direction)
                            .map(|d| lt.need_direction(d).to_owned())
                            .unwrap_or_default(),
                        lines,
                    }
                })
                .collect(),
        });
    }
    out
}

/// The person a verified link names, or the page for a record that no longer exists.
async fn subject_of(db: &Db, link: Verified) -> Result<Subject, AppError> {
    let who = DataLink::of(link.id).ok_or(AppError::NotFound)?;
    Ok(personal_data::subject(db, who).await?)
}

async fn render(
    db: &Db,
    urls: &Urls,
    lang: Lang,
    path: &str,
    s: &Subject,
    done: Option<String>,
    confirm_missing: bool,
) -> Result<Page, AppError> {
    let lt = T::get(lang);
    let h = personal_data::holdings(db, s, urls.purge_due(s.event.starts_at)).await?;
    let status = if confirm_missing {
        Status::UnprocessableEntity
    } else {
        Status::Ok
    };
    Page::render(
        status,
        &DataPage {
            ctx: Ctx::new(lang, path),
            lt,
            action: path.to_owned(),
            export_url: format!("{path}/export"),
            event_name: s.event.name.clone(),
            event_url: paths::event(&s.event.slug),
            email: h.email.clone(),
            erased_on: lt.datetime(h.erased_on, s.event.zone()),
            retention_days: urls.retention_days(),
            sections: sections(lt, &h, s.event.zone()),
            emails: h.emails.len(),
            empty: h.is_empty(),
            done,
            confirm_missing,
        },
    )
}

/// The GET page (from `links::show`).
pub async fn link_page(
    db: &Db,
    urls: &Urls,
    lang: Lang,
    path: &str,
    link: Verified,
    done: Option<&str>,
) -> Result<Page, AppError> {
    let s = subject_of(db, link).await?;
    let done = done.filter(|d| matches!(*d, "deleted" | "already"));
    render(db, urls, lang, path, &s, done.map(str::to_owned), false).await
}

#[derive(rocket::Responder)]
pub struct JsonFile(String, ContentType, Header<'static>);

/// The export: everything held, as JSON, downloaded.
#[get("/link/data/<token>/export")]
async fn export(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    token: &str,
) -> Result<Either<JsonFile, Page>, AppError> {
    let now = Utc::now();
    let path = paths::link(Purpose::Data, token);
    let link = match verified(urls, lang.0, &path, Purpose::Data, token, now) {
        Ok(v) => v,
        Err(page) => return page.map(Either::Right),
    };
    let s = subject_of(db, link).await?;
    let body = personal_data::export(db, &s, urls.purge_due(s.event.starts_at)).await?;
    Ok(Either::Left(JsonFile(
        body,
        ContentType::JSON,
        Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"covoit-{}-data.json\"", s.event.slug),
        ),
    )))
}

/// Deletion, once the box is ticked.
#[post("/link/data/<token>", data = "<fields>")]
async fn delete(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    token: &str,
    fields: Result<FormFields, AppError>,
) -> Result<Either<Redirect, Page>, AppError> {
    let now = Utc::now();
    let path = paths::link(Purpose::Data, token);
    let link = match verified(urls, lang.0, &path, Purpose::Data, token, now) {
        Ok(v) => v,
        Err(page) => return page.map(Either::Right),
    };
    let fields = fields?;
    let s = subject_of(db, link).await?;
    if fields.get("confirm") != "yes" {
        return render(db, urls, lang.0, &path, &s, None, true)
            .await
            .map(Either::Right);
    }
    let done = match personal_data::delete(db, emails, &s, now).await? {
        Deleted::Done { .. } => "deleted",
        Deleted::AlreadyErased => "already",
    };
    Ok(Either::Left(Redirect::to(format!("{path}?done={done}"))))
}

#[derive(Template)]
#[template(path = "pages/privacy.html")]
struct PrivacyPage {
    ctx: Ctx,
    lt: &'static T,
    retention_days: u32,
    contact: Option<String>,
}

/// What is kept, why, how long, who sees what, how to export and delete, whom to ask.
#[get("/privacy")]
async fn privacy(lang: ReqLang, config: &State<Config>) -> Result<Page, AppError> {
    Page::render(
        Status::Ok,
        &PrivacyPage {
            ctx: Ctx::new(lang.0, "/privacy"),
            lt: T::get(lang.0),
            retention_days: config.retention_days,
            contact: config.privacy_contact.clone(),
        },
    )
}
