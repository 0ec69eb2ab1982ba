//! Which media type a GraphQL response is sent as, negotiated from `Accept` as GraphQL over
//! HTTP says: `application/graphql-response+json` when asked for, else `application/json`.

use axum::http::{HeaderMap, HeaderValue, header};

/// The media type of a GraphQL response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `application/graphql-response+json`: a request that fails before execution gets 400.
    GraphqlResponse,
    /// `application/json`: every well-formed request gets 200, its errors in the body.
    Json,
}

impl Format {
    /// The `Content-Type` of a response in this format.
    pub fn content_type(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Format::GraphqlResponse => "application/graphql-response+json; charset=utf-8",
            Format::Json => "application/json; charset=utf-8",
        })
    }

    /// The format the client accepts, preferring `application/graphql-response+json` when it
    /// names it at least as highly as JSON; `None` when it accepts neither (HTTP 406). No
    /// `Accept` header means `application/json`.
    pub fn negotiate(headers: &HeaderMap) -> Option<Format> {
        let mut ranges = headers
            .get_all(header::ACCEPT)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter(|r| !r.trim().is_empty())
            .peekable();
        if ranges.peek().is_none() {
            return Some(Format::Json);
        }
        let (mut graphql, mut json) = (0.0f32, 0.0f32);
        for range in ranges {
            let (media, q) = media_and_quality(range);
            match media.as_str() {
                "application/graphql-response+json" => graphql = graphql.max(q),
                "application/json" | "application/*" | "*/*" => json = json.max(q),
                _ => {}
            }
        }
        if graphql > 0.0 && graphql >= json {
            Some(Format::GraphqlResponse)
        } else if json > 0.0 {
            Some(Format::Json)
        } else {
            None
        }
    }
}

/// `application/json;q=0.5` → (`application/json`, 0.5); a range without `q` weighs 1.
fn media_and_quality(range: &str) -> (String, f32) {
    let mut parts = range.split(';').map(str::trim);
    let media = parts.next().unwrap_or_default().to_ascii_lowercase();
    let q = parts
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("q"))
        .map_or(1.0, |(_, v)| v.trim().parse::<f32>().unwrap_or(0.0));
    (media, q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn negotiate(accept: Option<&str>) -> Option<Format> {
        let mut headers = HeaderMap::new();
        if let Some(a) = accept {
            headers.insert(header::ACCEPT, HeaderValue::from_str(a).expect("header"));
        }
        Format::negotiate(&headers)
    }

    #[test]
    fn negotiates_as_the_spec_says() {
        use Format::*;
        let cases = [
            (None, Some(Json)),
            (Some("*/*"), Some(Json)),
            (Some("application/json"), Some(Json)),
            (Some("application/json; charset=utf-8"), Some(Json)),
            (Some("application/graphql-response+json"), Some(GraphqlResponse)),
            (
                Some("application/graphql-response+json, application/json;q=0.9"),
                Some(GraphqlResponse),
            ),
            (
                Some("application/json, application/graphql-response+json;q=0.5"),
                Some(Json),
            ),
            (Some("Application/GraphQL-Response+JSON"), Some(GraphqlResponse)),
            (Some("text/html, */*;q=0.1"), Some(Json)),
            (Some("text/html"), None),
            (Some("application/json;q=0"), None),
            (Some("application/xml, text/plain"), None),
        ];
        for (accept, want) in cases {
            assert_eq!(negotiate(accept), want, "Accept: {accept:?}");
        }
    }
}
