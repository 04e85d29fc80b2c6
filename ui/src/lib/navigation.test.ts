import { describe, expect, it } from 'vitest';
import { articleHash, hashFor, routeFromHash, screenFromHash, screens } from './navigation';

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
});
