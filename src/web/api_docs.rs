//! The API page `/api/docs`: the OpenAPI document drawn by Swagger UI, installed from npm by
//! `scripts/install_api_docs.sh` into `api_docs_dir` and served from here (no CDN), under the
//! same strict policy as every page. Without the files the page says how to install them.
use std::path::Path;

use rocket::http::{ContentType, Header};
use rocket::{Route, State, get, routes};

use super::lang::ReqLang;
use crate::config::Config;
use crate::i18n::T;

pub fn routes() -> Vec<Route> {
    routes![page, bundle, styles, script]
}

const SCRIPT: &str = include_str!("../../static/api-docs.js");
const BUNDLE: &str = "swagger-ui-bundle.js";
const STYLES: &str = "swagger-ui.css";

#[derive(rocket::Responder)]
pub struct Asset(Vec<u8>, ContentType, Header<'static>);

fn asset(body: Vec<u8>, kind: ContentType) -> Asset {
    Asset(
        body,
        kind,
        Header::new("Cache-Control", "public, max-age=86400"),
    )
}

fn installed(dir: &Path) -> bool {
    dir.join(BUNDLE).is_file() && dir.join(STYLES).is_file()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[get("/api/docs")]
fn page(lang: ReqLang, config: &State<Config>) -> (ContentType, String) {
    let t = T::get(lang.0);
    let title = escape(t.t("api-docs-title"));
    let body = if installed(&config.api_docs_dir) {
        format!(
            "<div id=\"api\"><p><a href=\"openapi.json\">openapi.json</a></p></div>\
             <script src=\"docs/{BUNDLE}\"></script><script src=\"docs/api-docs.js\"></script>"
        )
    } else {
        format!(
            "<h1>{title}</h1><p>{}</p><pre>./scripts/install_api_docs.sh</pre>\
             <p><a href=\"openapi.json\">openapi.json</a></p>",
            escape(t.t("api-docs-missing"))
        )
    };
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"docs/{STYLES}\"></head>\
         <body>{body}</body></html>",
        lang = lang.0.code()
    );
    (ContentType::HTML, html)
}

#[get("/api/docs/swagger-ui-bundle.js")]
fn bundle(config: &State<Config>) -> Option<Asset> {
    let body = std::fs::read(config.api_docs_dir.join(BUNDLE)).ok()?;
    Some(asset(body, ContentType::JavaScript))
}

#[get("/api/docs/swagger-ui.css")]
fn styles(config: &State<Config>) -> Option<Asset> {
    let body = std::fs::read(config.api_docs_dir.join(STYLES)).ok()?;
    Some(asset(body, ContentType::CSS))
}

#[get("/api/docs/api-docs.js")]
fn script() -> Asset {
    asset(SCRIPT.as_bytes().to_vec(), ContentType::JavaScript)
}
