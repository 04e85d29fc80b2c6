import { expect, test, type Page } from '@playwright/test';

// The mock (src/lib/backend/mock-sign-in.ts) "answers in the browser" after `mockDelay` ms;
// `mockNoBrowser` reports a browser that did not open, `mockSignInRefused` a refusal;
// `mockSignedOut` starts connected to acme.zendesk.com, whose sign-in expired.

const address = (page: Page) => page.getByRole('textbox', { name: 'Your help desk address' });
const signInButton = (page: Page) => page.getByRole('button', { name: 'Sign in with your browser' });
const waiting = (page: Page) => page.getByTestId('sign-in-waiting');
const accountState = (page: Page) => page.getByTestId('account-state');
const signInAgainButton = (page: Page) => page.getByRole('button', { name: 'Sign in again' });
const CONNECTED = 'Connected to acme.zendesk.com as Dana Demo (dana@example.com)';
const REFUSED = 'The desk refused the sign-in: access_denied. Try again, and choose Allow in the browser.';

async function mockOpened(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __mockOpened?: string[] }).__mockOpened ?? []);
}

async function mockClipboard(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (window as unknown as { __mockClipboard?: string }).__mockClipboard);
}

test('signs in through the browser: waits for it, then says who is connected and drops the demo banner', async ({ page }) => {
  await page.goto('/?mockDelay=1500#/settings');
  await expect(page.getByRole('heading', { name: 'Help desk' })).toBeVisible();
  await expect(page.getByText('nothing you write here is sent anywhere')).toBeVisible();
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await expect(address(page)).toHaveAttribute('placeholder', 'https://yourcompany.zendesk.com');

  await address(page).fill('https://acme.zendesk.com');
  await signInButton(page).click();
  await expect(waiting(page)).toContainText('Approve Helpline in the browser window that opened…');
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(address(page)).toHaveValue('https://acme.zendesk.com');
  await expect(address(page)).toBeDisabled();
  await expect(page.getByText('Your browser did not open')).toHaveCount(0);
  // The link stays at hand in case the browser window never showed up.
  await expect(page.getByRole('textbox', { name: 'No browser window? Open this link in your browser:' })).toHaveValue(
    /^https:\/\/acme\.zendesk\.com\/oauth\/authorizations\/new\?/,
  );
  const opened = await mockOpened(page);
  expect(opened).toHaveLength(1);
  expect(opened[0]).toMatch(/^https:\/\/acme\.zendesk\.com\/oauth\/authorizations\/new\?response_type=code&client_id=helpline_desktop&/);

  await expect(accountState(page)).toHaveText('Connected to acme.zendesk.com as Dana Demo (dana@example.com)');
  await expect(accountState(page)).toBeFocused();
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
  await expect(waiting(page)).toHaveCount(0);
  await expect(address(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('Enter in the address field signs in; a bare Zendesk name is enough', async ({ page }) => {
  await page.goto('/?mockDelay=1#/settings');
  await address(page).fill('acme');
  await address(page).press('Enter');
  await expect(accountState(page)).toHaveText('Connected to acme.zendesk.com as Dana Demo (dana@example.com)');
});

test('a bad address says what to type and keeps what was typed', async ({ page }) => {
  await page.goto('/?mockDelay=1#/settings');
  await page.getByText('Advanced').click();
  await page.getByRole('textbox', { name: 'OAuth client ID' }).fill('it_client');
  await address(page).fill('http://acme.zendesk.com');
  await signInButton(page).click();
  await expect(page.getByRole('alert')).toHaveText("Enter your help desk's address, like https://yourcompany.zendesk.com.");
  await expect(address(page)).toHaveValue('http://acme.zendesk.com');
  await expect(address(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(address(page)).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'OAuth client ID' })).toHaveValue('it_client');
  await expect(accountState(page)).toHaveText('Not signed in — the demo help desk will be used');

  // Fixing it clears the error and signs in.
  await address(page).fill('https://acme.zendesk.com');
  await address(page).press('Enter');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(accountState(page)).toContainText('Connected to acme.zendesk.com');
});

test('when the browser does not open, the consent link is shown and can be copied', async ({ page }) => {
  await page.goto('/?mockNoBrowser&mockDelay=60000#/settings');
  await address(page).fill('https://acme.zendesk.com');
  await page.getByText('Advanced').click();
  await page.getByRole('textbox', { name: 'OAuth client ID' }).fill('it_client');
  await signInButton(page).click();
  await expect(waiting(page)).toContainText('Approve Helpline in the browser window that opened…');
  await expect(waiting(page)).toContainText('Your browser did not open. Open this link in it:');
  const link = page.getByRole('textbox', { name: 'Your browser did not open. Open this link in it:' });
  await expect(link).toHaveValue(/^https:\/\/acme\.zendesk\.com\/oauth\/authorizations\/new\?response_type=code&client_id=it_client&/);
  await expect(link).toHaveAttribute('readonly', '');
  expect(await mockOpened(page)).toEqual([]);

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  await expect.poll(() => mockClipboard(page)).toBe(await link.inputValue());
});

test('Cancel stops waiting and brings the form back as it was; leaving Settings does not', async ({ page }) => {
  await page.goto('/?mockDelay=60000#/settings');
  await address(page).fill('https://acme.zendesk.com');
  await signInButton(page).click();
  await expect(waiting(page)).toBeVisible();

  // The browser may take a while: the wait goes on while the user looks elsewhere.
  await page.locator('nav a[data-screen="tickets"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My tickets');
  await page.locator('nav a[data-screen="settings"]').click();
  await expect(waiting(page)).toContainText('Approve Helpline in the browser window that opened…');

  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(waiting(page)).toHaveCount(0);
  await expect(address(page)).toHaveValue('https://acme.zendesk.com');
  await expect(address(page)).toBeEnabled();
  await expect(address(page)).toBeFocused();
  await expect(signInButton(page)).toBeEnabled();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('demo-banner')).toBeVisible();
});

test('a sign-in refused in the browser says so and keeps the address', async ({ page }) => {
  await page.goto('/?mockSignInRefused&mockDelay=200#/settings');
  await address(page).fill('https://acme.zendesk.com');
  await signInButton(page).click();
  await expect(page.getByRole('alert')).toHaveText(
    'The desk refused the sign-in: access_denied. Try again, and choose Allow in the browser.',
  );
  await expect(waiting(page)).toHaveCount(0);
  await expect(address(page)).toHaveValue('https://acme.zendesk.com');
  await expect(signInButton(page)).toBeFocused();
  await expect(page.getByTestId('demo-banner')).toBeVisible();
});

test('signing out asks first, then goes back to the demo desk and its banner', async ({ page }) => {
  await page.goto('/?mockDelay=1#/settings');
  await address(page).fill('acme');
  await address(page).press('Enter');
  await expect(accountState(page)).toContainText('Connected to acme.zendesk.com');

  await page.getByRole('button', { name: 'Sign out' }).click();
  const confirm = page.getByRole('group', { name: /^Sign out\?/ });
  await expect(confirm).toContainText(
    'Sign out? Tickets waiting to be sent stay on this computer and go out when you sign in again.',
  );
  await expect(confirm.getByRole('button', { name: 'Keep signed in' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Keep signed in' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(accountState(page)).toContainText('Connected to acme.zendesk.com');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeFocused();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await confirm.getByRole('button', { name: 'Sign out' }).click();
  await expect(accountState(page)).toHaveText('Not signed in — the demo help desk will be used');
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await expect(address(page)).toBeFocused();
  await expect(signInButton(page)).toBeVisible();
});

test('a connected desk can be signed in to again, through the browser, and stays connected', async ({ page }) => {
  await page.goto('/?mockSignedOut&mockDelay=1500#/settings');
  await expect(accountState(page)).toHaveText(CONNECTED);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await signInAgainButton(page).click();
  await expect(waiting(page)).toContainText('Approve Helpline in the browser window that opened…');
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(accountState(page)).toHaveText(CONNECTED);
  await expect(address(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  // The same desk, with the client it was signed in with (none typed: the app reuses the saved one).
  const link = page.getByRole('textbox', { name: 'No browser window? Open this link in your browser:' });
  await expect(link).toHaveValue(/^https:\/\/acme\.zendesk\.com\/oauth\/authorizations\/new\?response_type=code&client_id=helpline_desktop&/);
  expect(await mockOpened(page)).toEqual([await link.inputValue()]);

  await expect(waiting(page)).toHaveCount(0);
  await expect(accountState(page)).toHaveText(CONNECTED);
  await expect(accountState(page)).toBeFocused();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(signInAgainButton(page)).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeEnabled();
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);

  // The tickets sync again: the status line no longer asks to sign in.
  await page.locator('nav a[data-screen="tickets"]').click();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'upToDate');
  await expect(page.getByRole('link', { name: 'Sign in again' })).toHaveCount(0);
});

test('Cancel while signing in again goes back to the connected desk', async ({ page }) => {
  await page.goto('/?mockSignedOut&mockDelay=60000#/settings');
  await signInAgainButton(page).click();
  await expect(waiting(page)).toBeVisible();

  // The wait goes on while the user looks elsewhere, as for a first sign-in.
  await page.locator('nav a[data-screen="tickets"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My tickets');
  await page.locator('nav a[data-screen="settings"]').click();
  await expect(waiting(page)).toContainText('Approve Helpline in the browser window that opened…');
  await expect(accountState(page)).toHaveText(CONNECTED);
  const link = page.getByRole('textbox', { name: 'No browser window? Open this link in your browser:' });
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  await expect.poll(() => mockClipboard(page)).toBe(await link.inputValue());

  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(waiting(page)).toHaveCount(0);
  await expect(accountState(page)).toHaveText(CONNECTED);
  await expect(signInAgainButton(page)).toBeFocused();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeEnabled();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(address(page)).toHaveCount(0);

  // It can be started again.
  await signInAgainButton(page).click();
  await expect(waiting(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
});

test('a refused sign-in again says so and stays connected; signing out then shows a clean form', async ({ page }) => {
  await page.goto('/?mockSignedOut&mockSignInRefused&mockDelay=200#/settings');
  await signInAgainButton(page).click();
  await expect(page.getByRole('alert')).toHaveText(REFUSED);
  await expect(waiting(page)).toHaveCount(0);
  await expect(accountState(page)).toHaveText(CONNECTED);
  await expect(signInAgainButton(page)).toBeFocused();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('group', { name: /^Sign out\?/ }).getByRole('button', { name: 'Sign out' }).click();
  await expect(accountState(page)).toHaveText('Not signed in — the demo help desk will be used');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(address(page)).toBeFocused();
});

test('the demo banner links to Settings to connect a help desk', async ({ page }) => {
  await page.goto('/#/tickets');
  await page.getByTestId('demo-banner').getByRole('link', { name: 'Connect your help desk' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(address(page)).toBeVisible();
});

test('in French', async ({ page }) => {
  await page.goto('/?mockSystemLanguage=fr&mockDelay=1#/settings');
  await expect(page.getByRole('heading', { name: 'Service d’assistance' })).toBeVisible();
  await expect(page.getByTestId('demo-banner').getByRole('link', { name: 'Connecter votre service d’assistance' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Adresse de votre service d’assistance' }).fill('acme');
  await page.getByRole('button', { name: 'Se connecter avec le navigateur' }).click();
  await expect(accountState(page)).toHaveText('Connecté à acme.zendesk.com en tant que Dana Demo (dana@example.com)');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('group', { name: /^Se déconnecter \?/ })).toContainText('Les demandes en attente d’envoi restent sur cet ordinateur');
});
