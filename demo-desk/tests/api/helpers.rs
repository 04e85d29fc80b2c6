//! Starting a desk and talking to it.

use demo_desk::{DemoConfig, DemoDesk, DemoHandle};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde_json::Value;

/// The first seeded request: Dana's "Cannot sign in after password reset" (new).
pub const SIGN_IN_REQUEST: u64 = 4_294_967_400;
/// Dana's "Export to CSV times out…": open, assigned, five comments of which one internal.
pub const EXPORT_REQUEST: u64 = 4_294_967_401;
/// Dana's "Webhook deliveries delayed…": pending, a problem (which she cannot solve).
pub const WEBHOOK_REQUEST: u64 = 4_294_967_402;
/// Dana's "Two-factor codes not accepted": closed.
pub const CLOSED_REQUEST: u64 = 4_294_967_408;
/// Sam's request with Dana in CC.
pub const CCD_REQUEST: u64 = 4_294_967_412;
/// Sam's request that Dana may not see.
pub const OTHER_CUSTOMERS_REQUEST: u64 = 4_294_967_413;
/// How many requests Dana herself has in the seed.
pub const SEEDED_REQUESTS_OF_DANA: usize = 12;

pub struct TestDesk {
    pub handle: DemoHandle,
    pub http: reqwest::Client,
}

pub async fn start() -> TestDesk {
    start_with(DemoConfig::default()).await
}

pub async fn start_empty() -> TestDesk {
    start_with(DemoConfig {
        seed: false,
        ..DemoConfig::default()
    })
    .await
}

pub async fn start_with(config: DemoConfig) -> TestDesk {
    let handle = DemoDesk::start(config).await.expect("demo desk starts");
    TestDesk {
        handle,
        http: reqwest::Client::new(),
    }
}

impl TestDesk {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.handle.base_url())
    }

    /// A request signed in as the demo customer.
    pub fn as_dana(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, self.url(path))
            .bearer_auth(self.handle.demo_token())
    }

    pub fn anonymous(&self, method: Method, path: &str) -> RequestBuilder {
        self.http.request(method, self.url(path))
    }

    pub async fn get(&self, path: &str) -> Response {
        self.as_dana(Method::GET, path).send().await.expect("GET")
    }

    pub async fn get_json(&self, path: &str) -> Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.json().await.expect("JSON body")
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.as_dana(Method::POST, path)
            .json(body)
            .send()
            .await
            .expect("POST")
    }

    pub async fn put(&self, path: &str, body: &Value) -> Response {
        self.as_dana(Method::PUT, path)
            .json(body)
            .send()
            .await
            .expect("PUT")
    }

    /// A back-office call (no credentials).
    pub async fn back_office(&self, path: &str, body: &Value) -> Response {
        self.http
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("back-office POST")
    }

    /// Creates a request as Dana and returns it.
    pub async fn create_request(&self, subject: &str, body: &str) -> Value {
        let response = self
            .post(
                "/api/v2/requests.json",
                &serde_json::json!({"request": {"subject": subject, "comment": {"body": body}}}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json::<Value>().await.unwrap()["request"].clone()
    }
}

pub fn header<'a>(response: &'a Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("missing header {name}"))
        .to_str()
        .unwrap()
}

pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Asserts that `object` has each field with one of the `|`-separated JSON types.
pub fn assert_fields(object: &Value, fields: &[(&str, &str)]) {
    for (field, types) in fields {
        let value = object
            .get(field)
            .unwrap_or_else(|| panic!("missing field {field} in {object}"));
        assert!(
            types
                .split('|')
                .any(|expected| expected == json_type(value)),
            "field {field} is {} ({value}), expected {types}",
            json_type(value)
        );
    }
}

/// `2024-05-02T09:14:07Z`.
pub fn is_zendesk_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() == 20
        && bytes[4] == b'-'
        && bytes[10] == b'T'
        && bytes[19] == b'Z'
        && text[..19].chars().enumerate().all(|(i, c)| {
            matches!(i, 4 | 7) && c == '-'
                || i == 10 && c == 'T'
                || matches!(i, 13 | 16) && c == ':'
                || c.is_ascii_digit()
        })
}

/// `2022-11-25T15:50:04.967Z`.
pub fn is_statuspage_time(text: &str) -> bool {
    text.len() == 24
        && text.ends_with('Z')
        && text.as_bytes()[19] == b'.'
        && text[20..23].chars().all(|c| c.is_ascii_digit())
        && is_zendesk_time(&format!("{}Z", &text[..19]))
}

pub fn ids_of(list: &Value) -> Vec<u64> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|item| item["id"].as_u64().expect("numeric id"))
        .collect()
}

/// The Help Center's bundled articles per locale.
pub const HELP_CENTER_ARTICLES: usize = 32;

impl TestDesk {
    /// A GET without credentials that must succeed.
    pub async fn get_anonymous_json(&self, path: &str) -> Value {
        let response = self.anonymous(Method::GET, path).send().await.expect("GET");
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.json().await.expect("JSON body")
    }

    /// Follows an absolute URL the desk handed out, without credentials.
    pub async fn follow_json(&self, url: &str) -> Value {
        assert!(url.starts_with(&self.handle.base_url()), "absolute: {url}");
        let response = self.http.get(url).send().await.expect("GET");
        assert_eq!(response.status(), StatusCode::OK, "GET {url}");
        response.json().await.expect("JSON body")
    }
}
