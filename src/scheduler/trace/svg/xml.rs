//! Text inside SVG: escaped, so that a task named `<b>&` cannot break the
//! document.

use alloc::string::String;

/// `text` with the five characters XML gives a meaning escaped, usable in
/// element text and in quoted attributes alike. `&#39;`, not `&apos;`: the
/// one that HTML 4 parsers understand too, for SVG inlined in a page.
pub(super) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// At most `chars` characters of `text`, the last one `…` if it was cut;
/// empty if fewer than four fit (`T…` says nothing).
pub(super) fn fit(text: &str, chars: usize) -> String {
    let count = text.chars().count();
    if count <= chars {
        return String::from(text);
    }
    if chars < 4 {
        return String::new();
    }
    let mut cut: String = text.chars().take(chars - 1).collect();
    cut.push('…');
    cut
}
