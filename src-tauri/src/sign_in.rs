//! The sign-in under way, if any: started by one command (which opens the browser), awaited by
//! another, and cancellable by a third while the second waits.

use std::time::Duration;

use helpline_core::{ErrorCode, PendingSignIn, SignedIn, WireError};
use tokio::sync::{oneshot, Mutex};

/// How long the app waits for the browser before giving up: time to sign in to the desk
/// (perhaps with a second factor) and approve.
const BROWSER_WAIT: Duration = Duration::from_secs(5 * 60);

#[derive(Default)]
pub struct SignInSlot {
    pending: Mutex<Option<PendingSignIn>>,
    cancel: Mutex<Option<oneshot::Sender<()>>>,
}

impl SignInSlot {
    /// Holds `pending`, replacing (and so stopping) any earlier sign-in.
    pub async fn hold(&self, pending: PendingSignIn) {
        self.cancel().await;
        *self.pending.lock().await = Some(pending);
    }

    /// Waits for the browser to come back to the sign-in held.
    pub async fn wait(&self) -> Result<SignedIn, WireError> {
        let pending = self.pending.lock().await.take().ok_or_else(|| {
            WireError::new(
                ErrorCode::Conflict,
                "No sign-in is under way. Start again with “Sign in with your browser”.",
            )
        })?;
        let (cancel, cancelled) = oneshot::channel();
        *self.cancel.lock().await = Some(cancel);
        tokio::select! {
            finished = tokio::time::timeout(BROWSER_WAIT, pending.finish()) => match finished {
                Ok(signed_in) => Ok(signed_in?),
                Err(_) => Err(WireError::new(
                    ErrorCode::AuthExpired,
                    "No answer came back from the browser within 5 minutes. Start the sign-in again.",
                )),
            },
            _ = cancelled => Err(WireError::new(ErrorCode::Conflict, "The sign-in was cancelled.")),
        }
    }

    /// Stops the sign-in under way, whether or not someone waits for it.
    pub async fn cancel(&self) {
        self.pending.lock().await.take();
        if let Some(cancel) = self.cancel.lock().await.take() {
            let _ = cancel.send(());
        }
    }
}
