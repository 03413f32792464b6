//! Places (issue 16): the place suggestions endpoint, points stored with what people type, the
//! approximate departure on public answers, "near me", the schematic map, and the HTTP
//! geocoders against services on loopback.
use crate::common;

mod api;
mod fake_geocoder;
mod geocoder_failures;
mod geocoders;
mod map;
mod near;
mod points;
mod tiles;
mod waiting;
