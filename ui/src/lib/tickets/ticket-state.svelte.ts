import type { TicketTab } from './ticket-tabs';

/**
 * What the list says after the new-ticket form: kept as facts, not words, so it is said in the
 * language of the moment. `queued` until the desk has the ticket, then `sent` with its number.
 */
export type TicketNotice = { kind: 'queued'; subject: string } | { kind: 'sent'; id: number };

/** What the ticket list shows, kept while the user visits a ticket and comes back. */
export const ticketListState = $state({
  /** The list opens on what needs the user. */
  filter: 'needs_you' as TicketTab,
  search: '',
  /** How far the list was scrolled; back to the top when the tab or the search changes. */
  offset: 0,
  /** A notice for the list, such as "your ticket is saved and will be sent". */
  notice: null as TicketNotice | null,
});
