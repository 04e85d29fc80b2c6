import { describe, expect, it } from 'vitest';
import { asLocale, formatDate, uiLocale } from './locale';

describe('locale', () => {
  it('maps the UI locale to a search language', () => {
    expect(uiLocale('fr')).toBe('fr');
    expect(uiLocale('fr-CA')).toBe('fr');
    expect(uiLocale('en')).toBe('en');
    expect(uiLocale(null)).toBe('en');
    expect(uiLocale(undefined)).toBe('en');
  });

  it('accepts only known locales from stored text', () => {
    expect(asLocale('fr')).toBe('fr');
    expect(asLocale('de')).toBeNull();
    expect(asLocale(null)).toBeNull();
  });

  it('formats dates in the UI language', () => {
    expect(formatDate('2026-11-20T09:00:00Z', 'en')).toBe('November 20, 2026');
    expect(formatDate('2026-11-20T09:00:00Z', 'fr')).toBe('20 novembre 2026');
    expect(formatDate('not a date', 'en')).toBeNull();
    expect(formatDate(null, 'en')).toBeNull();
  });
});
