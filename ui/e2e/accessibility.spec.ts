import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Every screen in its main states, audited with axe-core against WCAG 2.1 A and AA, in the
// light and dark themes and in French: any violation fails, so a new one cannot land unseen.

type Variant = { name: string; colorScheme: 'light' | 'dark'; query: string };

const variants: Variant[] = [
  { name: 'light', colorScheme: 'light', query: '' },
  { name: 'dark', colorScheme: 'dark', query: '' },
  { name: 'French', colorScheme: 'light', query: '?mockSystemLanguage=fr' },
];

type State = { name: string; hash: string; ready: (page: Page) => Promise<void> };

const heading = (page: Page) => page.locator('main h1');

const states: State[] = [
  {
    name: 'search, empty (get started)',
    hash: '#/search',
    ready: async (page) => {
      await expect(page.getByTestId('search-input')).toBeVisible();
      await expect(page.getByTestId('start-here')).toBeVisible();
    },
  },
  {
    name: 'search, results',
    hash: '#/search',
    ready: async (page) => {
      await page.getByTestId('search-input').fill('export');
      await expect(page.getByTestId('search-result')).not.toHaveCount(0);
    },
  },
  {
    name: 'search, no results',
    hash: '#/search',
    ready: async (page) => {
      await page.getByTestId('search-input').fill('zzzxq');
      await expect(page.getByTestId('search-no-results')).toBeVisible();
    },
  },
  { name: 'article', hash: '#/article/1003', ready: async (page) => expect(page.getByTestId('article-body')).toBeVisible() },
  { name: 'tickets list', hash: '#/tickets', ready: async (page) => expect(page.getByTestId('ticket-row').first()).toBeVisible() },
  {
    name: 'a ticket',
    hash: '#/tickets/101',
    ready: async (page) => expect(page.getByTestId('comment')).toHaveCount(3),
  },
  {
    name: 'a ticket, asking before Mark as solved',
    hash: '#/tickets/102',
    ready: async (page) => {
      await page.getByTestId('solve-button').click();
      await expect(page.getByTestId('solve-confirm')).toBeVisible();
    },
  },
  {
    name: 'new ticket, errors shown',
    hash: '#/tickets/new',
    ready: async (page) => {
      await page.getByTestId('kind-bug').check();
      await page.getByTestId('submit-ticket').click();
      await expect(page.getByTestId('form-invalid')).toBeVisible();
      await expect(page.getByTestId('field-error-productionAffected')).toBeVisible();
    },
  },
  { name: 'settings', hash: '#/settings', ready: async (page) => expect(page.getByTestId('account-state')).toBeVisible() },
  { name: 'plans', hash: '#/plans', ready: async (page) => expect(heading(page)).toBeVisible() },
  { name: 'status', hash: '#/status', ready: async (page) => expect(heading(page)).toBeVisible() },
];

/** The violations as lines a reader can act on: rule, impact, and the elements concerned. */
function described(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string[] {
  return violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .slice(0, 4)
        .map((node) => `${node.target.join(' ')}${node.any[0]?.message ? ` [${node.any[0].message}]` : ''}`)
        .join('; ')}`,
  );
}

for (const variant of variants) {
  test.describe(variant.name, () => {
    test.use({ colorScheme: variant.colorScheme });
    for (const state of states) {
      test(`${state.name}: no WCAG 2.1 A/AA violations`, async ({ page }) => {
        await page.goto(`/${variant.query}${state.hash}`);
        await expect(heading(page)).toBeVisible();
        await state.ready(page);
        // Let transitions and late loads (status, coverage) settle before reading colours.
        await page.waitForTimeout(300);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        expect(described(results.violations)).toEqual([]);
      });
    }
  });
}

// What axe does not measure: the contrast of non-text cues (WCAG 1.4.11) and a few looks.

/** The contrast ratio of two CSS colours (rgb()/rgba(), opaque). */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
      const channel = Number(part) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** A property's colour on the element, and the opaque background it is seen against. */
async function colours(page: Page, selector: string, property: string): Promise<{ colour: string; behind: string }> {
  return page.locator(selector).first().evaluate((element, property) => {
    const colour = getComputedStyle(element).getPropertyValue(property);
    let behind = 'rgb(255, 255, 255)';
    for (let at: Element | null = element.parentElement; at; at = at.parentElement) {
      const background = getComputedStyle(at).backgroundColor;
      if (background !== 'rgba(0, 0, 0, 0)' && background !== 'transparent') {
        behind = background;
        break;
      }
    }
    return { colour, behind };
  }, property);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme}, non-text contrast`, () => {
    test.use({ colorScheme });

    test('field borders are 3:1 against the page', async ({ page }) => {
      await page.goto('/#/tickets/new');
      for (const selector of ['[data-testid="field-subject"]', '[data-testid="field-problem"]', '[data-testid="field-priority"]']) {
        const { colour, behind } = await colours(page, selector, 'border-top-color');
        expect(contrast(colour, behind), selector).toBeGreaterThanOrEqual(3);
      }
      await page.goto('/#/tickets');
      const { colour, behind } = await colours(page, '[data-testid="ticket-search"]', 'border-top-color');
      expect(contrast(colour, behind)).toBeGreaterThanOrEqual(3);
      await page.goto('/#/search');
      const search = await colours(page, '[data-testid="search-input"] >> xpath=..', 'border-top-color');
      expect(contrast(search.colour, search.behind)).toBeGreaterThanOrEqual(3);
    });

    test('the search box’s focus ring is 3:1 against the page', async ({ page }) => {
      await page.goto('/#/search');
      await expect(page.getByTestId('search-input')).toBeFocused();
      // The ring is the box's 2px shadow (the input inside has none of its own).
      const { colour: shadow, behind } = await colours(page, '[data-testid="search-input"] >> xpath=..', 'box-shadow');
      expect(shadow).toMatch(/ 0px 0px 0px 2px$/);
      expect(contrast(shadow.match(/rgba?\([^)]*\)/)![0], behind)).toBeGreaterThanOrEqual(3);
    });

    test('an unchecked radio is an empty ring, a checked one has its dot', async ({ page }) => {
      await page.goto('/#/settings');
      const radios = page.locator('input[type="radio"]');
      await expect(radios.first()).toBeVisible();
      const looks = await radios.evaluateAll((inputs) =>
        inputs.map((input) => ({
          checked: (input as HTMLInputElement).checked,
          dot: getComputedStyle(input, '::before').transform,
          appearance: getComputedStyle(input).appearance,
        })),
      );
      expect(looks.some((look) => look.checked)).toBe(true);
      expect(looks.some((look) => !look.checked)).toBe(true);
      for (const look of looks) {
        expect(look.appearance).toBe('none');
        // scale(0) while unchecked: nothing inside the ring.
        expect(look.dot === 'matrix(0, 0, 0, 0, 0, 0)').toBe(!look.checked);
      }
      const unchecked = await colours(page, 'input[type="radio"]:not(:checked)', 'border-top-color');
      expect(contrast(unchecked.colour, unchecked.behind)).toBeGreaterThanOrEqual(3);
    });
  });
}

test('a ticket row’s focus ring is drawn inside the virtual list, where it is not clipped', async ({ page }) => {
  await page.goto('/#/tickets');
  await page.getByTestId('ticket-search').focus();
  await page.keyboard.press('Tab');
  const row = page.getByTestId('ticket-row').first();
  await expect(row).toBeFocused();
  const { outline, rowBox, frameBox } = await row.evaluate((element) => {
    const style = getComputedStyle(element);
    const frame = element.closest('[data-testid="ticket-list"]')!;
    return {
      outline: { width: parseFloat(style.outlineWidth), offset: parseFloat(style.outlineOffset), style: style.outlineStyle },
      rowBox: element.getBoundingClientRect().toJSON() as DOMRect,
      frameBox: frame.getBoundingClientRect().toJSON() as DOMRect,
    };
  });
  expect(outline.style).toBe('solid');
  expect(outline.width).toBeGreaterThanOrEqual(2);
  // The ring's outer edge, inside the row's own box, and the row inside the list's frame.
  expect(outline.offset + outline.width).toBeLessThanOrEqual(0);
  expect(rowBox.left).toBeGreaterThanOrEqual(frameBox.left);
  expect(rowBox.right).toBeLessThanOrEqual(frameBox.right);
  expect(rowBox.top).toBeGreaterThanOrEqual(frameBox.top);
});

test('the production question’s error is linked from its fieldset, not from one answer', async ({ page }) => {
  await page.goto('/#/tickets/new');
  await page.getByTestId('kind-bug').check();
  await page.getByTestId('submit-ticket').click();
  await expect(page.getByTestId('field-error-productionAffected')).toBeVisible();
  await expect(page.getByTestId('field-production')).toHaveAttribute('aria-describedby', 'error-productionAffected');
  await expect(page.getByTestId('field-production')).toHaveAccessibleDescription('Say whether production is affected.');
  await expect(page.getByTestId('field-production-yes')).not.toHaveAttribute('aria-describedby', /.*/);
  await expect(page.getByTestId('field-production-no')).not.toHaveAttribute('aria-describedby', /.*/);
});

test.describe('at 320 CSS px wide (a 640 px window at 200%)', () => {
  test.use({ viewport: { width: 320, height: 480 } });

  for (const state of states) {
    test(`${state.name}: the navigation folds into a bar and the content keeps the width`, async ({ page }) => {
      await page.goto(`/${state.hash}`);
      await expect(heading(page)).toBeVisible();
      await state.ready(page);
      const layout = await page.evaluate(() => {
        const main = document.querySelector('main')!;
        const nav = document.querySelector('nav')!;
        const style = getComputedStyle(main);
        return {
          content: main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
          mainOverflow: main.scrollWidth - main.clientWidth,
          pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
          navBottom: nav.getBoundingClientRect().bottom,
          mainTop: main.getBoundingClientRect().top,
        };
      });
      expect(layout.content).toBeGreaterThanOrEqual(280);
      // Nothing to scroll sideways: the content reflows.
      expect(layout.mainOverflow).toBeLessThanOrEqual(0);
      expect(layout.pageOverflow).toBeLessThanOrEqual(0);
      expect(layout.navBottom).toBeLessThanOrEqual(layout.mainTop);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(described(results.violations)).toEqual([]);
    });
  }

  test('the bar’s icons keep the screens’ names and go where they say', async ({ page }) => {
    await page.goto('/');
    const nav = page.getByRole('navigation');
    for (const name of ['Search', 'Status', 'Plans & SLA', 'Settings']) {
      await expect(nav.getByRole('link', { name, exact: true })).toBeInViewport();
    }
    await nav.getByRole('link', { name: /^Tickets/ }).click();
    await expect(heading(page)).toHaveText('My tickets');
    await expect(page.getByTestId('nav-unread')).toBeInViewport();
    await expect(page.getByTestId('talk-to-us-button')).toBeInViewport();
  });
});
