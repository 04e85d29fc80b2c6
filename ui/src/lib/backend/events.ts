import type { TicketsUpdated } from '../bindings';

export type TicketsUpdatedListener = (payload: TicketsUpdated) => void;

const mockListeners = new Set<TicketsUpdatedListener>();

/** What the mock desk uses in place of the Tauri event `tickets-updated`. */
export function emitMockTicketsUpdated(payload: TicketsUpdated): void {
  for (const listener of [...mockListeners]) listener(structuredClone(payload));
}

export function listenMockTicketsUpdated(listener: TicketsUpdatedListener): () => void {
  mockListeners.add(listener);
  return () => mockListeners.delete(listener);
}
