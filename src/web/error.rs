//! How a request that did not succeed is answered. Page handlers return `AppError` (a clear,
//! translated page), API handlers `ApiError` (the JSON error of DESIGN §6): the handler's type
//! decides, no path is sniffed. The reader gets what is true and useful; the log gets the
//! cause. Bad input is never a 500. The catchers, registered per mount base (`/api` answers
//! JSON, `/` pages), answer the errors no handler saw.
use std::collections::BTreeMap;

use rocket::http::{ContentType, Header, Method, Status};
use rocket::response::{self, Responder};
use rocket::{Catcher, Request, Response, catch, catchers};

use super::api_types::{ErrorBody, ErrorDetail};
use super::{Ctx, ErrorPage};
use crate::domain::{FieldErrors, Lang, Refusal};
use crate::i18n::T;
use crate::services;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error("malformed request: {0}")]
    Malformed(String),
    #[error("request body too large")]
    TooLarge,
    #[error("too many requests")]
    TooManyRequests { retry_after: u64 },
    /// The database or a template failed (the cause is logged, never shown).
    #[error("{0}")]
    Internal(services::Error),
    /// Another status a catcher saw (a panic's 500, a 405…).
    #[error("status {0}")]
    Other(Status),
}

impl From<services::Error> for AppError {
    fn from(e: services::Error) -> Self {
        match e {
            services::Error::NotFound => AppError::NotFound,
            services::Error::Invalid(f) => AppError::Invalid(f),
            services::Error::Refused(r) => AppError::Refused(r),
            other => AppError::Internal(other),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(services::Error::Template(e))
    }
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        AppError::Refused(r)
    }
}

/// The status of a refusal: 410 when what was asked is over, 409 otherwise.
pub fn refusal_status(r: Refusal) -> Status {
    match r {
        Refusal::RequestExpired
        | Refusal::EventStarted
        | Refusal::EventCancelled
        | Refusal::LinkRevoked => Status::Gone,
        _ => Status::Conflict,
    }
}

/// What the reader is told about a refusal.
pub fn refusal_message(lang: Lang, r: Refusal) -> String {
    let (t, lt) = (T::get(lang), T::get(lang));
    match r {
        Refusal::NotEnoughSeats { left } => t.not_enough_seats(left),
        Refusal::OfferCancelled => t.t("offer-cancelled-body").into(),
        Refusal::Departed => t.t("departed-body").into(),
        Refusal::DuplicateRequest => t.t("duplicate-body").into(),
        Refusal::AlreadyDone(s) => format!(
            "{} {}.",
            lt.t("link-already-body"),
            lt.label_value("link-current-state", T::get(lang).status(s, None))
        ),
        Refusal::RequestExpired => lt.t("link-request-expired-body").into(),
        Refusal::EventStarted => t.t("event-started-body").into(),
        Refusal::DuplicateNeed => t.t("duplicate-need-body").into(),
        Refusal::NeedClosed(s) => format!(
            "{} {}.",
            t.t("need-closed-body"),
            t.label_value("link-current-state", t.need_status(s))
        ),
        Refusal::AlreadyAnswered => lt.t("link-already-body").into(),
        Refusal::EventCancelled => t.t("org-event-cancelled-body").into(),
        Refusal::BookingClosed => t.t("org-booking-closed-body").into(),
        Refusal::LinkRevoked => t.t("org-revoked-body").into(),
        Refusal::TooManyMessages => t.t1(
            "org-msg-too-many",
            "count",
            crate::services::messages::PER_DAY,
        ),
    }
}

impl AppError {
    pub fn status(&self) -> Status {
        match self {
            AppError::NotFound => Status::NotFound,
            AppError::Invalid(_) => Status::UnprocessableEntity,
            AppError::Refused(r) => refusal_status(*r),
            AppError::Malformed(_) => Status::BadRequest,
            AppError::TooLarge => Status::PayloadTooLarge,
            AppError::TooManyRequests { .. } => Status::TooManyRequests,
            AppError::Internal(e) if e.is_unavailable() => Status::ServiceUnavailable,
            AppError::Internal(_) => Status::InternalServerError,
            AppError::Other(status) => *status,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Invalid(_) => "invalid",
            AppError::Refused(r) => r.code(),
            AppError::Malformed(_) => "malformed",
            AppError::TooLarge => "too_large",
            AppError::TooManyRequests { .. } => "too_many_requests",
            AppError::Internal(e) if e.is_unavailable() => "unavailable",
            AppError::Internal(_) => "internal",
            AppError::Other(s) if s.code >= 500 => "internal",
            AppError::Other(_) => "error",
        }
    }

    /// What the reader is told (never the internal cause); `writing` when the request asked
    /// to save something (a POST), so that a failure says whether it was saved.
    pub fn message(&self, lang: Lang, writing: bool) -> String {
        let t = T::get(lang);
        match self {
            AppError::NotFound => t.t("not-found-body").into(),
            AppError::Invalid(_) => t
                .t("form-has-errors")
                .trim_end_matches([':', ' ', '\u{202f}', '\u{a0}'])
                .to_owned(),
            AppError::Refused(r) => refusal_message(lang, *r),
            AppError::Malformed(_) => t.t("bad-request-body").into(),
            AppError::TooLarge => t.t("too-large-body").into(),
            AppError::TooManyRequests { retry_after } => t.too_many(*retry_after),
            AppError::Internal(e) if e.is_unavailable() && writing => {
                t.t("unavailable-write-body").into()
            }
            AppError::Internal(e) if e.is_unavailable() => t.t("unavailable-read-body").into(),
            AppError::Internal(_) => t.t("server-error-body").into(),
            AppError::Other(s) if s.code >= 500 => t.t("server-error-body").into(),
            AppError::Other(s) => s.reason_lossy().into(),
        }
    }

    /// `fields` of a JSON error; form names `return_x` become `return.x` as in the API.
    pub fn json_fields(errors: &FieldErrors, t: &T) -> BTreeMap<String, String> {
        errors
            .0
            .iter()
            .map(|(field, why)| {
                let name = match field.strip_prefix("return_") {
                    Some(rest) => format!("return.{rest}"),
                    None => (*field).to_owned(),
                };
                (name, t.invalid(why))
            })
            .collect()
    }

    pub fn json_body(&self, lang: Lang, writing: bool) -> ErrorBody {
        let fields = match self {
            AppError::Invalid(errors) => Self::json_fields(errors, T::get(lang)),
            _ => BTreeMap::new(),
        };
        let seats_left = match self {
            AppError::Refused(Refusal::NotEnoughSeats { left }) => Some(*left),
            _ => None,
        };
        ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message: self.message(lang, writing),
                fields,
                seats_left,
            },
        }
    }

    /// Logs what an operator must see (the route template, not the path: link paths carry
    /// tokens; the cause redacted: database errors can quote values).
    fn log(&self, req: &Request<'_>, status: Status) {
        if status.code >= 500 {
            let route = req
                .route()
                .map_or_else(|| "unmatched".to_owned(), |r| r.uri.to_string());
            let error = crate::metrics::redact(&self.to_string());
            tracing::error!(%route, %error, "request failed");
        }
    }

    fn retry_after(&self, status: Status) -> Option<u64> {
        match self {
            AppError::TooManyRequests { retry_after } => Some(*retry_after),
            _ if status == Status::ServiceUnavailable => Some(60),
            _ => None,
        }
    }
}

fn writing(req: &Request<'_>) -> bool {
    req.method() != Method::Get && req.method() != Method::Head
}

impl<'r> Responder<'r, 'static> for AppError {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let status = self.status();
        self.log(req, status);
        let lang = super::lang::detect(req);
        let t = T::get(lang);
        let details = match &self {
            AppError::Invalid(errors) => errors.0.values().map(|why| t.invalid(why)).collect(),
            _ => Vec::new(),
        };
        let mut response = error_page(
            req,
            lang,
            status,
            &self.message(lang, writing(req)),
            details,
        )?;
        if let Some(secs) = self.retry_after(status) {
            response.set_header(Header::new("Retry-After", secs.to_string()));
        }
        Ok(response)
    }
}

/// An error answered as the API's JSON.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl<'r> Responder<'r, 'static> for ApiError {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let status = self.0.status();
        self.0.log(req, status);
        let lang = super::lang::detect(req);
        let body = serde_json::to_string(&self.0.json_body(lang, writing(req)))
            .unwrap_or_else(|_| "{}".into());
        let mut response = Response::build()
            .status(status)
            .header(ContentType::JSON)
            .sized_body(body.len(), std::io::Cursor::new(body))
            .finalize();
        if let Some(secs) = self.0.retry_after(status) {
            response.set_header(Header::new("Retry-After", secs.to_string()));
        }
        Ok(response)
    }
}

/// The HTML error page, also used by the catchers.
pub fn error_page(
    req: &Request<'_>,
    lang: Lang,
    status: Status,
    message: &str,
    details: Vec<String>,
) -> response::Result<'static> {
    let t = T::get(lang);
    let title = match status.code {
        404 => t.t("not-found-title"),
        409 => t.t("conflict-title"),
        503 => t.t("unavailable-title"),
        _ => t.t("error-title"),
    };
    let page = ErrorPage {
        ctx: Ctx::new(lang, req.uri().path().as_str()),
        title,
        message,
        details,
    };
    let html = askama::Template::render(&page).unwrap_or_else(|e| {
        tracing::error!(error = %e, "error page failed to render");
        format!(
            "<!doctype html><title>{}</title><p>{}</p>",
            status.code,
            status.reason_lossy()
        )
    });
    Response::build()
        .status(status)
        .header(ContentType::HTML)
        .sized_body(html.len(), std::io::Cursor::new(html))
        .ok()
}

/// What an error no handler answered becomes.
fn caught(status: Status) -> AppError {
    match status.code {
        404 => AppError::NotFound,
        413 => AppError::TooLarge,
        400 | 422 => AppError::Malformed(status.reason_lossy().to_owned()),
        _ => AppError::Other(status),
    }
}

/// Errors no handler answered, as pages (`/`) or JSON (`/api`). Statuses other than the usual
/// ones keep their own code and reason.
pub fn catchers() -> Vec<(&'static str, Vec<Catcher>)> {
    vec![("/", catchers![page]), ("/api", catchers![api])]
}

struct Caught<E>(Status, E);

#[catch(default)]
fn page(status: Status, _req: &Request<'_>) -> Caught<AppError> {
    Caught(status, caught(status))
}

#[catch(default)]
fn api(status: Status, _req: &Request<'_>) -> Caught<ApiError> {
    Caught(status, ApiError(caught(status)))
}

impl<'r, E: Responder<'r, 'static>> Responder<'r, 'static> for Caught<E> {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let Caught(status, inner) = self;
        let mut response = inner.respond_to(req)?;
        response.set_status(status);
        Ok(response)
    }
}
