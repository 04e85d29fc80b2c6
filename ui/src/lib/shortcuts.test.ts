import { describe, expect, it } from 'vitest';
import { isAskShortcut, isEditableTarget, isSearchShortcut, type ShortcutKey } from './shortcuts';

function press(key: string, extra: Partial<ShortcutKey> = {}): ShortcutKey {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, target: null, ...extra };
}

const input = { tagName: 'INPUT', type: 'search', isContentEditable: false } as unknown as EventTarget;
const radio = { tagName: 'INPUT', type: 'radio', isContentEditable: false } as unknown as EventTarget;
const textarea = { tagName: 'TEXTAREA' } as unknown as EventTarget;
const select = { tagName: 'SELECT' } as unknown as EventTarget;
const editable = { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget;
const button = { tagName: 'BUTTON', isContentEditable: false } as unknown as EventTarget;

describe('search shortcuts', () => {
  it('knows which targets take typed text', () => {
    expect([input, textarea, select, editable].map(isEditableTarget)).toEqual([true, true, true, true]);
    expect(isEditableTarget(button)).toBe(false);
    expect(isEditableTarget(radio)).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });

  it('takes / outside fields only', () => {
    expect(isSearchShortcut(press('/'))).toBe(true);
    expect(isSearchShortcut(press('/', { target: button }))).toBe(true);
    expect(isSearchShortcut(press('/', { target: radio }))).toBe(true);
    for (const target of [input, textarea, select, editable]) {
      expect(isSearchShortcut(press('/', { target }))).toBe(false);
    }
    expect(isSearchShortcut(press('/', { ctrlKey: true }))).toBe(false);
    expect(isSearchShortcut(press('/', { altKey: true }))).toBe(false);
  });

  it('takes Ctrl+K and ⌘K everywhere, fields included', () => {
    expect(isSearchShortcut(press('k', { ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(press('K', { ctrlKey: true, target: input }))).toBe(true);
    expect(isSearchShortcut(press('k', { metaKey: true }))).toBe(true);
  });

  it('ignores other keys and combinations', () => {
    expect(isSearchShortcut(press('k'))).toBe(false);
    expect(isSearchShortcut(press('k', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSearchShortcut(press('k', { ctrlKey: true, altKey: true }))).toBe(false);
    expect(isSearchShortcut(press('a', { ctrlKey: true }))).toBe(false);
    expect(isSearchShortcut(press('/', { isComposing: true }))).toBe(false);
  });
});

describe('isAskShortcut', () => {
  const key = (over: Partial<ShortcutKey>): ShortcutKey => ({
    key: 'A', ctrlKey: true, metaKey: false, altKey: false, shiftKey: true, target: null, ...over,
  });
  it('is Ctrl+Shift+A or Cmd+Shift+A, typed anywhere', () => {
    expect(isAskShortcut(key({}))).toBe(true);
    expect(isAskShortcut(key({ ctrlKey: false, metaKey: true }))).toBe(true);
    expect(isAskShortcut(key({ shiftKey: false, key: 'a' }))).toBe(false);
    expect(isAskShortcut(key({ altKey: true }))).toBe(false);
    expect(isAskShortcut(key({ isComposing: true }))).toBe(false);
  });
});
