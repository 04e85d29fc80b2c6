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
