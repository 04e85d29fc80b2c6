import type { TicketFilter } from '../bindings';

/** What the ticket list shows, kept while the user visits a ticket and comes back. */
export const ticketListState = $state({
  filter: 'open' as TicketFilter,
  search: '',
  /** A notice for the list, such as "your ticket is saved and will be sent". */
  notice: null as string | null,
});
