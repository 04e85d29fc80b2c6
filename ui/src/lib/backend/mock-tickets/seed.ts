import type { AttachmentView, CommentView, OutboxItem, ReplyDraft, RequestStatus, TicketSummary } from '../../bindings';

// The tickets the mock desk starts with: twelve samples (101–112) in every status, with agent
// replies, HTML and attachments, or `mockTickets=N` plain generated ones; and the one refused reply
// waiting in the outbox. The outbox builds the comments and tickets it delivers with the same
// helpers, so a delivered ticket looks like a seeded one.

/** A ticket as the mock desk keeps it: its row in the list, its thread, and the reply being written. */
export type MockTicket = { summary: TicketSummary; description: string; comments: CommentView[]; draft: ReplyDraft };

const ME = 9001;
const AGENT = { id: 7001, name: 'Sam from Support' };

/** A comment by the signed-in user ("You") or by the support agent, in plain text unless `extra` says otherwise. */
export function commentBy(
  by: 'me' | 'agent',
  id: number,
  body: string,
  createdAt: string,
  extra: Partial<CommentView> = {},
): CommentView {
  return {
    id,
    authorId: by === 'me' ? ME : AGENT.id,
    authorName: by === 'me' ? 'You' : AGENT.name,
    byAgent: by === 'agent',
    mine: by === 'me',
    body,
    html: null,
    createdAt,
    attachments: [],
    ...extra,
  };
}

/** A ticket whose description is its first comment, read, with nothing unsent and no reply draft. */
export function mockTicket(
  id: number,
  subject: string,
  status: RequestStatus,
  createdAt: string,
  updatedAt: string,
  comments: CommentView[],
  extra: Partial<TicketSummary> = {},
): MockTicket {
  return {
    summary: { id, subject, status, createdAt, updatedAt, unread: false, canBeSolvedByMe: false, unsent: 0, ...extra },
    description: comments[0]?.body ?? subject,
    comments,
    draft: {},
  };
}

/** The tickets at `now`: `count` generated ones, or the samples when `count` is null. */
export function seed(now: number, count: number | null): MockTicket[] {
  const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  let commentId = 50_000;
  const comment = (minutes: number, body: string, by: 'me' | 'agent', extra: Partial<CommentView> = {}): CommentView =>
    commentBy(by, (commentId += 1), body, ago(minutes), extra);
  const ticket = (
    id: number,
    subject: string,
    status: RequestStatus,
    minutes: number,
    comments: CommentView[],
    extra: Partial<TicketSummary> = {},
  ): MockTicket => mockTicket(id, subject, status, comments[0]?.createdAt ?? ago(minutes + 60), ago(minutes), comments, extra);

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

/** One reply the desk refused, on ticket 108, for the retry and discard buttons (samples only). */
export function refusedReply(started: number): Omit<OutboxItem, 'id'> {
  return {
    outgoing: { kind: 'reply', requestId: 108, body: 'Here are both invoice numbers.', attachments: [] },
    state: 'failed',
    attempts: 3,
    lastError: 'The desk refused this reply: the attachment type is not allowed.',
    createdAt: new Date(started - 60 * 60_000).toISOString(),
    remoteId: null,
  };
}
