//! Which receiver URLs and addresses a webhook may reach (the OWASP SSRF cheat sheet): `https`
//! (and `http` where allowed), no credentials in the URL, and never an address inside the
//! operator's network: loopback, private, link-local, CGNAT, unique-local, IPv4-mapped and the
//! other special-purpose ranges. The address check is made on every address a name resolves to,
//! at every attempt (see `resolve`), and can be lifted for on-premises receivers.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use reqwest::Url;

/// The special-purpose class of `ip` when a webhook must not reach it; `None` for a public one.
pub fn blocked(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => blocked_v4(v4),
        IpAddr::V6(v6) => blocked_v6(v6),
    }
}

fn blocked_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    Some(match (a, b, c) {
        (0, _, _) => "unspecified",
        (127, _, _) => "loopback",
        (10, _, _) | (192, 168, _) => "private",
        (172, 16..=31, _) => "private",
        (169, 254, _) => "link-local",
        (100, 64..=127, _) => "CGNAT",
        (192, 0, 0) => "IETF protocol assignment",
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => "documentation",
        (198, 18..=19, _) => "benchmarking",
        (224..=239, _, _) => "multicast",
        (240..=255, _, _) => "reserved",
        _ => return None,
    })
}

fn blocked_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let s = ip.segments();
    Some(match s {
        [0, 0, 0, 0, 0, 0, 0, 0] => "unspecified",
        [0, 0, 0, 0, 0, 0, 0, 1] => "loopback",
        [0, 0, 0, 0, 0, 0xffff, _, _] => "IPv4-mapped",
        [0, 0, 0, 0, 0, 0, _, _] => "IPv4-compatible",
        [0x64, 0xff9b, ..] => "NAT64",
        [0x2001, 0x0db8, ..] => "documentation",
        [0x2001, 0, ..] => "Teredo",
        [0x2002, ..] => "6to4",
        [x, ..] if x & 0xfe00 == 0xfc00 => "unique-local",
        [x, ..] if x & 0xffc0 == 0xfe80 => "link-local",
        [x, ..] if x & 0xffc0 == 0xfec0 => "site-local",
        [x, ..] if x & 0xff00 == 0xff00 => "multicast",
        _ => return None,
    })
}

/// The class of addresses `ip` is in when it may not be reached; `None` when it may.
pub fn refused_class(ip: IpAddr, allow_private: bool) -> Option<&'static str> {
    if allow_private { None } else { blocked(ip) }
}

/// Why `ip` may not be reached, as a sentence; `None` when it may.
pub fn refusal(ip: IpAddr, allow_private: bool) -> Option<String> {
    if allow_private {
        return None;
    }
    blocked(ip).map(|class| format!("{ip} lies in the {class} range, which webhooks may not reach"))
}

/// The URL when its form is acceptable: http(s) as allowed, a host, no credentials, no
/// fragment. Says what is wrong otherwise. Addresses are checked separately.
pub fn check_url(raw: &str, allow_http: bool) -> Result<Url, String> {
    if raw.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("The URL may not contain spaces or control characters".into());
    }
    let url = Url::parse(raw).map_err(|e| format!("Not a valid URL ({e})"))?;
    match url.scheme() {
        "https" => {}
        "http" if allow_http => {}
        "http" => return Err("Only https:// URLs are allowed".into()),
        _ => return Err("Only http(s) URLs are allowed".into()),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("The URL may not contain a user name or password".into());
    }
    if url.host().is_none() {
        return Err("The URL has no host".into());
    }
    if url.fragment().is_some() {
        return Err("The URL may not contain a #fragment".into());
    }
    Ok(url)
}

/// The address of a URL whose host is an IP literal (which is connected to without resolving).
pub fn literal(url: &Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(v4) => Some(IpAddr::V4(v4)),
        url::Host::Ipv6(v6) => Some(IpAddr::V6(v6)),
        url::Host::Domain(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        for (ip, class) in [
            ("127.0.0.1", "loopback"),
            ("10.1.2.3", "private"),
            ("172.31.0.1", "private"),
            ("192.168.1.1", "private"),
            ("169.254.169.254", "link-local"),
            ("100.64.0.1", "CGNAT"),
            ("0.0.0.0", "unspecified"),
            ("::1", "loopback"),
            ("::", "unspecified"),
            ("fd00::1", "unique-local"),
            ("fe80::1", "link-local"),
            ("::ffff:127.0.0.1", "IPv4-mapped"),
            ("::ffff:8.8.8.8", "IPv4-mapped"),
            ("64:ff9b::a00:1", "NAT64"),
            ("ff02::1", "multicast"),
        ] {
            assert_eq!(blocked(ip.parse().unwrap()), Some(class), "{ip}");
        }
        for ip in ["8.8.8.8", "172.32.0.1", "100.128.0.1", "2a00:1450:4001::1"] {
            assert_eq!(blocked(ip.parse().unwrap()), None, "{ip}");
        }
        assert!(refusal("127.0.0.1".parse().unwrap(), true).is_none());
    }

    #[test]
    fn url_forms() {
        assert!(check_url("https://hooks.example.nl/samenspel", false).is_ok());
        assert!(check_url("http://hooks.example.nl/", false).is_err());
        assert!(check_url("http://hooks.example.nl/", true).is_ok());
        for bad in [
            "ftp://x.nl/",
            "https://u:p@x.nl/",
            "https://x.nl/#f",
            "https://x.nl/ a",
            "nope",
        ] {
            assert!(check_url(bad, true).is_err(), "{bad}");
        }
        let odd = check_url("http://2130706433/", true).unwrap();
        assert_eq!(literal(&odd), Some("127.0.0.1".parse().unwrap()));
    }
}
