// Small helpers every part of the mock backend uses (mock.ts, mock-sign-in.ts, mock-tickets/).

import type { TextPart, WireError } from '../bindings';
import type { Backend } from './index';

/** Called first by every mock command: rejects when the query string asked it to (`mockFail`). */
export type FailIfAsked = (method: keyof Backend) => void;

/** Lower-cases and strips accents, so the mock forgives what the real index forgives most. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Marks the words of `text` that start with one of `words` (folded), as the search does. */
export function highlight(text: string, words: string[]): TextPart[] {
  const parts: TextPart[] = [];
  for (const piece of text.split(/(\s+)/)) {
    const highlighted = piece.trim() !== '' && words.some((word) => fold(piece).startsWith(word));
    const last = parts.at(-1);
    if (last && !last.highlighted && !highlighted) last.text += piece;
    else parts.push({ text: piece, highlighted });
  }
  return parts;
}

export function wireError(code: WireError['code'], message: string): WireError {
  return { code, message };
}

/** The lists on `window` where the mock records what the UI tests cannot see otherwise. */
type WindowRecord = '__mockOpened' | '__mockAttached' | '__mockDetached' | '__mockSavedSettings';

/** Adds `value` to one of the lists on `window` that the UI tests read; nothing outside a browser. */
export function recordOnWindow(list: WindowRecord, value: string): void {
  if (typeof window === 'undefined') return;
  const lists = window as unknown as Partial<Record<WindowRecord, string[]>>;
  lists[list] = [...(lists[list] ?? []), value];
}
