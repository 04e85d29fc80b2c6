/**
 * Where each page of the window's history was scrolled, so that a new page starts at the top
 * and Back (or Forward) finds a page as it was left. The content scrolls in one element (the
 * `<main>` beside the navigation), which the browser never resets itself; each history entry
 * gets a key in its state the first time it is shown.
 */
export interface ScrollMemory {
  /** The page shown changed (a link, Back, Forward): to the top, or where it was left. */
  arrived(): void;
  stop(): void;
}

const KEY = 'helplineScrollKey';

/** How long a restore waits for the page's content (results come from the backend). */
const RESTORE_FRAMES = 60;

export function createScrollMemory(scroller: HTMLElement, history: History = window.history): ScrollMemory {
  const positions = new Map<string, number>();
  let current = '';
  let next = 0;
  let restoring = 0;

  function entryKey(): { key: string; fresh: boolean } {
    const state: unknown = history.state;
    const known = state && typeof state === 'object' ? (state as Record<string, unknown>)[KEY] : undefined;
    if (typeof known === 'string') return { key: known, fresh: false };
    const key = `${Date.now().toString(36)}-${(next += 1)}`;
    const kept = state && typeof state === 'object' ? state : {};
    history.replaceState({ ...kept, [KEY]: key }, '');
    return { key, fresh: true };
  }

  function onscroll(): void {
    if (restoring === 0) positions.set(current, scroller.scrollTop);
  }

  /** Scrolls back to `top` once the page is tall enough for it, or as far as it goes. */
  function restore(top: number): void {
    const attempt = ++restoring;
    let frames = 0;
    const step = () => {
      if (attempt !== restoring) return;
      const reachable = scroller.scrollHeight - scroller.clientHeight >= top;
      if (reachable || frames >= RESTORE_FRAMES) {
        scroller.scrollTop = top;
        restoring = 0;
        positions.set(current, scroller.scrollTop);
        return;
      }
      frames += 1;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }

  scroller.addEventListener('scroll', onscroll, { passive: true });
  return {
    arrived() {
      const { key, fresh } = entryKey();
      current = key;
      restoring = 0;
      const saved = positions.get(key);
      if (fresh || saved === undefined || saved === 0) {
        scroller.scrollTop = 0;
        positions.set(key, 0);
      } else {
        restore(saved);
      }
    },
    stop() {
      scroller.removeEventListener('scroll', onscroll);
    },
  };
}
