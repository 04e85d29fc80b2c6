//! The OAuth clients registered on the demo account.

/// A registered OAuth client. Public clients (a desktop app cannot keep a secret) must use
/// PKCE, and Zendesk lets them redirect to loopback addresses over plain HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OAuthClient {
    /// What the client sends as `client_id`.
    pub identifier: &'static str,
    /// The client record's numeric id, which token objects report as `client_id`.
    pub id: i64,
}

/// The identifier of the demo account's one OAuth client, Helpline's desktop app.
pub const DEMO_OAUTH_CLIENT_ID: &str = "helpline_desktop";

const CLIENTS: &[OAuthClient] = &[OAuthClient {
    identifier: DEMO_OAUTH_CLIENT_ID,
    id: 50_000_000_001,
}];

pub(crate) fn client(identifier: &str) -> Option<OAuthClient> {
    CLIENTS
        .iter()
        .copied()
        .find(|client| client.identifier == identifier)
}

impl OAuthClient {
    /// `http://127.0.0.1[:port]/…` or `http://localhost[:port]/…`: any port, as RFC 8252
    /// asks for native apps, which pick a free one each time.
    pub(crate) fn accepts_redirect(&self, redirect_uri: &str) -> bool {
        let Some(rest) = redirect_uri.strip_prefix("http://") else {
            return false;
        };
        if redirect_uri.contains('#') {
            return false;
        }
        let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        let port_ok = port.is_none_or(|port| {
            !port.is_empty()
                && port.chars().all(|c| c.is_ascii_digit())
                && port.parse::<u16>().is_ok()
        });
        matches!(host, "127.0.0.1" | "localhost") && port_ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_http_redirects_are_accepted() {
        let client = client(DEMO_OAUTH_CLIENT_ID).unwrap();
        for good in [
            "http://127.0.0.1:53682/callback",
            "http://localhost:8080",
            "http://127.0.0.1/cb?x=1",
        ] {
            assert!(client.accepts_redirect(good), "{good}");
        }
        for bad in [
            "https://127.0.0.1:1/cb",
            "http://127.0.0.1.evil.example/cb",
            "http://localhost@evil.example/",
            "http://evil.example/?127.0.0.1",
            "http://127.0.0.1:99999/",
            "http://127.0.0.1:1/cb#fragment",
        ] {
            assert!(!client.accepts_redirect(bad), "{bad}");
        }
    }
}
