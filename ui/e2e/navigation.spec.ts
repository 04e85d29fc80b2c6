import { expect, test, type Page } from '@playwright/test';

// The content scrolls in <main>, beside a navigation that stays put (app.css, lib/scroll-memory.ts).

const main = (page: Page) => page.locator('main');
const scrollTop = (page: Page) => main(page).evaluate((element) => element.scrollTop);

test('a new screen starts at the top, Back finds the list where it was left, the navigation stays put', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 420 });
  await page.goto('/');
  await page.getByTestId('search-input').fill('e');
  await expect(page.getByTestId('search-result')).not.toHaveCount(0);
  const results = await page.getByTestId('search-result').count();
  // The list is longer than the window.
  expect(await main(page).evaluate((element) => element.scrollHeight - element.clientHeight)).toBeGreaterThan(200);

  const navTop = async () => (await page.locator('nav').boundingBox())!.y;
  const navBefore = await navTop();
  const last = page.getByTestId('search-result').last();
  await last.scrollIntoViewIfNeeded();
  const scrolled = await scrollTop(page);
  expect(scrolled).toBeGreaterThan(150);
  // The window itself does not scroll: only the content does.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(await navTop()).toBe(navBefore);
  await expect(page.locator('nav a[data-screen="tickets"]')).toBeInViewport();

  await last.click();
  await expect(page).toHaveURL(/#\/article\//);
  await expect(page.locator('main h1')).toBeVisible();
  expect(await scrollTop(page)).toBe(0);

  await page.goBack();
  await expect(page.getByTestId('search-result')).toHaveCount(results);
  await expect.poll(() => scrollTop(page)).toBe(scrolled);
  await expect(last).toBeInViewport();

  // Forward again: the article as it was left (at the top), and a fresh visit of Search from
  // the navigation starts at the top.
  await page.goForward();
  await expect(page).toHaveURL(/#\/article\//);
  await expect.poll(() => scrollTop(page)).toBe(0);
  await page.goBack();
  await expect.poll(() => scrollTop(page)).toBe(scrolled);
  await page.locator('nav a[data-screen="tickets"]').click();
  await expect(page.locator('main h1')).toHaveText('My tickets');
  expect(await scrollTop(page)).toBe(0);
  await page.locator('nav a[data-screen="search"]').click();
  await expect(page.getByTestId('search-result')).toHaveCount(results);
  expect(await scrollTop(page)).toBe(0);
});

test('back from a ticket, the ticket list is where it was left; another tab starts at the top', async ({ page }) => {
  await page.goto('/?mockTickets=1000#/tickets');
  await page.getByTestId('ticket-filter-all').click();
  const viewport = page.getByTestId('ticket-list').locator('> div').first();
  await viewport.evaluate((element) => element.scrollTo({ top: 54 * 500 }));
  await page.waitForTimeout(200);
  // The row in the middle of the list's box.
  const id = await viewport.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return hit?.closest('[data-testid="ticket-row"]')?.getAttribute('data-ticket-id') ?? null;
  });
  expect(id).not.toBeNull();
  const row = page.locator(`[data-testid="ticket-row"][data-ticket-id="${id}"]`);
  await expect(row).toBeInViewport();
  const offset = await viewport.evaluate((element) => element.scrollTop);
  expect(offset).toBeGreaterThan(54 * 400);
  await row.click();
  await expect(page).toHaveURL(new RegExp(`#/tickets/${id}$`));
  expect(await scrollTop(page)).toBe(0);
  await page.goBack();
  await expect(row).toBeInViewport();
  expect(await viewport.evaluate((element) => element.scrollTop)).toBe(offset);

  await page.getByTestId('ticket-filter-open').click();
  await expect.poll(() => viewport.evaluate((element) => element.scrollTop)).toBe(0);
});
