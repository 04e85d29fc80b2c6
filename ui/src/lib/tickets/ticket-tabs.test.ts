import { describe, expect, it } from 'vitest';
import type { RequestStatus, TicketSummary } from '../bindings';
import { tabCounts, ticketsInTab } from './ticket-tabs';

function summary(id: number, status: RequestStatus, unread = false): TicketSummary {
  const updatedAt = new Date(Date.UTC(2026, 0, 1, 0, 60 - id)).toISOString();
  return { id, subject: `Ticket ${id}`, status, createdAt: updatedAt, updatedAt, unread, canBeSolvedByMe: false, unsent: 0 };
}

// In the desk's order: latest activity first.
const tickets = [
  summary(1, 'open'),
  summary(2, 'pending'),
  summary(3, 'open', true),
  summary(4, 'new'),
  summary(5, 'solved', true),
  summary(6, 'pending', true),
  summary(7, 'closed'),
  summary(8, 'hold'),
];

describe('ticket tabs', () => {
  it('puts unread replies first among what needs the user, then what waits on an answer', () => {
    expect(ticketsInTab(tickets, 'needs_you').map((ticket) => ticket.id)).toEqual([3, 5, 6, 2]);
  });

  it('groups the others as the core does, in the desk’s order', () => {
    expect(ticketsInTab(tickets, 'open').map((ticket) => ticket.id)).toEqual([1, 3, 4, 8]);
    expect(ticketsInTab(tickets, 'awaiting_reply').map((ticket) => ticket.id)).toEqual([2, 6]);
    expect(ticketsInTab(tickets, 'done').map((ticket) => ticket.id)).toEqual([5, 7]);
    expect(ticketsInTab(tickets, 'all')).toHaveLength(8);
  });

  it('counts every tab', () => {
    expect(tabCounts(tickets)).toEqual({ needs_you: 4, awaiting_reply: 2, open: 4, done: 2, all: 8 });
    expect(tabCounts([])).toEqual({ needs_you: 0, awaiting_reply: 0, open: 0, done: 0, all: 0 });
  });
});
