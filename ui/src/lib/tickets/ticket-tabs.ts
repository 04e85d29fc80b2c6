import type { RequestStatus, TicketFilter, TicketSummary } from '../bindings';

/**
 * The tabs of the ticket list: the core's four groups, and first what needs the user — every
 * ticket with a reply not read yet, whatever its status, and every one waiting on the user's
 * answer.
 */
export type TicketTab = 'needs_you' | TicketFilter;

export const ticketTabs: readonly TicketTab[] = ['needs_you', 'awaiting_reply', 'open', 'done', 'all'];

/**
 * The statuses of each of the core's groups (`TicketFilter::statuses` in core/src/store/tickets.rs,
 * which documents them in bindings.ts). The list reads every ticket in one request and groups
 * them here, so every tab's count comes with the rows at no extra cost.
 */
const groups: Record<Exclude<TicketFilter, 'all'>, readonly RequestStatus[]> = {
  open: ['new', 'open', 'hold'],
  awaiting_reply: ['pending'],
  done: ['solved', 'closed'],
};

function inTab(ticket: TicketSummary, tab: TicketTab): boolean {
  switch (tab) {
    case 'all':
      return true;
    case 'needs_you':
      return ticket.unread || ticket.status === 'pending';
    default:
      return groups[tab].includes(ticket.status);
  }
}

/**
 * The rows of one tab, from every ticket in the desk's order (latest activity first). What needs
 * the user puts unread replies first: reading them may be all it takes.
 */
export function ticketsInTab(tickets: readonly TicketSummary[], tab: TicketTab): TicketSummary[] {
  const rows = tickets.filter((ticket) => inTab(ticket, tab));
  // Array.sort is stable: within unread and read, the desk's order stays.
  return tab === 'needs_you' ? rows.sort((a, b) => Number(b.unread) - Number(a.unread)) : rows;
}

export function tabCounts(tickets: readonly TicketSummary[]): Record<TicketTab, number> {
  const counts = Object.fromEntries(ticketTabs.map((tab) => [tab, 0])) as Record<TicketTab, number>;
  for (const ticket of tickets) {
    for (const tab of ticketTabs) if (inTab(ticket, tab)) counts[tab] += 1;
  }
  return counts;
}
