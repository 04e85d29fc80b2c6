//! Zendesk's JSON envelopes and error bodies.

use serde::Deserialize;
use serde_json::Value;

use crate::helpdesk::{Comment, Person, Request};

#[derive(Deserialize)]
pub(crate) struct RequestEnvelope {
    pub request: Request,
}

#[derive(Deserialize)]
pub(crate) struct RequestsPage {
    pub requests: Vec<Request>,
    #[serde(default)]
    pub meta: Meta,
    #[serde(default)]
    pub links: Links,
}

#[derive(Deserialize)]
pub(crate) struct CommentsPage {
    pub comments: Vec<Comment>,
    /// Present with `include=users`.
    #[serde(default)]
    pub users: Vec<Person>,
    #[serde(default)]
    pub meta: Meta,
    #[serde(default)]
    pub links: Links,
}

/// Cursor pagination's `meta`.
#[derive(Deserialize, Default)]
pub(crate) struct Meta {
    #[serde(default)]
    pub has_more: bool,
    #[serde(default)]
    pub after_cursor: Option<String>,
}

/// Cursor pagination's `links`.
#[derive(Deserialize, Default)]
pub(crate) struct Links {
    #[serde(default)]
    pub next: Option<String>,
}

/// `POST /uploads`: the token a comment claims the file with.
#[derive(Deserialize)]
pub(crate) struct UploadEnvelope {
    pub upload: Upload,
}

#[derive(Deserialize)]
pub(crate) struct Upload {
    pub token: String,
}

#[derive(Deserialize)]
pub(crate) struct UserEnvelope {
    pub user: WireUser,
}

/// `users/me`: without valid credentials Zendesk answers 200 with an anonymous user whose
/// `id` is null.
#[derive(Deserialize)]
pub(crate) struct WireUser {
    pub id: Option<u64>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Field key → value; unset fields are `null`.
    #[serde(default)]
    pub user_fields: std::collections::BTreeMap<String, serde_json::Value>,
}

/// The most useful text in an error body: the 422 field details ("Subject: cannot be
/// blank"), else the description, else the error name, else the body as text (429s and some
/// 400s are `text/plain`).
pub(crate) fn error_message(body: &[u8]) -> String {
    let Ok(json) = serde_json::from_slice::<Value>(body) else {
        let text = String::from_utf8_lossy(body).trim().to_owned();
        return if text.is_empty() {
            "no details".into()
        } else {
            text.chars().take(300).collect()
        };
    };
    let details: Vec<&str> = json["details"]
        .as_object()
        .into_iter()
        .flat_map(|fields| fields.values())
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|problem| problem["description"].as_str())
        .collect();
    if !details.is_empty() {
        return details.join("; ");
    }
    let candidates = [
        &json["description"],
        &json["error"]["message"],
        &json["error"]["title"],
        &json["error"],
    ];
    let message = candidates
        .into_iter()
        .find_map(|value| value.as_str().filter(|text| !text.is_empty()))
        .unwrap_or("no details");
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_read_as_their_field_details() {
        let body = br#"{"error":"RecordInvalid","description":"Record validation errors",
            "details":{"subject":[{"description":"Subject: cannot be blank","error":"BlankValue"}]}}"#;
        assert_eq!(error_message(body), "Subject: cannot be blank");
    }

    #[test]
    fn other_errors_read_as_description_name_or_text() {
        assert_eq!(
            error_message(br#"{"error":"RecordNotFound","description":"Not found"}"#),
            "Not found"
        );
        assert_eq!(
            error_message(br#"{"error":"Couldn't authenticate you"}"#),
            "Couldn't authenticate you"
        );
        assert_eq!(
            error_message(b"Number of allowed API requests per minute exceeded"),
            "Number of allowed API requests per minute exceeded"
        );
    }
}
