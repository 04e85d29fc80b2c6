import { expect, test, type Page } from '@playwright/test';

// The mock desk (src/lib/backend/mock-tickets/seed.ts) seeds tickets 101–112 in every status.

const rows = (page: Page) => page.getByTestId('ticket-row');
const row = (page: Page, id: number) => page.locator(`[data-testid="ticket-row"][data-ticket-id="${id}"]`);
const outgoing = (page: Page) => page.getByTestId('outgoing-item');

/** Dispatches a synthetic event carrying a file, as a drop or a paste. */
async function dispatchFile(page: Page, testId: string, kind: 'drop' | 'paste', name: string, text: string, type = 'text/plain') {
  await page.getByTestId(testId).evaluate(
    (element, { kind, name, text, type }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type }));
      const event =
        kind === 'drop'
          ? new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true })
          : new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
      element.dispatchEvent(event);
    },
    { kind, name, text, type },
  );
}

test('filters and search narrow the list; the status line says it is up to date', async ({ page }) => {
  await page.goto('/#/tickets');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My tickets');
  await expect(page.getByTestId('sync-status')).toHaveText('Up to date · synced 2 minutes ago');
  await expect(page.getByTestId('sync-failed')).toHaveText('1 item was refused by the help desk');
  await page.getByTestId('ticket-filter-open').click();
  await expect(page.getByTestId('ticket-filter-open')).toHaveAttribute('aria-pressed', 'true');
  await expect(rows(page)).toHaveCount(5);
  await expect(rows(page).first()).toContainText('Export to CSV stops halfway');
  await expect(rows(page).first()).toContainText('Open');
  await expect(rows(page).first()).toContainText('Last activity 5 minutes ago');

  await page.getByTestId('ticket-filter-awaiting_reply').click();
  await expect(rows(page)).toHaveCount(3);
  await expect(row(page, 108)).toContainText('1 waiting to send');
  await page.getByTestId('ticket-filter-done').click();
  await expect(rows(page)).toHaveCount(4);
  await expect(row(page, 106)).toContainText('Closed');
  await page.getByTestId('ticket-filter-all').click();
  await expect(rows(page)).toHaveCount(12);

  await page.getByTestId('ticket-search').fill('duplicate INVOICES');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toHaveAttribute('data-ticket-id', '108');
  await page.getByTestId('ticket-search').fill('zzzxq');
  await expect(page.getByTestId('tickets-no-match')).toContainText('No tickets match “zzzxq”');
  await page.getByTestId('ticket-search').fill('');
  await expect(rows(page)).toHaveCount(12);
});

test('the list opens on what needs the user, unread replies first, with a count on every tab', async ({ page }) => {
  await page.goto('/#/tickets');
  const needsYou = page.getByTestId('ticket-filter-needs_you');
  await expect(needsYou).toHaveAttribute('aria-pressed', 'true');
  await expect(needsYou).toHaveAccessibleName('Needs you 5');
  // Unread replies first (latest first), whatever their status; then what waits on the user's answer.
  await expect(rows(page)).toHaveCount(5);
  expect(await rows(page).evaluateAll((found) => found.map((row) => row.getAttribute('data-ticket-id')))).toEqual([
    '101',
    '102',
    '110',
    '108',
    '111',
  ]);
  const counts = page.getByTestId('ticket-filter-count');
  await expect(counts).toHaveText(['5', '3', '5', '4', '12']);
  await expect(page.getByTestId('ticket-filter-label')).toHaveText(['Needs you', 'Awaiting my reply', 'Open', 'Solved & closed', 'All']);

  // Counts follow the search, so each tab says how many of its tickets match.
  await page.getByTestId('ticket-search').fill('export');
  await expect(counts).toHaveText(['1', '0', '1', '0', '1']);
  await page.getByTestId('ticket-search').fill('');
  await expect(counts).toHaveText(['5', '3', '5', '4', '12']);

  // Reading a ticket takes it out of what needs the user, and the chosen tab is kept.
  await row(page, 110).click();
  await expect(page.getByTestId('ticket-subject')).toHaveText('Dashboard loads slowly');
  await page.goBack();
  await expect(needsYou).toHaveAttribute('aria-pressed', 'true');
  await expect(counts).toHaveText(['4', '3', '5', '4', '12']);
  await expect(row(page, 110)).toHaveCount(0);
  await page.getByTestId('ticket-filter-done').click();
  await page.locator('nav a[data-screen="search"]').click();
  await page.locator('nav a[data-screen="tickets"]').click();
  await expect(page.getByTestId('ticket-filter-done')).toHaveAttribute('aria-pressed', 'true');
});

test('each filter has its own empty state', async ({ page }) => {
  await page.goto('/?mockTickets=0#/tickets');
  await expect(page.getByTestId('tickets-empty')).toContainText('Nothing needs you');
  await page.getByTestId('ticket-filter-open').click();
  await expect(page.getByTestId('tickets-empty')).toContainText('No open tickets');
  await page.getByTestId('ticket-filter-awaiting_reply').click();
  await expect(page.getByTestId('tickets-empty')).toContainText('Nothing awaits your reply');
  await page.getByTestId('ticket-filter-done').click();
  await expect(page.getByTestId('tickets-empty')).toContainText('No solved or closed tickets');
  await page.getByTestId('ticket-filter-all').click();
  await expect(page.getByTestId('tickets-empty')).toContainText('No tickets yet');
});

test('the unread marker clears once the ticket is opened', async ({ page }) => {
  await page.goto('/#/tickets');
  await expect(row(page, 101).getByTestId('ticket-row-unread')).toHaveCount(1);
  await row(page, 101).click();
  await expect(page).toHaveURL(/#\/tickets\/101$/);
  await expect(page.getByTestId('ticket-subject')).toHaveText('Export to CSV stops halfway');
  await expect(page.locator('nav a[data-screen="tickets"]')).toHaveAttribute('aria-current', 'page');
  await page.goBack();
  // Read, it no longer needs the user; it is still open.
  await expect(row(page, 101)).toHaveCount(0);
  await page.getByTestId('ticket-filter-open').click();
  await expect(row(page, 101)).toBeVisible();
  await expect(row(page, 101).getByTestId('ticket-row-unread')).toHaveCount(0);
  await expect(row(page, 110).getByTestId('ticket-row-unread')).toHaveCount(1);
});

test('a ticket shows its conversation, sanitised HTML and attachments', async ({ page }) => {
  await page.goto('/#/tickets/101');
  const comments = page.getByTestId('comment');
  await expect(comments).toHaveCount(3);
  await expect(page.getByTestId('ticket-status')).toHaveText('Open');
  await expect(page.getByTestId('ticket-kind')).toHaveText('Technical question');
  await expect(page.getByTestId('ticket-priority')).toHaveText('Priority: Normal');
  // Plain text keeps its line breaks; HTML is rendered.
  await expect(comments.nth(0).getByTestId('comment-body')).toContainText('stops after 1,000 rows.\nI expected');
  await expect(comments.nth(1).getByTestId('comment-body').locator('strong')).toHaveText('this');
  await expect(comments.nth(1)).toContainText('Sam from Support');
  await expect(comments.nth(1).getByTestId('support-badge')).toHaveText('Support');
  await expect(comments.nth(0).getByTestId('support-badge')).toHaveCount(0);

  const image = comments.nth(1).getByTestId('attachment');
  await expect(image).toContainText('export-error.png');
  await expect(image).toContainText('47 KB');
  await image.getByTestId('attachment-preview').click();
  const dialog = page.getByTestId('preview-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await image.getByTestId('attachment-save').click();
  await expect(image).toContainText('Saved to /home/demo/Downloads/export-error.png');
  // A log file has no preview.
  await expect(comments.nth(0).getByTestId('attachment-preview')).toHaveCount(0);
});

test('a link in an agent comment opens in the browser; the window stays on the ticket', async ({ page }) => {
  await page.goto('/#/tickets/112');
  await page.getByTestId('comment-body').getByRole('link', { name: 'the guide' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __mockOpened?: string[] }).__mockOpened)).toEqual([
    'https://example.com/sso',
  ]);
  await expect(page).toHaveURL(/#\/tickets\/112$/);
  await expect(page.getByTestId('ticket-subject')).toHaveText('SSO configuration help');
});

test('a file dropped outside the drop zone does nothing', async ({ page }) => {
  await page.goto('/#/tickets/101');
  await expect(page.getByTestId('comment')).toHaveCount(3);
  const cancelled = await page.getByTestId('ticket-subject').evaluate((element) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['secret'], 'notes.txt', { type: 'text/plain' }));
    const drop = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
    element.dispatchEvent(drop);
    return drop.defaultPrevented;
  });
  expect(cancelled).toBe(true);
  await expect(page.getByTestId('reply-attachment')).toHaveCount(0);
  await expect(page).toHaveURL(/#\/tickets\/101$/);
});

test('a reply with a picked, a dropped and a pasted file waits to send, then joins the thread', async ({ page }) => {
  await page.goto('/?mockDelay=1500#/tickets/107');
  await expect(page.getByTestId('comment')).toHaveCount(1);
  await page.getByTestId('reply-file-input').setInputFiles({ name: 'app.log', mimeType: 'text/plain', buffer: Buffer.from('log line') });
  await expect(page.getByTestId('reply-attachment')).toHaveCount(1);
  await dispatchFile(page, 'reply-dropzone', 'drop', 'dropped.txt', 'dropped');
  await expect(page.getByTestId('reply-attachment')).toHaveCount(2);
  await dispatchFile(page, 'reply-input', 'paste', 'image.png', 'png bytes', 'image/png');
  await expect(page.getByTestId('reply-attachment')).toHaveCount(3);
  await expect(page.getByTestId('reply-attachment').nth(0)).toContainText('app.log');
  await expect(page.getByTestId('reply-attachment').nth(1)).toContainText('dropped.txt');
  await expect(page.getByTestId('reply-attachment').nth(2)).toContainText(/screenshot-.*\.png/);

  // Removing a chip forgets the copy.
  await page.getByRole('button', { name: 'Remove dropped.txt' }).click();
  await expect(page.getByTestId('reply-attachment')).toHaveCount(2);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __mockDetached?: string[] }).__mockDetached)).toEqual(['dropped.txt']);

  await page.getByTestId('reply-input').fill('Here are the logs you asked for.');
  await page.getByTestId('reply-send').click();
  await expect(outgoing(page)).toHaveCount(1);
  await expect(outgoing(page)).toHaveAttribute('data-state', 'waiting');
  await expect(outgoing(page)).toContainText('Waiting to send');
  await expect(outgoing(page)).toContainText('Here are the logs you asked for.');
  await expect(page.getByTestId('reply-input')).toHaveValue('');
  await expect(page.getByTestId('reply-attachment')).toHaveCount(0);

  await expect(outgoing(page)).toHaveCount(0, { timeout: 5000 });
  await expect(page.getByTestId('comment')).toHaveCount(2);
  const sent = page.getByTestId('comment').last();
  await expect(sent).toContainText('Here are the logs you asked for.');
  await expect(sent.getByTestId('attachment')).toHaveCount(2);
});

test('a reply draft is kept across a reload', async ({ page }) => {
  await page.goto('/#/tickets/103');
  await page.getByTestId('reply-input').fill('Half-written reply');
  await page.waitForTimeout(700);
  await page.reload();
  await expect(page.getByTestId('reply-input')).toHaveValue('Half-written reply');
});

test('offline, a reply keeps waiting and the status line says so', async ({ page }) => {
  await page.goto('/?mockOffline=1#/tickets/107');
  await expect(page.getByTestId('sync-status')).toHaveText('Offline — showing saved tickets; waiting to send: 0');
  await page.getByTestId('reply-input').fill('Written on the train');
  await page.getByTestId('reply-send').click();
  await expect(outgoing(page)).toHaveAttribute('data-state', 'waiting');
  await expect(page.getByTestId('sync-status')).toHaveText('Offline — showing saved tickets; waiting to send: 1');
  await page.getByTestId('sync-now').click();
  await page.waitForTimeout(800);
  await expect(outgoing(page)).toHaveAttribute('data-state', 'waiting');
  await expect(outgoing(page)).toContainText('Waiting to send');
  await expect(page.getByTestId('comment')).toHaveCount(1);
  await page.getByText('Back to my tickets').click();
  await page.getByTestId('ticket-filter-open').click();
  await expect(row(page, 107)).toContainText('1 waiting to send');
  await expect(page.getByTestId('sync-status')).toContainText('Offline');
});

test('signed out, the status line says so and links to Settings to sign in again', async ({ page }) => {
  await page.goto('/?mockSignedOut#/tickets/107');
  await expect(page.getByTestId('sync-status')).toHaveText('Signed out — sign in again to see new replies');
  await page.getByText('Back to my tickets').click();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'signedOut');
  await page.getByRole('link', { name: 'Sign in again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.getByTestId('account-state')).toHaveText('Connected to acme.zendesk.com as Dana Demo (dana@example.com)');
  await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
});

test('a refused reply can be retried or discarded', async ({ page }) => {
  await page.goto('/#/tickets/108');
  await expect(outgoing(page)).toHaveAttribute('data-state', 'failed');
  await expect(outgoing(page)).toContainText('Failed: The desk refused this reply: the attachment type is not allowed.');
  await page.getByTestId('outgoing-retry').click();
  await expect(outgoing(page)).toHaveCount(0);
  await expect(page.getByTestId('comment').last()).toContainText('Here are both invoice numbers.');

  await page.reload();
  await expect(outgoing(page)).toHaveAttribute('data-state', 'failed');
  const comments = await page.getByTestId('comment').count();
  await page.getByTestId('outgoing-discard').click();
  await expect(outgoing(page)).toHaveCount(0);
  await page.waitForTimeout(500);
  await expect(page.getByTestId('comment')).toHaveCount(comments);
});

test('Mark as solved is offered only when the ticket can be solved by the user', async ({ page }) => {
  await page.goto('/#/tickets/101');
  await expect(page.getByTestId('ticket-subject')).toBeVisible();
  await expect(page.getByTestId('solve-button')).toHaveCount(0);
  await page.goto('/#/tickets/105');
  await expect(page.getByTestId('ticket-status')).toHaveText('Solved');
  await expect(page.getByTestId('solve-button')).toHaveCount(0);
  // Solved tickets can still be replied to.
  await expect(page.getByTestId('reply-input')).toBeVisible();

  await page.goto('/#/tickets/102');
  await expect(page.getByTestId('ticket-status')).toHaveText('Awaiting your reply');
  await page.getByTestId('solve-button').click();
  await page.getByTestId('solve-confirm-button').click();
  await expect(page.getByTestId('solve-button')).toHaveCount(0);
  await expect(page.getByTestId('ticket-status')).toHaveText('Solved');
});

test('Mark as solved asks first; keeping the ticket open changes nothing', async ({ page }) => {
  await page.goto('/#/tickets/102');
  const solve = page.getByTestId('solve-button');
  const confirm = page.getByTestId('solve-confirm');
  await solve.click();
  await expect(confirm).toContainText('Mark ticket #102 as solved?');
  await expect(solve).toHaveAttribute('aria-expanded', 'true');
  // The safe answer has the focus: Enter pressed by habit keeps the ticket open.
  await expect(page.getByTestId('solve-cancel')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(solve).toBeFocused();
  await expect(page.getByTestId('ticket-status')).toHaveText('Awaiting your reply');
  await expect(page.getByTestId('outgoing-item')).toHaveCount(0);

  // Esc answers "keep it open" too, and stays on the ticket.
  await solve.click();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(page).toHaveURL(/#\/tickets\/102$/);
  await expect(page.getByTestId('ticket-status')).toHaveText('Awaiting your reply');

  await solve.click();
  await page.getByTestId('solve-confirm-button').click();
  await expect(page.getByTestId('ticket-status')).toHaveText('Solved');
  await expect(confirm).toHaveCount(0);
});

test('Mark as solved asks in French', async ({ page }) => {
  await page.goto('/?mockSystemLanguage=fr#/tickets/102');
  await page.getByTestId('solve-button').click();
  await expect(page.getByTestId('solve-confirm')).toContainText('Marquer la demande n° 102 comme résolue ?');
  await expect(page.getByTestId('solve-cancel')).toHaveText('La garder ouverte');
});

test('a closed ticket offers a follow-up instead of a reply box', async ({ page }) => {
  await page.goto('/#/tickets/106');
  await expect(page.getByTestId('ticket-status')).toHaveText('Closed');
  await expect(page.getByTestId('reply-input')).toHaveCount(0);
  await expect(page.getByTestId('ticket-closed')).toContainText('This ticket is closed');
  await page.getByTestId('followup-button').click();
  await expect(page).toHaveURL(/#\/tickets\/new\/followup\/106$/);
  await expect(page.getByTestId('new-ticket-form')).toBeVisible();
  await expect(page.getByTestId('followup-note')).toContainText('closed ticket #106');
  await expect(page.locator('nav a[data-screen="tickets"]')).toHaveAttribute('aria-current', 'page');
});

test('an error keeps what was typed', async ({ page }) => {
  await page.goto('/?mockFail=sendReply#/tickets/107');
  await page.getByTestId('reply-input').fill('Please keep me');
  await page.getByTestId('reply-send').click();
  await expect(page.getByTestId('reply-error')).toContainText('the mock was told to fail sendReply');
  await expect(page.getByTestId('reply-input')).toHaveValue('Please keep me');
  await expect(outgoing(page)).toHaveCount(0);
});

test('files over 50 MB are refused before they are read', async ({ page }) => {
  await page.goto('/#/tickets/107');
  await page.getByTestId('reply-dropzone').evaluate((element) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(50 * 1024 * 1024 + 1)], 'huge.zip'));
    element.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('file-error')).toHaveText('huge.zip is larger than 50 MB and was not attached.');
  await expect(page.getByTestId('reply-attachment')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __mockAttached?: string[] }).__mockAttached)).toBeUndefined();
});

test('ten thousand tickets scroll in a virtual list', async ({ page }) => {
  await page.goto('/?mockTickets=10000#/tickets');
  await page.getByTestId('ticket-filter-all').click();
  await expect(row(page, 1)).toBeVisible();
  expect(await rows(page).count()).toBeLessThan(200);
  const viewport = page.getByTestId('ticket-list').locator('> div').first();
  for (let attempt = 0; attempt < 10 && !(await row(page, 10000).isVisible()); attempt += 1) {
    await viewport.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await page.waitForTimeout(100);
  }
  await expect(row(page, 10000)).toBeVisible();
  await expect(row(page, 10000)).toContainText('Generated ticket 10000');
  expect(await rows(page).count()).toBeLessThan(200);
});

test('the ticket screens speak French', async ({ page }) => {
  await page.goto('/?mockSystemLanguage=fr#/tickets');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes demandes');
  await expect(page.getByTestId('ticket-filter-awaiting_reply').getByTestId('ticket-filter-label')).toHaveText(
    'En attente de ma réponse',
  );
  await expect(page.getByTestId('ticket-filter-needs_you')).toHaveAccessibleName('À traiter 5');
  await expect(page.getByTestId('sync-status')).toHaveText('À jour · synchronisé il y a 2 minutes');
  await expect(page.getByTestId('sync-now')).toHaveText('Synchroniser');
  await expect(page.getByTestId('new-ticket-button')).toHaveText('Nouvelle demande');
  await expect(rows(page).first()).toContainText('Dernière activité il y a 5 minutes');
  await row(page, 101).click();
  await expect(page.getByTestId('reply-send')).toHaveText('Envoyer');
  await expect(page.getByTestId('ticket-status')).toHaveText('Ouverte');
});

test('signed out, the status line asks to sign in again in French', async ({ page }) => {
  await page.goto('/?mockSignedOut&mockSystemLanguage=fr#/tickets');
  await expect(page.getByTestId('sync-status')).toHaveText('Déconnecté — reconnectez-vous pour voir les nouvelles réponses');
  await page.getByRole('link', { name: 'Se reconnecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réglages');
  await expect(page.getByRole('button', { name: 'Se reconnecter' })).toBeVisible();
});

test('the ticket screens work under the app’s content security policy', async ({ page }) => {
  // The policy of src-tauri/tauri.conf.json: no inline styles or scripts.
  const policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'";
  await page.route((url) => url.pathname === '/', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.sample}`));
  });
  const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  await page.goto('/?mockTickets=500#/tickets');
  await page.getByTestId('ticket-filter-all').click();
  await expect(row(page, 1)).toBeVisible();
  const viewport = page.getByTestId('ticket-list').locator('> div').first();
  await viewport.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(row(page, 500)).toBeVisible();
  expect(await violations()).toEqual([]);
  await page.goto('/#/tickets/101');
  await page.getByTestId('attachment-preview').click();
  await expect(page.getByTestId('preview-dialog').locator('img')).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();
  await page.locator('nav a[data-screen="tickets"]').click();
  await page.getByTestId('ticket-filter-open').click();
  await expect(row(page, 101)).toBeVisible();
  await page.getByTestId('new-ticket-button').click();
  await page.getByTestId('kind-bug').check();
  await expect(page.getByTestId('field-production-yes')).toBeVisible();
  expect(await violations()).toEqual([]);
  // The policy is in force: an inline style attribute is refused.
  await page.evaluate(() => document.body.setAttribute('style', 'color: red'));
  await expect.poll(violations).toHaveLength(1);
});

test('a desk without uploads or follow-ups is not offered them, and says so', async ({ page }) => {
  await page.goto('/?mockNoUploads&mockNoFollowups#/tickets/101');
  await expect(page.getByTestId('comment')).toHaveCount(3);
  await expect(page.getByTestId('reply-dropzone')).toHaveCount(0);
  await expect(page.getByTestId('reply-no-uploads')).toContainText('does not take files');
  await expect(page.getByTestId('reply-input')).toBeVisible();

  await page.goto('/?mockNoUploads&mockNoFollowups#/tickets/106');
  await expect(page.getByTestId('ticket-closed')).toBeVisible();
  await expect(page.getByTestId('followup-button')).toHaveCount(0);
  await expect(page.getByTestId('no-followups')).toContainText('#106');
  await page.getByTestId('new-ticket-button').click();
  await expect(page.getByTestId('form-no-uploads')).toBeVisible();
  await expect(page.getByTestId('form-dropzone')).toHaveCount(0);
});

test('the navigation and the window title count the tickets with unread replies', async ({ page }) => {
  await page.goto('/#/search');
  const badge = page.getByTestId('nav-unread');
  await expect(badge).toHaveText('3');
  await expect(badge).toHaveAttribute('aria-label', '3 tickets with unread replies');
  await expect(page).toHaveTitle('(3) Helpline');
  await page.goto('/#/tickets/101');
  await expect(page.getByTestId('ticket-subject')).toHaveText('Export to CSV stops halfway');
  await expect(badge).toHaveText('2');
  await expect(page).toHaveTitle('(2) Helpline');
});

test('Esc leaves a ticket for the list; in the reply box it first leaves the box and keeps the draft', async ({ page }) => {
  await page.goto('/#/tickets/101');
  await expect(page.getByTestId('ticket-subject')).toHaveText('Export to CSV stops halfway');
  await page.getByTestId('reply-input').fill('Half a reply');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('reply-input')).not.toBeFocused();
  await expect(page).toHaveURL(/#\/tickets\/101$/);
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/tickets$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My tickets');
  // Back on the ticket, the reply is still there.
  await page.goto('/#/tickets/101');
  await expect(page.getByTestId('reply-input')).toHaveValue('Half a reply');
});

test('Esc in an image preview closes the preview and stays on the ticket', async ({ page }) => {
  await page.goto('/#/tickets/101');
  const image = page.getByTestId('comment').nth(1).getByTestId('attachment');
  await image.getByTestId('attachment-preview').click();
  const dialog = page.getByTestId('preview-dialog');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(/#\/tickets\/101$/);
  await expect(page.getByTestId('ticket-subject')).toHaveText('Export to CSV stops halfway');
});

test('when “Mark as solved” is not offered, the ticket says why', async ({ page }) => {
  await page.goto('/#/tickets/101');
  await expect(page.getByTestId('ticket-subject')).toHaveText('Export to CSV stops halfway');
  await expect(page.getByTestId('solve-button')).toHaveCount(0);
  await expect(page.getByTestId('solve-unavailable')).toContainText('appears once an agent has taken the ticket on');
  // Where it is offered, nothing needs saying.
  await page.goto('/#/tickets/102');
  await expect(page.getByTestId('solve-button')).toBeVisible();
  await expect(page.getByTestId('solve-unavailable')).toHaveCount(0);
});

test('a desk slow to answer is said to be offline while the sync goes on, then up to date', async ({ page }) => {
  await page.goto('/?mockSlowDesk=3000#/tickets');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'upToDate');
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-status')).toHaveText('Syncing…');
  await expect(page.getByTestId('sync-status')).toHaveText('Offline — showing saved tickets; waiting to send: 0');
  await expect(page.getByTestId('sync-now')).toBeDisabled();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'upToDate', { timeout: 5000 });
  await expect(page.getByTestId('sync-now')).toBeEnabled();
});

/** Whether every text in `testId`'s row sits on a single line, the row itself one line high. */
async function onOneLine(page: Page, testId: string): Promise<{ wrapped: string[]; rows: number }> {
  return page.getByTestId(testId).evaluate((row) => {
    const wrapped: string[] = [];
    const centres = new Set<number>();
    for (const item of Array.from(row.children)) {
      const range = document.createRange();
      range.selectNodeContents(item);
      const lines = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
      if (lines.size > 1) wrapped.push(item.textContent?.trim() ?? '');
      const box = item.getBoundingClientRect();
      centres.add(Math.round((box.top + box.height / 2) / 4));
    }
    return { wrapped, rows: centres.size };
  });
}

test('in French the ticket header stays on one line at the default window size (1100×720)', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 720 });
  // The longest header of the demo tickets: the longest status, a kind, a priority and the button.
  for (const id of [102]) {
    await page.goto(`/?mockSystemLanguage=fr#/tickets/${id}`);
    await expect(page.getByTestId('ticket-kind')).toHaveText('Problème technique');
    await expect(page.getByTestId('ticket-priority')).toHaveText('Priorité : Haute');
    await expect(page.getByTestId('ticket-status')).toHaveText('En attente de votre réponse');
    await expect(page.getByTestId('solve-button')).toHaveText('Marquer comme résolue');
    expect(await onOneLine(page, 'ticket-facts'), `ticket ${id}`).toEqual({ wrapped: [], rows: 1 });
    // One line high: no taller than its tallest fact, the button.
    const facts = (await page.getByTestId('ticket-facts').boundingBox())!;
    const button = (await page.getByTestId('solve-button').boundingBox())!;
    expect(facts.height).toBeLessThanOrEqual(button.height + 1);
    expect(button.height).toBeLessThan(40);
  }
});
