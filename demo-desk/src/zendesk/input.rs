//! Request bodies: JSON wrapped in a root key, read leniently where Zendesk is lenient.

use serde_json::{Map, Value};

use super::error::{ApiError, FieldProblem};
use crate::clock::parse_time_millis;
use crate::comment_text::{html_from_text, text_from_html};
use crate::model::{Priority, RequestKind};

/// Parses a body, answering 400 when it is not JSON.
pub(crate) fn parse_json_body(bytes: &[u8]) -> Result<Value, ApiError> {
    serde_json::from_slice(bytes).map_err(|error| {
        ApiError::bad_request(
            "InvalidJSON",
            format!("The request body is not valid JSON: {error}"),
        )
    })
}

/// The object under `root`; a missing root reads as an empty object, so the fields it should
/// have held are reported missing (422), as Zendesk does.
pub(crate) fn root_object(body: &Value, root: &str) -> Map<String, Value> {
    body.get(root)
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CommentInput {
    pub body: String,
    pub html_body: String,
    /// Upload tokens whose files become the comment's attachments.
    pub uploads: Vec<String>,
}

/// `comment.body`, its 2015 alias `comment.value`, or `comment.html_body`; `None` when blank.
fn comment_from(value: Option<&Value>) -> Option<CommentInput> {
    let comment = value?.as_object()?;
    let text = |key: &str| {
        comment
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|text| !text.is_empty())
    };
    if let Some(body) = text("body").or_else(|| text("value")) {
        return Some(CommentInput {
            body: body.to_owned(),
            html_body: html_from_text(body),
            uploads: vec![],
        });
    }
    let html = text("html_body")?;
    let body = text_from_html(html);
    (!body.is_empty()).then(|| CommentInput {
        body,
        html_body: html.to_owned(),
        uploads: vec![],
    })
}

/// `comment.uploads`: a list of upload tokens, repeats dropped.
fn uploads_from(comment: Option<&Value>) -> Result<Vec<String>, FieldProblem> {
    let Some(value) = comment
        .and_then(|comment| comment.get("uploads"))
        .filter(|value| !value.is_null())
    else {
        return Ok(vec![]);
    };
    let problem = || FieldProblem::invalid("uploads", "Uploads", &value.to_string());
    let mut tokens: Vec<String> = Vec::new();
    for item in value.as_array().ok_or_else(problem)? {
        let token = item
            .as_str()
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or_else(problem)?;
        if !tokens.iter().any(|known| known == token) {
            tokens.push(token.to_owned());
        }
    }
    Ok(tokens)
}

/// A collaborator as clients may name one: a user id, an email, or `{name, email}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CollaboratorRef {
    Id(i64),
    Email { email: String, name: Option<String> },
}

fn collaborators_from(
    value: Option<&Value>,
    field: &'static str,
) -> Result<Vec<CollaboratorRef>, FieldProblem> {
    let Some(value) = value.filter(|value| !value.is_null()) else {
        return Ok(vec![]);
    };
    let problem = |shown: &str| FieldProblem::invalid(field, "Collaborators", shown);
    let items = value
        .as_array()
        .ok_or_else(|| problem(&value.to_string()))?;
    items
        .iter()
        .map(|item| {
            match item {
                Value::Number(number) => number.as_i64().map(CollaboratorRef::Id),
                Value::String(text) if text.contains('@') => Some(CollaboratorRef::Email {
                    email: text.trim().to_owned(),
                    name: None,
                }),
                Value::String(text) => text.trim().parse().ok().map(CollaboratorRef::Id),
                Value::Object(object) => object.get("email").and_then(Value::as_str).map(|email| {
                    CollaboratorRef::Email {
                        email: email.trim().to_owned(),
                        name: object
                            .get("name")
                            .and_then(Value::as_str)
                            .map(str::to_owned),
                    }
                }),
                _ => None,
            }
            .ok_or_else(|| problem(&item.to_string()))
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NewRequestInput {
    pub subject: String,
    pub comment: CommentInput,
    pub priority: Option<Priority>,
    pub kind: Option<RequestKind>,
    pub due_at: Option<i64>,
    pub custom_fields: Value,
    pub collaborators: Vec<CollaboratorRef>,
    pub ticket_form_id: Option<i64>,
    pub recipient: Option<String>,
    pub followup_source_id: Option<i64>,
}

/// Reads `{"request": {...}}` for `POST /requests`, collecting every field problem.
pub(crate) fn new_request_from(body: &Value) -> Result<NewRequestInput, ApiError> {
    let request = root_object(body, "request");
    let mut problems = Vec::new();

    let subject = request
        .get("subject")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|subject| !subject.is_empty())
        .map(str::to_owned);
    if subject.is_none() {
        problems.push(FieldProblem::blank("subject", "Subject"));
    }
    let comment = comment_from(request.get("comment"));
    if comment.is_none() {
        problems.push(FieldProblem::blank("description", "Description"));
    }
    let uploads = uploads_from(request.get("comment")).unwrap_or_else(|problem| {
        problems.push(problem);
        vec![]
    });
    let priority = enum_field(
        &request,
        "priority",
        "Priority",
        Priority::parse,
        &mut problems,
    );
    let kind = enum_field(&request, "type", "Type", RequestKind::parse, &mut problems);
    let due_at = match request.get("due_at").and_then(Value::as_str) {
        None => None,
        Some(text) => match parse_time_millis(text) {
            Some(millis) => Some(millis.div_euclid(1000)),
            None => {
                problems.push(FieldProblem::invalid("due_at", "Due date", text));
                None
            }
        },
    };
    let custom_fields = match request.get("custom_fields") {
        None | Some(Value::Null) => Value::Array(vec![]),
        Some(Value::Array(fields)) => Value::Array(
            fields
                .iter()
                .filter(|field| field.get("id").and_then(Value::as_i64).is_some())
                .map(|field| {
                    let value = field.get("value").cloned().unwrap_or(Value::Null);
                    serde_json::json!({"id": field["id"], "value": value})
                })
                .collect(),
        ),
        Some(other) => {
            problems.push(FieldProblem::invalid(
                "custom_fields",
                "Custom fields",
                &other.to_string(),
            ));
            Value::Array(vec![])
        }
    };
    let collaborators = collaborators_from(request.get("collaborators"), "collaborators")
        .unwrap_or_else(|problem| {
            problems.push(problem);
            vec![]
        });

    match (subject, comment) {
        (Some(subject), Some(comment)) if problems.is_empty() => Ok(NewRequestInput {
            subject,
            comment: CommentInput { uploads, ..comment },
            priority,
            kind,
            due_at,
            custom_fields,
            collaborators,
            ticket_form_id: request.get("ticket_form_id").and_then(Value::as_i64),
            recipient: request
                .get("recipient")
                .and_then(Value::as_str)
                .map(str::to_owned),
            followup_source_id: request
                .get("via_followup_source_id")
                .and_then(Value::as_i64),
        }),
        _ => Err(ApiError::RecordInvalid(problems)),
    }
}

fn enum_field<T>(
    object: &Map<String, Value>,
    key: &'static str,
    label: &str,
    parse: fn(&str) -> Option<T>,
    problems: &mut Vec<FieldProblem>,
) -> Option<T> {
    match object.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) if text.is_empty() => None,
        Some(Value::String(text)) => parse(text).or_else(|| {
            problems.push(FieldProblem::invalid(key, label, text));
            None
        }),
        Some(other) => {
            problems.push(FieldProblem::invalid(key, label, &other.to_string()));
            None
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RequestUpdateInput {
    pub comment: Option<CommentInput>,
    pub solved: bool,
    pub additional_collaborators: Vec<CollaboratorRef>,
}

/// Reads `{"request": {...}}` for `PUT /requests/{id}`. Only `comment`, `solved` and
/// `additional_collaborators` are writable there; other keys are ignored, as Zendesk does.
pub(crate) fn request_update_from(body: &Value) -> Result<RequestUpdateInput, ApiError> {
    let request = root_object(body, "request");
    let comment = comment_from(request.get("comment"));
    if request.get("comment").is_some_and(|value| !value.is_null()) && comment.is_none() {
        return Err(ApiError::RecordInvalid(vec![FieldProblem::blank(
            "comment", "Comment",
        )]));
    }
    let uploads = uploads_from(request.get("comment"))
        .map_err(|problem| ApiError::RecordInvalid(vec![problem]))?;
    let comment = comment.map(|comment| CommentInput { uploads, ..comment });
    // The docs show both `true` and `"true"`.
    let solved = matches!(request.get("solved"), Some(Value::Bool(true)))
        || matches!(request.get("solved"), Some(Value::String(text)) if text == "true");
    let additional_collaborators = collaborators_from(
        request
            .get("additional_collaborators")
            .or_else(|| request.get("email_ccs")),
        "additional_collaborators",
    )
    .map_err(|problem| ApiError::RecordInvalid(vec![problem]))?;
    Ok(RequestUpdateInput {
        comment,
        solved,
        additional_collaborators,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_request_without_subject_or_comment_names_both_fields() {
        let Err(ApiError::RecordInvalid(problems)) = new_request_from(&json!({"request": {}}))
        else {
            panic!("expected a validation error");
        };
        let fields: Vec<_> = problems.iter().map(|problem| problem.field).collect();
        assert_eq!(fields, vec!["subject", "description"]);
    }

    #[test]
    fn html_comments_get_a_text_body() {
        let input = new_request_from(&json!({"request": {
            "subject": "Hi",
            "comment": {"html_body": "<p>Hello <b>there</b></p>"}
        }}))
        .unwrap();
        assert_eq!(input.comment.body, "Hello there");
        assert_eq!(input.comment.html_body, "<p>Hello <b>there</b></p>");
    }

    #[test]
    fn collaborators_may_be_ids_emails_or_objects() {
        let input = new_request_from(&json!({"request": {
            "subject": "Hi",
            "comment": {"body": "x"},
            "collaborators": [42, "a@example.com", {"name": "B", "email": "b@example.com"}]
        }}))
        .unwrap();
        assert_eq!(
            input.collaborators,
            vec![
                CollaboratorRef::Id(42),
                CollaboratorRef::Email {
                    email: "a@example.com".into(),
                    name: None
                },
                CollaboratorRef::Email {
                    email: "b@example.com".into(),
                    name: Some("B".into())
                },
            ]
        );
    }

    #[test]
    fn upload_tokens_are_read_from_the_comment_without_repeats() {
        let input = request_update_from(&json!({"request": {
            "comment": {"body": "logs attached", "uploads": ["a", "b", "a"]}
        }}))
        .unwrap();
        assert_eq!(input.comment.unwrap().uploads, vec!["a", "b"]);
        assert!(request_update_from(&json!({"request": {
            "comment": {"body": "x", "uploads": "a"}
        }}))
        .is_err());
    }

    #[test]
    fn solved_may_be_a_string() {
        let input = request_update_from(&json!({"request": {"solved": "true"}})).unwrap();
        assert!(input.solved);
    }
}
