//! Security headers for static hosts that read a `_headers` file (Netlify,
//! Cloudflare Pages), and the same Content-Security-Policy for a `<meta>`
//! tag, so that hosts without header support still get it.

/// The policy every page works under: everything from the site itself,
/// nothing inline, no plugins, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// `frame-ancestors` only works as a header, never in `<meta>`.
const HEADER_ONLY: &str = "; frame-ancestors 'none'";

/// The `_headers` file at the root of the output.
pub fn headers_file() -> String {
    format!(
        "/*\n  Content-Security-Policy: {CONTENT_SECURITY_POLICY}{HEADER_ONLY}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  X-Frame-Options: DENY\n  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_carry_the_policy() {
        let h = headers_file();
        assert!(h.starts_with("/*\n"));
        assert!(h.contains("Content-Security-Policy: default-src 'self';"));
        assert!(h.contains("frame-ancestors 'none'"));
        assert!(h.contains("X-Content-Type-Options: nosniff"));
        assert!(h.contains("Referrer-Policy: "));
        assert!(!CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
    }
}
