//! The running desk's shared state, and the actions the back-office and `DemoHandle`
//! take on it.

mod requests;
mod status_page;

pub(crate) use requests::{AgentRef, AgentReply};
pub use requests::{AttachmentFile, RequestDraft};
pub use status_page::{NewIncident, NewMaintenance};

use std::sync::{Arc, Mutex};
use tokio::task::AbortHandle;

use crate::auto_reply;
use crate::clock::now_seconds;
use crate::faults::FaultSet;
use crate::seed;
use crate::store::Store;
use crate::zendesk::rate_limit::{ApiTraffic, RateLimiter};
use crate::{DemoConfig, DemoError};

pub(crate) struct Desk {
    pub store: Store,
    pub config: DemoConfig,
    /// `http://127.0.0.1:PORT`, for URLs when a request carries no usable `Host`.
    pub base_url: String,
    pub faults: FaultSet,
    pub rate_limits: RateLimiter,
    pub api_traffic: ApiTraffic,
    /// Pending automatic replies, cancelled on reset and shutdown.
    background: Mutex<Vec<AbortHandle>>,
}

impl Desk {
    pub(crate) fn new(store: Store, config: DemoConfig, base_url: String) -> Desk {
        Desk {
            store,
            config,
            base_url,
            faults: FaultSet::default(),
            rate_limits: RateLimiter::default(),
            api_traffic: ApiTraffic::default(),
            background: Mutex::new(Vec::new()),
        }
    }

    /// Answers a new request as an agent after the configured delay, if one is configured.
    pub(crate) fn schedule_auto_reply(self: &Arc<Self>, request_id: i64, french: bool) {
        let Some(delay) = self.config.agent_reply_delay else {
            return;
        };
        // Weak, so a pending reply does not keep a shut-down desk alive.
        let desk = Arc::downgrade(self);
        let task = tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let Some(desk) = desk.upgrade() else {
                return;
            };
            let reply = AgentReply {
                body: auto_reply::reply_text(french).to_owned(),
                html_body: None,
                author: Some(AgentRef::Id(if french {
                    seed::AGENT_CAMILLE_ID
                } else {
                    seed::AGENT_ALEX_ID
                })),
                attachments: vec![],
            };
            if let Err(error) = desk.agent_reply(request_id, reply).await {
                tracing::warn!(%error, request_id, "automatic agent reply failed");
            }
        });
        let mut background = self.background.lock().unwrap_or_else(|p| p.into_inner());
        background.retain(|task| !task.is_finished());
        background.push(task.abort_handle());
    }

    pub(crate) fn cancel_background_work(&self) {
        let mut background = self.background.lock().unwrap_or_else(|p| p.into_inner());
        for task in background.drain(..) {
            task.abort();
        }
    }

    /// Back to the freshly seeded state: data, rate-limit budgets and pending replies
    /// (injected faults stay until cleared).
    /// Replaces a user's tags (how a vendor's agents mark the plan a customer is on).
    pub(crate) async fn set_user_tags(
        &self,
        user_id: i64,
        tags: Vec<String>,
    ) -> Result<(), DemoError> {
        self.store
            .run(move |connection| {
                let changed =
                    crate::store::users::set_tags(connection, user_id, &tags, now_seconds())?;
                if changed == 0 {
                    return Err(DemoError::not_found("user", user_id));
                }
                Ok(())
            })
            .await
    }

    pub(crate) async fn reset(&self) -> Result<(), DemoError> {
        self.cancel_background_work();
        self.rate_limits.reset();
        let with_samples = self.config.seed;
        self.store
            .run(move |connection| seed::reseed(connection, with_samples, now_seconds()))
            .await
    }
}
