import { describe, expect, it } from 'vitest';
import { createMockBackend } from './mock';
import { deskOrigin } from './mock-sign-in';
import type { NotifyPrefs, Settings } from '../bindings';

const notifications: NotifyPrefs = { replies: true, solved: true, incidents: true, quietHours: null, snoozedUntil: null };
const settings = (language: Settings['language'], theme: Settings['theme']): Settings => ({
  language,
  theme,
  notifications,
  windowClose: 'keepInTray',
  trayExplained: false,
});

describe('mock backend', () => {
  it('starts on system defaults and keeps what was saved', async () => {
    const backend = createMockBackend();
    expect(await backend.getSettings()).toEqual(settings('system', 'system'));
    await backend.setSettings(settings('fr', 'dark'));
    expect(await backend.getSettings()).toEqual(settings('fr', 'dark'));
  });

  it('rejects with a wire error when told to fail', async () => {
    const backend = createMockBackend('?mockFail=setSettings');
    await expect(backend.setSettings(settings('en', 'light'))).rejects.toMatchObject({
      code: 'internal',
    });
    expect(await backend.getSettings()).toEqual(settings('system', 'system'));
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

  it('checks a subject for 3 characters besides spaces, without sending', async () => {
    const backend = createMockBackend();
    const form = { kind: 'featureRequest' as const, problem: 'Please add a dark mode to the reports.' };
    const waiting = (await backend.ticketsOverview()).status.waiting;
    for (const subject of ['x', ' a b ', '??']) {
      expect((await backend.checkTicketForm({ ...form, subject })).map((p) => p.problem), subject).toEqual([
        { kind: 'tooShort', min: 3 },
      ]);
    }
    expect(await backend.checkTicketForm({ ...form, subject: 'SSO' })).toEqual([]);
    expect((await backend.ticketsOverview()).status.waiting).toBe(waiting);
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

describe('mock sign-in', () => {
  it('accepts https addresses (scheme optional), bare Zendesk names and http on this computer only', () => {
    expect(deskOrigin('https://acme.zendesk.com/hc/en-us')).toBe('https://acme.zendesk.com');
    expect(deskOrigin('  acme ')).toBe('https://acme.zendesk.com');
    expect(deskOrigin('Acme-Support')).toBe('https://acme-support.zendesk.com');
    expect(deskOrigin('help.acme.com/hc/en-us')).toBe('https://help.acme.com');
    expect(deskOrigin('http://localhost:8080/')).toBe('http://localhost:8080');
    expect(deskOrigin('http://127.0.0.1:8765')).toBe('http://127.0.0.1:8765');
    for (const bad of ['', '   ', 'http://acme.zendesk.com', 'ftp://acme.example', 'not a desk', 'https://']) {
      expect(deskOrigin(bad), bad).toBeNull();
    }
  });

  it('rejects a bad address with a message that says what to type', async () => {
    const backend = createMockBackend();
    await expect(backend.beginSignIn({ deskUrl: 'http://acme.zendesk.com', clientId: null })).rejects.toEqual({
      code: 'invalid_input',
      message: "Enter your help desk's address, like https://yourcompany.zendesk.com.",
    });
  });

  it('signs in to the desk the user named, with their client id or Helpline’s, and signs out', async () => {
    const backend = createMockBackend('?mockDelay=1');
    const started = await backend.beginSignIn({ deskUrl: 'acme', clientId: null });
    expect(started.browserOpened).toBe(true);
    expect(started.authorizeUrl).toMatch(/^https:\/\/acme\.zendesk\.com\/oauth\/authorizations\/new\?response_type=code&client_id=helpline_desktop&/);
    expect(await backend.finishSignIn()).toEqual({
      mode: 'connected',
      url: 'https://acme.zendesk.com',
      userName: 'Dana Demo',
      userEmail: 'dana@example.com',
    });
    expect(await backend.deskStatus()).toMatchObject({ mode: 'connected' });
    const custom = await backend.beginSignIn({ deskUrl: 'https://acme.zendesk.com', clientId: 'it_client' });
    expect(new URL(custom.authorizeUrl).searchParams.get('client_id')).toBe('it_client');
    await backend.cancelSignIn();
    expect(await backend.signOut()).toEqual({ mode: 'demo', url: 'http://127.0.0.1:8765' });
    expect(await backend.deskStatus()).toEqual({ mode: 'demo', url: 'http://127.0.0.1:8765' });
  });

  it('stops waiting when cancelled, and can report a refusal or a browser that did not open', async () => {
    const backend = createMockBackend('?mockDelay=60000');
    await backend.beginSignIn({ deskUrl: 'acme', clientId: null });
    const finishing = backend.finishSignIn();
    await backend.cancelSignIn();
    await expect(finishing).rejects.toMatchObject({ code: 'conflict' });
    expect(await backend.deskStatus()).toMatchObject({ mode: 'demo' });

    const refusing = createMockBackend('?mockDelay=1&mockSignInRefused&mockNoBrowser');
    expect(await refusing.beginSignIn({ deskUrl: 'acme', clientId: null })).toMatchObject({ browserOpened: false });
    await expect(refusing.finishSignIn()).rejects.toMatchObject({ code: 'auth_expired', message: expect.stringContaining('access_denied') });
    expect(await refusing.deskStatus()).toMatchObject({ mode: 'demo' });
  });

  it('starts on a desk whose sign-in expired with mockSignedOut, and signing in again brings it back', async () => {
    const backend = createMockBackend('?mockSignedOut&mockDelay=1');
    const connected = { mode: 'connected', url: 'https://acme.zendesk.com', userName: 'Dana Demo', userEmail: 'dana@example.com' };
    expect(await backend.deskStatus()).toEqual(connected);
    expect((await backend.ticketsOverview()).status).toMatchObject({ state: 'signedOut', message: expect.stringContaining('Sign in again') });
    await backend.sendReply(107, { body: 'hello' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await backend.syncTickets()).toMatchObject({ state: 'signedOut', waiting: 1 });

    await backend.beginSignIn({ deskUrl: 'https://acme.zendesk.com', clientId: null });
    expect(await backend.finishSignIn()).toEqual(connected);
    expect(await backend.syncTickets()).toMatchObject({ state: 'upToDate', message: null });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await backend.ticketsOverview()).status).toMatchObject({ state: 'upToDate', waiting: 0 });
  });

  it('stays connected, and signed out, when signing in again is refused', async () => {
    const backend = createMockBackend('?mockSignedOut&mockSignInRefused&mockDelay=1');
    await backend.beginSignIn({ deskUrl: 'https://acme.zendesk.com', clientId: null });
    await expect(backend.finishSignIn()).rejects.toMatchObject({ code: 'auth_expired' });
    expect(await backend.deskStatus()).toMatchObject({ mode: 'connected', url: 'https://acme.zendesk.com' });
    expect((await backend.ticketsOverview()).status.state).toBe('signedOut');
  });
});
