//! The article's text: the main text of a saved HTML page, sentences as byte spans of the
//! original text, and word tokens with their spans and a normalised form for matching.
//!
//! Invariant: every span indexes the original text, so an evidence string is always a
//! byte-exact substring of the `.txt` (no-break spaces and typographic quotes kept as they are;
//! only the tokens' `norm` forms fold them).

/// A byte range of the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn of(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// Abbreviations after which a full stop does not end a sentence ("Col. Myles Caggins III").
const ABBREVIATIONS: &[&str] = &[
    "col", "gen", "lt", "maj", "mr", "mrs", "ms", "dr", "sgt", "capt", "cpl", "brig", "adm", "st",
    "rep", "sen", "gov", "pres", "prof", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "jr", "sr", "inc", "co", "corp", "ltd", "vs", "u.s", "u.n",
    "u.k", "a.m", "p.m", "gens", "cmdr", "pvt", "spc", "mt", "ft",
];

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}'
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']')
}

fn can_open_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '-' | '–')
}

/// The sentences of `text`: a line break always ends one; within a line a `.`, `!` or `?`
/// (and any closing quotes after it) followed by a space and a capital, digit or opening quote
/// does, unless the word before the stop is an abbreviation or an initial.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trimmed = s.trim_matches(is_space);
    if !trimmed.is_empty() {
        out.push(Span {
            start: start + lead,
            end: start + lead + trimmed.len(),
        });
    }
}

fn split_line(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let line = &text[start..end];
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut sentence_start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && is_closing(chars[j].1) {
                j += 1;
            }
            let stop_end = chars.get(j).map_or(line.len(), |&(b, _)| b);
            let mut k = j;
            while k < chars.len() && is_space(chars[k].1) {
                k += 1;
            }
            let followed = (k > j && k < chars.len() && can_open_sentence(chars[k].1))
                || (c == '.' && k == j && glued(&chars, i, j));
            if followed && !(c == '.' && is_abbreviation(&line[..at])) {
                push_trimmed(text, start + sentence_start, start + stop_end, out);
                sentence_start = chars[k].0;
                i = k;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start + sentence_start, end, out);
}

/// A stop with no space after it that still ends a sentence: text pasted from a page whose
/// paragraphs lost their breaks ("close to Damascus.Just over two weeks ago"). Only a stop
/// after three lower-case letters and before a capitalised word counts, so "U.S.Army",
/// "e.g.", "sana.sy" and "Al-Monitor.com" stay whole.
fn glued(chars: &[(usize, char)], stop: usize, next: usize) -> bool {
    stop >= 3
        && chars[stop - 3..stop].iter().all(|&(_, c)| c.is_lowercase())
        && chars.get(next).is_some_and(|&(_, c)| c.is_uppercase())
        && chars.get(next + 1).is_some_and(|&(_, c)| c.is_lowercase())
}

/// Whether the word ending at the end of `before` (the text before a full stop) is an
/// abbreviation or a single capital initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| is_space(c) || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str()) || (lower.contains('.') && lower.len() <= 5)
}

/// A word, number or punctuation mark of a sentence.
#[derive(Debug, Clone)]
pub struct Token {
    pub span: Span,
    /// Lower case, typographic apostrophes and dashes folded, a possessive `'s` dropped.
    pub norm: String,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

impl Token {
    pub fn is(&self, word: &str) -> bool {
        self.norm == word
    }
    pub fn is_any(&self, words: &[&str]) -> bool {
        words.contains(&self.norm.as_str())
    }
    /// A month's English name (the list of `dates.rs`).
    pub fn is_month(&self) -> bool {
        self.is_any(&crate::dates::MONTHS)
    }
    /// A weekday's English name (the list of `dates.rs`).
    pub fn is_weekday(&self) -> bool {
        crate::dates::WEEKDAYS.iter().any(|(w, _)| *w == self.norm)
    }
    /// The original text starts with a capital letter.
    pub fn capitalised(&self, text: &str) -> bool {
        self.span
            .of(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '‘' | '.' | ',' | '&' | 'ʿ' | 'ʾ')
}

/// The tokens of `span`: words and numbers keep internal hyphens, apostrophes and (in numbers)
/// thousands separators; every other non-space character is a punctuation token.
pub fn tokens(text: &str, span: Span) -> Vec<Token> {
    let s = span.of(text);
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if is_space(c) {
            i += 1;
            continue;
        }
        if !word_char(c) {
            let end = chars.get(i + 1).map_or(s.len(), |&(b, _)| b);
            let norm = match c {
                '“' | '”' => "\"".to_string(),
                '‘' | '’' => "'".to_string(),
                '–' | '—' => "-".to_string(),
                c => c.to_string(),
            };
            out.push(Token {
                span: Span {
                    start: span.start + at,
                    end: span.start + end,
                },
                norm,
                kind: TokenKind::Punct,
            });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            if j < chars.len() && word_char(chars[j].1) {
                j += 1;
            } else if j + 1 < chars.len()
                && joiner(chars[j].1)
                && word_char(chars[j + 1].1)
                && (!matches!(chars[j].1, '.' | ',')
                    || (chars[j - 1].1.is_ascii_digit() && chars[j + 1].1.is_ascii_digit()))
            {
                j += 2;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(s.len(), |&(b, _)| b);
        let raw = &s[at..end];
        let mut norm: String = raw
            .chars()
            .map(|c| match c {
                '’' | '‘' | 'ʼ' => '\'',
                '–' | '—' => '-',
                c => c,
            })
            .flat_map(char::to_lowercase)
            .collect();
        if norm.ends_with("'s") && norm.len() > 3 {
            norm.truncate(norm.len() - 2);
        }
        // "July 22's deaths": the possessive dropped, "22" is a number.
        let kind = if norm.chars().next().is_some_and(|c| c.is_ascii_digit())
            && norm
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        out.push(Token {
            span: Span {
                start: span.start + at,
                end: span.start + end,
            },
            norm,
            kind,
        });
        // A possessive apostrophe after the word ("IS’ last") is punctuation, skipped.
        i = j;
    }
    out
}

/// Whether `bytes` look like an HTML page rather than plain text.
pub fn is_html(text: &str) -> bool {
    let head = text
        .trim_start()
        .get(..512.min(text.trim_start().len()))
        .unwrap_or("");
    let head = head.to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

/// Elements whose content is never main text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "button",
    "select", "template", "iframe",
];
/// Elements that make a paragraph of the main text.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "li",
    "blockquote",
    "figcaption",
    "pre",
];

/// The main text of an HTML page saved from a browser: the headline (the first `<h1>`, else
/// `<title>`), a blank line, then each paragraph (`<p>`, headings, list items, captions) of the
/// `<article>` (else `<main>`, else `<body>`) on its own line, separated by blank lines.
/// Scripts, styles, navigation, headers, footers and forms are dropped; entities are decoded
/// (`&nbsp;` stays a no-break space).
pub fn html_main_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let region = ["<article", "<main", "<body"]
        .iter()
        .find_map(|tag| {
            let start = lower.find(tag)?;
            let close = format!("</{}", &tag[1..]);
            let end = lower[start..]
                .rfind(&close)
                .map_or(html.len(), |e| start + e);
            Some((start, end))
        })
        .unwrap_or((0, html.len()));
    let title = first_element(html, &lower, "h1").or_else(|| first_element(html, &lower, "title"));
    let mut paragraphs: Vec<String> = Vec::new();
    let mut skip_depth = 0usize;
    let mut block: Option<String> = None;
    let mut i = region.0;
    let bytes = html.as_bytes();
    while i < region.1 {
        if bytes[i] == b'<' {
            let Some(close) = html[i..].find('>') else {
                break;
            };
            let tag = &lower[i + 1..i + close];
            i += close + 1;
            if tag.starts_with("!--") {
                if let Some(e) = lower[i - close - 1..].find("-->") {
                    i = i - close - 1 + e + 3;
                }
                continue;
            }
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if SKIPPED.contains(&name.as_str()) {
                if closing {
                    skip_depth = skip_depth.saturating_sub(1);
                } else if !tag.ends_with('/') {
                    skip_depth += 1;
                }
                continue;
            }
            if skip_depth > 0 {
                continue;
            }
            if BLOCKS.contains(&name.as_str()) {
                if let Some(b) = block.take() {
                    push_paragraph(&mut paragraphs, &b);
                }
                if !closing {
                    block = Some(String::new());
                }
            } else if name == "br" {
                if let Some(b) = block.as_mut() {
                    b.push(' ');
                }
            }
            continue;
        }
        let next = html[i..]
            .find('<')
            .map_or(region.1, |n| i + n)
            .min(region.1);
        if skip_depth == 0 {
            if let Some(b) = block.as_mut() {
                b.push_str(&decode_entities(&html[i..next]));
            }
        }
        i = next;
    }
    if let Some(b) = block.take() {
        push_paragraph(&mut paragraphs, &b);
    }
    let mut out = String::new();
    if let Some(t) = title {
        let t = collapse(&decode_entities(&t));
        if paragraphs.first() == Some(&t) {
            paragraphs.remove(0);
        }
        if !t.is_empty() {
            out.push_str(&t);
            out.push_str("\n\n");
        }
    }
    out.push_str(&paragraphs.join("\n\n"));
    out.push('\n');
    out
}

fn first_element(html: &str, lower: &str, name: &str) -> Option<String> {
    let start = lower.find(&format!("<{name}"))?;
    let open_end = start + html[start..].find('>')? + 1;
    let end = open_end + lower[open_end..].find(&format!("</{name}"))?;
    Some(strip_tags(&html[open_end..end]))
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn push_paragraph(paragraphs: &mut Vec<String>, text: &str) {
    let t = collapse(text);
    if !t.is_empty() {
        paragraphs.push(t);
    }
}

/// Runs of ASCII white space become one space (a no-break space is kept: it is text).
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim_matches(|c: char| c.is_ascii_whitespace()).chars() {
        if c.is_ascii_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "rsquo" => Some('’'),
            "lsquo" => Some('‘'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            "hellip" => Some('…'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn a_rank_abbreviation_does_not_end_the_sentence() {
        let t = "Coalition spokesman US Army Col. Myles Caggins III told Al-Monitor that the US\u{a0}recently provided aid. It ended.";
        assert_eq!(
            split(t),
            [
                "Coalition spokesman US Army Col. Myles Caggins III told Al-Monitor that the US\u{a0}recently provided aid.",
                "It ended."
            ]
        );
    }

    #[test]
    fn a_closing_quote_stays_with_its_sentence() {
        let t = "\"There were 35 killed. Some were troops,\" said he. “They do raids.” Next";
        assert_eq!(
            split(t),
            [
                "\"There were 35 killed.",
                "Some were troops,\" said he.",
                "“They do raids.”",
                "Next"
            ]
        );
    }

    #[test]
    fn a_stop_glued_to_the_next_sentence_still_ends_it() {
        // The 4th blind set's newsaz text lost its paragraph breaks.
        assert_eq!(
            split(
                "close to the capital Damascus.Just over two weeks ago, it fell.The SOHR said so."
            ),
            [
                "close to the capital Damascus.",
                "Just over two weeks ago, it fell.",
                "The SOHR said so."
            ]
        );
        assert_eq!(
            split("The U.S.Army said e.g.Two things on Al-Monitor.com today."),
            ["The U.S.Army said e.g.Two things on Al-Monitor.com today."]
        );
    }

    #[test]
    fn line_breaks_end_sentences_and_initials_do_not() {
        assert_eq!(
            split("Headline here\n\nJ. Smith said so.\n"),
            ["Headline here", "J. Smith said so."]
        );
    }

    #[test]
    fn a_number_with_a_possessive_is_a_number() {
        let text = "July 22's deaths";
        let t = tokens(
            text,
            Span {
                start: 0,
                end: text.len(),
            },
        );
        assert_eq!((t[1].norm.as_str(), t[1].kind), ("22", TokenKind::Number));
    }

    #[test]
    fn tokens_keep_hyphens_thousands_and_drop_possessives() {
        let t = "Syria’s 2,000 pro-regime IS’ fighters.";
        let toks = tokens(
            t,
            Span {
                start: 0,
                end: t.len(),
            },
        );
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(
            norms,
            ["syria", "2,000", "pro-regime", "is", "'", "fighters", "."]
        );
        assert_eq!(toks[1].kind, TokenKind::Number);
    }

    #[test]
    fn html_keeps_the_article_paragraphs_and_decodes_entities() {
        let html = "<!DOCTYPE html><html><head><title>T</title><script>var x='<p>no</p>';</script></head>\
            <body><nav><p>Menu</p></nav><article><h1>IS attack&nbsp;kills 9</h1>\
            <p>At least nine\n  people were killed, the Observatory&rsquo;s head said.</p>\
            <aside><p>Related</p></aside><p>More &amp; more.</p></article><footer><p>(c)</p></footer></body></html>";
        assert_eq!(
            html_main_text(html),
            "IS attack\u{a0}kills 9\n\nAt least nine people were killed, the Observatory’s head said.\n\nMore & more.\n"
        );
        assert!(is_html(html));
        assert!(!is_html("Beirut (AFP) - text"));
    }
}
