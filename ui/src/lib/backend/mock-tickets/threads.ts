// The ticket list and each ticket's thread in the mock desk: filtering and searching the list,
// opening a ticket (which marks it read), its reply draft (kept across reloads), and sending a
// reply or marking the ticket solved, both of which wait in the outbox.

import type { ReplyDraft, RequestStatus, TicketDetail, TicketFilter, TicketSearchHit, TicketSummary } from '../../bindings';
import type { Backend } from '../index';
import { fold, highlight, wireError, type FailIfAsked } from '../mock-shared';
import type { Outbox } from './outbox';
import type { MockTicket } from './seed';
import { load, store } from './session-store';

export type ThreadCommands = Pick<
  Backend,
  | 'ticketsOverview'
  | 'listTickets'
  | 'openTicket'
  | 'saveReplyDraft'
  | 'sendReply'
  | 'solveTicket'
  | 'setViewingTicket'
  | 'searchTickets'
>;

const REPLY_DRAFTS_KEY = 'helpline.mock.replyDrafts';

function inFilter(status: RequestStatus, filter: TicketFilter): boolean {
  switch (filter) {
    case 'open':
      return status === 'new' || status === 'open' || status === 'hold';
    case 'awaiting_reply':
      return status === 'pending';
    case 'done':
      return status === 'solved' || status === 'closed';
    default:
      return true;
  }
}

export function createThreads(
  tickets: Map<number, MockTicket>,
  outbox: Outbox,
  failIfAsked: FailIfAsked,
  params: URLSearchParams,
): ThreadCommands {
  for (const [id, draft] of Object.entries(load<Record<string, ReplyDraft>>(REPLY_DRAFTS_KEY, {}))) {
    const ticket = tickets.get(Number(id));
    if (ticket) ticket.draft = draft;
  }

  function summaryOf(ticket: MockTicket): TicketSummary {
    return { ...ticket.summary, unsent: outbox.unsentFor(ticket.summary.id).length };
  }

  function find(id: number): MockTicket {
    const ticket = tickets.get(id);
    if (!ticket) throw wireError('not_found', `ticket ${id} is not in the saved tickets`);
    return ticket;
  }

  /** Keeps the reply drafts that hold something, so a reload finds them. */
  function saveReplyDrafts(): void {
    const drafts: Record<string, ReplyDraft> = {};
    for (const [id, ticket] of tickets) {
      if ((ticket.draft.body ?? '') !== '' || (ticket.draft.attachments ?? []).length > 0) drafts[id] = ticket.draft;
    }
    store(REPLY_DRAFTS_KEY, drafts);
  }

  return {
    async searchTickets(query) {
      failIfAsked('searchTickets');
      // Every word in the subject, the description or a comment, as the real search's strict pass.
      const words = fold(query).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 1);
      if (words.length === 0) return [];
      const hits: TicketSearchHit[] = [];
      for (const ticket of tickets.values()) {
        const conversation = [ticket.description, ...ticket.comments.map((comment) => comment.body)].join('\n\n');
        const text = fold(`${ticket.summary.subject} ${conversation}`);
        if (!words.every((word) => text.includes(word))) continue;
        const matching = [ticket.description, ...ticket.comments.map((c) => c.body)].find((body) =>
          words.some((word) => fold(body).includes(word)),
        );
        hits.push({
          id: ticket.summary.id,
          subject: highlight(ticket.summary.subject, words),
          snippet: highlight(matching ?? '', words),
          status: ticket.summary.status,
          updatedAt: ticket.summary.updatedAt,
          unread: ticket.summary.unread,
        });
      }
      return hits.slice(0, 5);
    },
    async setViewingTicket(id) {
      failIfAsked('setViewingTicket');
      (window as unknown as { __mockViewing?: number | null }).__mockViewing = id;
    },
    async ticketsOverview() {
      failIfAsked('ticketsOverview');
      return {
        // As the Zendesk client says of itself; `?mockNoUploads` / `?mockNoFollowups` play a
        // desk without them.
        capabilities: {
          canSolve: true,
          canCc: false,
          followups: !params.has('mockNoFollowups'),
          uploads: !params.has('mockNoUploads'),
          idempotencyKeys: false,
        },
        status: outbox.status(),
      };
    },
    async listTickets(query) {
      failIfAsked('listTickets');
      const words = fold(query.search ?? '').split(/\s+/).filter(Boolean);
      const rows = [...tickets.values()]
        .filter((ticket) => inFilter(ticket.summary.status, query.filter))
        .filter((ticket) => words.every((word) => fold(ticket.summary.subject).includes(word)))
        .map(summaryOf)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id);
      return query.limit ? rows.slice(0, query.limit) : rows;
    },
    async openTicket(id) {
      failIfAsked('openTicket');
      const ticket = find(id);
      ticket.summary.unread = false;
      const detail: TicketDetail = {
        summary: summaryOf(ticket),
        description: ticket.description,
        // The seed does not vary priorities much; every third ticket is urgent-ish.
        priority: ticket.summary.id % 3 === 0 ? 'high' : 'normal',
        kind: ticket.summary.id % 2 === 0 ? 'technicalProblem' : 'technicalQuestion',
        comments: ticket.comments,
        outgoing: outbox.unsentFor(id),
      };
      return structuredClone({ ticket: detail, draft: ticket.draft });
    },
    async saveReplyDraft(id, draft) {
      failIfAsked('saveReplyDraft');
      find(id).draft = structuredClone(draft);
      saveReplyDrafts();
      return null;
    },
    async sendReply(id, draft) {
      failIfAsked('sendReply');
      const ticket = find(id);
      if (ticket.summary.status === 'closed') throw wireError('invalid_input', 'this ticket is closed; open a follow-up instead');
      if ((draft.body ?? '').trim() === '' && (draft.attachments ?? []).length === 0) {
        throw wireError('invalid_input', 'write a reply or attach a file first');
      }
      const item = outbox.queue({ kind: 'reply', requestId: id, body: draft.body ?? '', attachments: draft.attachments ?? [] });
      ticket.draft = {};
      saveReplyDrafts();
      return structuredClone(item);
    },
    async solveTicket(id) {
      failIfAsked('solveTicket');
      const ticket = find(id);
      if (!ticket.summary.canBeSolvedByMe || ticket.summary.status === 'solved' || ticket.summary.status === 'closed') {
        throw wireError('invalid_input', 'this ticket cannot be marked as solved');
      }
      return structuredClone(outbox.queue({ kind: 'solve', requestId: id }));
    },
  };
}
