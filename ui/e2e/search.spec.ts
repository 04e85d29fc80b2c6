import { expect, test, type Page } from '@playwright/test';

// The mock backend (src/lib/backend/mock.ts) searches the articles in mock-articles.ts.

function searchInput(page: Page) {
  return page.getByTestId('search-input');
}

function results(page: Page) {
  return page.getByTestId('search-result');
}

function heading(page: Page) {
  return page.locator('main h1');
}

async function mockOpened(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __mockOpened?: string[] }).__mockOpened ?? []);
}

test('results appear as you type, matched words highlighted', async ({ page }) => {
  await page.goto('/');
  await expect(searchInput(page)).toBeFocused();
  await expect(searchInput(page)).toHaveAccessibleName('Search help articles');
  await page.keyboard.type('repl');
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first()).toContainText('Reply while offline');
  await expect(results(page).first().locator('mark').first()).toHaveText('Reply');
  await expect(results(page).first()).toContainText('Tickets and replies');
  // Same language as the interface: no language badge.
  await expect(results(page).first().getByTestId('locale-badge')).toHaveCount(0);
  await expect(page.getByRole('listbox', { name: 'Search results' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '1 article found' })).toHaveCount(1);
});

test('search ignores accents in a French interface', async ({ page }) => {
  await page.goto('/?mockSystemLanguage=fr');
  await expect(heading(page)).toHaveText('Rechercher dans l’aide');
  await expect(searchInput(page)).toHaveAccessibleName('Rechercher dans les articles d’aide');
  await searchInput(page).fill('repondre');
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first()).toContainText('Répondre hors ligne');
  await expect(results(page).first().locator('mark').first()).toHaveText('Répondre');
});

test('arrow keys move through the results, Enter opens one and Escape comes back', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.type('offline');
  await expect(results(page)).toHaveCount(2);
  await expect(results(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(searchInput(page)).toHaveAttribute('aria-activedescendant', 'search-result-0');
  await expect(searchInput(page)).toHaveAttribute('aria-expanded', 'true');

  await page.keyboard.press('ArrowDown');
  await expect(results(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(results(page).nth(0)).toHaveAttribute('aria-selected', 'false');
  await expect(searchInput(page)).toHaveAttribute('aria-activedescendant', 'search-result-1');
  await page.keyboard.press('ArrowUp');
  await expect(searchInput(page)).toHaveAttribute('aria-activedescendant', 'search-result-0');
  await page.keyboard.press('ArrowDown');

  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Reply while offline');
  await expect(heading(page)).toBeFocused();
  await expect(page.getByTestId('article-body')).toContainText('wait in the outbox');
  await expect(page.getByTestId('article-updated')).toHaveText('Updated November 21, 2026');
  await expect(page).toHaveURL(/#\/article\/1002$/);
  // The reader belongs to Search in the navigation.
  await expect(page.locator('nav a[data-screen="search"]')).toHaveAttribute('aria-current', 'page');

  await page.keyboard.press('Escape');
  await expect(heading(page)).toHaveText('Search help');
  await expect(searchInput(page)).toHaveValue('offline');
  await expect(searchInput(page)).toBeFocused();
  await expect(results(page)).toHaveCount(2);
  await expect(results(page).nth(1)).toHaveAttribute('aria-selected', 'true');
});

test('a click opens a result and Back returns to the results', async ({ page }) => {
  await page.goto('/');
  await searchInput(page).fill('firewall');
  await results(page).first().click();
  await expect(heading(page)).toHaveText('Allow Helpline through a firewall');
  await page.getByRole('button', { name: 'Back to search' }).click();
  await expect(searchInput(page)).toHaveValue('firewall');
  await expect(results(page)).toHaveCount(1);
});

test('/ and Ctrl+K go to the search box from another screen', async ({ page }) => {
  await page.goto('/');
  await searchInput(page).fill('offline');
  await page.locator('nav a[data-screen="tickets"]').click();
  await expect(heading(page)).toHaveText('My tickets');

  await page.keyboard.press('/');
  await expect(heading(page)).toHaveText('Search help');
  await expect(searchInput(page)).toBeFocused();
  // `/` is not typed into the box, and what was there is selected, ready to be replaced.
  await expect(searchInput(page)).toHaveValue('offline');
  const selected = () =>
    page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="search-input"]');
      return input ? input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0) : null;
    });
  await expect.poll(selected).toBe('offline');

  await page.locator('nav a[data-screen="status"]').click();
  await expect(heading(page)).toHaveText('Platform status');
  await page.keyboard.press('Control+k');
  await expect(searchInput(page)).toBeFocused();
  await expect.poll(selected).toBe('offline');

  // On the Search screen itself, Ctrl+K selects the text again.
  await page.keyboard.press('End');
  await expect.poll(selected).toBe('');
  await page.keyboard.press('Control+k');
  await expect.poll(selected).toBe('offline');
});

test('/ is typed normally inside a field', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.type('a/b');
  await expect(searchInput(page)).toHaveValue('a/b');
});

test('the section and language filters narrow the results; Clear filters resets them', async ({ page }) => {
  await page.goto('/');
  const section = page.getByLabel('Section');
  const language = page.getByLabel('Language', { exact: true });
  const clear = page.getByRole('button', { name: 'Clear filters' });
  await expect(clear).toBeDisabled();
  await expect(section.locator('option')).toHaveText([
    'All sections',
    'Tickets and replies',
    'Troubleshooting',
    'Using Helpline',
  ]);

  await searchInput(page).fill('offline');
  await expect(results(page)).toHaveCount(2);
  await section.selectOption('Tickets and replies');
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first()).toContainText('Reply while offline');
  await expect(clear).toBeEnabled();

  await clear.click();
  await expect(section).toHaveValue('');
  await expect(results(page)).toHaveCount(2);
  await expect(searchInput(page)).toBeFocused();

  // French translations only: shown in French, marked as such.
  await searchInput(page).fill('ligne');
  await language.selectOption('fr');
  await expect(results(page)).toHaveCount(2);
  await expect(results(page).first()).toContainText('Rechercher dans les articles d’aide hors ligne');
  await expect(results(page).first().getByTestId('locale-badge')).toHaveText('Français');

  await searchInput(page).fill('offline');
  await expect(page.getByTestId('search-no-results')).toBeVisible();
  await clear.click();
  await expect(language).toHaveValue('');
  await expect(results(page)).toHaveCount(2);
});

test('no results says what was searched and what to try', async ({ page }) => {
  await page.goto('/');
  await searchInput(page).fill('zzzxq');
  await expect(page.getByTestId('search-no-results')).toContainText('No articles match “zzzxq”');
  await expect(page.getByTestId('search-no-results')).toContainText('Check the spelling');
  await expect(results(page)).toHaveCount(0);
  await expect(searchInput(page)).toHaveAttribute('aria-expanded', 'false');
});

test('bookmarking an article lists it under Bookmarks', async ({ page }) => {
  await page.goto('/#/article/1003');
  await expect(heading(page)).toHaveText('Allow Helpline through a firewall');
  const bookmark = page.getByRole('button', { name: 'Bookmark' });
  await expect(bookmark).toHaveAttribute('aria-pressed', 'false');
  await bookmark.click();
  await expect(bookmark).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Back to search' }).click();

  const bookmarks = page.getByRole('region', { name: 'Bookmarks' });
  await expect(bookmarks.getByRole('link')).toHaveText(['Allow Helpline through a firewall']);
  await bookmarks.getByRole('link', { name: 'Allow Helpline through a firewall' }).click();
  await expect(heading(page)).toHaveText('Allow Helpline through a firewall');
  await expect(bookmark).toHaveAttribute('aria-pressed', 'true');

  await bookmark.click();
  await expect(bookmark).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Bookmarks' })).toHaveCount(0);
});

test('recently opened articles are one click away', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('start-here')).toBeVisible();
  await searchInput(page).fill('firewall');
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Allow Helpline through a firewall');
  await page.keyboard.press('Escape');
  await searchInput(page).fill('repl');
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Reply while offline');
  await page.keyboard.press('Escape');
  await searchInput(page).fill('');

  const recent = page.getByRole('region', { name: 'Recently opened' });
  await expect(recent.getByRole('link')).toHaveText(['Reply while offline', 'Allow Helpline through a firewall']);
  await expect(page.getByTestId('start-here')).toHaveCount(0);
  await recent.getByRole('link', { name: 'Allow Helpline through a firewall' }).click();
  await expect(heading(page)).toHaveText('Allow Helpline through a firewall');
});

test('recent and bookmarked articles are titled in the reader’s language once it changes', async ({ page }) => {
  await page.goto('/');
  await searchInput(page).fill('repl');
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Reply while offline');
  await page.getByRole('button', { name: 'Bookmark' }).click();
  await page.keyboard.press('Escape');
  await searchInput(page).fill('firewall');
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Allow Helpline through a firewall');
  await page.keyboard.press('Escape');

  // Through the app's own navigation: the mock keeps its reading list in the page.
  await page.evaluate(() => (location.hash = '#/settings'));
  await page.getByLabel('Français').check();
  await page.evaluate(() => (location.hash = '#/'));
  await searchInput(page).fill('');
  const recent = page.getByRole('region', { name: 'Consultés récemment' });
  // The firewall article has no French translation: it keeps its English title.
  await expect(recent.getByRole('link')).toHaveText(['Allow Helpline through a firewall', 'Répondre hors ligne']);
  const bookmarks = page.getByRole('region', { name: 'Favoris' });
  await expect(bookmarks.getByRole('link')).toHaveText(['Répondre hors ligne']);
  await bookmarks.getByRole('link', { name: 'Répondre hors ligne' }).click();
  await expect(heading(page)).toHaveText('Répondre hors ligne');
});

test('Open on the web opens the article’s address in the browser', async ({ page }) => {
  await page.goto('/#/article/1001');
  await expect(heading(page)).toHaveText('Search the help articles offline');
  await page.getByRole('button', { name: 'Open on the web' }).click();
  await expect.poll(() => mockOpened(page)).toEqual(['https://help.example.com/hc/en-us/articles/1001']);
});

test('Copy link puts the address on the clipboard and says so', async ({ page }) => {
  await page.goto('/#/article/1001');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __mockClipboard?: string }).__mockClipboard))
    .toBe('https://help.example.com/hc/en-us/articles/1001');
});

test('articles without a web address offer no web actions', async ({ page }) => {
  await page.goto('/#/article/1002');
  await expect(heading(page)).toHaveText('Reply while offline');
  await expect(page.getByRole('button', { name: 'Bookmark' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open on the web' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Copy link' })).toHaveCount(0);
});

test('links inside an article: other articles in the reader, web pages in the browser', async ({ page }) => {
  await page.goto('/#/article/1001');
  const body = page.getByTestId('article-body');
  await body.getByRole('link', { name: 'the web help' }).click();
  await expect.poll(() => mockOpened(page)).toEqual(['https://example.com/help']);
  await expect(page).toHaveURL(/#\/article\/1001$/);

  await body.getByRole('link', { name: 'Reply while offline' }).click();
  await expect(heading(page)).toHaveText('Reply while offline');
  await expect(heading(page)).toBeFocused();
  await expect(page).toHaveURL(/#\/article\/1002$/);
});

test('the reader switches between translations', async ({ page }) => {
  await page.goto('/#/article/1001');
  const switcher = page.getByRole('group', { name: 'Read in' });
  await expect(switcher.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await switcher.getByRole('button', { name: 'Français' }).click();
  await expect(heading(page)).toHaveText('Rechercher dans les articles d’aide hors ligne');
  await expect(heading(page)).toHaveAttribute('lang', 'fr');
  await expect(page.getByTestId('article-body')).toContainText('Appuyez sur');
  await expect(switcher.getByRole('button', { name: 'Français' })).toHaveAttribute('aria-pressed', 'true');
  // The interface stays in English.
  await expect(page.getByTestId('article-updated')).toHaveText('Updated November 20, 2026');

  // An article in one language only has no switcher.
  await page.goto('/#/article/1003');
  await expect(heading(page)).toHaveText('Allow Helpline through a firewall');
  await expect(page.getByRole('group', { name: 'Read in' })).toHaveCount(0);
});

test('a French interface dates the article in French', async ({ page }) => {
  await page.goto('/?mockSystemLanguage=fr#/article/1002');
  await expect(heading(page)).toHaveText('Répondre hors ligne');
  await expect(page.getByTestId('article-updated')).toHaveText('Mis à jour le 21 novembre 2026');
  await expect(page.getByRole('button', { name: 'Retour à la recherche' })).toBeVisible();
});

test('an article that is gone says so and offers the way back', async ({ page }) => {
  await page.goto('/#/article/9999');
  await expect(heading(page)).toHaveText('Article not found');
  await expect(page.getByTestId('article-not-found')).toContainText('no longer in the help index');
  await page.getByRole('button', { name: 'Back to search' }).click();
  await expect(heading(page)).toHaveText('Search help');
});

test('a failing search is reported and what was typed is kept', async ({ page }) => {
  await page.goto('/?mockFail=searchArticles');
  await page.keyboard.type('repl');
  await expect(page.getByRole('alert')).toContainText('the mock was told to fail searchArticles');
  await expect(searchInput(page)).toHaveValue('repl');
  await expect(page.getByTestId('search-no-results')).toHaveCount(0);
});

test('a failing bookmark is reported', async ({ page }) => {
  await page.goto('/?mockFail=setBookmark#/article/1002');
  await page.getByRole('button', { name: 'Bookmark' }).click();
  await expect(page.getByRole('alert')).toContainText('The bookmark could not be saved');
  await expect(page.getByRole('button', { name: 'Bookmark' })).toHaveAttribute('aria-pressed', 'false');
});

test('while articles are being indexed, a progress bar shows and search still works', async ({ page }) => {
  await page.goto('/?mockIndexing=1');
  // Seven translations in mock-articles.ts.
  const progress = page.getByRole('progressbar', { name: 'Indexing help articles: 2 of 7' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('value', '2');
  await expect(progress).toHaveAttribute('max', '7');
  await searchInput(page).fill('repl');
  await expect(results(page)).toHaveCount(1);
});

test('an index that could not be built is reported', async ({ page }) => {
  await page.goto('/?mockIndexing=failed');
  await expect(page.getByRole('alert')).toContainText('The help articles could not be indexed');
  await expect(page.getByRole('alert')).toContainText('the mock index could not be built');
  await expect(page.getByRole('progressbar')).toHaveCount(0);
});

test('a status check that fails is reported and search still works', async ({ page }) => {
  await page.goto('/?mockFail=searchStatus');
  await expect(page.getByRole('alert')).toContainText('could not check whether the help articles are indexed');
  await searchInput(page).fill('repl');
  await expect(results(page)).toHaveCount(1);
});

test('the user’s own tickets that match show above the articles, marked as tickets, and open', async ({ page }) => {
  await page.goto('/');
  await searchInput(page).fill('export csv rows');
  const matches = page.getByTestId('ticket-match');
  await expect(page.getByRole('heading', { name: 'Your tickets' })).toBeVisible();
  await expect(matches).toHaveCount(1);
  await expect(matches.first()).toContainText('Ticket #101');
  await expect(page.getByRole('heading', { name: 'Help articles' })).toBeVisible();
  await expect(matches.first()).toContainText('Open');
  await expect(matches.first()).toContainText('Unread');
  await expect(matches.first().locator('mark').first()).toHaveText('Export');
  // The conversation's own words are what matched.
  await expect(matches.first()).toContainText('1,000 rows');
  await matches.first().click();
  await expect(page).toHaveURL(/#\/tickets\/101$/);
  await expect(heading(page)).toHaveText('Export to CSV stops halfway');
  // Back on the search, the query and its ticket are still there.
  await page.goBack();
  await expect(searchInput(page)).toHaveValue('export csv rows');
  await expect(page.getByTestId('ticket-match')).toHaveCount(1);
});

test('no ticket section when no ticket matches, and a failing ticket search leaves the articles', async ({ page }) => {
  await page.goto('/');
  await searchInput(page).fill('repl');
  await expect(results(page)).toHaveCount(1);
  await expect(page.getByTestId('ticket-matches')).toHaveCount(0);
  await page.goto('/?mockFail=searchTickets');
  await searchInput(page).fill('export');
  await expect(results(page).first()).toBeVisible();
  await expect(page.getByTestId('ticket-matches')).toHaveCount(0);
  await expect(page.getByTestId('search-error')).toHaveCount(0);
});

test('a French interface names them as demandes', async ({ page }) => {
  await page.goto('/?mockSystemLanguage=fr');
  await searchInput(page).fill('webhook');
  await expect(page.getByRole('heading', { name: 'Vos demandes' })).toBeVisible();
  await expect(page.getByTestId('ticket-match').first()).toContainText('Demande n° 103');
});

test('didn’t find it: a ticket whose subject is the search, from the results, from no results and after an article', async ({ page }) => {
  await page.goto('/');
  await searchInput(page).fill('export csv');
  await expect(page.getByTestId('ask-after-results')).toContainText('Didn’t find it?');
  await page.getByTestId('ask-after-results-link').click();
  await expect(page).toHaveURL(/#\/tickets\/new\/asking\//);
  await expect(page.getByTestId('field-subject')).toHaveValue('export csv');

  // No results: the same next step.
  await page.getByTestId('discard-draft').click();
  await page.goto('/#/search');
  await searchInput(page).fill('zzqx nothing here');
  await expect(page.getByTestId('search-no-results')).toBeVisible();
  await page.getByTestId('ask-after-none-link').click();
  await expect(page.getByTestId('field-subject')).toHaveValue('zzqx nothing here');

  // At the end of an article reached from a search.
  await page.getByTestId('discard-draft').click();
  await page.goto('/#/search');
  await searchInput(page).fill('repl');
  await results(page).first().click();
  await expect(page.getByTestId('ask-after-article')).toContainText('Didn’t this answer your question?');
  await page.getByTestId('ask-after-article-link').click();
  await expect(page.getByTestId('field-subject')).toHaveValue('repl');
});

test('a ticket draft the user already wrote is never replaced by a search', async ({ page }) => {
  await page.goto('/#/tickets/new');
  await page.getByTestId('field-subject').fill('My own words');
  // Leaving the form saves the draft.
  await page.getByRole('link', { name: 'Search' }).click();
  await searchInput(page).fill('zzqx nothing here');
  await page.getByTestId('ask-after-none-link').click();
  await expect(page.getByTestId('field-subject')).toHaveValue('My own words');
});

test('the French interface says it in French', async ({ page }) => {
  await page.goto('/?mockSystemLanguage=fr');
  await searchInput(page).fill('zzqx rien');
  await expect(page.getByTestId('ask-after-none')).toContainText('Toujours bloqué ?');
  await expect(page.getByTestId('ask-after-none-link')).toHaveText('Créer une demande');
});
