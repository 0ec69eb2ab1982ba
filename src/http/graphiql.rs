//! GraphiQL, served whole from the binary: React 18 and GraphiQL 4 production builds vendored in
//! `assets/graphiql/`, so no visitor's address reaches a third party and the page works offline.
//! A strict Content-Security-Policy lets the page run scripts and styles of this origin only.

use std::sync::LazyLock;

use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256, Sha384};

/// What the page may load: scripts, styles and requests of this origin; the fonts and images
/// GraphiQL's stylesheet inlines as `data:` URLs; nothing else, and no framing. The one hash is
/// the scroll lock GraphiQL 4.1.2 adds as a `<style>` when a dialog opens (react-remove-scroll):
/// the page never scrolls, so its text is always the same, and no other inline style runs.
pub const CONTENT_SECURITY_POLICY: &str = concat!(
    "default-src 'none'; script-src 'self'; ",
    "style-src 'self' 'sha256-nzTgYzXYDNe6BAHiiI7NNlfK8n/auuOAhh2t92YvuXo='; ",
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; ",
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
);

/// One file the page loads.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

/// The asset `$name` of `assets/graphiql/`, built into the binary.
macro_rules! asset {
    ($name:literal, $content_type:expr) => {
        Asset {
            name: $name,
            content_type: $content_type,
            bytes: include_bytes!(concat!("../../assets/graphiql/", $name)),
        }
    };
}

/// Every file, in the order the page loads it: GraphiQL needs `React` and `ReactDOM` as globals.
static ASSETS: [Asset; 6] = [
    asset!("graphiql.min.css", CSS),
    asset!("samenspel-graphiql.css", CSS),
    asset!("react.production.min.js", JS),
    asset!("react-dom.production.min.js", JS),
    asset!("graphiql.min.js", JS),
    asset!("samenspel-graphiql.js", JS),
];

impl Asset {
    /// The first 16 hex digits of its SHA-256: part of its URL, so a URL never changes content
    /// and may be cached for good.
    fn digest(&self) -> String {
        hex::encode(&Sha256::digest(self.bytes)[..8])
    }

    /// Where the page finds it, relative to the page (so a proxy may serve it under a prefix).
    fn path(&self) -> String {
        format!("graphiql/{}/{}", self.digest(), self.name)
    }

    /// Its Subresource Integrity value: the browser refuses a file that does not match.
    fn integrity(&self) -> String {
        format!("sha384-{}", STANDARD.encode(Sha384::digest(self.bytes)))
    }

    /// The tag that loads it.
    fn tag(&self) -> String {
        let (path, integrity) = (self.path(), self.integrity());
        if self.content_type == CSS {
            format!(r#"<link rel="stylesheet" href="{path}" integrity="{integrity}">"#)
        } else {
            format!(r#"<script src="{path}" integrity="{integrity}"></script>"#)
        }
    }
}

/// The digest of each of `ASSETS`, computed once.
static DIGESTS: LazyLock<Vec<String>> = LazyLock::new(|| ASSETS.iter().map(Asset::digest).collect());

/// The page: markup only, no inline script or style.
static PAGE: LazyLock<String> = LazyLock::new(|| {
    let (styles, scripts): (Vec<&Asset>, Vec<&Asset>) = ASSETS.iter().partition(|a| a.content_type == CSS);
    let tags = |assets: Vec<&Asset>| assets.iter().map(|a| a.tag()).collect::<Vec<_>>().join("\n    ");
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="robots" content="noindex">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Samenspel GraphQL</title>
    <link rel="icon" href="data:,">
    {}
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <noscript>GraphiQL needs JavaScript. The API itself answers at /graphql.</noscript>
    {}
  </body>
</html>
"#,
        tags(styles),
        tags(scripts)
    )
});

/// The page at `/` and its files under `/graphiql/`.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/", get(page))
        .route("/graphiql/{digest}/{name}", get(file))
}

/// The GraphiQL page, pointed at `/graphql`.
async fn page() -> Response {
    let headers = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::CACHE_CONTROL, "no-cache"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    (headers, PAGE.as_str()).into_response()
}

/// A file of the page, when the digest in its URL is that of the file this binary holds.
async fn file(Path((digest, name)): Path<(String, String)>) -> Response {
    let found = ASSETS
        .iter()
        .zip(DIGESTS.iter())
        .find(|(a, d)| a.name == name && **d == digest);
    let Some((asset, _)) = found else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let headers = [
        (header::CONTENT_TYPE, asset.content_type),
        (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    (headers, asset.bytes).into_response()
}
