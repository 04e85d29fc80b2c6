import type { AppInfo, Article, ArticleRef, Locale, ReadingList, SearchHit, Settings } from '../bindings';
import type { Backend } from './index';
import { mockArticles } from './mock-articles';
import { fold, highlight, recordOnWindow, wireError } from './mock-shared';
import { createMockSession, createMockSignIn } from './mock-sign-in';
import { createMockDesk } from './mock-tickets';

/**
 * An in-memory backend for the dev server and the UI tests. Query parameters shape it:
 * `mockFail=setSettings,searchArticles` makes those methods reject; `mockSystemLanguage=fr`
 * reports a French system; `mockIndexing=1` reports the index as still being built and
 * `mockIndexing=failed` as failed;
 * `mockEmpty=1` starts with no article indexed at all; `mockNoTray` is a desktop without tray icons. The ticket commands come from the mock
 * desk in mock-tickets/ (`mockOffline=1`, `mockTickets=N`, `mockDelay=ms`), signing in to a desk
 * from mock-sign-in.ts (`mockNoBrowser`, `mockSignInRefused`); `mockSignedOut` starts signed in to
 * a desk that no longer accepts the sign-in, as both share.
 */
export function createMockBackend(query = ''): Backend {
  const params = new URLSearchParams(query);
  const failing = new Set(params.get('mockFail')?.split(',') ?? []);
  const session = createMockSession(params);
  const articles: Article[] = params.get('mockEmpty') === '1' ? [] : mockArticles;
  let settings: Settings = {
    language: 'system',
    theme: 'system',
    notifications: { replies: true, solved: true, incidents: true, quietHours: null, snoozedUntil: null },
    windowClose: 'keepInTray',
    trayExplained: false,
  };
  let readingList: ReadingList = { recent: [], bookmarks: [] };
  let openAtLogin = false;
  const info: AppInfo = {
    version: '0.1.0-mock',
    dataDir: '/home/demo/.local/share/helpline',
    configDir: '/home/demo/.config/helpline',
    logDir: '/home/demo/.local/share/helpline/logs',
    systemLanguage: params.get('mockSystemLanguage') === 'fr' ? 'fr' : 'en',
  };

  function failIfAsked(method: keyof Backend): void {
    if (failing.has(method)) throw wireError('internal', `the mock was told to fail ${method}`);
  }

  function translation(id: string, language: Locale): Article | undefined {
    const versions = articles.filter((article) => article.id === id);
    return versions.find((article) => article.locale === language) ?? versions[0];
  }

  return {
    ...createMockDesk(params, failIfAsked, session),
    ...createMockSignIn(params, failIfAsked, session),
    async appInfo() {
      failIfAsked('appInfo');
      return { ...info };
    },
    async damagedFiles() {
      failIfAsked('damagedFiles');
      // `?mockDamaged`: the ticket store and the reading list were found damaged at start.
      if (!params.has('mockDamaged')) return [];
      return [
        {
          kind: 'ticketStore' as const,
          keptAt: '/home/demo/.local/share/helpline/helpline.sqlite3.damaged',
          outboxItemsKept: 2,
          draftsKept: 1,
        },
        {
          kind: 'readingList' as const,
          keptAt: '/home/demo/.local/share/helpline/reading-list.json.damaged',
          outboxItemsKept: 0,
          draftsKept: 0,
        },
      ];
    },
    async getSettings() {
      failIfAsked('getSettings');
      return { ...settings };
    },
    async setSettings(next: Settings) {
      failIfAsked('setSettings');
      recordOnWindow('__mockSavedSettings', JSON.stringify(next));
      settings = { ...next };
      return { ...settings };
    },
    async searchStatus() {
      failIfAsked('searchStatus');
      const indexing = params.get('mockIndexing');
      if (indexing === '1') return { state: 'indexing', done: 2, total: articles.length };
      if (indexing === 'failed') {
        return { state: 'failed', message: 'the mock index could not be built; restart Helpline to try again' };
      }
      return { state: 'ready', articles: articles.length };
    },
    async searchArticles(request) {
      failIfAsked('searchArticles');
      const words = fold(request.query).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
      if (words.length === 0) return { hits: [], tookMicros: 0 };
      const { locale, section } = request.filters;
      const matching = articles.filter(
        (article) =>
          (!locale || article.locale === locale) &&
          (!section || article.section === section) &&
          words.every((word) => fold(`${article.title} ${article.bodyText}`).includes(word)),
      );
      const hits: SearchHit[] = [];
      for (const match of matching) {
        if (hits.some((hit) => hit.id === match.id)) continue;
        const shown = locale ? match : (translation(match.id, request.language) ?? match);
        hits.push({
          id: shown.id,
          locale: shown.locale,
          title: highlight(shown.title, words),
          snippet: highlight(shown.bodyText, words),
          section: shown.section,
          url: shown.url,
          source: shown.source,
          score: 1,
        });
      }
      return { hits: hits.slice(0, request.limit), tookMicros: 120 };
    },
    async searchSections(language) {
      failIfAsked('searchSections');
      const sections = articles.filter((a) => a.locale === language).map((a) => a.section ?? '');
      return [...new Set(sections)].filter(Boolean).sort();
    },
    async openArticle(id, language) {
      failIfAsked('openArticle');
      const article = translation(id, language);
      if (!article) throw wireError('not_found', `article ${id} is not in the help index any more`);
      const opened: ArticleRef = { id, locale: article.locale, title: article.title };
      readingList = {
        ...readingList,
        recent: [opened, ...readingList.recent.filter((seen) => seen.id !== id)].slice(0, 12),
      };
      return {
        article,
        translations: articles.filter((a) => a.id === id).map((a) => a.locale),
        bookmarked: readingList.bookmarks.some((kept) => kept.id === id),
      };
    },
    async starterArticles(language) {
      failIfAsked('starterArticles');
      // `?mockNoStarters`: a help without "start here" picks.
      if (params.has('mockNoStarters')) return [];
      const picks = articles.filter((article) => article.labels.includes('start-here'));
      const ids = [...new Set(picks.map((article) => article.id))];
      return ids.map((id) => {
        const shown = translation(id, language) ?? picks[0];
        return { id, locale: shown.locale, title: shown.title };
      });
    },
    async readingList(language) {
      failIfAsked('readingList');
      const shown = (article: ArticleRef): ArticleRef => {
        const found = articles.find((a) => a.id === article.id && a.locale === language);
        return found ? { id: found.id, locale: found.locale, title: found.title } : article;
      };
      return structuredClone({
        recent: readingList.recent.map(shown),
        bookmarks: readingList.bookmarks.map(shown),
      });
    },
    async setBookmark(article, bookmarked) {
      failIfAsked('setBookmark');
      const others = readingList.bookmarks.filter((kept) => kept.id !== article.id);
      readingList = { ...readingList, bookmarks: bookmarked ? [...others, article] : others };
      return structuredClone(readingList);
    },
    async openInBrowser(url) {
      failIfAsked('openInBrowser');
      if (!/^https?:\/\//.test(url)) throw wireError('invalid_input', `only web addresses can be opened, not ${url}`);
      recordOnWindow('__mockOpened', url);
      return null;
    },
    async trayAvailable() {
      // `?mockNoTray`: a desktop that shows no tray icons.
      return !params.has('mockNoTray');
    },
    async openAtLogin() {
      failIfAsked('openAtLogin');
      return openAtLogin;
    },
    async setOpenAtLogin(enabled) {
      failIfAsked('setOpenAtLogin');
      openAtLogin = enabled;
      return openAtLogin;
    },
    async copyText(text) {
      failIfAsked('copyText');
      (window as unknown as { __mockClipboard?: string }).__mockClipboard = text;
      return null;
    },
  };
}
