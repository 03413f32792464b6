//! Places (issue 16): the place suggestions endpoint, points stored with what people type, the
//! approximate departure on public answers, "near me" and the schematic map.
use crate::common;

mod api;
mod map;
mod near;
mod points;
mod waiting;
