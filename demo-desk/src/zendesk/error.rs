//! Zendesk's error bodies and status codes.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

use crate::DemoError;

pub(crate) const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// A JSON response with the exact content type Zendesk sends.
pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(JSON_CONTENT_TYPE),
    );
    response
}

/// One field's validation failure inside a 422 `RecordInvalid`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldProblem {
    pub field: &'static str,
    pub description: String,
    pub error: &'static str,
}

impl FieldProblem {
    pub(crate) fn blank(field: &'static str, label: &str) -> Self {
        FieldProblem {
            field,
            description: format!("{label}: cannot be blank"),
            error: "BlankValue",
        }
    }

    pub(crate) fn invalid(field: &'static str, label: &str, value: &str) -> Self {
        FieldProblem {
            field,
            description: format!("{label}: {value} is not valid"),
            error: "InvalidValue",
        }
    }
}

#[derive(Debug)]
pub(crate) enum ApiError {
    /// 401: bad credentials, or none where they are required.
    Unauthenticated,
    /// 403: someone else's request.
    Forbidden,
    /// 404: unknown record.
    NotFound,
    /// 404: unknown path under `/api/v2`.
    InvalidEndpoint,
    /// 422 `RecordInvalid` with per-field details.
    RecordInvalid(Vec<FieldProblem>),
    /// 400 with a named error.
    BadRequest {
        error: &'static str,
        description: String,
    },
    /// 422 with a named error (not a record validation).
    Unprocessable {
        error: &'static str,
        description: String,
    },
    /// 413: an upload over the account's size limit.
    TooLarge {
        max_bytes: u64,
    },
    Internal(String),
}

impl ApiError {
    pub(crate) fn bad_request(error: &'static str, description: impl Into<String>) -> Self {
        ApiError::BadRequest {
            error,
            description: description.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            ApiError::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                json!({"error": "Couldn't authenticate you"}),
            ),
            ApiError::Forbidden => (
                StatusCode::FORBIDDEN,
                json!({
                    "error": "Forbidden",
                    "description": "You do not have access to this page. Please contact the account owner of this help desk for further help."
                }),
            ),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                json!({"error": "RecordNotFound", "description": "Not found"}),
            ),
            ApiError::InvalidEndpoint => (
                StatusCode::NOT_FOUND,
                json!({"error": "InvalidEndpoint", "description": "Not found"}),
            ),
            ApiError::RecordInvalid(problems) => {
                let mut details: Map<String, Value> = Map::new();
                for problem in problems {
                    let entry = details
                        .entry(problem.field)
                        .or_insert_with(|| Value::Array(vec![]));
                    if let Value::Array(list) = entry {
                        list.push(
                            json!({"description": problem.description, "error": problem.error}),
                        );
                    }
                }
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    json!({
                        "error": "RecordInvalid",
                        "description": "Record validation errors",
                        "details": details
                    }),
                )
            }
            ApiError::BadRequest { error, description } => (
                StatusCode::BAD_REQUEST,
                json!({"error": error, "description": description}),
            ),
            ApiError::Unprocessable { error, description } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({"error": error, "description": description}),
            ),
            ApiError::TooLarge { max_bytes } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                json!({
                    "error": "AttachmentTooLarge",
                    "description": format!(
                        "Attachments can be at most {} MB ({max_bytes} bytes)",
                        max_bytes / (1024 * 1024)
                    )
                }),
            ),
            ApiError::Internal(message) => {
                tracing::error!(%message, "demo desk internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    json!({"error": "InternalServerError", "description": message}),
                )
            }
        };
        json_response(status, &body)
    }
}

impl From<DemoError> for ApiError {
    fn from(error: DemoError) -> Self {
        match error {
            DemoError::NotFound { .. } => ApiError::NotFound,
            DemoError::RequestClosed(_) => ApiError::RecordInvalid(vec![FieldProblem {
                field: "status",
                description: "Status: closed prevents ticket update".into(),
                error: "ClosedPreventsUpdate",
            }]),
            DemoError::InvalidInput(message) => ApiError::RecordInvalid(vec![FieldProblem {
                field: "base",
                description: message,
                error: "InvalidValue",
            }]),
            other => ApiError::Internal(other.to_string()),
        }
    }
}
