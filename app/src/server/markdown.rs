//! Practice texts are written in Markdown. They are turned into HTML here, on the server, and
//! then sanitised with an allow-list (no scripts, styles, event handlers, frames or `javascript:`
//! links), so that what reaches a reader's browser can only be text, lists, tables and links.

use pulldown_cmark::{html, Options, Parser};
use std::collections::HashSet;

/// Safe HTML for a Markdown text. Raw HTML in the input is sanitised like the rest.
pub fn render(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .rm_tags(["img"])
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_becomes_html() {
        let html =
            render("## Resultados\n\n- **1.200** personas\n- [informe](https://example.org/a)");
        assert!(html.contains("<h2>Resultados</h2>"), "{html}");
        assert!(html.contains("<strong>1.200</strong>"), "{html}");
        assert!(html.contains("href=\"https://example.org/a\""), "{html}");
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
    }

    #[test]
    fn scripts_handlers_and_javascript_links_are_removed() {
        let html = render(
            "<script>alert(1)</script>\n\n<p onclick=\"x()\">texto</p>\n\n[a](javascript:alert(1))\n\n\
             <iframe src=\"https://evil.example\"></iframe><img src=x onerror=alert(1)>\
             <style>body{display:none}</style>",
        );
        for bad in [
            "<script",
            "alert(1)</",
            "onclick",
            "javascript:",
            "<iframe",
            "onerror",
            "<img",
            "<style",
        ] {
            assert!(!html.contains(bad), "{bad} survived: {html}");
        }
        assert!(html.contains("texto"));
    }

    #[test]
    fn text_is_escaped_not_interpreted() {
        let html = render("1 < 2 & \"comillas\"");
        assert!(html.contains("1 &lt; 2 &amp;"), "{html}");
    }
}
