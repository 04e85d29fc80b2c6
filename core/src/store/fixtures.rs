//! Bulk loading for benchmarks and tests (cargo feature `fixtures`): fills a [`Store`] as a
//! sync would, without a desk, through the same crate-internal writes the sync uses.

use std::collections::HashSet;

use super::{outbox, sync_state, tickets, Store, StoreError};
use crate::helpdesk::{Request, RequestId, Thread, User};
use crate::outgoing::{OutboxState, Outgoing};

/// Writes, in one transaction: `me` as the signed-in user; every request with its thread
/// (people and comments, stored as fetched at the request's `updated_at`), each marked read up
/// to its newest comment (as after a first sync) unless it is in `unread`; and the outbox
/// items with their states. Nothing is recorded as announced.
///
/// ```
/// use helpline_core::{fixtures, Store, TicketFilter, TicketQuery, User};
/// let store = Store::open_in_memory()?;
/// let me = User { id: 1, name: "Dana".into(), email: None, role: "end-user".into(), facts: Default::default() };
/// fixtures::load(&store, &me, &[], &[], &[])?;
/// assert!(store.tickets(&TicketQuery::new(TicketFilter::All))?.is_empty());
/// # Ok::<(), helpline_core::StoreError>(())
/// ```
pub fn load(
    store: &Store,
    me: &User,
    threads: &[(Request, Thread)],
    unread: &[RequestId],
    outgoing: &[(Outgoing, OutboxState)],
) -> Result<(), StoreError> {
    let unread: HashSet<RequestId> = unread.iter().copied().collect();
    store.write(|transaction| {
        tickets::upsert_user(transaction, me)?;
        sync_state::set(transaction, sync_state::ME, super::sql_id(me.id))?;
        for (request, thread) in threads {
            tickets::upsert_request(transaction, request, Some(request.updated_at.as_second()))?;
            for person in &thread.people {
                tickets::upsert_person(transaction, person)?;
            }
            for comment in &thread.comments {
                tickets::insert_comment(transaction, request.id, comment)?;
            }
            if !unread.contains(&request.id) {
                tickets::mark_read(transaction, request.id)?;
            }
        }
        for (item, state) in outgoing {
            let row = outbox::insert(transaction, item)?;
            if *state != OutboxState::Waiting {
                outbox::set_state(transaction, row.id, *state, None, None)?;
            }
        }
        Ok(())
    })
}
