import { describe, expect, it } from 'vitest';
import { articleHash, askingHash, hashFor, newTicketHash, routeFromHash, screenFromHash, screens, ticketHash } from './navigation';

describe('navigation', () => {
  it('round-trips every screen through the hash', () => {
    for (const screen of screens) {
      expect(screenFromHash(hashFor(screen))).toBe(screen);
      expect(routeFromHash(hashFor(screen))).toEqual({ kind: 'screen', screen });
    }
  });

  it('opens Search for an empty or unknown hash', () => {
    expect(screenFromHash('')).toBe('search');
    expect(screenFromHash('#/nowhere')).toBe('search');
    expect(routeFromHash('#')).toEqual({ kind: 'screen', screen: 'search' });
  });

  it('reads an article address', () => {
    expect(routeFromHash('#/article/1002')).toEqual({ kind: 'article', id: '1002', locale: null });
    expect(routeFromHash('#/article/1002/')).toEqual({ kind: 'article', id: '1002', locale: null });
    expect(routeFromHash('#/article/1002/fr')).toEqual({ kind: 'article', id: '1002', locale: 'fr' });
    expect(routeFromHash('#article/abc%20d')).toEqual({ kind: 'article', id: 'abc d', locale: null });
  });

  it('keeps Search current in the navigation while reading', () => {
    expect(screenFromHash('#/article/1002')).toBe('search');
  });

  it('sends malformed article addresses to Search', () => {
    for (const hash of ['#/article', '#/article/', '#/article/1002/de', '#/article/%E0%A4%A', '#/article/1/en/x']) {
      expect(routeFromHash(hash), hash).toEqual({ kind: 'screen', screen: 'search' });
    }
  });

  it('round-trips article addresses', () => {
    for (const [id, locale] of [['1002', null], ['a/b c', 'fr'], ['été', 'en']] as const) {
      expect(routeFromHash(articleHash(id, locale))).toEqual({ kind: 'article', id, locale });
    }
  });

  it('reads ticket addresses', () => {
    expect(routeFromHash('#/tickets/42')).toEqual({ kind: 'ticket', id: 42 });
    expect(routeFromHash('#/tickets/42/')).toEqual({ kind: 'ticket', id: 42 });
    expect(routeFromHash('#/tickets/new')).toEqual({ kind: 'newTicket', followupOf: null });
    expect(routeFromHash('#/tickets/new/followup/7')).toEqual({ kind: 'newTicket', followupOf: 7 });
    expect(routeFromHash('#/tickets/abc')).toEqual({ kind: 'screen', screen: 'tickets' });
    expect(routeFromHash('#/tickets/new/followup/x')).toEqual({ kind: 'screen', screen: 'tickets' });
  });

  it('keeps Tickets current in the navigation on ticket pages', () => {
    for (const hash of ['#/tickets/42', '#/tickets/new', '#/tickets/new/followup/7']) {
      expect(screenFromHash(hash), hash).toBe('tickets');
    }
  });

  it('round-trips ticket addresses', () => {
    expect(routeFromHash(ticketHash(1234))).toEqual({ kind: 'ticket', id: 1234 });
    expect(routeFromHash(newTicketHash())).toEqual({ kind: 'newTicket', followupOf: null });
    expect(routeFromHash(newTicketHash(99))).toEqual({ kind: 'newTicket', followupOf: 99 });
  });

  it('carries a search that found nothing to the new-ticket form, whatever it holds', () => {
    for (const question of ['export csv', 'où est / l’export ? 100%', '#/tickets/1']) {
      expect(routeFromHash(askingHash(question))).toEqual({ kind: 'newTicket', followupOf: null, question });
    }
    expect(askingHash('   ')).toBe('#/tickets/new');
    expect(routeFromHash('#/tickets/new/asking/%E0%A4')).toEqual({ kind: 'newTicket', followupOf: null });
  });

  it('reads a search link’s text (as the Rust side encodes it) and nothing else', () => {
    // Encoded as helpline_core::DeepLink::screen_hash encodes it (every non-alphanumeric byte).
    expect(routeFromHash('#/search/l%27export%20%2F%20bloqu%C3%A9%20%232%3F')).toEqual({
      kind: 'screen',
      screen: 'search',
      query: "l'export / bloqué #2?",
    });
    expect(routeFromHash('#/search/%20%20')).toEqual({ kind: 'screen', screen: 'search' });
    expect(routeFromHash('#/search/%E0%A4')).toEqual({ kind: 'screen', screen: 'search' });
    expect(routeFromHash('#/search/a/b')).toEqual({ kind: 'screen', screen: 'search' });
  });
});
