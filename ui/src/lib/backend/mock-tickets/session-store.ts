// Where the mock desk keeps its drafts across page reloads: sessionStorage, as JSON. When there is
// no storage (Vitest runs in Node) or it is full, the mock only forgets them.

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** What was stored under `key`, or `fallback` when nothing (readable) was. */
export function load<T>(key: string, fallback: T): T {
  try {
    const text = storage()?.getItem(key);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

/** Stores `value` under `key`; null removes it. */
export function store(key: string, value: unknown): void {
  try {
    if (value === null) storage()?.removeItem(key);
    else storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // A full or missing storage only loses the mock's memory across reloads.
  }
}
