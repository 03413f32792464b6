//! Reading HTML as a person sees it: entities decoded, tags dropped, whitespace collapsed.

/// Decodes the entities that Askama writes (and the usual named ones).
pub fn unescape(html: &str) -> String {
    html.replace("&#60;", "<")
        .replace("&lt;", "<")
        .replace("&#62;", ">")
        .replace("&gt;", ">")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// The visible text of an HTML document: `<head>` dropped, tags replaced by spaces.
pub fn strip_tags(html: &str) -> String {
    let body = match (html.find("<head>"), html.find("</head>")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &html[..a], &html[b + 7..]),
        _ => html.to_owned(),
    };
    let mut out = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match (c, in_tag) {
            ('<', false) => in_tag = true,
            ('>', true) => {
                in_tag = false;
                out.push(' ');
            }
            (c, false) => out.push(c),
            _ => {}
        }
    }
    out
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a reader sees of an HTML page: the body's text, tags dropped, entities decoded,
/// whitespace collapsed.
pub fn visible_text(html: &str) -> String {
    collapse(&unescape(&strip_tags(html)))
}
