import type {
  AttachmentView,
  CommentView,
  FieldProblem,
  NewTicketForm,
  OutboxItem,
  Outgoing,
  OutgoingFile,
  ReplyDraft,
  RequestStatus,
  SyncStatus,
  TicketDetail,
  TicketFilter,
  TicketSummary,
  WireError,
} from '../bindings';
import { emitMockTicketsUpdated } from './events';
import type { Backend } from './index';
import { createMockSession, type MockSession } from './mock-sign-in';

/** The ticket commands, as the mock desk implements them. */
export type TicketCommands = Pick<
  Backend,
  | 'ticketsOverview'
  | 'listTickets'
  | 'openTicket'
  | 'saveReplyDraft'
  | 'sendReply'
  | 'solveTicket'
  | 'retryOutgoing'
  | 'discardOutgoing'
  | 'ticketDraft'
  | 'saveTicketDraft'
  | 'discardTicketDraft'
  | 'submitTicket'
  | 'attachFile'
  | 'detachFile'
  | 'attachmentPreview'
  | 'saveAttachment'
  | 'syncTickets'
>;

/** A 1×1 PNG, the preview of every image attachment in the mock. */
export const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const ME = 9001;
const AGENT = { id: 7001, name: 'Sam from Support' };
const DRAFT_KEY = 'helpline.mock.ticketDraft';
const REPLY_DRAFTS_KEY = 'helpline.mock.replyDrafts';

type MockTicket = { summary: TicketSummary; description: string; comments: CommentView[]; draft: ReplyDraft };

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function wireError(code: WireError['code'], message: string): WireError {
  return { code, message };
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function load<T>(key: string, fallback: T): T {
  try {
    const text = storage()?.getItem(key);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

function store(key: string, value: unknown): void {
  try {
    if (value === null) storage()?.removeItem(key);
    else storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // A full or missing storage only loses the mock's memory across reloads.
  }
}

export function emptyForm(): Required<NewTicketForm> {
  return {
    kind: null,
    subject: '',
    problem: '',
    resourceIds: '',
    productionAffected: null,
    environment: '',
    whenWhere: '',
    priority: 'normal',
    attachments: [],
    followupOf: null,
  };
}

/** The same rules as the Rust form check (core/src/ticket_form). */
export function validateForm(form: NewTicketForm): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const subject = (form.subject ?? '').trim();
  const problem = (form.problem ?? '').trim();
  if (!form.kind) problems.push({ field: 'kind', problem: { kind: 'required' }, message: 'choose what kind of request this is' });
  if (subject === '') problems.push({ field: 'subject', problem: { kind: 'required' }, message: 'a subject is required' });
  else if ([...subject].length > 150)
    problems.push({ field: 'subject', problem: { kind: 'tooLong', max: 150 }, message: 'the subject is longer than 150 characters' });
  if (problem === '') problems.push({ field: 'problem', problem: { kind: 'required' }, message: 'describe the problem' });
  else if ([...problem].length < 20)
    problems.push({ field: 'problem', problem: { kind: 'tooShort', min: 20 }, message: 'the description is shorter than 20 characters' });
  const asksProduction = form.kind === 'technicalProblem' || form.kind === 'bug' || form.kind === 'accessProblem';
  if (asksProduction && (form.productionAffected === null || form.productionAffected === undefined)) {
    problems.push({ field: 'productionAffected', problem: { kind: 'required' }, message: 'say whether production is affected' });
  }
  return problems;
}

function contentTypeOf(fileName: string): string {
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  const types: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    txt: 'text/plain',
    log: 'text/plain',
    csv: 'text/csv',
    json: 'application/json',
    pdf: 'application/pdf',
    zip: 'application/zip',
  };
  return types[extension] ?? 'application/octet-stream';
}

function seed(now: number, count: number | null): MockTicket[] {
  const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  let commentId = 50_000;
  const comment = (
    minutes: number,
    body: string,
    by: 'me' | 'agent',
    extra: Partial<CommentView> = {},
  ): CommentView => ({
    id: (commentId += 1),
    authorId: by === 'me' ? ME : AGENT.id,
    authorName: by === 'me' ? 'You' : AGENT.name,
    byAgent: by === 'agent',
    mine: by === 'me',
    body,
    html: null,
    createdAt: ago(minutes),
    attachments: [],
    ...extra,
  });
  const ticket = (
    id: number,
    subject: string,
    status: RequestStatus,
    minutes: number,
    comments: CommentView[],
    extra: Partial<TicketSummary> = {},
  ): MockTicket => ({
    summary: {
      id,
      subject,
      status,
      createdAt: comments[0]?.createdAt ?? ago(minutes + 60),
      updatedAt: ago(minutes),
      unread: false,
      canBeSolvedByMe: false,
      unsent: 0,
      ...extra,
    },
    description: comments[0]?.body ?? subject,
    comments,
    draft: {},
  });

  if (count !== null) {
    return Array.from({ length: count }, (_, index) =>
      ticket(index + 1, `Generated ticket ${index + 1}`, index % 3 === 0 ? 'pending' : 'open', index + 1, [
        comment(index + 2, `Generated ticket ${index + 1} description.`, 'me'),
      ]),
    );
  }

  const screenshot: AttachmentView = { id: 8001, fileName: 'export-error.png', contentType: 'image/png', size: 48_213, localPath: null };
  const logFile: AttachmentView = { id: 8002, fileName: 'export.log', contentType: 'text/plain', size: 2_048, localPath: null };
  return [
    ticket(
      101,
      'Export to CSV stops halfway',
      'open',
      5,
      [
        comment(300, 'When I export the ticket report to CSV, the file stops after 1,000 rows.\nI expected all 4,200 rows.', 'me', {
          attachments: [logFile],
        }),
        comment(60, 'Try this first. The export is limited per page.', 'agent', {
          html: '<p>Try <strong>this</strong>: choose <em>All pages</em> before exporting.</p>',
          attachments: [screenshot],
        }),
        comment(5, 'We are looking at the limit on our side.', 'agent', {
          html: '<p>We are looking at the limit on our side.</p>',
        }),
      ],
      { unread: true },
    ),
    ticket(
      102,
      'Cannot sign in after password reset',
      'pending',
      30,
      [
        comment(600, 'After resetting my password I get "invalid credentials".', 'me'),
        comment(30, 'We reset your session. Can you try again and tell us?', 'agent'),
      ],
      { unread: true, canBeSolvedByMe: true },
    ),
    ticket(103, 'Webhook deliveries are delayed', 'hold', 90, [comment(200, 'Webhooks arrive 10 minutes late since Monday.', 'me')]),
    ticket(104, 'Question about API rate limits', 'new', 120, [comment(120, 'What are the rate limits for the search API?', 'me')]),
    ticket(105, 'Change the billing address', 'solved', 60 * 24, [
      comment(60 * 30, 'Please change our billing address to 1 Main Street.', 'me'),
      comment(60 * 24, 'Done, the next invoice will use it.', 'agent'),
    ]),
    ticket(106, 'Old integration stopped working', 'closed', 60 * 24 * 40, [
      comment(60 * 24 * 45, 'The legacy integration returns 500 errors.', 'me'),
      comment(60 * 24 * 40, 'The legacy integration was retired; please use the new one.', 'agent'),
    ]),
    ticket(107, 'Feature request: dark mode for reports', 'open', 60 * 5, [comment(60 * 5, 'Reports are hard to read at night.', 'me')]),
    ticket(108, 'Duplicate invoices in March', 'pending', 60 * 3, [
      comment(60 * 50, 'We received two invoices for March.', 'me'),
      comment(60 * 3, 'Could you send us both invoice numbers?', 'agent'),
    ]),
    ticket(109, 'Search returns nothing for accented words', 'solved', 60 * 24 * 3, [
      comment(60 * 24 * 4, 'Searching for "été" finds nothing.', 'me'),
      comment(60 * 24 * 3, 'Fixed in today’s release.', 'agent'),
    ]),
    ticket(110, 'Dashboard loads slowly', 'open', 60 * 8, [comment(60 * 8, 'The dashboard takes 30 seconds to load.', 'me')], {
      unread: true,
    }),
    ticket(111, 'Add a teammate to our account', 'pending', 60 * 26, [
      comment(60 * 27, 'Please add alex@example.com to our account.', 'me'),
      comment(60 * 26, 'Which role should Alex have?', 'agent'),
    ]),
    ticket(112, 'SSO configuration help', 'solved', 60 * 24 * 9, [
      comment(60 * 24 * 10, 'How do we configure SAML single sign-on?', 'me'),
      comment(60 * 24 * 9, 'Here is the guide.', 'agent', { html: '<p>Here is <a href="https://example.com/sso">the guide</a>.</p>' }),
    ]),
  ];
}

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

/**
 * An in-memory help desk for the ticket screens. `mockOffline=1` keeps every write waiting;
 * `mockTickets=N` seeds N generated tickets instead of the sample ones; `mockDelay=ms` sets how
 * long a write takes to reach the desk (300 ms by default); `mockSignedOut` reports the sync as
 * signed out, writes waiting, until the user signs in again (the session is shared with the mock
 * sign-in).
 */
export function createMockDesk(
  params: URLSearchParams,
  failIfAsked: (method: keyof Backend) => void,
  session: MockSession = createMockSession(params),
): TicketCommands {
  const offline = params.get('mockOffline') === '1';
  /** Writes wait while the desk cannot be reached, or no longer accepts the sign-in. */
  const held = () => offline || session.signedOut;
  const countParam = params.get('mockTickets');
  const delay = Number(params.get('mockDelay') ?? 300);
  const started = Date.now();
  const tickets = new Map<number, MockTicket>();
  for (const ticket of seed(started, countParam ? Math.max(0, Number(countParam)) : null)) tickets.set(ticket.summary.id, ticket);
  const replyDrafts = load<Record<string, ReplyDraft>>(REPLY_DRAFTS_KEY, {});
  for (const [id, draft] of Object.entries(replyDrafts)) {
    const ticket = tickets.get(Number(id));
    if (ticket) ticket.draft = draft;
  }
  let form: NewTicketForm = load<NewTicketForm>(DRAFT_KEY, emptyForm());
  let lastSyncedAt = new Date(started - 2 * 60_000).toISOString();
  let nextItem = 1;
  let nextComment = 90_000;
  let nextTicket = 200;
  let nextFile = 1;
  const outbox: OutboxItem[] = [];

  // One refused reply, for the retry and discard buttons.
  if (countParam === null) {
    outbox.push({
      id: nextItem++,
      outgoing: { kind: 'reply', requestId: 108, body: 'Here are both invoice numbers.', attachments: [] },
      state: 'failed',
      attempts: 3,
      lastError: 'The desk refused this reply: the attachment type is not allowed.',
      createdAt: new Date(started - 60 * 60_000).toISOString(),
      remoteId: null,
    });
  }

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
    };
  }

  function requestIdOf(outgoing: Outgoing): number | null {
    return outgoing.kind === 'newRequest' ? null : outgoing.requestId;
  }

  function summaryOf(ticket: MockTicket): TicketSummary {
    const unsent = outbox.filter((item) => item.state !== 'sent' && requestIdOf(item.outgoing) === ticket.summary.id).length;
    return { ...ticket.summary, unsent };
  }

  function find(id: number): MockTicket {
    const ticket = tickets.get(id);
    if (!ticket) throw wireError('not_found', `ticket ${id} is not in the saved tickets`);
    return ticket;
  }

  function saveReplyDrafts(): void {
    const drafts: Record<string, ReplyDraft> = {};
    for (const [id, ticket] of tickets) {
      if ((ticket.draft.body ?? '') !== '' || (ticket.draft.attachments ?? []).length > 0) drafts[id] = ticket.draft;
    }
    store(REPLY_DRAFTS_KEY, drafts);
  }

  function notify(): void {
    emitMockTicketsUpdated({ update: { status: status(), events: [] } });
  }

  function attachmentsOf(files: OutgoingFile[] | undefined): AttachmentView[] {
    return (files ?? []).map((file) => ({
      id: 8100 + nextFile++,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.size,
      localPath: null,
    }));
  }

  /** Sends one item to the desk, after `delay`, unless offline or signed out. */
  function deliver(item: OutboxItem): void {
    if (held()) return;
    setTimeout(() => {
      if (!outbox.includes(item) || item.state !== 'waiting') return;
      const now = new Date().toISOString();
      const outgoing = item.outgoing;
      item.attempts += 1;
      item.state = 'sent';
      item.lastError = null;
      if (outgoing.kind === 'reply') {
        const ticket = tickets.get(outgoing.requestId);
        if (ticket) {
          const id = nextComment++;
          ticket.comments.push({
            id,
            authorId: ME,
            authorName: 'You',
            byAgent: false,
            mine: true,
            body: outgoing.body,
            html: null,
            createdAt: now,
            attachments: attachmentsOf(outgoing.attachments),
          });
          ticket.summary.updatedAt = now;
          if (ticket.summary.status === 'solved' || ticket.summary.status === 'pending') ticket.summary.status = 'open';
          item.remoteId = id;
        }
      } else if (outgoing.kind === 'solve') {
        const ticket = tickets.get(outgoing.requestId);
        if (ticket) {
          ticket.summary.status = 'solved';
          ticket.summary.updatedAt = now;
        }
      } else {
        const id = nextTicket++;
        tickets.set(id, {
          summary: { id, subject: outgoing.request.subject, status: 'new', createdAt: now, updatedAt: now, unread: false, canBeSolvedByMe: false, unsent: 0 },
          description: outgoing.request.body,
          comments: [
            { id: nextComment++, authorId: ME, authorName: 'You', byAgent: false, mine: true, body: outgoing.request.body, html: null, createdAt: now, attachments: attachmentsOf(outgoing.attachments) },
          ],
          draft: {},
        });
        item.remoteId = id;
      }
      lastSyncedAt = now;
      notify();
    }, delay);
  }

  function queue(outgoing: Outgoing): OutboxItem {
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
  }

  function findItem(id: number): OutboxItem {
    const item = outbox.find((candidate) => candidate.id === id);
    if (!item) throw wireError('not_found', `outgoing item ${id} is gone`);
    return item;
  }

  function bodyOf(form: NewTicketForm): string {
    const parts = [(form.problem ?? '').trim()];
    const add = (label: string, value: string | undefined) => {
      if (value && value.trim() !== '') parts.push(`${label}: ${value.trim()}`);
    };
    add('Affected resources', form.resourceIds);
    if (form.productionAffected !== null && form.productionAffected !== undefined) {
      parts.push(`Production affected: ${form.productionAffected ? 'yes' : 'no'}`);
    }
    add('Environment', form.environment);
    add('When and where', form.whenWhere);
    return parts.join('\n\n');
  }

  return {
    async ticketsOverview() {
      failIfAsked('ticketsOverview');
      return {
        capabilities: { canSolve: true, canCc: false, followups: true, uploads: true, idempotencyKeys: true },
        status: status(),
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
        outgoing: outbox.filter((item) => item.state !== 'sent' && requestIdOf(item.outgoing) === id),
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
      const item = queue({ kind: 'reply', requestId: id, body: draft.body ?? '', attachments: draft.attachments ?? [] });
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
      return structuredClone(queue({ kind: 'solve', requestId: id }));
    },
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
    async ticketDraft() {
      failIfAsked('ticketDraft');
      return { ...emptyForm(), ...structuredClone(form) };
    },
    async saveTicketDraft(next) {
      failIfAsked('saveTicketDraft');
      form = structuredClone(next);
      store(DRAFT_KEY, form);
      return null;
    },
    async discardTicketDraft() {
      failIfAsked('discardTicketDraft');
      form = emptyForm();
      store(DRAFT_KEY, null);
      return null;
    },
    async submitTicket(submitted) {
      failIfAsked('submitTicket');
      form = structuredClone(submitted);
      store(DRAFT_KEY, form);
      const problems = validateForm(submitted);
      if (problems.length > 0) return { outcome: 'invalid', problems };
      const kinds: Record<string, string> = { bug: 'problem', technicalProblem: 'incident', accessProblem: 'incident' };
      const item = queue({
        kind: 'newRequest',
        request: {
          subject: (submitted.subject ?? '').trim(),
          body: bodyOf(submitted),
          followupOf: submitted.followupOf ?? null,
          kind: kinds[submitted.kind ?? ''] ?? 'question',
          priority: submitted.priority ?? 'normal',
        },
        attachments: submitted.attachments ?? [],
      });
      form = emptyForm();
      store(DRAFT_KEY, null);
      return { outcome: 'queued', item: structuredClone(item) };
    },
    async attachFile(fileName, base64) {
      failIfAsked('attachFile');
      const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
      const file: OutgoingFile = {
        path: `/home/demo/.local/share/helpline/outbox/files/${nextFile++}-${fileName}`,
        fileName,
        contentType: contentTypeOf(fileName),
        size: Math.floor((base64.length * 3) / 4) - padding,
      };
      const seen = window as unknown as { __mockAttached?: string[] };
      seen.__mockAttached = [...(seen.__mockAttached ?? []), fileName];
      return file;
    },
    async detachFile(file) {
      failIfAsked('detachFile');
      const seen = window as unknown as { __mockDetached?: string[] };
      seen.__mockDetached = [...(seen.__mockDetached ?? []), file.fileName];
      return null;
    },
    async attachmentPreview(id) {
      failIfAsked('attachmentPreview');
      for (const ticket of tickets.values()) {
        for (const comment of ticket.comments) {
          const attachment = comment.attachments.find((candidate) => candidate.id === id);
          if (attachment?.contentType?.startsWith('image/')) return { fileName: attachment.fileName, dataUrl: TINY_PNG };
          if (attachment) throw wireError('invalid_input', `${attachment.fileName} is not an image`);
        }
      }
      throw wireError('not_found', `attachment ${id} is not in the saved tickets`);
    },
    async saveAttachment(id) {
      failIfAsked('saveAttachment');
      for (const ticket of tickets.values()) {
        for (const comment of ticket.comments) {
          const attachment = comment.attachments.find((candidate) => candidate.id === id);
          if (attachment) return `/home/demo/Downloads/${attachment.fileName}`;
        }
      }
      throw wireError('not_found', `attachment ${id} is not in the saved tickets`);
    },
    async syncTickets() {
      failIfAsked('syncTickets');
      if (!held()) {
        lastSyncedAt = new Date().toISOString();
        for (const item of outbox) if (item.state === 'waiting') deliver(item);
      }
      setTimeout(notify, 0);
      return status();
    },
  };
}
