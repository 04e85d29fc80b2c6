import type { DeskStatus } from '../bindings';
import type { Backend } from './index';
import { recordOnWindow, wireError, type FailIfAsked } from './mock-shared';

/** The sign-in commands and the desk status they change, as the mock implements them. */
export type SignInCommands = Pick<Backend, 'deskStatus' | 'beginSignIn' | 'finishSignIn' | 'cancelSignIn' | 'signOut'>;

/**
 * What the mock sign-in and the mock ticket sync share: whether the desk still accepts the
 * sign-in. `mockSignedOut` starts signed in to a desk that no longer does (its refresh token
 * expired), so the ticket sync reports `signedOut` until the user signs in again.
 */
export type MockSession = { signedOut: boolean };

export function createMockSession(params: URLSearchParams): MockSession {
  return { signedOut: params.has('mockSignedOut') };
}

const DEMO: DeskStatus = { mode: 'demo', url: 'http://127.0.0.1:8765' };
const USER = { userName: 'Dana Demo', userEmail: 'dana@example.com' };
/** The desk `mockSignedOut` starts signed in to. */
const EXPIRED_DESK: DeskStatus = { mode: 'connected', url: 'https://acme.zendesk.com', ...USER };
const DEFAULT_CLIENT_ID = 'helpline_desktop';
const BAD_ADDRESS = "Enter your help desk's address, like https://yourcompany.zendesk.com.";
const REFUSED = 'The desk refused the sign-in: access_denied. Try again, and choose Allow in the browser.';

/**
 * The desk's origin for what the user typed, or null when it is not a desk address: an https
 * address (`help.acme.com` gains `https://`), a bare Zendesk subdomain (`acme` is
 * https://acme.zendesk.com), or plain http on this computer only (a local test desk). As
 * `desk_address` in core/src/signin.rs.
 */
export function deskOrigin(typed: string): string | null {
  const text = typed.trim();
  if (text === '') return null;
  if (/^[a-z0-9-]+$/i.test(text)) return `https://${text.toLowerCase()}.zendesk.com`;
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.hostname === '') return null;
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1')) return url.origin;
  return null;
}

type PendingSignIn = { origin: string; cancelled: boolean; stopWaiting: (() => void) | null };

function cancel(signIn: PendingSignIn | null): void {
  if (!signIn) return;
  signIn.cancelled = true;
  signIn.stopWaiting?.();
}

/**
 * Signing in to a desk without a browser: the user "answers" in the browser after `mockDelay`
 * ms (300 by default). `mockNoBrowser` reports that the browser did not open;
 * `mockSignInRefused` makes the desk refuse the sign-in; `mockSignedOut` starts signed in to
 * https://acme.zendesk.com, whose sign-in expired (see {@link MockSession}). Signing in again
 * works from a connected desk too, and makes the session valid again.
 */
export function createMockSignIn(
  params: URLSearchParams,
  failIfAsked: FailIfAsked,
  session: MockSession = createMockSession(params),
): SignInCommands {
  const delay = Number(params.get('mockDelay') ?? 300);
  const browserOpens = !params.has('mockNoBrowser');
  const refused = params.has('mockSignInRefused');
  let desk: DeskStatus = session.signedOut ? EXPIRED_DESK : DEMO;
  /** The sign-in started last, until it is finished or cancelled. */
  let pending: PendingSignIn | null = null;

  return {
    async deskStatus() {
      failIfAsked('deskStatus');
      return { ...desk };
    },
    async beginSignIn(request) {
      failIfAsked('beginSignIn');
      const origin = deskOrigin(request.deskUrl);
      if (!origin) throw wireError('invalid_input', BAD_ADDRESS);
      // A new sign-in replaces one still waiting, as starting over in the app does.
      cancel(pending);
      pending = { origin, cancelled: false, stopWaiting: null };
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: request.clientId?.trim() || DEFAULT_CLIENT_ID,
        redirect_uri: 'http://127.0.0.1:47615/callback',
        scope: 'read write',
        state: 'mock-state',
        code_challenge: 'mock-challenge',
        code_challenge_method: 'S256',
      });
      const authorizeUrl = `${origin}/oauth/authorizations/new?${query}`;
      // Recorded as the mock's openInBrowser records what it opens, for the UI tests.
      if (browserOpens) recordOnWindow('__mockOpened', authorizeUrl);
      return { authorizeUrl, browserOpened: browserOpens };
    },
    async finishSignIn() {
      failIfAsked('finishSignIn');
      const waiting = pending;
      if (!waiting || waiting.cancelled) throw wireError('conflict', 'No sign-in is waiting for the browser.');
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, delay);
        waiting.stopWaiting = () => {
          clearTimeout(timer);
          reject(wireError('conflict', 'The sign-in was cancelled.'));
        };
      });
      if (pending === waiting) pending = null;
      if (refused) throw wireError('auth_expired', REFUSED);
      desk = { mode: 'connected', url: waiting.origin, ...USER };
      session.signedOut = false;
      return { ...desk };
    },
    async cancelSignIn() {
      failIfAsked('cancelSignIn');
      cancel(pending);
      pending = null;
      return null;
    },
    async signOut() {
      failIfAsked('signOut');
      desk = DEMO;
      session.signedOut = false;
      return { ...desk };
    },
  };
}
