//! OAuth scopes and what each API path needs.
//!
//! Zendesk's broad scopes are `read` (GET) and `write` (POST, PUT, DELETE); resource scopes
//! such as `requests:read` or `hc:read` grant the same for one resource. Unknown words still
//! make a token, which then simply gets 403 where it lacks a scope.

use axum::http::Method;

/// Scope words in the order granted, without repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scopes(Vec<String>);

/// What an endpoint needs: read or write access to one of these resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Requirement {
    pub resources: &'static [&'static str],
    pub write: bool,
}

impl Scopes {
    /// Reads the space-separated `scope` parameter (also accepts `+` and commas).
    pub(crate) fn parse(text: &str) -> Scopes {
        let mut words: Vec<String> = Vec::new();
        for word in text.split([' ', '+', ',']).map(str::trim) {
            if !word.is_empty() && !words.iter().any(|known| known == word) {
                words.push(word.to_owned());
            }
        }
        Scopes(words)
    }

    fn has(&self, word: &str) -> bool {
        self.0.iter().any(|known| known == word)
    }

    /// What the demo's static token may do: everything.
    pub(crate) fn everything() -> Scopes {
        Scopes::parse("read write")
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn allows(&self, requirement: Requirement) -> bool {
        let access = if requirement.write { "write" } else { "read" };
        self.has(access)
            || requirement
                .resources
                .iter()
                .any(|resource| self.has(&format!("{resource}:{access}")))
    }

    pub(crate) fn contains_all(&self, other: &Scopes) -> bool {
        other.0.iter().all(|word| self.has(word))
    }

    pub(crate) fn to_list(&self) -> Vec<String> {
        self.0.clone()
    }

    /// The space-separated form OAuth responses use.
    pub(crate) fn to_parameter(&self) -> String {
        self.to_list().join(" ")
    }
}

/// The scope a call to `path` (under `/api/v2`, without `.json`) needs; `None` for the
/// endpoints any valid token may call (who am I, which token is this), so that a client can
/// check a sign-in whatever it was granted.
pub(crate) fn requirement(method: &Method, path: &str) -> Option<Requirement> {
    let path = path.strip_prefix("/api/v2").unwrap_or(path);
    if path == "/users/me" || path == "/oauth/tokens/current" {
        return None;
    }
    let resources: &'static [&'static str] = if path.starts_with("/help_center") {
        &["hc"]
    } else if path.starts_with("/requests") {
        &["requests"]
    } else if path.starts_with("/uploads") || path.starts_with("/attachments") {
        // Uploads exist to be attached to requests.
        &["requests", "tickets"]
    } else {
        &[]
    };
    let write = !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    Some(Requirement { resources, write })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broad_scopes_cover_every_resource_and_resource_scopes_only_theirs() {
        let read_requests = requirement(&Method::GET, "/api/v2/requests/5").unwrap();
        let create_request = requirement(&Method::POST, "/api/v2/requests").unwrap();
        let read_articles =
            requirement(&Method::GET, "/api/v2/help_center/en-us/articles").unwrap();

        let read = Scopes::parse("read");
        assert!(read.allows(read_requests) && read.allows(read_articles));
        assert!(!read.allows(create_request));

        let narrow = Scopes::parse("requests:read hc:read");
        assert!(narrow.allows(read_requests) && narrow.allows(read_articles));
        assert!(!narrow.allows(create_request));
        assert!(Scopes::parse("requests:write").allows(create_request));
        assert!(!Scopes::parse("hc:read").allows(read_requests));
    }

    #[test]
    fn who_am_i_needs_no_particular_scope() {
        assert_eq!(requirement(&Method::GET, "/api/v2/users/me"), None);
        assert_eq!(
            requirement(&Method::GET, "/api/v2/oauth/tokens/current"),
            None
        );
    }

    #[test]
    fn scope_parameters_are_read_with_any_common_separator() {
        assert_eq!(
            Scopes::parse("read  write+hc:read,requests:read").to_parameter(),
            "read write hc:read requests:read"
        );
    }
}
