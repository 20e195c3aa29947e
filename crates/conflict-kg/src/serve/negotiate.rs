//! Content negotiation: the `Accept` header (RFC 9110 §12.5.1, q-values and wildcards) matched
//! against what the server offers for an answer; the server's order breaks ties, and a missing
//! header gets the first offer. `None` is a 406.

/// Picks the offer the client prefers. `offers` are media types (`type/subtype`) in the
/// server's order of preference; returns its index.
pub(super) fn choose(accept: Option<&str>, offers: &[&str]) -> Option<usize> {
    let accept = match accept.map(str::trim) {
        None | Some("") => return (!offers.is_empty()).then_some(0),
        Some(a) => a,
    };
    let ranges: Vec<(String, f32)> = accept
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let range = parts.next()?.trim().to_ascii_lowercase();
            if range.is_empty() {
                return None;
            }
            let mut q = 1.0f32;
            for p in parts {
                if let Some((k, v)) = p.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse().unwrap_or(0.0);
                    }
                }
            }
            Some((range, q))
        })
        .collect();
    let mut best: Option<(usize, f32, u8)> = None;
    for (i, offer) in offers.iter().enumerate() {
        // The most specific range that matches decides the offer's q (RFC 9110).
        let mut found: Option<(u8, f32)> = None;
        for (range, q) in &ranges {
            let specificity = if range == offer {
                3
            } else if range
                .strip_suffix("/*")
                .is_some_and(|t| offer.split('/').next() == Some(t))
            {
                2
            } else if range == "*/*" {
                1
            } else {
                continue;
            };
            if found.is_none_or(|(s, _)| specificity > s) {
                found = Some((specificity, *q));
            }
        }
        if let Some((specificity, q)) = found {
            if q > 0.0 && best.is_none_or(|(_, bq, bs)| q > bq || (q == bq && specificity > bs)) {
                best = Some((i, q, specificity));
            }
        }
    }
    best.map(|(i, _, _)| i)
}

/// Whether the client accepts gzip (`Accept-Encoding`, with q > 0).
pub(super) fn accepts_gzip(accept_encoding: Option<&str>) -> bool {
    accept_encoding.is_some_and(|v| {
        v.split(',').any(|item| {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim();
            let q = parts
                .filter_map(|p| p.split_once('='))
                .find(|(k, _)| k.trim().eq_ignore_ascii_case("q"))
                .map_or(1.0, |(_, v)| v.trim().parse::<f32>().unwrap_or(0.0));
            (coding.eq_ignore_ascii_case("gzip") || coding == "*") && q > 0.0
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFERS: &[&str] = &[
        "application/sparql-results+json",
        "text/csv",
        "text/tab-separated-values",
    ];

    #[test]
    fn no_accept_header_gets_the_first_offer_and_wildcards_match() {
        assert_eq!(choose(None, OFFERS), Some(0));
        assert_eq!(choose(Some("*/*"), OFFERS), Some(0));
        assert_eq!(choose(Some("text/*"), OFFERS), Some(1));
    }

    #[test]
    fn q_values_rank_and_zero_refuses() {
        assert_eq!(
            choose(Some("text/csv;q=0.5, text/tab-separated-values"), OFFERS),
            Some(2)
        );
        assert_eq!(choose(Some("*/*;q=0.1, text/csv"), OFFERS), Some(1));
        assert_eq!(choose(Some("text/*, text/csv;q=0"), OFFERS), Some(2));
        assert_eq!(choose(Some("image/png"), OFFERS), None);
    }

    #[test]
    fn gzip_is_accepted_unless_its_q_is_zero() {
        assert!(accepts_gzip(Some("gzip, deflate, br")));
        assert!(!accepts_gzip(Some("gzip;q=0, br")));
        assert!(!accepts_gzip(None));
    }
}
