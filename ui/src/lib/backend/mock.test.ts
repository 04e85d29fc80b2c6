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
