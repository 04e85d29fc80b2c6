import { asWireError, backend } from './backend';
import type { DeskStatus, SignInStarted, WireError } from './bindings';
import { LatestRequest } from './latest';

/**
 * Signing in to a help desk, kept outside Settings: the browser may take minutes, and the user
 * can read an article or their tickets meanwhile and come back to the same form and wait.
 */
export const deskSignIn = $state({
  /** Exactly what the user typed: never cleared by an error or a cancel. */
  address: '',
  /** Another OAuth client (IT's), or empty for Helpline's own. */
  clientId: '',
  /** `starting` while the address is checked, `waiting` while the browser is out. */
  phase: 'form' as 'form' | 'starting' | 'waiting',
  /** The consent page the browser was asked to open, while waiting. */
  started: null as SignInStarted | null,
  error: null as WireError | null,
});

// A cancelled or replaced attempt must not report back when its answer finally arrives.
const attempts = new LatestRequest();

function backToForm(error: WireError | null): void {
  deskSignIn.phase = 'form';
  deskSignIn.started = null;
  deskSignIn.error = error;
}

/**
 * Opens the browser on the desk's consent page and waits for it; `onConnected` gets the new
 * desk status, even when Settings was left in the meantime.
 */
export async function signIn(onConnected: (desk: DeskStatus) => void): Promise<void> {
  if (deskSignIn.phase !== 'form') return;
  const attempt = attempts.next();
  const clientId = deskSignIn.clientId.trim();
  deskSignIn.phase = 'starting';
  deskSignIn.error = null;
  try {
    const started = await backend.beginSignIn({ deskUrl: deskSignIn.address.trim(), clientId: clientId === '' ? null : clientId });
    if (!attempts.isCurrent(attempt)) return;
    deskSignIn.started = started;
    deskSignIn.phase = 'waiting';
  } catch (error) {
    if (attempts.isCurrent(attempt)) backToForm(asWireError(error));
    return;
  }
  try {
    const desk = await backend.finishSignIn();
    if (!attempts.isCurrent(attempt)) return;
    backToForm(null);
    onConnected(desk);
  } catch (error) {
    if (!attempts.isCurrent(attempt)) return;
    const wire = asWireError(error);
    // `conflict`: the wait was cancelled (here, or by a newer sign-in); nothing to report.
    backToForm(wire.code === 'conflict' ? null : wire);
  }
}

/** Stops waiting for the browser; the form comes back as the user left it. */
export async function cancelSignIn(): Promise<void> {
  attempts.next();
  backToForm(null);
  try {
    await backend.cancelSignIn();
  } catch (error) {
    deskSignIn.error = asWireError(error);
  }
}
