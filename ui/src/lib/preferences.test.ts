import { describe, expect, it } from 'vitest';
import { resolveLanguage } from './preferences';
import { catalogues } from './i18n';

function keysOf(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' ? keysOf(child, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('language', () => {
  const notifications = { replies: true, solved: true, incidents: true, quietHours: null, snoozedUntil: null };
  const closing = { windowClose: 'keepInTray', trayExplained: false } as const;
  it('follows the system unless the user chose', () => {
    expect(resolveLanguage({ language: 'system', theme: 'system', notifications, ...closing }, 'fr')).toBe('fr');
    expect(resolveLanguage({ language: 'en', theme: 'system', notifications, ...closing }, 'fr')).toBe('en');
  });
});

describe('catalogues', () => {
  it('have the same keys in English and French', () => {
    expect(keysOf(catalogues.fr).sort()).toEqual(keysOf(catalogues.en).sort());
  });

  it('have no empty string', () => {
    for (const [language, catalogue] of Object.entries(catalogues)) {
      const flat = keysOf(catalogue);
      for (const key of flat) {
        const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
        expect(String(text).trim(), `${language}:${key}`).not.toBe('');
      }
    }
  });
});
