import type { Locale } from './bindings';

/** The search and reader language for svelte-i18n's current locale (`$locale`). */
export function uiLocale(current: string | null | undefined): Locale {
  return current?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** `en`/`fr` from a stored string (reading-list entries keep the locale as text), else null. */
export function asLocale(value: string | null | undefined): Locale | null {
  return value === 'en' || value === 'fr' ? value : null;
}

/** An RFC 3339 date as the reader shows it ("20 November 2026"), or null if it is not a date. */
export function formatDate(iso: string | null, language: Locale): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(date);
}
