//! Finding out whether a write whose answer was lost reached the desk.
//!
//! The desk's clock and this machine's may differ, so "after the item was written" allows
//! [`CLOCK_SKEW_ALLOWANCE_S`] of slack; matches already credited to another sent item are
//! skipped, so two identical items never claim the same desk object.

use jiff::Timestamp;

use super::{Delivered, Outbox, OutboxError, OutboxItem, Outgoing};
use crate::helpdesk::{Helpdesk, NewRequest, RequestId, UserId};
use crate::store::outbox as rows;
use crate::sync::known_user_id;

/// How far before the item's (local) creation time a match on the desk may be dated.
pub const CLOCK_SKEW_ALLOWANCE_S: i64 = 10 * 60;

impl Outbox {
    /// The desk's copy of what `item` asked for, if it is there.
    pub(super) async fn reconcile(
        &self,
        item: &OutboxItem,
    ) -> Result<Option<Delivered>, OutboxError> {
        let me = known_user_id(&*self.helpdesk, &self.store).await?;
        let since = item.created_millis.div_euclid(1000) - CLOCK_SKEW_ALLOWANCE_S;
        let claimed = self
            .store
            .read(|connection| rows::claimed_remote_ids(connection, &item.outgoing))?;
        match &item.outgoing {
            Outgoing::NewRequest { request, .. } => {
                find_request(&*self.helpdesk, me, request, since, &claimed).await
            }
            Outgoing::Reply {
                request_id, body, ..
            } => find_comment(&*self.helpdesk, me, *request_id, body, since, &claimed).await,
            Outgoing::Solve { request_id } => {
                let request = self.helpdesk.request(*request_id).await?;
                Ok(request
                    .status
                    .is_done()
                    .then_some(Delivered::Request(request)))
            }
        }
    }
}

/// Walks the user's requests, most recently updated first, down to `since`.
async fn find_request(
    helpdesk: &dyn Helpdesk,
    me: UserId,
    wanted: &NewRequest,
    since: i64,
    claimed: &[u64],
) -> Result<Option<Delivered>, OutboxError> {
    let mut cursor = None;
    loop {
        let page = helpdesk.list_requests_page(cursor.as_ref()).await?;
        for request in page.requests {
            if request.updated_at.as_second() < since {
                return Ok(None);
            }
            let matches = request.requester_id == me
                && request.created_at.as_second() >= since
                && same_text(&request.subject, &wanted.subject)
                && same_text(&request.description, &wanted.body)
                && !claimed.contains(&request.id);
            if matches {
                return Ok(Some(Delivered::Request(request)));
            }
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(None),
        }
    }
}

async fn find_comment(
    helpdesk: &dyn Helpdesk,
    me: UserId,
    request_id: RequestId,
    body: &str,
    since: i64,
    claimed: &[u64],
) -> Result<Option<Delivered>, OutboxError> {
    let since = Timestamp::from_second(since).ok();
    let thread = helpdesk.comments_since(request_id, since).await?;
    Ok(thread
        .comments
        .iter()
        .find(|comment| {
            comment.author_id == me
                && same_text(&comment.body, body)
                && !claimed.contains(&comment.id)
        })
        .map(|comment| Delivered::Comment(comment.id)))
}

/// Equal once whitespace runs are collapsed: desks normalise line endings and trim.
fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_match_whatever_the_line_endings_and_margins() {
        assert!(same_text(
            "Still broken\r\n\r\non 2.3.1 ",
            "Still broken\n\non 2.3.1"
        ));
        assert!(!same_text("Still broken", "Still broken on 2.3.1"));
    }
}
