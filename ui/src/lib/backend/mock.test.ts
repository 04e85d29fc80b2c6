import { describe, expect, it } from 'vitest';
import { createMockBackend } from './mock';

describe('mock backend', () => {
  it('starts on system defaults and keeps what was saved', async () => {
    const backend = createMockBackend();
    expect(await backend.getSettings()).toEqual({ language: 'system', theme: 'system' });
    await backend.setSettings({ language: 'fr', theme: 'dark' });
    expect(await backend.getSettings()).toEqual({ language: 'fr', theme: 'dark' });
  });

  it('rejects with a wire error when told to fail', async () => {
    const backend = createMockBackend('?mockFail=setSettings');
    await expect(backend.setSettings({ language: 'en', theme: 'light' })).rejects.toMatchObject({
      code: 'internal',
    });
    expect(await backend.getSettings()).toEqual({ language: 'system', theme: 'system' });
  });
});

describe('mock search', () => {
  const request = { language: 'en' as const, limit: 20, filters: { locale: null, section: null, label: null, source: null } };

  it('finds articles by prefix, accents ignored, with highlighted parts', async () => {
    const backend = createMockBackend();
    const { hits } = await backend.searchArticles({ ...request, query: 'repl' });
    expect(hits.map((hit) => hit.id)).toEqual(['1002']);
    expect(hits[0].title).toContainEqual({ text: 'Reply', highlighted: true });
    const french = await backend.searchArticles({ ...request, language: 'fr', query: 'repondre' });
    expect(french.hits[0].title.map((part) => part.text).join('')).toBe('Répondre hors ligne');
  });

  it('can report an index still being built, or an empty one', async () => {
    expect(await createMockBackend('?mockIndexing=1').searchStatus()).toMatchObject({ state: 'indexing' });
    const empty = createMockBackend('?mockEmpty=1');
    expect(await empty.searchStatus()).toEqual({ state: 'ready', articles: 0 });
    expect((await empty.searchArticles({ ...request, query: 'offline' })).hits).toEqual([]);
  });
});

describe('mock desk', () => {
  it('lists tickets by filter and subject words', async () => {
    const backend = createMockBackend();
    expect(await backend.listTickets({ filter: 'all' })).toHaveLength(12);
    expect(await backend.listTickets({ filter: 'open' })).toHaveLength(5);
    expect(await backend.listTickets({ filter: 'awaiting_reply' })).toHaveLength(3);
    expect(await backend.listTickets({ filter: 'done' })).toHaveLength(4);
    const found = await backend.listTickets({ filter: 'all', search: 'invoices DUPLICATE' });
    expect(found.map((ticket) => ticket.id)).toEqual([108]);
    expect(found[0].unsent).toBe(1);
    expect(await createMockBackend('?mockTickets=10000').listTickets({ filter: 'all' })).toHaveLength(10000);
  });

  it('marks a ticket read when it is opened', async () => {
    const backend = createMockBackend();
    const before = await backend.listTickets({ filter: 'all', search: 'export' });
    expect(before[0].unread).toBe(true);
    await backend.openTicket(101);
    expect((await backend.listTickets({ filter: 'all', search: 'export' }))[0].unread).toBe(false);
    await expect(backend.openTicket(4242)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('checks the new-ticket form with the Rust rules', async () => {
    const backend = createMockBackend();
    const empty = await backend.submitTicket({});
    expect(empty.outcome === 'invalid' && empty.problems.map((p) => `${p.field}:${p.problem.kind}`)).toEqual([
      'kind:required',
      'subject:required',
      'problem:required',
    ]);
    const bug = await backend.submitTicket({ kind: 'bug', subject: 'x'.repeat(151), problem: 'too short' });
    expect(bug.outcome === 'invalid' && bug.problems.map((p) => p.problem)).toEqual([
      { kind: 'tooLong', max: 150 },
      { kind: 'tooShort', min: 20 },
      { kind: 'required' },
    ]);
    const queued = await backend.submitTicket({
      kind: 'featureRequest',
      subject: 'Dark mode',
      problem: 'Please add a dark mode to the reports.',
    });
    expect(queued).toMatchObject({ outcome: 'queued', item: { state: 'waiting' } });
  });

  it('keeps replies waiting when offline', async () => {
    const backend = createMockBackend('?mockOffline=1&mockDelay=1');
    const item = await backend.sendReply(107, { body: 'hello' });
    expect(item.state).toBe('waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const view = await backend.openTicket(107);
    expect(view.ticket.outgoing.map((kept) => kept.state)).toEqual(['waiting']);
    expect(await backend.syncTickets()).toMatchObject({ state: 'offline', waiting: 1 });
  });

  it('delivers replies when online', async () => {
    const backend = createMockBackend('?mockDelay=1');
    await backend.sendReply(107, { body: 'hello' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const view = await backend.openTicket(107);
    expect(view.ticket.outgoing).toEqual([]);
    expect(view.ticket.comments.at(-1)).toMatchObject({ body: 'hello', mine: true });
  });
});
