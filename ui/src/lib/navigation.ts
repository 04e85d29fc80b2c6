import type { Locale } from './bindings';

/** The app's screens, in navigation order. The hash (`#/tickets`) names the current one. */
export const screens = ['search', 'tickets', 'status', 'plans', 'settings'] as const;
export type Screen = (typeof screens)[number];

/**
 * Where the app is: one of the screens, or the reader showing an article (`#/article/1002`, or
 * `#/article/1002/fr` for a given translation). The reader belongs to Search in the navigation.
 */
export type Route =
  /** `query` is set by a `helpline://search?q=…` link (`#/search/<text>`): type it in. */
  | { kind: 'screen'; screen: Screen; query?: string }
  | { kind: 'article'; id: string; locale: Locale | null }
  /** One ticket (`#/tickets/123`); belongs to Tickets in the navigation. */
  | { kind: 'ticket'; id: number }
  /**
   * The new-ticket form (`#/tickets/new`, `#/tickets/new/followup/123` for a follow-up, or
   * `#/tickets/new/asking/<question>` from a search that did not find the answer).
   */
  | { kind: 'newTicket'; followupOf: number | null; question?: string };

const locales: readonly string[] = ['en', 'fr'] satisfies Locale[];

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The route a location hash points at; unknown or empty hashes open Search. */
export function routeFromHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const article = /^article\/([^/]+)(?:\/([^/]+))?\/?$/.exec(path);
  if (article) {
    const id = decode(article[1]);
    const locale = article[2] ?? null;
    if (id && id.trim() !== '' && (locale === null || locales.includes(locale))) {
      return { kind: 'article', id, locale: locale as Locale | null };
    }
    return { kind: 'screen', screen: 'search' };
  }
  const search = /^search\/([^/]+)\/?$/.exec(path);
  if (search) {
    const query = decode(search[1])?.trim() ?? '';
    return query === '' ? { kind: 'screen', screen: 'search' } : { kind: 'screen', screen: 'search', query };
  }
  if (/^tickets\/new\/?$/.test(path)) return { kind: 'newTicket', followupOf: null };
  const followup = /^tickets\/new\/followup\/(\d{1,15})\/?$/.exec(path);
  if (followup) return { kind: 'newTicket', followupOf: Number(followup[1]) };
  const asking = /^tickets\/new\/asking\/([^/]+)\/?$/.exec(path);
  if (asking) {
    const question = decode(asking[1])?.trim() ?? '';
    return question === '' ? { kind: 'newTicket', followupOf: null } : { kind: 'newTicket', followupOf: null, question };
  }
  const ticket = /^tickets\/(\d{1,15})\/?$/.exec(path);
  if (ticket) return { kind: 'ticket', id: Number(ticket[1]) };
  if (path.startsWith('tickets/')) return { kind: 'screen', screen: 'tickets' };
  const screen = (screens as readonly string[]).includes(path) ? (path as Screen) : 'search';
  return { kind: 'screen', screen };
}

/** The navigation item a route belongs to: the reader to Search, ticket pages to Tickets. */
export function screenOf(route: Route): Screen {
  if (route.kind === 'screen') return route.screen;
  return route.kind === 'article' ? 'search' : 'tickets';
}

/** The screen a location hash points at (the reader counts as Search); unknown hashes open Search. */
export function screenFromHash(hash: string): Screen {
  return screenOf(routeFromHash(hash));
}

export function hashFor(screen: Screen): string {
  return `#/${screen}`;
}

/** The reader's address for an article, in a given translation when `locale` is set. */
export function articleHash(id: string, locale: Locale | null = null): string {
  const path = `#/article/${encodeURIComponent(id)}`;
  return locale ? `${path}/${locale}` : path;
}

/** A ticket's address. */
export function ticketHash(id: number): string {
  return `#/tickets/${id}`;
}

/** The new-ticket form's address, its subject taken from a search that did not find the answer. */
export function askingHash(question: string): string {
  const trimmed = question.trim();
  return trimmed === '' ? '#/tickets/new' : `#/tickets/new/asking/${encodeURIComponent(trimmed)}`;
}

/** The new-ticket form's address, as a follow-up of a closed ticket when `followupOf` is set. */
export function newTicketHash(followupOf: number | null = null): string {
  return followupOf === null ? '#/tickets/new' : `#/tickets/new/followup/${followupOf}`;
}
