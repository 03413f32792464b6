//! The text part of an email wrapped at 78 columns (RFC 5322 §2.1.1), as mail readers without
//! HTML show it: words are never cut, a link longer than a line stands alone on its own line,
//! and a wrapped line keeps its indentation.

/// Wraps every line longer than `width` characters.
pub fn wrap_text(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 40);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        wrap_line(line.trim_end_matches('\r'), width, &mut out);
    }
    out
}

fn wrap_line(line: &str, width: usize, out: &mut String) {
    if line.chars().count() <= width {
        out.push_str(line);
        return;
    }
    let indent_len = line.len() - line.trim_start_matches(' ').len();
    let indent = &line[..indent_len];
    let mut current = String::from(indent);
    let mut current_len = indent_len;
    for word in line[indent_len..].split(' ').filter(|w| !w.is_empty()) {
        let len = word.chars().count();
        if current_len > indent_len && current_len + 1 + len > width {
            out.push_str(&current);
            out.push('\n');
            current.truncate(0);
            current.push_str(indent);
            current_len = indent_len;
        }
        if current_len > indent_len {
            current.push(' ');
            current_len += 1;
        }
        current.push_str(word);
        current_len += len;
    }
    out.push_str(&current);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_at_words_and_keep_their_indent() {
        let long = "Zoé demande 2 places pour « Réunion d'été » : elle vous attend à la gare, \
                    devant l'entrée principale, à côté du kiosque à journaux.";
        let text = format!("Bonjour,\n\n{long}\n  {long}\n-- \nfin");
        let wrapped = wrap_text(&text, 78);
        for line in wrapped.lines() {
            assert!(line.chars().count() <= 78, "{line}");
        }
        // Nothing lost or reordered.
        let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(words(&wrapped), words(&text));
        // The indented paragraph stays indented; the signature line is untouched.
        let indented: Vec<_> = wrapped.lines().filter(|l| l.starts_with("  ")).collect();
        assert!(indented.len() >= 2, "{wrapped}");
        assert!(wrapped.contains("\n-- \nfin"));
    }

    #[test]
    fn a_long_link_stands_alone() {
        let url = format!("https://covoit.test/link/accept/{}", "A".repeat(90));
        let text = format!("Accepter la demande de Zoé pour le trajet du samedi : {url} merci");
        let wrapped = wrap_text(&text, 78);
        let lines: Vec<_> = wrapped.lines().collect();
        assert!(lines.contains(&url.as_str()), "{wrapped}");
        assert!(lines.iter().all(|l| l.chars().count() <= 78 || *l == url));
    }
}
