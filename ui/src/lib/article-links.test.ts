import { describe, expect, it } from 'vitest';
import { linkAction } from './article-links';

describe('article links', () => {
  it('follows links to other articles inside the app', () => {
    expect(linkAction('#/article/1002')).toEqual({ kind: 'article', hash: '#/article/1002' });
  });

  it('opens web addresses in the browser', () => {
    expect(linkAction('https://example.com/help')).toEqual({ kind: 'web', url: 'https://example.com/help' });
    expect(linkAction('HTTP://example.com')).toEqual({ kind: 'web', url: 'HTTP://example.com' });
  });

  it('blocks everything else', () => {
    for (const href of [null, '', '#top', '#/article/', '#/settings', 'mailto:help@example.com', 'file:///etc/passwd', 'javascript:alert(1)', '/local', 'https://']) {
      expect(linkAction(href), String(href)).toEqual({ kind: 'blocked' });
    }
  });
});
