import type { AppInfo, Settings, WireError } from '../bindings';
import type { Backend } from './index';

/**
 * An in-memory backend for the dev server and the UI tests. `?mockFail=setSettings` (a comma
 * list of method names) makes those methods reject, so the tests can check error handling.
 */
export function createMockBackend(query = ''): Backend {
  const failing = new Set(new URLSearchParams(query).get('mockFail')?.split(',') ?? []);
  let settings: Settings = { language: 'system', theme: 'system' };
  const info: AppInfo = {
    version: '0.1.0-mock',
    dataDir: '/home/demo/.local/share/helpline',
    configDir: '/home/demo/.config/helpline',
    logDir: '/home/demo/.local/share/helpline/logs',
    systemLanguage: new URLSearchParams(query).get('mockSystemLanguage') === 'fr' ? 'fr' : 'en',
  };

  function failIfAsked(method: keyof Backend): void {
    if (failing.has(method)) {
      const error: WireError = { code: 'internal', message: `the mock was told to fail ${method}` };
      throw error;
    }
  }

  return {
    async appInfo() {
      failIfAsked('appInfo');
      return { ...info };
    },
    async getSettings() {
      failIfAsked('getSettings');
      return { ...settings };
    },
    async setSettings(next: Settings) {
      failIfAsked('setSettings');
      settings = { ...next };
      return { ...settings };
    },
  };
}
