//! Rows to Zendesk JSON, with every field of the documented objects.

use serde_json::{json, Value};

use crate::clock::zendesk_time;
use crate::model::RequestStatus;
use crate::store::attachments::AttachmentRow;
use crate::store::comments::CommentRow;
use crate::store::requests::RequestRow;
use crate::store::users::UserRow;

pub(crate) fn request_url(base_url: &str, id: i64) -> String {
    format!("{base_url}/api/v2/requests/{id}.json")
}

/// The account's custom ticket statuses, one default per status category. Closed tickets keep
/// the solved category's status, as in Zendesk.
fn custom_status_id(status: RequestStatus) -> i64 {
    match status {
        RequestStatus::New => 18_000_000_001,
        RequestStatus::Open => 18_000_000_002,
        RequestStatus::Pending => 18_000_000_003,
        RequestStatus::Hold => 18_000_000_004,
        RequestStatus::Solved | RequestStatus::Closed => 18_000_000_005,
    }
}

pub(crate) fn request_json(base_url: &str, request: &RequestRow) -> Value {
    json!({
        "url": request_url(base_url, request.id),
        "id": request.id,
        "status": request.status.as_str(),
        "custom_status_id": custom_status_id(request.status),
        "priority": request.priority.map(|priority| priority.as_str()),
        "type": request.kind.map(|kind| kind.as_str()),
        "subject": request.subject,
        "description": request.description,
        "organization_id": request.organization_id,
        "via": {
            "channel": request.via_channel,
            "source": {"from": {}, "to": {}, "rel": null}
        },
        "custom_fields": request.custom_fields,
        "fields": request.custom_fields,
        "requester_id": request.requester_id,
        "collaborator_ids": request.collaborator_ids,
        "email_cc_ids": request.collaborator_ids,
        "is_public": true,
        "due_at": request.due_at.map(zendesk_time),
        "can_be_solved_by_me": request.can_be_solved_by_requester(),
        "created_at": zendesk_time(request.created_at),
        "updated_at": zendesk_time(request.updated_at),
        "recipient": request.recipient,
        "followup_source_id": request.followup_source_id,
        "assignee_id": request.assignee_id,
        "group_id": request.group_id,
        "ticket_form_id": request.ticket_form_id,
    })
}

/// A comment with its attachments (in upload order).
pub(crate) fn comment_json(
    base_url: &str,
    comment: &CommentRow,
    attachments: &[AttachmentRow],
) -> Value {
    let attachments: Vec<Value> = attachments
        .iter()
        .map(|attachment| attachment_json(base_url, attachment))
        .collect();
    json!({
        "id": comment.id,
        "type": "Comment",
        "request_id": comment.request_id,
        "body": comment.body,
        "html_body": comment.html_body,
        "plain_body": comment.body,
        "public": comment.public,
        "author_id": comment.author_id,
        "attachments": attachments,
        "created_at": zendesk_time(comment.created_at),
    })
}

pub(crate) fn attachment_url(base_url: &str, id: i64) -> String {
    format!("{base_url}/api/v2/attachments/{id}.json")
}

/// Where the bytes are: on the same host, under the unguessable content token.
fn content_url(base_url: &str, attachment: &AttachmentRow) -> String {
    let name: String = form_urlencoded::byte_serialize(attachment.file_name.as_bytes()).collect();
    format!(
        "{base_url}/attachments/token/{}/?name={name}",
        attachment.content_token
    )
}

/// The attachment object. The demo makes no thumbnails and never scans for malware, so
/// `thumbnails` is empty and `malware_scan_result` stays `not_scanned`.
pub(crate) fn attachment_json(base_url: &str, attachment: &AttachmentRow) -> Value {
    let content_url = content_url(base_url, attachment);
    json!({
        "url": attachment_url(base_url, attachment.id),
        "id": attachment.id,
        "file_name": attachment.file_name,
        "content_url": content_url,
        "mapped_content_url": content_url,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "width": attachment.width,
        "height": attachment.height,
        "inline": false,
        "deleted": false,
        "malware_access_override": false,
        "malware_scan_result": "not_scanned",
        "thumbnails": [],
    })
}

/// The short profile sideloaded with `include=users`.
pub(crate) fn sideloaded_user_json(user: &UserRow) -> Value {
    json!({
        "id": user.id,
        "name": user.name,
        "photo": null,
        "agent": user.role.is_agent(),
    })
}

/// Zendesk's locale ids for the two locales the demo uses.
fn locale_id(locale: &str) -> i64 {
    if locale.starts_with("fr") {
        16
    } else {
        1
    }
}

/// The full user object of `GET /users/me`.
pub(crate) fn user_json(base_url: &str, user: &UserRow) -> Value {
    // Agents see every ticket; end users only those they requested.
    let ticket_restriction = (!user.role.is_agent()).then_some("requested");
    json!({
        "id": user.id,
        "url": format!("{base_url}/api/v2/users/{}.json", user.id),
        "name": user.name,
        "email": user.email,
        "created_at": zendesk_time(user.created_at),
        "updated_at": zendesk_time(user.updated_at),
        "time_zone": user.time_zone,
        "iana_time_zone": user.iana_time_zone,
        "phone": null,
        "shared_phone_number": null,
        "photo": null,
        "locale_id": locale_id(&user.locale),
        "locale": user.locale,
        "organization_id": user.organization_id,
        "role": user.role.as_str(),
        "verified": true,
        "external_id": null,
        "tags": user.tags,
        "alias": "",
        "active": true,
        "shared": false,
        "shared_agent": false,
        "last_login_at": zendesk_time(user.updated_at),
        "two_factor_auth_enabled": null,
        "signature": null,
        "details": "",
        "notes": "",
        "role_type": null,
        "custom_role_id": null,
        "moderator": false,
        "ticket_restriction": ticket_restriction,
        "only_private_comments": false,
        "restricted_agent": !user.role.is_agent(),
        "suspended": false,
        "default_group_id": null,
        "report_csv": false,
        "user_fields": {},
    })
}

/// What `GET /users/me` returns without credentials: a 200 with this, not a 401.
pub(crate) fn anonymous_user_json() -> Value {
    json!({
        "id": null,
        "url": null,
        "name": "Anonymous user",
        "email": "invalid@example.com",
        "created_at": null,
        "updated_at": null,
        "time_zone": "UTC",
        "iana_time_zone": "Etc/UTC",
        "phone": null,
        "shared_phone_number": null,
        "photo": null,
        "locale_id": 1,
        "locale": "en-US",
        "organization_id": null,
        "role": "end-user",
        "verified": false,
        "external_id": null,
        "tags": [],
        "alias": null,
        "active": true,
        "shared": false,
        "shared_agent": false,
        "last_login_at": null,
        "two_factor_auth_enabled": null,
        "signature": null,
        "details": null,
        "notes": null,
        "role_type": null,
        "custom_role_id": null,
        "moderator": false,
        "ticket_restriction": "requested",
        "only_private_comments": false,
        "restricted_agent": true,
        "suspended": false,
        "default_group_id": null,
        "report_csv": false,
        "user_fields": {},
    })
}
