import { commands, events, type PlatformStatus, type TicketsUpdated, type WireError } from '../bindings';
import { listenMockTicketsUpdated } from './events';
import { createMockBackend } from './mock';
import { listenMockStatusUpdated } from './mock-support';

/**
 * Everything the UI asks of the Rust side. The type is the generated command list itself, so a
 * method or type is never written twice; the mock must match it too.
 */
export type Backend = typeof commands;

/**
 * Whether this build carries the in-memory mock: the dev server and the UI tests' build
 * (`--mode mock`) do; the app's own build (`production`) does not, so the mock's code never
 * ships. Vite replaces `MODE` at build time and the unused branch is dropped.
 */
const MOCK_AVAILABLE = import.meta.env.MODE !== 'production';

/** True inside the Tauri webview, false in a plain browser (dev server, UI tests). */
function runningInTauri(): boolean {
  return '__TAURI_INTERNALS__' in window;
}

/** The real backend inside the app; the in-memory mock in a plain browser. */
export const backend: Backend =
  MOCK_AVAILABLE && !runningInTauri() ? createMockBackend(location.search) : commands;

/**
 * Calls `callback` after every sync (the Tauri event `tickets-updated`, or the mock desk's
 * own) until the returned function is called. Listening starts asynchronously; stopping before
 * it has started is fine. `onListening` runs once it has started: a screen that read the store
 * before then reads it again, so a sync that landed in between is not missed.
 */
export function onTicketsUpdated(callback: (update: TicketsUpdated) => void, onListening?: () => void): () => void {
  let stopped = false;
  let stop: (() => void) | undefined;
  const listening =
    MOCK_AVAILABLE && !runningInTauri()
      ? Promise.resolve(listenMockTicketsUpdated(callback))
      : events.ticketsUpdated.listen((event) => callback(event.payload));
  void listening.then((unlisten) => {
    if (stopped) unlisten();
    else {
      stop = unlisten;
      onListening?.();
    }
  });
  return () => {
    stopped = true;
    stop?.();
  };
}

/**
 * Calls `callback` after every check of the vendor's status page (the Tauri event
 * `status-updated`, or the mock's own) until the returned function is called.
 */
export function onStatusUpdated(callback: (status: PlatformStatus) => void): () => void {
  let stopped = false;
  let stop: (() => void) | undefined;
  const listening =
    MOCK_AVAILABLE && !runningInTauri()
      ? Promise.resolve(listenMockStatusUpdated((payload) => callback(payload.status)))
      : events.statusUpdated.listen((event) => callback(event.payload.status));
  void listening.then((unlisten) => {
    if (stopped) unlisten();
    else stop = unlisten;
  });
  return () => {
    stopped = true;
    stop?.();
  };
}

/**
 * Calls `callback` with the screen to show when the app asks for one (a desktop notification
 * was clicked), until the returned function is called. The mock never asks.
 */
export function onNavigationRequested(callback: (hash: string) => void): () => void {
  if (MOCK_AVAILABLE && !runningInTauri()) return () => {};
  let stopped = false;
  let stop: (() => void) | undefined;
  void events.navigationRequested
    .listen((event) => callback(event.payload.hash))
    .then((unlisten) => {
      if (stopped) unlisten();
      else stop = unlisten;
    });
  return () => {
    stopped = true;
    stop?.();
  };
}

/** A command's rejection carries a `WireError`; anything else is turned into one. */
export function asWireError(error: unknown): WireError {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    return error as WireError;
  }
  return { code: 'internal', message: String(error) };
}
