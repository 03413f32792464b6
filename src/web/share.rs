//! Sharing an event: the QR code of its public page (SVG for print, PNG for everything else),
//! and the script of the copy-link buttons. The QR codes carry the page's address only.
use qrcode::QrCode;
use qrcode::render::svg;
use rocket::http::{ContentType, Header, Status};
use rocket::{Route, State, get, routes};

use super::AppError;
use crate::db::Db;
use crate::services::events;
use crate::urls::Urls;

pub fn routes() -> Vec<Route> {
    routes![qr_svg, qr_png, share_js]
}

const SHARE_JS: &str = include_str!("../../static/share.js");
/// Pixels per module of the PNG, and modules of quiet zone around the code (the standard's 4).
const PNG_SCALE: usize = 8;
const QUIET: usize = 4;

#[derive(rocket::Responder)]
struct Image((ContentType, Vec<u8>), Header<'static>, Header<'static>);

fn image(kind: ContentType, body: Vec<u8>, slug: &str, ext: &str) -> Image {
    Image(
        (kind, body),
        Header::new("Cache-Control", "public, max-age=3600"),
        Header::new(
            "Content-Disposition",
            format!("inline; filename=\"{slug}-qr.{ext}\""),
        ),
    )
}

/// A failure to draw (a URL too long for a QR code, which covoit's never are), logged as such.
fn failed(why: String) -> AppError {
    AppError::Internal(crate::services::Error::Template(askama::Error::Custom(
        why.into(),
    )))
}

fn code_of(url: &str) -> Result<QrCode, AppError> {
    QrCode::new(url.as_bytes()).map_err(|e| failed(format!("QR code: {e}")))
}

/// The QR code as an SVG document (black on white, with its quiet zone).
pub fn svg_of(url: &str) -> Result<String, AppError> {
    Ok(code_of(url)?
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build())
}

/// The QR code as a greyscale PNG, `PNG_SCALE` pixels per module.
pub fn png_of(url: &str) -> Result<Vec<u8>, AppError> {
    let code = code_of(url)?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET) * PNG_SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, c) in colors.iter().enumerate() {
        if *c != qrcode::Color::Dark {
            continue;
        }
        let (mx, my) = (i % modules + QUIET, i / modules + QUIET);
        for y in my * PNG_SCALE..(my + 1) * PNG_SCALE {
            let row = y * side;
            pixels[row + mx * PNG_SCALE..row + (mx + 1) * PNG_SCALE].fill(0);
        }
    }
    let side = u32::try_from(side).map_err(|e| failed(e.to_string()))?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let png_failed = |e: png::EncodingError| failed(format!("PNG: {e}"));
    let mut writer = encoder.write_header().map_err(png_failed)?;
    writer.write_image_data(&pixels).map_err(png_failed)?;
    writer.finish().map_err(png_failed)?;
    Ok(out)
}

#[get("/e/<slug>/qr.svg")]
async fn qr_svg(urls: &State<Urls>, db: &State<Db>, slug: &str) -> Result<Image, AppError> {
    let e = events::by_slug(db, slug).await?;
    let svg = svg_of(&urls.event(&e.slug))?;
    Ok(image(ContentType::SVG, svg.into_bytes(), &e.slug, "svg"))
}

#[get("/e/<slug>/qr.png")]
async fn qr_png(urls: &State<Urls>, db: &State<Db>, slug: &str) -> Result<Image, AppError> {
    let e = events::by_slug(db, slug).await?;
    let png = png_of(&urls.event(&e.slug))?;
    Ok(image(ContentType::PNG, png, &e.slug, "png"))
}

#[derive(rocket::Responder)]
#[response(content_type = "text/javascript")]
struct Js(&'static str, Header<'static>);

#[get("/static/share.js")]
fn share_js() -> (Status, Js) {
    (
        Status::Ok,
        Js(
            SHARE_JS,
            Header::new("Cache-Control", "public, max-age=3600"),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_png_is_square_with_its_quiet_zone() {
        let png = png_of("https://covoit.test/e/fete-k3m9p2x7").unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let svg = svg_of("https://covoit.test/e/fete-k3m9p2x7").unwrap();
        assert!(svg.contains("<svg"), "{svg}");
    }
}
