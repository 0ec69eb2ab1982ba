//! The GraphiQL page: every file from this origin, production builds with integrity hashes, a
//! strict Content-Security-Policy, and `SAMENSPEL_GRAPHIQL=false` turning it all off.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha384};

use crate::helpers::{Answer, TestApp, spawn_app, spawn_app_with};

/// A file the page loads: its URL relative to the page and its `integrity` value.
#[derive(Debug)]
struct Loaded {
    path: String,
    integrity: String,
}

/// The value of every `name="…"` attribute in `html`.
fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest[..rest.find('"').expect("a closed attribute")].to_string()
        })
        .collect()
}

/// Every script and stylesheet of the page; asserts each carries an integrity hash.
fn loaded(html: &str) -> Vec<Loaded> {
    let tags = html
        .split('<')
        .filter(|t| t.starts_with("script") || t.starts_with("link rel=\"stylesheet\""));
    tags.map(|tag| {
        let path = attributes(tag, "src").into_iter().chain(attributes(tag, "href")).next();
        let integrity = attributes(tag, "integrity").into_iter().next();
        Loaded {
            path: path.unwrap_or_else(|| panic!("an inline script or style: <{tag}")),
            integrity: integrity.unwrap_or_else(|| panic!("no integrity: <{tag}")),
        }
    })
    .collect()
}

async fn get(app: &TestApp, path: &str) -> Answer {
    app.send(app.client.get(format!("{}/{path}", app.address))).await
}

fn header<'a>(a: &'a Answer, name: &str) -> &'a str {
    a.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

#[tokio::test]
async fn the_page_loads_only_its_own_pinned_production_files() {
    let app = spawn_app().await;
    let page = get(&app, "").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.content_type(), "text/html; charset=utf-8");
    assert_eq!(header(&page, "x-content-type-options"), "nosniff");
    let csp = header(&page, "content-security-policy");
    for directive in [
        "default-src 'none'",
        "script-src 'self';",
        "style-src 'self' 'sha256-",
        "connect-src 'self';",
    ] {
        assert!(csp.contains(directive), "{directive} missing: {csp}");
    }
    assert!(!csp.contains("unsafe"), "{csp}");
    // Nothing from elsewhere: every URL is relative to the page, or inline data.
    let html = &page.text;
    for url in attributes(html, "src").into_iter().chain(attributes(html, "href")) {
        let relative = url.starts_with("graphiql/") && !url.contains("..");
        assert!(relative || url == "data:,", "not served here: {url}");
    }
    assert!(
        !html.contains("<style") && !html.contains(" style="),
        "inline style: {html}"
    );

    let files = loaded(html);
    let names: Vec<&str> = files.iter().filter_map(|f| f.path.rsplit('/').next()).collect();
    let expected = [
        "graphiql.min.css",
        "samenspel-graphiql.css",
        "react.production.min.js",
        "react-dom.production.min.js",
        "graphiql.min.js",
        "samenspel-graphiql.js",
    ];
    assert_eq!(names, expected, "React before GraphiQL, the bootstrap last");
    let mut total = 0;
    for f in &files {
        let a = get(&app, &f.path).await;
        assert_eq!(a.status, 200, "{}", f.path);
        let kind = if f.path.ends_with(".js") {
            "text/javascript"
        } else {
            "text/css"
        };
        assert_eq!(a.content_type(), format!("{kind}; charset=utf-8"), "{}", f.path);
        assert_eq!(header(&a, "cache-control"), "public, max-age=31536000, immutable");
        assert_eq!(header(&a, "x-content-type-options"), "nosniff");
        let hash = format!("sha384-{}", STANDARD.encode(Sha384::digest(a.text.as_bytes())));
        assert_eq!(hash, f.integrity, "{}: the browser would refuse it", f.path);
        assert!(
            !a.text.contains("react.development") && !a.text.contains("unpkg.com"),
            "{}",
            f.path
        );
        total += a.text.len();
    }
    assert!(total < 3_000_000, "{total} bytes of assets");
}

#[tokio::test]
async fn a_file_is_served_only_under_its_own_digest() {
    let app = spawn_app().await;
    let files = loaded(&get(&app, "").await.text);
    let digest = |name: &str| {
        let f = files
            .iter()
            .find(|f| f.path.ends_with(&format!("/{name}")))
            .expect(name);
        f.path.split('/').nth(1).expect("a digest").to_string()
    };
    let (react, graphiql) = (digest("react.production.min.js"), digest("graphiql.min.js"));
    let paths = [
        "graphiql/0000000000000000/react.production.min.js".to_string(),
        format!("graphiql/{graphiql}/react.production.min.js"),
        format!("graphiql/{react}/react.development.js"),
        format!("graphiql/{react}/Cargo.toml"),
    ];
    for path in paths {
        assert_eq!(get(&app, &path).await.status, 404, "{path}");
    }
}

#[tokio::test]
async fn graphiql_false_serves_no_page_and_no_files() {
    let on = spawn_app().await;
    let files = loaded(&get(&on, "").await.text);
    let app = spawn_app_with(|s| s.api.graphiql = false).await;
    assert_eq!(get(&app, "").await.status, 404);
    for f in &files {
        assert_eq!(get(&app, &f.path).await.status, 404, "{}", f.path);
    }
    let data = app.data("{ __typename }", serde_json::json!({})).await;
    assert_eq!(data["__typename"], "Query");
}
