//! The shape of an email address, checked without sending mail.

/// One `@`, a dot in the part after it, no spaces.
pub fn email_shaped(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    let dot = domain
        .split_once('.')
        .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty());
    !local.is_empty() && !domain.contains('@') && dot && !e.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::email_shaped;

    #[test]
    fn email_shapes() {
        for ok in ["a@b.nl", "marie.jansen@cordaan.nl", "x+y@sub.example.org"] {
            assert!(email_shaped(ok), "{ok}");
        }
        for bad in [
            "", "a", "a@b", "@b.nl", "a@@b.nl", "a@b@c.nl", "a b@c.nl", "a@.nl", "a@b.",
        ] {
            assert!(!email_shaped(bad), "{bad}");
        }
    }
}
