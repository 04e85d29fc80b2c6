import { expect, test, type Page } from '@playwright/test';

const error = (page: Page, field: string) => page.getByTestId(`field-error-${field}`);

test('submitting an empty form says what is required and keeps what was typed', async ({ page }) => {
  await page.goto('/#/tickets/new');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New ticket');
  await page.getByTestId('field-environment').fill('eu-west, Firefox 140');
  await page.getByTestId('submit-ticket').click();
  await expect(error(page, 'kind')).toHaveText('Choose what kind of request this is.');
  await expect(error(page, 'subject')).toHaveText('Enter a subject.');
  await expect(error(page, 'problem')).toHaveText('Describe the problem.');
  await expect(page.getByTestId('kind-technicalQuestion')).toBeFocused();
  await expect(page.getByTestId('field-environment')).toHaveValue('eu-west, Firefox 140');

  await page.getByTestId('kind-technicalQuestion').check();
  await page.getByTestId('field-subject').fill('How do exports work?');
  await page.getByTestId('field-problem').fill('Too short');
  await page.getByTestId('submit-ticket').click();
  await expect(error(page, 'problem')).toHaveText('Describe the problem in at least 20 characters.');
  await expect(error(page, 'kind')).toHaveCount(0);
  await expect(error(page, 'subject')).toHaveCount(0);
  await expect(page.getByTestId('field-problem')).toBeFocused();
  await expect(page.getByTestId('field-subject')).toHaveValue('How do exports work?');
});

test('the production question appears only for kinds that report something broken', async ({ page }) => {
  await page.goto('/#/tickets/new');
  const yes = page.getByTestId('field-production-yes');
  await expect(yes).toHaveCount(0);
  for (const [kind, asked] of [
    ['technicalQuestion', false],
    ['technicalProblem', true],
    ['bug', true],
    ['accessProblem', true],
    ['featureRequest', false],
    ['other', false],
  ] as const) {
    await page.getByTestId(`kind-${kind}`).check();
    await expect(yes, kind).toHaveCount(asked ? 1 : 0);
    await expect(page.getByTestId('field-production-no'), kind).toHaveCount(asked ? 1 : 0);
  }
  await page.getByTestId('kind-bug').check();
  await page.getByTestId('field-subject').fill('Export breaks');
  await page.getByTestId('field-problem').fill('The export stops after 1,000 rows every time.');
  await page.getByTestId('submit-ticket').click();
  await expect(error(page, 'productionAffected')).toHaveText('Say whether production is affected.');
  await expect(yes).toBeFocused();
});

test('a complete form is queued and the list says it will be sent', async ({ page }) => {
  await page.goto('/#/tickets/new');
  await page.getByTestId('kind-bug').check();
  await page.getByTestId('field-subject').fill('Export stops at 1,000 rows');
  await page.getByTestId('field-problem').fill('The CSV export stops at 1,000 rows; I expected all 4,200.');
  await page.getByTestId('field-resource-ids').fill('space-12, entry-99');
  await page.getByTestId('field-production-yes').check();
  await page.getByTestId('field-environment').fill('eu-west, Chrome 140');
  await page.getByTestId('field-when-where').fill('Since Monday, in Reports');
  await page.getByTestId('field-priority').selectOption('high');
  await page.getByTestId('form-file-input').setInputFiles({ name: 'export.log', mimeType: 'text/plain', buffer: Buffer.from('x') });
  await expect(page.getByTestId('form-attachment')).toHaveCount(1);
  await page.getByTestId('submit-ticket').click();
  await expect(page).toHaveURL(/#\/tickets$/);
  // The mock desk sends it ~300 ms later; the list hears about it and says so, with its number.
  await expect(page.getByTestId('ticket-row').filter({ hasText: 'Export stops at 1,000 rows' })).toHaveCount(1);
  await expect(page.getByTestId('ticket-notice')).toHaveText(/Ticket #\d+ sent\./);
  // The draft is gone.
  await page.getByTestId('new-ticket-button').click();
  await expect(page.getByTestId('field-subject')).toHaveValue('');
});

test('the draft survives a reload and can be discarded', async ({ page }) => {
  await page.goto('/#/tickets/new');
  await page.getByTestId('kind-accessProblem').check();
  await page.getByTestId('field-subject').fill('Locked out');
  await page.getByTestId('field-problem').fill('Since this morning I cannot sign in at all.');
  await page.getByTestId('field-production-no').check();
  await page.getByTestId('form-dropzone').evaluate((element) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['trace'], 'trace.har', { type: 'application/json' }));
    element.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('form-attachment')).toHaveCount(1);
  await page.waitForTimeout(700);
  await page.reload();
  await expect(page.getByTestId('field-subject')).toHaveValue('Locked out');
  await expect(page.getByTestId('field-problem')).toHaveValue('Since this morning I cannot sign in at all.');
  await expect(page.getByTestId('kind-accessProblem')).toBeChecked();
  await expect(page.getByTestId('field-production-no')).toBeChecked();
  await expect(page.getByTestId('form-attachment')).toContainText('trace.har');

  await page.getByTestId('discard-draft').click();
  await expect(page.getByTestId('field-subject')).toHaveValue('');
  await expect(page.getByTestId('form-attachment')).toHaveCount(0);
  await expect(page.getByTestId('draft-discarded')).toContainText('Draft discarded');
  await page.reload();
  await expect(page.getByTestId('field-subject')).toHaveValue('');
});

const detached = (page: Page) => page.evaluate(() => (window as unknown as { __mockDetached?: string[] }).__mockDetached ?? []);

test('a discarded draft comes back whole with Undo, also after the saved draft was emptied', async ({ page }) => {
  await page.goto('/#/tickets/new');
  await page.getByTestId('kind-bug').check();
  await page.getByTestId('field-subject').fill('Export stops halfway');
  await page.getByTestId('field-problem').fill('The CSV export stops after 1,000 rows every time.');
  await page.getByTestId('field-production-yes').check();
  await page.getByTestId('field-environment').fill('eu-west');
  await page.getByTestId('field-priority').selectOption('high');
  await page.getByTestId('form-file-input').setInputFiles({ name: 'export.log', mimeType: 'text/plain', buffer: Buffer.from('x') });
  await expect(page.getByTestId('form-attachment')).toHaveCount(1);

  await page.getByTestId('discard-draft').click();
  await expect(page.getByTestId('field-subject')).toHaveValue('');
  await expect(page.getByTestId('kind-bug')).not.toBeChecked();
  const notice = page.getByTestId('draft-discarded');
  await expect(notice).toHaveText(/Draft discarded · Undo/);
  await expect(notice).toHaveAttribute('role', 'status');
  // The file is kept for Undo.
  expect(await detached(page)).toEqual([]);

  await page.getByTestId('undo-discard').click();
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('kind-bug')).toBeChecked();
  await expect(page.getByTestId('field-subject')).toHaveValue('Export stops halfway');
  await expect(page.getByTestId('field-problem')).toHaveValue('The CSV export stops after 1,000 rows every time.');
  await expect(page.getByTestId('field-production-yes')).toBeChecked();
  await expect(page.getByTestId('field-environment')).toHaveValue('eu-west');
  await expect(page.getByTestId('field-priority')).toHaveValue('high');
  await expect(page.getByTestId('form-attachment')).toContainText('export.log');
  // Brought back for good: the saved draft has it again.
  await page.reload();
  await expect(page.getByTestId('field-subject')).toHaveValue('Export stops halfway');
  await expect(page.getByTestId('form-attachment')).toContainText('export.log');

  // Starting another draft makes the discard final, and only then are the files let go.
  await page.getByTestId('discard-draft').click();
  await expect(notice).toBeVisible();
  await page.getByTestId('field-subject').fill('Something else');
  await expect(notice).toHaveCount(0);
  await expect.poll(() => detached(page)).toEqual(['export.log']);
});

test('Undo is offered in French', async ({ page }) => {
  await page.goto('/?mockSystemLanguage=fr#/tickets/new');
  await page.getByTestId('field-subject').fill('Export bloqué');
  await page.getByTestId('discard-draft').click();
  await expect(page.getByTestId('draft-discarded')).toHaveText(/Brouillon abandonné · Annuler/);
  await page.getByTestId('undo-discard').click();
  await expect(page.getByTestId('field-subject')).toHaveValue('Export bloqué');
});

test('help articles are suggested while typing; opening one keeps the draft', async ({ page }) => {
  await page.goto('/#/tickets/new');
  await expect(page.getByTestId('suggestion')).toHaveCount(0);
  await page.getByTestId('field-subject').pressSequentially('export csv');
  await expect(page.getByTestId('suggestion')).toHaveCount(1);
  await expect(page.getByTestId('suggestions')).toContainText('Export tickets to CSV');
  await page.getByTestId('field-problem').fill('The export stops after a thousand rows.');
  await page.getByTestId('suggestion').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Export tickets to CSV');
  await page.goBack();
  await expect(page.getByTestId('field-subject')).toHaveValue('export csv');
  await expect(page.getByTestId('field-problem')).toHaveValue('The export stops after a thousand rows.');
  await expect(page.getByTestId('suggestion')).toHaveCount(1);
});

test('the form speaks French', async ({ page }) => {
  await page.goto('/?mockSystemLanguage=fr#/tickets/new');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouvelle demande');
  await expect(page.getByText('De quoi avez-vous besoin ?')).toBeVisible();
  await expect(page.getByLabel('Objet')).toBeVisible();
  await page.getByTestId('field-problem').fill('court');
  await page.getByTestId('submit-ticket').click();
  await expect(error(page, 'subject')).toHaveText('Indiquez un objet.');
  await expect(error(page, 'problem')).toHaveText('Décrivez le problème en au moins 20 caractères.');
  await page.getByTestId('field-subject').fill('a b');
  await expect(error(page, 'subject')).toHaveText('Écrivez un objet d’au moins 3 caractères, sans compter les espaces.');
  await expect(page.getByTestId('submit-ticket')).toHaveText('Envoyer la demande');
});

test('offline, the list says the ticket waits, in the language of the moment', async ({ page }) => {
  await page.goto('/?mockOffline=1#/tickets/new');
  await page.getByTestId('kind-technicalQuestion').check();
  await page.getByTestId('field-subject').fill('Where are the export settings?');
  await page.getByTestId('field-problem').fill('I cannot find where the export settings are in the app.');
  await page.getByTestId('submit-ticket').click();
  await expect(page).toHaveURL(/#\/tickets$/);
  const notice = page.getByTestId('ticket-notice');
  await expect(notice).toContainText('Your ticket is saved and will be sent');
  await page.locator('nav a[data-screen="settings"]').click();
  await page.getByLabel('Français').check();
  await page.locator('nav a[data-screen="tickets"]').click();
  await expect(notice).toContainText('Votre demande est enregistrée et sera envoyée');
});

test('“Ticket #… sent” goes away by itself', async ({ page }) => {
  await page.clock.install();
  await page.goto('/#/tickets/new');
  await page.getByTestId('kind-technicalQuestion').check();
  await page.getByTestId('field-subject').fill('Where are the export settings?');
  await page.getByTestId('field-problem').fill('I cannot find where the export settings are in the app.');
  await page.getByTestId('submit-ticket').click();
  await expect(page).toHaveURL(/#\/tickets$/);
  await page.clock.runFor(2000);
  const notice = page.getByTestId('ticket-notice');
  await expect(notice).toHaveText(/Ticket #\d+ sent\./);
  await page.clock.runFor(9000);
  await expect(notice).toHaveCount(0);
});

test('Enter in the subject moves on to the problem instead of sending a half-filled form', async ({ page }) => {
  await page.goto('/#/tickets/new');
  await page.getByTestId('field-subject').fill('Export stops halfway');
  await page.getByTestId('field-subject').press('Enter');
  await expect(page.getByTestId('field-problem')).toBeFocused();
  await expect(page).toHaveURL(/#\/tickets\/new$/);
  await expect(page.locator('[data-testid^="field-error-"]')).toHaveCount(0);
});

for (const viewport of [
  { width: 800, height: 600 },
  { width: 1280, height: 800 },
]) {
  test(`at ${viewport.width}×${viewport.height} the suggestions stay by the problem statement, above “Send ticket”`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await page.goto('/#/tickets/new');
    await page.getByTestId('field-subject').pressSequentially('export csv');
    await expect(page.getByTestId('suggestion')).toHaveCount(1);
    const box = async (testId: string) => {
      const found = await page.getByTestId(testId).boundingBox();
      if (!found) throw new Error(`${testId} is not laid out`);
      return found;
    };
    const suggestions = await box('suggestions');
    const problem = await box('field-problem');
    const send = await box('submit-ticket');
    const nextField = await box('field-resource-ids');
    expect(suggestions.y + suggestions.height).toBeLessThan(send.y);
    if (viewport.width >= 1280) {
      // Beside the statement: to its right, level with it.
      expect(suggestions.x).toBeGreaterThanOrEqual(problem.x + problem.width);
      expect(suggestions.y).toBeLessThan(problem.y + problem.height);
    } else {
      // Just under the statement, before the next field.
      expect(suggestions.y).toBeGreaterThanOrEqual(problem.y + problem.height);
      expect(suggestions.y - (problem.y + problem.height)).toBeLessThan(80);
      expect(suggestions.y + suggestions.height).toBeLessThan(nextField.y);
    }
  });
}

test('after a refused send, errors follow the fixes: red while wrong, gone with the banner once right', async ({ page }) => {
  await page.goto('/#/tickets/new');
  const banner = page.getByTestId('form-invalid');
  const subject = page.getByTestId('field-subject');
  const problem = page.getByTestId('field-problem');
  await page.getByTestId('field-subject').fill('ab');
  await page.getByTestId('submit-ticket').click();
  await expect(banner).toHaveText('Some fields need your attention; they are marked below.');
  await expect(error(page, 'subject')).toHaveText('Write a subject of at least 3 characters, not counting spaces.');
  // The subject turns red as the problem statement does.
  await expect(subject).toHaveAttribute('aria-invalid', 'true');
  const red = await problem.evaluate((element) => getComputedStyle(element).borderColor);
  expect(await subject.evaluate((element) => getComputedStyle(element).borderColor)).toBe(red);
  expect(await page.getByTestId('field-environment').evaluate((element) => getComputedStyle(element).borderColor)).not.toBe(red);
  await expect(subject).toHaveAttribute('aria-describedby', 'hint-subject error-subject');

  // Still too short (spaces do not count): the error stays.
  await subject.fill('a  b');
  await page.waitForTimeout(400);
  await expect(error(page, 'subject')).toHaveText('Write a subject of at least 3 characters, not counting spaces.');
  await subject.fill('SSO');
  await expect(error(page, 'subject')).toHaveCount(0);
  await expect(subject).not.toHaveAttribute('aria-invalid', 'true');
  await expect(banner).toBeVisible();

  await page.getByTestId('kind-accessProblem').check();
  await problem.fill('I cannot sign in with SSO since this morning.');
  await expect(error(page, 'kind')).toHaveCount(0);
  await expect(error(page, 'problem')).toHaveCount(0);
  // An access problem asks about production: the core says so as soon as the kind is chosen.
  await expect(error(page, 'productionAffected')).toHaveText('Say whether production is affected.');
  await expect(banner).toBeVisible();
  await page.getByTestId('field-production-no').check();
  await expect(banner).toHaveCount(0);
  await expect(page.locator('[data-testid^="field-error-"]')).toHaveCount(0);
  // Breaking a field again brings its error back.
  await subject.fill('');
  await expect(error(page, 'subject')).toHaveText('Enter a subject.');
  await expect(banner).toBeVisible();
});
