//! One error type for every route: the reader gets a clear, translated page (or JSON under
//! `/api/`), the log gets the cause. Bad input is never a 500.
use std::collections::BTreeMap;

use rocket::http::{ContentType, Status};
use rocket::response::{self, Responder};
use rocket::{Request, Response};
use sea_orm::DbErr;
use serde_json::json;

use crate::domain::{FieldErrors, Lang};
use crate::i18n::T;

/// The 409 outcomes of a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    NotEnoughSeats { left: i32 },
    OfferCancelled,
    Departed,
    DuplicateRequest,
}

impl Conflict {
    pub fn code(self) -> &'static str {
        match self {
            Conflict::NotEnoughSeats { .. } => "not_enough_seats",
            Conflict::OfferCancelled => "offer_cancelled",
            Conflict::Departed => "departed",
            Conflict::DuplicateRequest => "duplicate_request",
        }
    }

    pub fn message(self, t: &T) -> String {
        match self {
            Conflict::NotEnoughSeats { left } => t.not_enough_seats(left),
            Conflict::OfferCancelled => t.offer_cancelled_body.into(),
            Conflict::Departed => t.departed_body.into(),
            Conflict::DuplicateRequest => t.duplicate_body.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    #[error("malformed request: {0}")]
    Malformed(String),
    #[error("request body too large")]
    TooLarge,
    #[error("too many requests")]
    TooManyRequests { retry_after: u64 },
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    #[error("template error: {0}")]
    Template(#[from] askama::Error),
}

impl From<Conflict> for AppError {
    fn from(c: Conflict) -> Self {
        AppError::Conflict(c)
    }
}

impl AppError {
    pub fn status(&self) -> Status {
        match self {
            AppError::NotFound => Status::NotFound,
            AppError::Invalid(_) => Status::UnprocessableEntity,
            AppError::Conflict(_) => Status::Conflict,
            AppError::Malformed(_) => Status::BadRequest,
            AppError::TooLarge => Status::PayloadTooLarge,
            AppError::TooManyRequests { .. } => Status::TooManyRequests,
            AppError::Db(e) if crate::db::is_unavailable(e) => Status::ServiceUnavailable,
            AppError::Db(_) | AppError::Template(_) => Status::InternalServerError,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Invalid(_) => "invalid",
            AppError::Conflict(c) => c.code(),
            AppError::Malformed(_) => "malformed",
            AppError::TooLarge => "too_large",
            AppError::TooManyRequests { .. } => "too_many_requests",
            AppError::Db(e) if crate::db::is_unavailable(e) => "unavailable",
            AppError::Db(_) | AppError::Template(_) => "internal",
        }
    }

    /// What the reader is told (never the internal cause); `writing` when the request asked
    /// to save something (a POST), so that a failure says whether it was saved.
    pub fn message_for(&self, t: &T, writing: bool) -> String {
        match self {
            AppError::Db(e) if crate::db::is_unavailable(e) => if writing {
                t.unavailable_write_body
            } else {
                t.unavailable_read_body
            }
            .into(),
            other => other.message(t),
        }
    }

    /// What the reader is told (never the internal cause).
    pub fn message(&self, t: &T) -> String {
        match self {
            AppError::NotFound => t.not_found_body.into(),
            AppError::Invalid(_) => t.form_has_errors.trim_end_matches([':', ' ']).to_owned(),
            AppError::Conflict(c) => c.message(t),
            AppError::Malformed(_) => t.bad_request_body.into(),
            AppError::TooLarge => t.too_large_body.into(),
            AppError::TooManyRequests { retry_after } => t.too_many(*retry_after),
            AppError::Db(_) | AppError::Template(_) => t.server_error_body.into(),
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

    pub fn json_body(&self, t: &T, writing: bool) -> serde_json::Value {
        let fields = match self {
            AppError::Invalid(errors) => Self::json_fields(errors, t),
            _ => BTreeMap::new(),
        };
        let message = self.message_for(t, writing);
        let mut error = json!({"code": self.code(), "message": message, "fields": fields});
        if let AppError::Conflict(Conflict::NotEnoughSeats { left }) = self {
            error["seats_left"] = json!(left);
        }
        json!({ "error": error })
    }
}

/// Whether a request is answered in JSON (the API) or HTML (pages).
pub fn wants_json(req: &Request<'_>) -> bool {
    req.uri().path().as_str().starts_with("/api/")
}

impl<'r> Responder<'r, 'static> for AppError {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let status = self.status();
        if status == Status::InternalServerError || status == Status::ServiceUnavailable {
            // The route template, not the path (link paths carry tokens); the cause redacted
            // (database errors can quote values).
            let route = req
                .route()
                .map_or_else(|| "unmatched".to_owned(), |r| r.uri.to_string());
            tracing::error!(%route, error = %crate::metrics::redact(&self.to_string()), "request failed");
        }
        let lang = crate::web::lang::detect(req);
        let t = T::get(lang);
        let retry_after = match &self {
            AppError::TooManyRequests { retry_after } => Some(*retry_after),
            _ if status == Status::ServiceUnavailable => Some(60),
            _ => None,
        };
        let mut response = self.render(req, lang, t, status)?;
        if let Some(secs) = retry_after {
            response.set_header(rocket::http::Header::new("Retry-After", secs.to_string()));
        }
        Ok(response)
    }
}

impl AppError {
    fn render(
        &self,
        req: &Request<'_>,
        lang: Lang,
        t: &T,
        status: Status,
    ) -> response::Result<'static> {
        let writing =
            req.method() != rocket::http::Method::Get && req.method() != rocket::http::Method::Head;
        if wants_json(req) {
            let body = self.json_body(t, writing).to_string();
            return Response::build()
                .status(status)
                .header(ContentType::JSON)
                .sized_body(body.len(), std::io::Cursor::new(body))
                .ok();
        }
        let details = match self {
            AppError::Invalid(errors) => errors.0.values().map(|why| t.invalid(why)).collect(),
            _ => Vec::new(),
        };
        error_page(req, lang, status, &self.message_for(t, writing), details)
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
        404 => t.not_found_title,
        409 => t.conflict_title,
        503 => t.unavailable_title,
        _ => t.error_title,
    };
    let page = crate::web::ErrorPage {
        ctx: crate::web::Ctx::new(lang, req.uri().path().as_str()),
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
