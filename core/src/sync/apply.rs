//! Writing a sync's findings and turning the difference into [`SyncEvent`]s, inside the
//! sync's transaction (so the events and the watermarks that prevent repeating them are
//! committed together).

use rusqlite::Connection;

use super::{Fetched, SyncEvent};
use crate::helpdesk::{Comment, Person, UserId};
use crate::store::{sync_state, tickets, StoreError};

pub(super) struct Context {
    pub me: UserId,
    /// The first sync: store, mark everything read and announced, say nothing.
    pub baseline: bool,
    /// The desk's clock at the listing, in seconds.
    pub listed_at: Option<i64>,
}

pub(super) fn apply(
    connection: &Connection,
    context: &Context,
    fetched: &[Fetched],
) -> Result<Vec<SyncEvent>, StoreError> {
    let mut events = Vec::new();
    for Fetched { request, thread } in fetched {
        let id = request.id;
        let before = tickets::local_request(connection, id)?;
        let comments_synced_at = thread
            .as_ref()
            .map(|_| context.listed_at.unwrap_or(request.updated_at.as_second()));
        tickets::upsert_request(connection, request, comments_synced_at)?;

        let mut new_comments: Vec<&Comment> = Vec::new();
        if let Some(thread) = thread {
            for person in &thread.people {
                tickets::upsert_person(connection, person)?;
            }
            for comment in &thread.comments {
                if tickets::insert_comment(connection, id, comment)? {
                    new_comments.push(comment);
                }
            }
        }
        let newest = tickets::newest_comment_id(connection, id)?;

        // A first sync takes the desk's state as read — except for a ticket an interrupted
        // first sync already stored: what changed on it since is news like any other.
        if context.baseline && before.is_none() {
            tickets::mark_read(connection, id)?;
        } else if let Some(before) = before {
            // An older copy than the store's (the outbox wrote meanwhile) says nothing new.
            if before.status != request.status
                && request.updated_at.as_second() >= before.updated_at
            {
                events.push(SyncEvent::StatusChanged {
                    request_id: id,
                    from: before.status,
                    to: request.status,
                });
            }
            let announced = sync_state::last_notified(connection, id)?.unwrap_or(0);
            new_comments.sort_by_key(|comment| comment.id);
            for comment in new_comments {
                let people = thread.as_ref().map_or(&[][..], |t| &t.people[..]);
                if comment.id > announced
                    && worth_announcing(connection, context.me, comment, people)?
                {
                    events.push(SyncEvent::NewAgentReply {
                        request_id: id,
                        comment_id: comment.id,
                    });
                }
            }
        } else {
            events.push(SyncEvent::NewRequest { request_id: id });
        }
        if let Some(newest) = newest {
            sync_state::set_notified(connection, id, newest)?;
        }
    }
    Ok(events)
}

/// A comment worth announcing: written by an agent, or — when the desk did not say who the
/// author is — by anyone but the user.
fn worth_announcing(
    connection: &Connection,
    me: UserId,
    comment: &Comment,
    people: &[Person],
) -> Result<bool, StoreError> {
    if comment.author_id == me {
        return Ok(false);
    }
    if let Some(person) = people.iter().find(|person| person.id == comment.author_id) {
        return Ok(person.agent);
    }
    Ok(tickets::is_agent(connection, comment.author_id)?.unwrap_or(true))
}
