//! The widget's accent colour: `#rgb`, `#rrggbb` or a common colour name, nothing else (it ends
//! up in a stylesheet). The text colour on it is chosen for contrast.

const NAMED: &[(&str, u32)] = &[
    ("black", 0x000000),
    ("white", 0xffffff),
    ("gray", 0x808080),
    ("grey", 0x808080),
    ("silver", 0xc0c0c0),
    ("maroon", 0x800000),
    ("red", 0xff0000),
    ("crimson", 0xdc143c),
    ("purple", 0x800080),
    ("rebeccapurple", 0x663399),
    ("fuchsia", 0xff00ff),
    ("magenta", 0xff00ff),
    ("green", 0x008000),
    ("darkgreen", 0x006400),
    ("lime", 0x00ff00),
    ("olive", 0x808000),
    ("yellow", 0xffff00),
    ("orange", 0xffa500),
    ("navy", 0x000080),
    ("blue", 0x0000ff),
    ("darkblue", 0x00008b),
    ("teal", 0x008080),
    ("aqua", 0x00ffff),
    ("cyan", 0x00ffff),
    ("brown", 0xa52a2a),
    ("pink", 0xffc0cb),
    ("indigo", 0x4b0082),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accent(u32);

impl Accent {
    pub fn parse(input: &str) -> Option<Accent> {
        let s = input.trim();
        if let Some(hex) = s.strip_prefix('#') {
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            return match hex.len() {
                6 => u32::from_str_radix(hex, 16).ok().map(Accent),
                3 => {
                    let v = u32::from_str_radix(hex, 16).ok()?;
                    let (r, g, b) = ((v >> 8) & 0xf, (v >> 4) & 0xf, v & 0xf);
                    Some(Accent((r * 17) << 16 | (g * 17) << 8 | (b * 17)))
                }
                _ => None,
            };
        }
        let lower = s.to_ascii_lowercase();
        NAMED
            .iter()
            .find(|(n, _)| *n == lower)
            .map(|(_, v)| Accent(*v))
    }

    /// `#rrggbb`.
    pub fn css(self) -> String {
        format!("#{:06x}", self.0)
    }

    /// Black or white, whichever reads better on the accent (WCAG relative luminance).
    pub fn text_css(self) -> &'static str {
        let channel = |shift: u32| {
            let c = f64::from((self.0 >> shift) & 0xff) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let l = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
        // Contrast with white is 1.05/(l+0.05); with black (l+0.05)/0.05.
        if 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 {
            "#ffffff"
        } else {
            "#000000"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_hex_and_names_only() {
        assert_eq!(Accent::parse("#0B5CAD").unwrap().css(), "#0b5cad");
        assert_eq!(Accent::parse("#f80").unwrap().css(), "#ff8800");
        assert_eq!(Accent::parse("Orange").unwrap().css(), "#ffa500");
        for hostile in [
            "red;}body{display:none",
            "#ff0000;x",
            "url(x)",
            "#12345",
            "expression(1)",
            "",
            "#",
            "redd",
        ] {
            assert_eq!(Accent::parse(hostile), None, "{hostile}");
        }
    }

    #[test]
    fn text_colour_contrasts() {
        assert_eq!(Accent::parse("navy").unwrap().text_css(), "#ffffff");
        assert_eq!(Accent::parse("yellow").unwrap().text_css(), "#000000");
    }

    proptest! {
        #[test]
        fn output_is_always_a_plain_hex_colour(s in "\\PC{0,30}") {
            if let Some(a) = Accent::parse(&s) {
                let css = a.css();
                prop_assert!(css.len() == 7 && css.starts_with('#') && css[1..].bytes().all(|b| b.is_ascii_hexdigit()));
            }
        }
    }
}
