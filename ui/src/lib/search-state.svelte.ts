import type { Locale, SearchHit, TicketSearchHit } from './bindings';

/**
 * What the Search screen shows, kept outside the screen so that it survives a trip to the
 * reader and back: the query as typed, the filters and the last results.
 */
export const searchState = $state({
  /** Exactly what the user typed (never trimmed: a trailing space ends the last word). */
  query: '',
  section: null as string | null,
  locale: null as Locale | null,
  hits: [] as SearchHit[],
  /** The user's own tickets that match, shown above the articles. */
  ticketHits: [] as TicketSearchHit[],
  /** The query `hits` answer, so "no results" speaks of what was searched, not what is typed. */
  searchedQuery: '',
  /** The whole request `hits` answer (query, language, filters), to avoid asking twice. */
  searchedKey: '',
  /** The highlighted result (aria-activedescendant), -1 for none. */
  active: -1,
  /** Bumped by the shortcuts: the Search screen then focuses its input and selects the text. */
  focusRequests: 0,
});

let handledFocusRequests = 0;

/** Asks the Search screen to focus the search box and select what is in it. */
export function requestSearchFocus(): void {
  searchState.focusRequests += 1;
}

export function clearFilters(): void {
  searchState.section = null;
  searchState.locale = null;
}

/** True once per focus request: the Search screen then selects the text instead of keeping it. */
export function takeSelectRequest(): boolean {
  const pending = searchState.focusRequests !== handledFocusRequests;
  handledFocusRequests = searchState.focusRequests;
  return pending;
}
