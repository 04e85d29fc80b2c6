import { expect, test, type Page } from '@playwright/test';

/** Each screen, and what it shows on a first visit. */
const screens = [
  { id: 'search', heading: 'Search help', shows: 'start-here', text: 'Get started' },
  { id: 'tickets', heading: 'My tickets', shows: 'ticket-list', text: null },
  { id: 'status', heading: 'Platform status', shows: 'status-overall', text: 'All Systems Operational' },
  { id: 'plans', heading: 'Plans & SLA', shows: 'plans-current', text: 'Premium' },
];

function navLink(page: Page, screen: string) {
  return page.locator(`nav a[data-screen="${screen}"]`);
}

test('opens on Search with the help’s “start here” articles', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search help');
  const start = page.getByTestId('start-here');
  await expect(start.getByRole('heading', { name: 'Get started' })).toBeVisible();
  await expect(start.getByTestId('start-here-article')).toHaveText(['Search the help articles offline', 'Reply while offline']);
  await expect(page.getByTestId('search-empty')).toHaveCount(0);
  await expect(page.getByTestId('search-input')).toBeFocused();
  await start.getByRole('link', { name: 'Reply while offline' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reply while offline');
});

test('a help without “start here” picks says how to search', async ({ page }) => {
  await page.goto('/?mockNoStarters');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search help');
  await expect(page.getByTestId('search-empty')).toContainText('Type to search the help articles');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await expect(navLink(page, 'search')).toHaveAttribute('aria-current', 'page');
});

test('says so when no help article is indexed yet', async ({ page }) => {
  await page.goto('/?mockEmpty=1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search help');
  await expect(page.getByTestId('search-no-articles')).toContainText('No help articles indexed yet');
  await expect(page.getByTestId('search-empty')).toHaveCount(0);
});

test('every navigation link opens its screen', async ({ page }) => {
  await page.goto('/');
  for (const screen of screens) {
    await navLink(page, screen.id).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(screen.heading);
    await expect(page.getByTestId(screen.shows)).toBeVisible();
    if (screen.text) await expect(page.getByTestId(screen.shows)).toContainText(screen.text);
    await expect(navLink(page, screen.id)).toHaveAttribute('aria-current', 'page');
  }
  await navLink(page, 'settings').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.getByTestId('account-state')).toHaveText('Not signed in — the demo help desk will be used');
});

test('the navigation is reachable and usable by keyboard', async ({ page }) => {
  // A screen with nothing to focus after its title (no status page): Tab goes round to the navigation.
  await page.goto('/?mockStatus=none#/status');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(navLink(page, 'search')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(navLink(page, 'tickets')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My tickets');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('from the search box, Shift+Tab reaches the demo banner links, then the navigation', async ({ page }) => {
  await page.goto('/');
  const banner = page.getByTestId('demo-banner');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(banner.getByRole('link', { name: 'How to connect your company’s help desk' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(banner.getByRole('link', { name: 'Connect your help desk' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('talk-to-us-button')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(navLink(page, 'settings')).toBeFocused();
});

test('the navigation is labelled for screen readers', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Plans & SLA' })).toBeVisible();
});

test('choosing French in Settings switches every label', async ({ page }) => {
  await page.goto('/#/settings');
  await page.getByLabel('Français').check();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réglages');
  await expect(navLink(page, 'tickets')).toContainText('Demandes');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await navLink(page, 'search').click();
  const start = page.getByTestId('start-here');
  await expect(start.getByRole('heading', { name: 'Pour commencer' })).toBeVisible();
  await expect(start.getByTestId('start-here-article')).toHaveText([
    'Rechercher dans les articles d’aide hors ligne',
    'Répondre hors ligne',
  ]);
});

test('follows a French system locale until the user chooses', async ({ page }) => {
  await page.goto('/?mockSystemLanguage=fr#/settings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réglages');
  await expect(page.getByLabel('Suivre le système (Français)')).toBeChecked();
  await page.getByLabel('English').check();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
});

test('a pinned dark theme overrides the system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/#/settings');
  await page.getByLabel('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(background).toBe('rgb(22, 24, 29)');
  await page.getByLabel('Follow the system', { exact: true }).check();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/);
});

test('follows a dark system theme by default', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(background).toBe('rgb(22, 24, 29)');
});

test('a setting that cannot be saved says so and stays applied', async ({ page }) => {
  await page.goto('/?mockFail=setSettings#/settings');
  await page.getByLabel('Français').check();
  await expect(page.getByRole('alert')).toContainText('n’a pas pu être enregistré');
  await expect(page.getByLabel('Français')).toBeChecked();
});

test('the About panel shows the folders reported by the backend', async ({ page }) => {
  await page.goto('/#/settings');
  await expect(page.getByTestId('about-version')).toHaveText('0.1.0-mock');
  await expect(page.getByTestId('about-data-dir')).toHaveText('/home/demo/.local/share/helpline');
  await expect(page.getByTestId('about-log-dir')).toHaveText('/home/demo/.local/share/helpline/logs');
});

test('a start-up failure is reported instead of a blank screen', async ({ page }) => {
  await page.goto('/?mockFail=getSettings#/settings');
  await expect(page.getByRole('alert')).toContainText('could not load your settings');
});

test('an unknown address opens Search', async ({ page }) => {
  await page.goto('/#/nowhere');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search help');
});

test('a banner says the demo help desk is in use and links to connecting a real one', async ({ page }) => {
  await page.goto('/#/tickets');
  const banner = page.getByTestId('demo-banner');
  await expect(banner).toContainText('You are on the demo help desk');
  await expect(banner.getByRole('link', { name: 'Connect your help desk' })).toHaveAttribute('href', '#/settings');
  await expect(banner.getByRole('link', { name: 'How to connect your company’s help desk' })).toHaveAttribute(
    'href',
    '#/article/1006',
  );
  await page.goto('/#/settings');
  // The loopback address is for developers: under Advanced, not in a new user's face.
  await expect(page.getByTestId('desk-url')).toBeHidden();
  await page.getByTestId('demo-advanced').locator('summary').click();
  await expect(page.getByTestId('desk-url')).toHaveText('Demo help desk running at http://127.0.0.1:8765');
});

test('a help desk that cannot be reached is reported', async ({ page }) => {
  await page.goto('/?mockFail=deskStatus');
  await expect(page.getByTestId('desk-unavailable')).toContainText('the mock was told to fail deskStatus');
});

test('files found damaged at start are named, with what was kept and where the copy is', async ({ page }) => {
  await page.goto('/?mockDamaged#/search');
  const notice = page.getByTestId('damaged-files');
  await expect(notice.getByTestId('damaged-file')).toHaveCount(2);
  await expect(notice).toContainText('The saved tickets were damaged');
  await expect(notice).toContainText('2 unsent items and 1 draft');
  await expect(notice).toContainText('helpline.sqlite3.damaged');
  await expect(notice).toContainText('recent and bookmarked articles was damaged');
  await notice.getByTestId('damaged-dismiss').click();
  await expect(page.getByTestId('damaged-files')).toHaveCount(0);
});

test('a start without damaged files shows no notice', async ({ page }) => {
  await page.goto('/#/search');
  await expect(page.getByTestId('search-input')).toBeVisible();
  await expect(page.getByTestId('damaged-files')).toHaveCount(0);
});

test('notifications can be chosen per event, with quiet hours, and are saved', async ({ page }) => {
  await page.goto('/#/settings');
  const group = page.getByTestId('notify-settings');
  await expect(group.getByTestId('notify-replies')).toBeChecked();
  await group.getByTestId('notify-solved').uncheck();
  await group.getByTestId('quiet-hours').check();
  await expect(group.getByTestId('quiet-from')).toHaveValue('22:00');
  await group.getByTestId('quiet-until').fill('06:30');
  await group.getByTestId('quiet-until').dispatchEvent('change');
  const saved = await page.evaluate(() => (window as unknown as { __mockSavedSettings?: string[] }).__mockSavedSettings ?? []);
  const last = JSON.parse(saved[saved.length - 1]);
  expect(last.notifications).toMatchObject({
    replies: true,
    solved: false,
    quietHours: { from: '22:00', until: '06:30' },
  });
  // Another screen and back: the choices are still shown.
  await page.locator('nav a[data-screen="search"]').click();
  await page.locator('nav a[data-screen="settings"]').click();
  await expect(page.getByTestId('notify-solved')).not.toBeChecked();
  await expect(page.getByTestId('quiet-until')).toHaveValue('06:30');
});

test('the notification settings speak French', async ({ page }) => {
  await page.goto('/?mockSystemLanguage=fr#/settings');
  await expect(page.getByTestId('notify-settings')).toContainText('Quand le support répond');
  await expect(page.getByTestId('notify-settings')).toContainText('Heures calmes');
});

test('Helpline can be set to open at login, and a failure to change it is said', async ({ page }) => {
  await page.goto('/#/settings');
  const toggle = page.getByTestId('open-at-login');
  await expect(toggle).not.toBeChecked();
  await expect(toggle).toBeEnabled();
  await toggle.check();
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await expect(toggle).not.toBeChecked();

  await page.goto('/?mockFail=setOpenAtLogin#/settings');
  await page.getByTestId('open-at-login').click();
  await expect(page.getByTestId('open-at-login-error')).toContainText('This could not be changed');
  await expect(page.getByTestId('open-at-login')).not.toBeChecked();
});

test('on a desktop without tray icons, Settings says where notifications and the unread count go', async ({ page }) => {
  await page.goto('/#/settings');
  await expect(page.getByTestId('notify-settings')).toBeVisible();
  await expect(page.getByTestId('no-tray-hint')).toHaveCount(0);
  await page.goto('/?mockNoTray#/settings');
  await expect(page.getByTestId('no-tray-hint')).toContainText("notifications still appear in the desktop's notification list");
});

test('closing the window keeps Helpline in the tray unless the user unticks it, and says so without a tray', async ({ page }) => {
  await page.goto('/#/settings');
  const keep = page.getByTestId('keep-in-tray');
  await expect(keep).toBeChecked();
  await expect(page.getByTestId('close-quits-hint')).toHaveCount(0);
  await keep.uncheck();
  await expect(keep).not.toBeChecked();
  // The choice is saved: it is still there after visiting another screen.
  await page.goto('/#/search');
  await page.goto('/#/settings');
  await expect(page.getByTestId('keep-in-tray')).not.toBeChecked();

  await page.goto('/?mockNoTray#/settings');
  await expect(page.getByTestId('close-quits-hint')).toContainText('closing the window quits Helpline');
});
