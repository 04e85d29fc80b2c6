//! Finding out whether a write whose answer was lost reached the desk.
//!
//! The desk's clock and this machine's may differ, so "after the item was written" allows
//! [`CLOCK_SKEW_ALLOWANCE_S`] of slack; matches already credited to another sent item are
//! skipped, so two identical items never claim the same desk object. A delivered reply records
//! the comment it became ([`Outbox::locate_reply`]), so a user who sends "Any update?" twice on
//! purpose gets two comments, while one interrupted send still makes one.

use jiff::Timestamp;

use super::{Delivered, Outbox, OutboxError, OutboxItem, Outgoing};
use crate::helpdesk::{Helpdesk, NewRequest, PageBudget, RequestId, UserId};
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
            } => {
                let unidentified = self.unidentified_sent_replies(*request_id, body, since)?;
                let found =
                    find_comments(&*self.helpdesk, me, *request_id, body, since, &claimed).await?;
                // The oldest matches belong to the earlier sends whose comment is not known.
                Ok(found.into_iter().nth(unidentified).map(Delivered::Comment))
            }
            Outgoing::Solve { request_id } => {
                let request = self.helpdesk.request(*request_id).await?;
                Ok(request
                    .status
                    .is_done()
                    .then_some(Delivered::Request(request, None)))
            }
        }
    }
}

impl Outbox {
    /// The comment a reply just delivered became: the newest comment of mine with its text
    /// that no other sent item accounts for. `None` when the desk cannot say now; the count
    /// of such replies then stands in for their ids during reconciliation.
    pub(super) async fn locate_reply(&self, item: &OutboxItem) -> Option<u64> {
        let Outgoing::Reply {
            request_id, body, ..
        } = &item.outgoing
        else {
            return None;
        };
        let located = async {
            let me = known_user_id(&*self.helpdesk, &self.store).await?;
            let since = item.created_millis.div_euclid(1000) - CLOCK_SKEW_ALLOWANCE_S;
            let claimed = self
                .store
                .read(|connection| rows::claimed_remote_ids(connection, &item.outgoing))?;
            let found =
                find_comments(&*self.helpdesk, me, *request_id, body, since, &claimed).await?;
            Ok::<_, OutboxError>(found.last().copied())
        };
        match located.await {
            Ok(found) => found,
            Err(error) => {
                tracing::info!(item = item.id, %error, "the delivered reply's comment is not known");
                None
            }
        }
    }

    /// Sent replies with this text on this request, written since `since`, whose comment is
    /// not known.
    fn unidentified_sent_replies(
        &self,
        request_id: RequestId,
        body: &str,
        since: i64,
    ) -> Result<usize, OutboxError> {
        let sent = self
            .store
            .read(|connection| rows::sent_replies_without_comment(connection, request_id))?;
        Ok(sent
            .iter()
            .filter(|sent| sent.created_millis.div_euclid(1000) >= since)
            .filter(|sent| match &sent.outgoing {
                Outgoing::Reply { body: text, .. } => same_text(text, body),
                _ => false,
            })
            .count())
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
    let mut budget = PageBudget::new("requests");
    loop {
        budget.take()?;
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
                return Ok(Some(Delivered::Request(request, None)));
            }
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(None),
        }
    }
}

/// My comments with this text since `since` that no sent item accounts for, oldest first.
async fn find_comments(
    helpdesk: &dyn Helpdesk,
    me: UserId,
    request_id: RequestId,
    body: &str,
    since: i64,
    claimed: &[u64],
) -> Result<Vec<u64>, OutboxError> {
    let since = Timestamp::from_second(since).ok();
    let thread = helpdesk.comments_since(request_id, since).await?;
    let mut found: Vec<_> = thread
        .comments
        .iter()
        .filter(|comment| {
            comment.author_id == me
                && same_text(&comment.body, body)
                && !claimed.contains(&comment.id)
        })
        .map(|comment| (comment.created_at, comment.id))
        .collect();
    found.sort();
    Ok(found.into_iter().map(|(_, id)| id).collect())
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
