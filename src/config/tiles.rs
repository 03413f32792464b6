//! The optional interactive map: a tile server (`map_tile_url`, with `{z}`, `{x}`, `{y}` and
//! maybe `{s}`), the credit its data asks for (`map_tile_attribution`), and where Leaflet was
//! installed from npm by `scripts/install_map.sh` (`map_assets_dir`, default `vendor/leaflet`).
//! Leaflet is read once at start and served by covoit itself; no tiles, no map script.
use std::path::Path;
use std::sync::Arc;

use super::Reader;

#[derive(Clone)]
pub struct TileMap {
    pub tile_url: String,
    pub attribution: String,
    /// The tile server's origin for the Content-Security-Policy's `img-src`
    /// (`https://*.tile.example.org` when the URL has `{s}`).
    pub csp_source: String,
    pub leaflet_js: Arc<str>,
    pub leaflet_css: Arc<str>,
}

impl std::fmt::Debug for TileMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TileMap")
            .field("tile_url", &self.tile_url)
            .field("csp_source", &self.csp_source)
            .finish_non_exhaustive()
    }
}

pub(super) fn read(r: &mut Reader<'_>) -> Option<TileMap> {
    let tile_url = r.text("map_tile_url")?;
    let attribution = r.text("map_tile_attribution");
    let dir = r
        .text("map_assets_dir")
        .unwrap_or_else(|| "vendor/leaflet".into());
    let Some(csp_source) = csp_source(&tile_url) else {
        r.problem(
            "map_tile_url",
            "expected a tile address with {z}, {x} and {y}, such as \
             https://tile.example.org/{z}/{x}/{y}.png",
        );
        return None;
    };
    let Some(attribution) = attribution else {
        r.problem(
            "map_tile_attribution",
            "tiles need the credit their data asks for, such as \
             \"© OpenStreetMap contributors\"",
        );
        return None;
    };
    let file = |name: &str| std::fs::read_to_string(Path::new(&dir).join(name));
    match (file("leaflet.js"), file("leaflet.css")) {
        (Ok(js), Ok(css)) => Some(TileMap {
            tile_url,
            attribution,
            csp_source,
            leaflet_js: js.into(),
            leaflet_css: css.into(),
        }),
        (Err(e), _) | (_, Err(e)) => {
            r.problem(
                "map_assets_dir",
                format_args!(
                    "Leaflet is not in {dir} ({e}): run scripts/install_map.sh, or set \
                     map_assets_dir to the folder holding leaflet.js and leaflet.css"
                ),
            );
            None
        }
    }
}

/// `scheme://host[:port]` of a tile address, `{s}` becoming a wildcard; `None` unless it is an
/// http(s) address with the three placeholders and nothing that could break out of the policy.
fn csp_source(tile_url: &str) -> Option<String> {
    if !["{z}", "{x}", "{y}"].iter().all(|p| tile_url.contains(p))
        || tile_url.contains([' ', ';', ',', '\'', '"', '<', '>'])
    {
        return None;
    }
    let sample = tile_url.replace("{s}", "a").replace(['{', '}'], "");
    let url = url::Url::parse(&sample).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?;
    let host = if tile_url.contains("{s}.") {
        format!("*.{}", host.split_once('.')?.1)
    } else {
        host.to_owned()
    };
    let port = url.port().map_or(String::new(), |p| format!(":{p}"));
    Some(format!("{}://{host}{port}", url.scheme()))
}

#[cfg(test)]
mod tests {
    use super::csp_source;

    #[test]
    fn the_tile_host_alone_enters_the_policy() {
        assert_eq!(
            csp_source("https://tile.example.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://tile.example.org")
        );
        assert_eq!(
            csp_source("https://{s}.tile.example.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://*.tile.example.org")
        );
        assert_eq!(
            csp_source("http://127.0.0.1:8080/t/{z}/{x}/{y}.png?key=1").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        for bad in [
            "https://tile.example.org/tiles.png",
            "ftp://tile.example.org/{z}/{x}/{y}",
            "https://a.org/{z}/{x}/{y}; script-src *",
            "javascript:{z}{x}{y}",
        ] {
            assert_eq!(csp_source(bad), None, "{bad}");
        }
    }
}
