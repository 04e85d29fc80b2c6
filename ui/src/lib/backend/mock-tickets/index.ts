// The mock help desk: an in-memory stand-in for the ticket commands, which the dev server and the
// UI tests use in a plain browser (see ../mock.ts). This file puts its parts together:
//   seed.ts           the sample tickets it starts with, and how a mock ticket is built
//   threads.ts        the ticket list and each ticket's thread, reply drafts, replying, solving
//   outbox.ts         writes waiting for and reaching the desk, and the sync status
//   new-ticket.ts     the new-ticket form's draft and checks, and submitting it
//   files.ts          attaching, previewing and saving files
//   session-store.ts  drafts kept in sessionStorage across reloads
// and the plans, SLA and status of ../mock-support.ts, which read its tickets.

import type { Backend } from '../index';
import type { FailIfAsked } from '../mock-shared';
import { createMockSupport, type SupportCommands } from '../mock-support';
import { createMockSession, type MockSession } from '../mock-sign-in';
import { createFiles } from './files';
import { createNewTicketForm } from './new-ticket';
import { createOutbox } from './outbox';
import { refusedReply, seed, type MockTicket } from './seed';
import { createThreads, type ThreadCommands } from './threads';

export { emptyForm } from '../../tickets/new-ticket-form';
export { TINY_PNG } from './files';
export { validateForm } from './new-ticket';

/** The ticket commands, as the mock desk implements them. */
export type TicketCommands = ThreadCommands &
  Pick<
    Backend,
    | 'retryOutgoing'
    | 'discardOutgoing'
    | 'ticketDraft'
    | 'saveTicketDraft'
    | 'discardTicketDraft'
    | 'checkTicketForm'
    | 'submitTicket'
    | 'askQuestion'
    | 'attachFile'
    | 'detachFile'
    | 'attachmentPreview'
    | 'saveAttachment'
    | 'syncTickets'
  >;

/**
 * An in-memory help desk for the ticket screens. `mockOffline=1` keeps every write waiting;
 * `mockTickets=N` seeds N generated tickets instead of the sample ones; `mockDelay=ms` sets how
 * long a write takes to reach the desk (300 ms by default); `mockSignedOut` reports the sync as
 * signed out, writes waiting, until the user signs in again (the session is shared with the mock
 * sign-in).
 */
export function createMockDesk(
  params: URLSearchParams,
  failIfAsked: FailIfAsked,
  session: MockSession = createMockSession(params),
): TicketCommands & SupportCommands {
  const countParam = params.get('mockTickets');
  const started = Date.now();
  const tickets = new Map<number, MockTicket>();
  for (const ticket of seed(started, countParam ? Math.max(0, Number(countParam)) : null)) tickets.set(ticket.summary.id, ticket);
  const files = createFiles(tickets, failIfAsked);
  const outbox = createOutbox(
    {
      tickets,
      offline: params.get('mockOffline') === '1',
      slowDesk: Number(params.get('mockSlowDesk') ?? 0),
      session,
      delay: Number(params.get('mockDelay') ?? 300),
      started,
      seeded: countParam === null ? [refusedReply(started)] : [],
      attachmentsOf: files.attachmentsOf,
    },
    failIfAsked,
  );
  return {
    ...createThreads(tickets, outbox, failIfAsked, params),
    ...outbox.commands,
    ...createNewTicketForm(outbox, failIfAsked),
    ...files.commands,
    ...createMockSupport(params, failIfAsked, tickets),
  };
}
