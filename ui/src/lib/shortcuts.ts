/** The parts of a key event the search shortcuts look at. */
export type ShortcutKey = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'target'> & {
  isComposing?: boolean;
};

/** Inputs that take no typed text: `/` pressed on them is still the shortcut. */
const KEYLESS_INPUTS = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

/** True when typing in `target` would insert text there: fields, lists and editable regions. */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const element = target as { tagName?: unknown; type?: unknown; isContentEditable?: unknown };
  if (element.isContentEditable === true) return true;
  const tag = typeof element.tagName === 'string' ? element.tagName.toLowerCase() : '';
  if (tag === 'input') return !KEYLESS_INPUTS.has(String(element.type ?? 'text').toLowerCase());
  return tag === 'textarea' || tag === 'select';
}

/**
 * `Ctrl+K` (or `⌘K`) from anywhere, or `/` when it would not be typed into a field, jumps to
 * the search box.
 */
export function isSearchShortcut(event: ShortcutKey): boolean {
  if (event.isComposing) return false;
  const key = event.key.toLowerCase();
  if (key === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) return true;
  return (
    event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isEditableTarget(event.target)
  );
}

/** Calls `onSearch` for the search shortcuts pressed in `target`; returns the uninstaller. */
export function installSearchShortcuts(target: Window, onSearch: () => void): () => void {
  const listener = (event: KeyboardEvent) => {
    if (event.defaultPrevented || !isSearchShortcut(event)) return;
    event.preventDefault();
    onSearch();
  };
  target.addEventListener('keydown', listener);
  return () => target.removeEventListener('keydown', listener);
}

/** `Ctrl+Shift+A` (or `⌘⇧A`), "ask", from anywhere: the "Talk to us" box. */
export function isAskShortcut(event: ShortcutKey): boolean {
  if (event.isComposing) return false;
  return event.key.toLowerCase() === 'a' && (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey;
}
