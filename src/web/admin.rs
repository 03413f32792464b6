//! `/admin`, for operators: figures, failed emails with a retry button, a request by id.
//! Behind `admin_token` (no token configured: every path here is 404): a login form opens a
//! server-side session (ended by logout or after 12 hours, on every instance) held in a private,
//! HttpOnly, SameSite=Strict cookie; scripts send `Authorization: Bearer <token>`. Failed
//! logins are logged and throttled per client and overall; a POST that is not a script's must
//! come from covoit's own pages (Origin or Referer).
use std::time::Duration;

use askama::Template;
use chrono::Utc;
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::request::{FromRequest, Outcome};
use rocket::response::Redirect;
use rocket::{Either, Request, Route, State, get, post, routes};
use sha2::{Digest, Sha256};

use super::Page;
use super::body::FormFields;
use super::lang::ReqLang;
use super::ratelimit::{ClientIp, Keyed};
use crate::config::Config;
use crate::db::Db;
use crate::domain::EmailStatus;
use crate::i18n::T;
use crate::mail::Emails;
use crate::services::stats::{self, Stats};
use crate::services::{admin_sessions, operations};
use crate::urls::Urls;
use crate::web::AppError;
use secrecy::ExposeSecret;

pub fn routes() -> Vec<Route> {
    routes![dashboard, login, logout, retry]
}

const COOKIE: &str = "covoit_admin";

/// Failed logins allowed per client address in 15 minutes, and from everyone in a minute
/// (governor limiters: a burst of that many, then one more every 3 minutes, every 2 seconds).
/// Past either, every login attempt (right or wrong) is refused until a cell comes back.
pub struct LoginThrottle {
    per_client: Keyed,
    overall: Keyed,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        LoginThrottle {
            per_client: Keyed::new(5, Duration::from_secs(900)),
            overall: Keyed::new(30, Duration::from_secs(60)),
        }
    }
}

impl LoginThrottle {
    fn key(ip: &ClientIp) -> String {
        ip.0.map_or_else(|| "unknown".into(), |ip| ip.to_string())
    }

    /// Seconds to wait, if logins are throttled for this client.
    fn wait(&self, ip: &ClientIp) -> Option<u64> {
        let client = self.per_client.peek(&Self::key(ip)).err();
        let overall = self.overall.peek("all").err();
        client.into_iter().chain(overall).max()
    }

    fn failed(&self, ip: &ClientIp) {
        let _ = self.per_client.check(&Self::key(ip));
        let _ = self.overall.check("all");
    }

    /// Its limiters, for pruning.
    pub fn limiters(&self) -> [Keyed; 2] {
        [self.per_client.clone(), self.overall.clone()]
    }
}

/// Whether a POST comes from covoit's own pages: its Origin (or, without one, its Referer) is
/// `base_url`'s origin.
fn same_origin(req: &Request<'_>) -> bool {
    let ours = req
        .rocket()
        .state::<Urls>()
        .map(Urls::origin)
        .unwrap_or_default();
    let origin_of = |value: &str| {
        url::Url::parse(value)
            .map(|u| u.origin().ascii_serialization())
            .ok()
    };
    match req.headers().get_one("Origin") {
        Some(origin) => origin_of(origin).is_some_and(|o| o == ours),
        None => req
            .headers()
            .get_one("Referer")
            .and_then(origin_of)
            .is_some_and(|o| o == ours),
    }
}

/// Compares digests, so the time taken says nothing about the token.
fn same(a: &str, b: &str) -> bool {
    Sha256::digest(a.as_bytes()) == Sha256::digest(b.as_bytes())
}

/// Whether the request carries `Authorization: Bearer <admin_token>`.
pub struct Bearer {
    pub valid: bool,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Bearer {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let token = req
            .rocket()
            .state::<Config>()
            .and_then(|c| c.admin_token.as_ref())
            .map(ExposeSecret::expose_secret);
        let given = req
            .headers()
            .get_one("Authorization")
            .and_then(|h| h.strip_prefix("Bearer "));
        let valid = matches!((token, given), (Some(t), Some(g)) if same(t, g.trim()));
        Outcome::Success(Bearer { valid })
    }
}

/// An operator: by bearer token or by a live session. 404 when no token is configured; 403 for
/// a POST without the bearer token that does not come from covoit's own pages.
pub enum Access {
    Granted,
    /// Show the login form.
    Denied,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Access {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let Some(config) = req.rocket().state::<Config>() else {
            return Outcome::Error((Status::NotFound, ()));
        };
        if config.admin_token.is_none() {
            return Outcome::Error((Status::NotFound, ()));
        }
        let bearer = req
            .guard::<Bearer>()
            .await
            .succeeded()
            .is_some_and(|b| b.valid);
        if bearer {
            return Outcome::Success(Access::Granted);
        }
        if req.method() != rocket::http::Method::Get
            && req.method() != rocket::http::Method::Head
            && !same_origin(req)
        {
            tracing::warn!("admin POST refused: not from covoit's own pages");
            return Outcome::Error((Status::Forbidden, ()));
        }
        let token = req
            .cookies()
            .get_private(COOKIE)
            .map(|c| c.value().to_owned());
        let session = match (token, req.rocket().state::<Db>()) {
            (Some(token), Some(db)) => admin_sessions::valid(db, &token, Utc::now())
                .await
                .unwrap_or(false),
            _ => false,
        };
        Outcome::Success(if session {
            Access::Granted
        } else {
            Access::Denied
        })
    }
}

#[derive(Template)]
#[template(path = "pages/admin_login.html")]
struct LoginPage {
    t: &'static T,
    failed: bool,
}

pub struct FailedEmail {
    pub id: i64,
    pub kind: String,
    pub created: String,
    pub attempts: i32,
    pub error: String,
}

pub struct RequestView {
    pub id: i64,
    pub status: String,
    pub seats: i32,
    pub passenger: String,
    pub email: String,
    pub created: String,
    pub expires: String,
    pub decided: String,
    pub offer: String,
    pub event: String,
}

#[derive(Template)]
#[template(path = "pages/admin.html")]
struct Dashboard {
    t: &'static T,
    stats: Stats,
    failed: Vec<FailedEmail>,
    query: String,
    found: Option<RequestView>,
    not_found: bool,
    notice: Option<&'static str>,
    bounces: super::admin_bounces::Section,
    privacy: super::admin_events::Section,
}

impl Dashboard {
    /// An email state as the page names it.
    fn state(&self, stored: &str) -> &'static str {
        match EmailStatus::parse(stored) {
            Some(EmailStatus::Queued) => self.t.t("email-state-queued"),
            Some(EmailStatus::Sending) => self.t.t("email-state-sending"),
            Some(EmailStatus::Sent) => self.t.t("email-state-sent"),
            Some(EmailStatus::Failed) => self.t.t("email-state-failed"),
            Some(EmailStatus::Captured) => self.t.t("email-state-captured"),
            Some(EmailStatus::Bounced) => self.t.t("email-state-bounced"),
            Some(EmailStatus::Suppressed) => self.t.t("email-state-suppressed"),
            None => self.t.t("no-figure"),
        }
    }
}

fn login_page(lang: ReqLang, status: Status, failed: bool) -> Result<Page, AppError> {
    Page::render(
        status,
        &LoginPage {
            t: T::get(lang.0),
            failed,
        },
    )
}

async fn find_request(t: &T, db: &Db, id: i64) -> Result<Option<RequestView>, AppError> {
    let Some((r, o, e)) = operations::find_request(db, id).await? else {
        return Ok(None);
    };
    let time = |t: chrono::DateTime<Utc>| t.format("%Y-%m-%d %H:%M UTC").to_string();
    Ok(Some(RequestView {
        id: r.id,
        status: t.status(r.status, r.reason).to_owned(),
        seats: r.seats,
        passenger: r.passenger_name.clone(),
        email: r.passenger_email.clone(),
        created: time(r.created_at),
        expires: time(r.expires_at),
        decided: r.decided_at.map(time).unwrap_or_default(),
        offer: o
            .as_ref()
            .map(|o| format!("#{} {} {}", o.id, o.direction, time(o.departs_at)))
            .unwrap_or_default(),
        event: e
            .map(|e| format!("{} ({})", e.name, e.slug))
            .unwrap_or_default(),
    }))
}

#[get("/admin?<request>&<done>")]
async fn dashboard(
    access: Access,
    lang: ReqLang,
    db: &State<Db>,
    request: Option<&str>,
    done: Option<&str>,
) -> Result<Page, AppError> {
    if let Access::Denied = access {
        return login_page(lang, Status::Unauthorized, false);
    }
    let t = T::get(lang.0);
    let stats = stats::compute(db, Utc::now()).await?;
    let failed = operations::failed_emails(db, 100)
        .await?
        .into_iter()
        .map(|r| FailedEmail {
            id: r.id,
            kind: r.kind.as_str().to_owned(),
            created: r.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            attempts: r.attempts,
            error: r.last_error.unwrap_or_default(),
        })
        .collect();
    let query = request
        .unwrap_or("")
        .trim()
        .trim_start_matches('#')
        .to_owned();
    let found = match query.parse::<i64>() {
        Ok(id) => find_request(t, db, id).await?,
        Err(_) => None,
    };
    let page = Dashboard {
        t,
        not_found: !query.is_empty() && found.is_none(),
        stats,
        failed,
        query,
        found,
        notice: match done {
            Some("retry") => Some(t.t("admin-retried")),
            Some("lifted") => Some(t.t("admin-lifted")),
            Some(other) => super::admin_events::notice(t, other),
            None => None,
        },
        bounces: super::admin_bounces::section(db).await?,
        privacy: super::admin_events::section(t, db).await?,
    };
    Page::render(Status::Ok, &page)
}

#[post("/admin/login", data = "<fields>")]
#[allow(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes each of its guards as an argument"
)]
async fn login(
    access: Access,
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    throttle: &State<LoginThrottle>,
    ip: ClientIp,
    cookies: &CookieJar<'_>,
    fields: Result<FormFields, AppError>,
) -> Result<Either<Redirect, Page>, AppError> {
    let _ = access;
    if let Some(retry_after) = throttle.wait(&ip) {
        tracing::warn!(client = %LoginThrottle::key(&ip), "admin login throttled");
        return Err(AppError::TooManyRequests { retry_after });
    }
    let given = fields?.get("token");
    match &config.admin_token {
        Some(token) if same(token.expose_secret(), given.trim()) => {
            let session = admin_sessions::open(db, Utc::now()).await?;
            let cookie = Cookie::build((COOKIE, session))
                .path("/")
                .http_only(true)
                .same_site(SameSite::Strict)
                .secure(config.base_url.starts_with("https://"))
                .max_age(rocket::time::Duration::hours(12));
            cookies.add_private(cookie);
            tracing::info!(client = %LoginThrottle::key(&ip), "admin signed in");
            Ok(Either::Left(Redirect::to("/admin")))
        }
        _ => {
            throttle.failed(&ip);
            tracing::warn!(client = %LoginThrottle::key(&ip), "admin login failed");
            Ok(Either::Right(login_page(lang, Status::Unauthorized, true)?))
        }
    }
}

#[post("/admin/logout")]
async fn logout(
    access: Access,
    db: &State<Db>,
    cookies: &CookieJar<'_>,
) -> Result<Redirect, AppError> {
    let _ = access;
    if let Some(c) = cookies.get_private(COOKIE) {
        admin_sessions::close(db, c.value()).await?;
    }
    cookies.remove_private(Cookie::build(COOKIE).path("/"));
    Ok(Redirect::to("/admin"))
}

/// The answer to an operator's action without a session: the login form.
pub(super) fn signed_out(lang: ReqLang) -> Result<Either<Redirect, Page>, AppError> {
    Ok(Either::Right(login_page(
        lang,
        Status::Unauthorized,
        false,
    )?))
}

/// Puts a failed email back in the queue, once.
#[post("/admin/emails/<id>/retry")]
async fn retry(
    access: Access,
    lang: ReqLang,
    db: &State<Db>,
    emails: &State<Emails>,
    id: i64,
) -> Result<Either<Redirect, Page>, AppError> {
    if let Access::Denied = access {
        return signed_out(lang);
    }
    if operations::retry_email(db, id, Utc::now()).await? {
        emails.wake();
    }
    Ok(Either::Left(Redirect::to("/admin?done=retry")))
}
