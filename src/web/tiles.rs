//! The interactive map's scripts, served by covoit itself (no CDN): Leaflet as installed from
//! npm (read at start from `map_assets_dir`) and `static/map.js`, which draws the schematic
//! map's public points on the configured tiles. Without `map_tile_url` these answer 404 and
//! pages keep the SVG schematic alone.
use rocket::http::{ContentType, Header};
use rocket::{Route, State, get, routes};

use crate::config::Config;

pub fn routes() -> Vec<Route> {
    routes![leaflet_js, leaflet_css, map_js]
}

const MAP_JS: &str = include_str!("../../static/map.js");

#[derive(rocket::Responder)]
pub struct Asset(String, ContentType, Header<'static>);

fn asset(body: &str, kind: ContentType) -> Asset {
    Asset(
        body.to_owned(),
        kind,
        Header::new("Cache-Control", "public, max-age=86400"),
    )
}

#[get("/static/leaflet/leaflet.js")]
fn leaflet_js(config: &State<Config>) -> Option<Asset> {
    let tiles = config.tile_map.as_ref()?;
    Some(asset(&tiles.leaflet_js, ContentType::JavaScript))
}

#[get("/static/leaflet/leaflet.css")]
fn leaflet_css(config: &State<Config>) -> Option<Asset> {
    let tiles = config.tile_map.as_ref()?;
    Some(asset(&tiles.leaflet_css, ContentType::CSS))
}

#[get("/static/map.js")]
fn map_js(config: &State<Config>) -> Option<Asset> {
    config.tile_map.as_ref()?;
    Some(asset(MAP_JS, ContentType::JavaScript))
}
