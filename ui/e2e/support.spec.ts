import { expect, test } from '@playwright/test';

// Plans & SLA and the platform status, on the mock backend (src/lib/backend/mock-support.ts).

test('the Plans screen says which plan the customer is on, why, and what it guarantees', async ({ page }) => {
  await page.goto('/#/plans');
  const current = page.getByTestId('plans-current');
  await expect(current.getByRole('heading', { level: 2 })).toHaveText('Premium');
  await expect(page.getByTestId('plans-reason')).toHaveText('Your account is tagged “plan_premium”.');
  await expect(page.getByTestId('plans-explain')).toContainText('guaranteed response times');
  const rows = page.getByTestId('plans-targets').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText('Urgent');
  await expect(rows.first()).toContainText('1 hour');
  await expect(rows.first()).toContainText('around the clock');
  await expect(rows.nth(2)).toContainText('8 hours');
  await expect(rows.nth(2)).toContainText('during support hours');
  await expect(page.getByTestId('plans-coverage')).toContainText('the contact form');
  await expect(page.getByTestId('plans-week').locator('li')).toHaveCount(7);
  await expect(page.getByTestId('plans-week').locator('li').nth(5)).toContainText('Closed');
  await expect(page.getByTestId('plans-open-now')).toContainText('Europe/Paris');
  await expect(page.getByTestId('plans-all').locator('li')).toHaveCount(4);
  await expect(page.getByRole('heading', { name: 'What is an SLA?' })).toBeVisible();
});

test('a plan without an SLA says there is no guaranteed response time', async ({ page }) => {
  await page.goto('/?mockPlan=lite#/plans');
  await expect(page.getByTestId('plans-current').getByRole('heading', { level: 2 })).toHaveText('Lite');
  await expect(page.getByTestId('plans-explain')).toContainText('no guaranteed response time');
  await expect(page.getByTestId('plans-targets')).toHaveCount(0);

  await page.goto('/?mockPlan=lite#/tickets/104');
  await expect(page.getByTestId('ticket-expectation')).toHaveText(/No guaranteed response time on your plan \(Lite\)/);
});

test('without a vendor profile, or with a broken one, the Plans screen says so', async ({ page }) => {
  await page.goto('/?mockPlan=none#/plans');
  await expect(page.getByTestId('plans-no-profile')).toContainText('not known to Helpline');
  await page.goto('/?mockPlan=invalid#/plans');
  await expect(page.getByTestId('plans-invalid-profile')).toContainText('plans[1].tier');
  await page.goto('/?mockPlan=none#/tickets/104');
  await expect(page.getByTestId('ticket-subject')).toHaveText('Question about API rate limits');
  await expect(page.getByTestId('ticket-expectation')).toHaveCount(0);
});

test('a ticket waiting on support says when the first response is due', async ({ page }) => {
  await page.goto('/#/tickets/104');
  const line = page.getByTestId('ticket-expectation');
  await expect(line).toContainText('First response expected by');
  await expect(line).toHaveAttribute('data-tone', 'ok');
  await page.goto('/#/tickets/106');
  await expect(page.getByTestId('ticket-subject')).toHaveText('Old integration stopped working');
  await expect(page.getByTestId('ticket-expectation')).toHaveCount(0);
});

test('the new-ticket form says whether the SLA will cover the ticket, and why not', async ({ page }) => {
  await page.goto('/#/tickets/new');
  const coverage = page.getByTestId('sla-coverage');
  await expect(coverage).toHaveAttribute('data-covered', 'false');
  await expect(coverage.getByTestId('sla-not-covered-reason')).toHaveText([
    'it needs a problem statement',
    'it needs the affected resource IDs',
  ]);
  await page.getByTestId('kind-bug').check();
  await expect(coverage.getByTestId('sla-not-covered-reason')).toHaveCount(3);
  await page.getByTestId('field-subject').fill('Export fails');
  await page.getByTestId('field-problem').fill('Exporting project prj_48213 to CSV fails after 60 seconds.');
  await page.getByTestId('field-resource-ids').fill('prj_48213');
  await page.getByTestId('field-production-yes').check();
  await expect(coverage).toHaveAttribute('data-covered', 'true');
  await expect(coverage).toHaveText('This ticket will be covered by your SLA.');
  await page.getByTestId('field-priority').selectOption('low');
  await expect(coverage.getByTestId('sla-not-covered-reason')).toHaveText(['the SLA does not cover Low priority']);
  await expect(page.getByTestId('ticket-tips')).toContainText('One problem per ticket');
});

test('the Status screen shows components, maintenance and the past two weeks', async ({ page }) => {
  await page.goto('/#/status');
  await expect(page.getByTestId('status-overall')).toHaveText('All Systems Operational');
  await expect(page.getByTestId('status-component')).toHaveCount(4);
  await expect(page.getByTestId('status-maintenance')).toContainText('Database upgrade');
  await expect(page.getByTestId('maintenance-window')).toContainText('From');
  await expect(page.getByTestId('status-past')).toHaveCount(1);
  await expect(page.getByTestId('status-freshness')).toContainText('Checked');
  await expect(page.getByTestId('nav-status-dot')).toHaveCount(0);
  await page.getByTestId('status-check-now').click();
  await expect(page.getByTestId('status-freshness')).toContainText('Checked');
});

test('an incident shows on the Status screen, as the navigation dot and on the new-ticket form, until resolved', async ({ page }) => {
  await page.goto('/#/status');
  await expect(page.getByTestId('status-overall')).toHaveAttribute('data-state', 'ok');
  await page.evaluate(() => (window as unknown as { __mockIncident: (open: boolean) => void }).__mockIncident(true));
  const incident = page.getByTestId('status-incident');
  await expect(incident).toContainText('Elevated error rates on the API');
  await expect(incident.locator('li')).toHaveCount(2);
  await expect(incident).toContainText('Affects: API');
  await expect(page.getByTestId('nav-status-dot')).toHaveAttribute('data-attention', 'incident');
  await expect(page.locator('[data-testid="status-component"][data-state="partial_outage"]')).toContainText('API');

  await page.goto('/#/tickets/new');
  await expect(page.getByTestId('incident-banner')).toContainText('Elevated error rates on the API — ongoing incident');
  await page.getByTestId('field-component').selectOption('Web app');
  await expect(page.getByTestId('incident-banner')).toHaveCount(0);
  await page.getByTestId('field-component').selectOption('API');
  await expect(page.getByTestId('incident-banner')).toContainText('affects API, the component you picked');

  await page.evaluate(() => (window as unknown as { __mockIncident: (open: boolean) => void }).__mockIncident(false));
  await expect(page.getByTestId('incident-banner')).toHaveCount(0);
  await expect(page.getByTestId('nav-status-dot')).toHaveCount(0);
});

test('an unreachable status page keeps the last known state and says how old it is', async ({ page }) => {
  await page.goto('/?mockStatus=unreachable#/status');
  await expect(page.getByTestId('status-freshness')).toHaveText(
    'Helpline cannot reach the status page (you may be offline). Showing what it said 1 hour ago.',
  );
  await expect(page.getByTestId('status-component')).toHaveCount(4);
  await page.goto('/?mockStatus=none#/status');
  await expect(page.getByTestId('status-not-configured')).toContainText('No status page');
});

test('plans, status and the SLA speak French', async ({ page }) => {
  await page.goto('/?mockSystemLanguage=fr&mockIncident=1#/plans');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offres et SLA');
  await expect(page.getByTestId('plans-reason')).toHaveText("Votre compte porte l'étiquette « plan_premium ».");
  await expect(page.getByTestId('plans-targets').locator('tbody tr').first()).toContainText('1 heure');
  await page.goto('/?mockSystemLanguage=fr&mockIncident=1#/status');
  await expect(page.getByTestId('status-incident')).toContainText('Cause identifiée');
  await expect(page.getByTestId('nav-status-dot')).toHaveAttribute('aria-label', 'Un incident est en cours');
  await page.goto('/?mockSystemLanguage=fr#/tickets/104');
  await expect(page.getByTestId('ticket-expectation')).toContainText('Première réponse attendue avant le');
});

test('“Talk to us” takes a quick question from anywhere, shows articles first, and sends it as a ticket', async ({ page }) => {
  await page.goto('/#/status');
  await page.keyboard.press('Control+Shift+A');
  const box = page.getByTestId('talk-to-us');
  await expect(box).toBeVisible();
  await expect(page.getByTestId('talk-question')).toBeFocused();
  await page.getByTestId('talk-question').fill('Reply');
  await page.getByTestId('talk-send').click();
  await expect(page.getByTestId('talk-problem')).toHaveText('Write at least 20 characters so that support can answer.');
  await expect(page.getByTestId('talk-question')).toHaveValue('Reply');

  // What is typed stays when the box is closed and opened again, also after a reload.
  await page.keyboard.press('Escape');
  await expect(box).toBeHidden();
  await page.reload();
  await page.getByTestId('talk-to-us-button').click();
  await expect(page.getByTestId('talk-question')).toHaveValue('Reply');

  await page.getByTestId('talk-question').fill('Can I reply offline to a ticket while travelling?');
  await expect(box.getByTestId('suggestion')).not.toHaveCount(0);
  await page.getByTestId('talk-send').click();
  await expect(page.getByTestId('talk-sent')).toContainText('low-priority ticket');
  await box.getByRole('link', { name: 'See my tickets' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My tickets');
  await expect(page.getByTestId('ticket-row').filter({ hasText: 'Can I reply offline to a ticket while travelling?' })).toHaveCount(1);
});

test('a desk without a profile can be given the one its vendor publishes; a wrong one says why and keeps the text', async ({ page }) => {
  await page.goto('/?mockPlan=none#/plans');
  await expect(page.getByTestId('plans-no-profile')).toBeVisible();
  await page.getByTestId('vendor-profile-source').fill('/home/demo/acme');
  await page.getByTestId('vendor-profile-use').click();
  await expect(page.getByTestId('vendor-profile-problem')).toContainText('No such file or directory');
  await expect(page.getByTestId('vendor-profile-source')).toHaveValue('/home/demo/acme');
  await page.getByTestId('vendor-profile-source').fill('https://support.acme.example/helpline-profile.toml');
  await page.getByTestId('vendor-profile-use').click();
  await expect(page.getByTestId('plans-current').getByRole('heading', { level: 2 })).toHaveText('Team');
  await expect(page.getByTestId('plans-reason')).toContainText('default');
});
