// The mock desk's outbox and sync. Replies, solves and new tickets wait here and reach the desk
// `mockDelay` ms later (300 by default), unless the desk cannot be reached (`mockOffline=1`) or no
// longer accepts the sign-in (`mockSignedOut`): then they wait for a sync after signing in again.
// Also the sync status the screens show, and the `tickets-updated` event each delivery sends.

import type { AttachmentView, OutboxItem, Outgoing, OutgoingFile, SyncStatus } from '../../bindings';
import { emitMockTicketsUpdated } from '../events';
import type { Backend } from '../index';
import { wireError, type FailIfAsked } from '../mock-shared';
import type { MockSession } from '../mock-sign-in';
import { commentBy, mockTicket, type MockTicket } from './seed';

export type OutboxCommands = Pick<Backend, 'retryOutgoing' | 'discardOutgoing' | 'syncTickets'>;

export type Outbox = {
  /** The sync status: whether the desk can be reached, and what is waiting or failed. */
  status(): SyncStatus;
  /** Puts a write in the outbox and starts delivering it. */
  queue(outgoing: Outgoing): OutboxItem;
  /** The items about one ticket not sent yet, as the outbox holds them. */
  unsentFor(requestId: number): OutboxItem[];
  commands: OutboxCommands;
};

export type OutboxOptions = {
  tickets: Map<number, MockTicket>;
  offline: boolean;
  /** The desk takes this long to answer a sync (ms, 0: at once); past half of it the status says it is not answering, as the core does after its `SLOW_ANSWER`. */
  slowDesk: number;
  session: MockSession;
  /** How long a write takes to reach the desk, in ms. */
  delay: number;
  /** When the mock desk started; its last sync was two minutes before. */
  started: number;
  /** What the outbox holds at the start. */
  seeded: Omit<OutboxItem, 'id'>[];
  /** The attachments a delivered file becomes. */
  attachmentsOf: (files: OutgoingFile[] | undefined) => AttachmentView[];
};

function requestIdOf(outgoing: Outgoing): number | null {
  return outgoing.kind === 'newRequest' ? null : outgoing.requestId;
}

export function createOutbox(options: OutboxOptions, failIfAsked: FailIfAsked): Outbox {
  const { tickets, offline, session, delay, attachmentsOf } = options;
  /** Writes wait while the desk cannot be reached, or no longer accepts the sign-in. */
  const held = () => offline || session.signedOut;
  let lastSyncedAt = new Date(options.started - 2 * 60_000).toISOString();
  let nextItem = 1;
  let nextComment = 90_000;
  let nextTicket = 200;
  const outbox: OutboxItem[] = options.seeded.map((item) => ({ id: nextItem++, ...item }));

  function status(): SyncStatus {
    return {
      state: session.signedOut ? 'signedOut' : offline ? 'offline' : 'upToDate',
      message: session.signedOut
        ? 'the help desk no longer accepts your sign-in. Sign in again'
        : offline
          ? 'The help desk cannot be reached.'
          : null,
      lastSyncedAt,
      waiting: outbox.filter((item) => item.state === 'waiting' || item.state === 'sending').length,
      failed: outbox.filter((item) => item.state === 'failed').length,
      unread: [...tickets.values()].filter((ticket) => ticket.summary.unread).length,
    };
  }

  function notify(): void {
    emitMockTicketsUpdated({ update: { status: status(), events: [] } });
  }

  /** What the desk does with a write that reaches it; returns the id of the new comment or ticket. */
  function receive(outgoing: Outgoing, now: string): number | null {
    if (outgoing.kind === 'newRequest') {
      const id = nextTicket++;
      const comment = commentBy('me', nextComment++, outgoing.request.body, now, {
        attachments: attachmentsOf(outgoing.attachments),
      });
      tickets.set(id, mockTicket(id, outgoing.request.subject, 'new', now, now, [comment]));
      return id;
    }
    const ticket = tickets.get(outgoing.requestId);
    if (!ticket) return null;
    ticket.summary.updatedAt = now;
    if (outgoing.kind === 'solve') {
      ticket.summary.status = 'solved';
      return null;
    }
    const id = nextComment++;
    ticket.comments.push(commentBy('me', id, outgoing.body, now, { attachments: attachmentsOf(outgoing.attachments) }));
    if (ticket.summary.status === 'solved' || ticket.summary.status === 'pending') ticket.summary.status = 'open';
    return id;
  }

  /** Sends one item to the desk, after `delay`, unless offline or signed out. */
  function deliver(item: OutboxItem): void {
    if (held()) return;
    setTimeout(() => {
      if (!outbox.includes(item) || item.state !== 'waiting') return;
      const now = new Date().toISOString();
      item.attempts += 1;
      item.state = 'sent';
      item.lastError = null;
      const remoteId = receive(item.outgoing, now);
      if (remoteId !== null) item.remoteId = remoteId;
      lastSyncedAt = now;
      notify();
    }, delay);
  }

  function findItem(id: number): OutboxItem {
    const item = outbox.find((candidate) => candidate.id === id);
    if (!item) throw wireError('not_found', `outgoing item ${id} is gone`);
    return item;
  }

  return {
    status,
    queue(outgoing) {
      const item: OutboxItem = {
        id: nextItem++,
        outgoing,
        state: 'waiting',
        attempts: 0,
        lastError: null,
        createdAt: new Date().toISOString(),
        remoteId: null,
      };
      outbox.push(item);
      deliver(item);
      return item;
    },
    unsentFor(requestId) {
      return outbox.filter((item) => item.state !== 'sent' && requestIdOf(item.outgoing) === requestId);
    },
    commands: {
      async retryOutgoing(id) {
        failIfAsked('retryOutgoing');
        const item = findItem(id);
        item.state = 'waiting';
        item.lastError = null;
        deliver(item);
        return null;
      },
      async discardOutgoing(id) {
        failIfAsked('discardOutgoing');
        outbox.splice(outbox.indexOf(findItem(id)), 1);
        return null;
      },
      async syncTickets() {
        failIfAsked('syncTickets');
        if (options.slowDesk > 0) {
          await new Promise((resolve) => setTimeout(resolve, options.slowDesk / 2));
          emitMockTicketsUpdated({
            update: {
              status: { ...status(), state: 'offline', message: 'The help desk has not answered for 8 seconds.' },
              events: [],
            },
          });
          await new Promise((resolve) => setTimeout(resolve, options.slowDesk / 2));
        }
        if (!held()) {
          lastSyncedAt = new Date().toISOString();
          for (const item of outbox) if (item.state === 'waiting') deliver(item);
        }
        setTimeout(notify, 0);
        return status();
      },
    },
  };
}
