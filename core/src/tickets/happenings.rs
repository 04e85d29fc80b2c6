//! A sync's events as the notifier's [`Happening`]s, with the words a notice needs.

use super::{Tickets, TicketsError};
use crate::helpdesk::RequestStatus;
use crate::notify::Happening;
use crate::store::{outbox, tickets};
use crate::sync::SyncEvent;

impl Tickets {
    /// What `events` mean to the user: agent replies with the ticket's subject and the reply's
    /// text, and tickets support solved. The user's own solve, status changes on the way and
    /// new tickets (the user opened them) are not news.
    pub fn happenings(&self, events: &[SyncEvent]) -> Result<Vec<Happening>, TicketsError> {
        Ok(self.store.read(|connection| {
            let mut happenings = Vec::new();
            for event in events {
                match *event {
                    SyncEvent::NewAgentReply {
                        request_id,
                        comment_id,
                    } => happenings.push(Happening::AgentReply {
                        request_id,
                        comment_id,
                        subject: tickets::subject(connection, request_id)?.unwrap_or_default(),
                        text: tickets::comment_text(connection, comment_id)?.unwrap_or_default(),
                    }),
                    SyncEvent::StatusChanged { request_id, to, .. }
                        if to == RequestStatus::Solved
                            && !outbox::solved_from_here(connection, request_id)? =>
                    {
                        happenings.push(Happening::Solved {
                            request_id,
                            subject: tickets::subject(connection, request_id)?.unwrap_or_default(),
                        });
                    }
                    SyncEvent::StatusChanged { .. } | SyncEvent::NewRequest { .. } => {}
                }
            }
            Ok(happenings)
        })?)
    }
}
