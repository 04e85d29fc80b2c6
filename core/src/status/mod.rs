//! The vendor's platform status: [`StatusWatch`] polls its public Statuspage
//! ([`StatuspageClient`], conditional requests), keeps the documents in the desk's store so the
//! Status screen works offline with the age of what it shows, and turns changes into
//! [`Happening::Incident`]s — a new incident, a new update, its resolution — each announced
//! once, across restarts. The first successful check is the baseline: what was already going on
//! shows on screen but is not announced.

mod client;
mod view;
mod wire;

#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;

use jiff::Timestamp;

pub use client::{StatusPageError, StatuspageClient};
pub use view::{ComponentView, IncidentView, PlatformStatus, StatusProblem, UpdateView};
pub use wire::{ComponentState, Indicator};

use crate::notify::{Happening, IncidentPhase};
use crate::store::status::{Announced, StatusDocument};
use crate::store::{Store, StoreError};
use client::{Fetched, Validators};
use wire::{RecentIncidents, Summary, WireIncident};

const SUMMARY: &str = "summary.json";
/// The most recent incidents, resolved ones included: the history, and how an incident that
/// left the summary ended.
const INCIDENTS: &str = "incidents.json";
/// The history is read again this often even when nothing seems to have ended.
const HISTORY_EVERY: Duration = Duration::from_secs(30 * 60);

/// How often the page is read: often while something is going on, seldom when all is quiet,
/// backing off after failures (a status page is often busiest when it matters).
pub const CHECK_ACTIVE: Duration = Duration::from_secs(60);
pub const CHECK_QUIET: Duration = Duration::from_secs(180);
const CHECK_FAILING_FIRST: Duration = Duration::from_secs(30);
const CHECK_FAILING_MOST: Duration = Duration::from_secs(600);

/// What one check brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusUpdate {
    pub status: PlatformStatus,
    /// New incidents, new updates, resolutions; never one already announced.
    pub happenings: Vec<Happening>,
}

#[derive(Default)]
struct Health {
    problem: Option<StatusProblem>,
    failures: u32,
    retry_after: Option<Duration>,
}

pub struct StatusWatch {
    client: Option<StatuspageClient>,
    store: Store,
    health: Mutex<Health>,
    /// One check at a time (the schedule and "Check now" may meet).
    checking: tokio::sync::Mutex<()>,
}

#[derive(Debug, thiserror::Error)]
pub enum StatusError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl StatusWatch {
    /// Watches the page at `page_url` (`None`: the vendor has none), keeping what it learns in
    /// `store`.
    pub fn new(page_url: Option<&str>, store: Store) -> Result<Self, StatusPageError> {
        let client = page_url.map(StatuspageClient::new).transpose()?;
        Ok(Self {
            client,
            store,
            health: Mutex::new(Health::default()),
            checking: tokio::sync::Mutex::new(()),
        })
    }

    pub fn requests_sent(&self) -> u64 {
        self.client
            .as_ref()
            .map_or(0, StatuspageClient::requests_sent)
    }

    /// The last known status, from the store (no network).
    pub fn current(&self) -> Result<PlatformStatus, StatusError> {
        if self.client.is_none() {
            return Ok(PlatformStatus::not_configured());
        }
        let summary_document = self.store.status_document(SUMMARY)?;
        let summary: Option<Summary> = summary_document
            .as_ref()
            .and_then(|document| serde_json::from_str(&document.body).ok());
        let recent: Option<RecentIncidents> = self
            .store
            .status_document(INCIDENTS)?
            .and_then(|document| serde_json::from_str(&document.body).ok());
        let checked_at = summary_document
            .and_then(|document| Timestamp::from_millisecond(document.checked_at_ms).ok());
        let problem = self
            .health
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .problem;
        Ok(PlatformStatus::build(
            summary.as_ref(),
            recent.as_ref(),
            checked_at,
            problem,
            Timestamp::now(),
        ))
    }

    /// Reads the page once (conditionally), stores what changed, and says what is news.
    pub async fn check(&self) -> Result<StatusUpdate, StatusError> {
        let Some(client) = &self.client else {
            return Ok(StatusUpdate {
                status: PlatformStatus::not_configured(),
                happenings: Vec::new(),
            });
        };
        let _one_at_a_time = self.checking.lock().await;
        let outcome = self.check_with(client).await;
        let happenings = {
            let mut health = self.health.lock().unwrap_or_else(|p| p.into_inner());
            match outcome {
                Ok(happenings) => {
                    *health = Health::default();
                    happenings
                }
                Err(Trouble::Page(error)) => {
                    tracing::info!(%error, "the status page could not be read");
                    health.failures += 1;
                    health.retry_after = match &error {
                        StatusPageError::Slowed { retry_after } => *retry_after,
                        _ => None,
                    };
                    health.problem = Some(problem_of(&error));
                    Vec::new()
                }
                Err(Trouble::Store(error)) => return Err(error.into()),
            }
        };
        Ok(StatusUpdate {
            status: self.current()?,
            happenings,
        })
    }

    /// When to check next after the last check.
    pub fn next_check(&self, status: &PlatformStatus) -> Duration {
        let health = self.health.lock().unwrap_or_else(|p| p.into_inner());
        if health.failures > 0 {
            let backoff = CHECK_FAILING_FIRST
                .saturating_mul(1 << health.failures.min(6).saturating_sub(1))
                .min(CHECK_FAILING_MOST);
            return backoff.max(health.retry_after.unwrap_or_default());
        }
        let active = !status.incidents.is_empty()
            || status
                .maintenances
                .iter()
                .any(|maintenance| maintenance.status != "scheduled");
        if active {
            CHECK_ACTIVE
        } else {
            CHECK_QUIET
        }
    }

    /// Checks on the schedule until the future is dropped, handing each update to `on_update`.
    pub async fn run(&self, on_update: impl Fn(StatusUpdate)) {
        if self.client.is_none() {
            return;
        }
        loop {
            let wait = match self.check().await {
                Ok(update) => {
                    let wait = self.next_check(&update.status);
                    on_update(update);
                    wait
                }
                Err(error) => {
                    tracing::warn!(%error, "cannot keep the platform status");
                    CHECK_FAILING_MOST
                }
            };
            tokio::time::sleep(wait).await;
        }
    }

    async fn check_with(&self, client: &StatuspageClient) -> Result<Vec<Happening>, Trouble> {
        let now_ms = Timestamp::now().as_millisecond();
        let summary: Summary = self.refresh(client, SUMMARY, now_ms).await?;
        let announced = self.store.status_announced()?;
        let ongoing: HashSet<&str> = summary
            .incidents
            .iter()
            .map(|incident| incident.id.as_str())
            .collect();
        // An incident announced as ongoing that left the summary has ended: the recent list
        // says how.
        let something_ended = announced
            .iter()
            .any(|(id, state)| !is_over_status(&state.status) && !ongoing.contains(id.as_str()));
        let history_due = self
            .store
            .status_document(INCIDENTS)?
            .is_none_or(|document| {
                now_ms - document.checked_at_ms >= HISTORY_EVERY.as_millis() as i64
            });
        let recent: Option<RecentIncidents> = if something_ended || history_due {
            Some(self.refresh(client, INCIDENTS, now_ms).await?)
        } else {
            None
        };
        let mut seen: Vec<&WireIncident> = summary.incidents.iter().collect();
        if let Some(recent) = &recent {
            seen.extend(
                recent
                    .incidents
                    .iter()
                    .filter(|incident| !ongoing.contains(incident.id.as_str())),
            );
        }
        let baseline = !self.store.status_baseline_set()?;
        let (happenings, record) = news(&seen, &announced, baseline);
        self.store.record_status_announced(&record, now_ms)?;
        Ok(happenings)
    }

    /// The document, fetched if it changed (and stored), else the stored copy.
    async fn refresh<T: serde::de::DeserializeOwned>(
        &self,
        client: &StatuspageClient,
        name: &str,
        now_ms: i64,
    ) -> Result<T, Trouble> {
        let stored = self.store.status_document(name)?;
        let validators = stored
            .as_ref()
            .map(|document| Validators {
                etag: document.etag.clone(),
                last_modified: document.last_modified.clone(),
            })
            .unwrap_or_default();
        let body = match client.fetch(name, &validators).await? {
            Fetched::NotModified => match stored {
                Some(document) => {
                    self.store.confirm_status_document(name, now_ms)?;
                    document.body
                }
                // A 304 to a request that had nothing to match: a confused cache.
                None => {
                    return Err(Trouble::Page(StatusPageError::Malformed(
                        "not modified, with nothing kept".into(),
                    )))
                }
            },
            Fetched::Fresh { body, validators } => {
                let body = String::from_utf8(body)
                    .map_err(|_| StatusPageError::Malformed("not text".into()))?;
                // Parsed before it is kept: a broken answer never replaces a good copy.
                serde_json::from_str::<T>(&body)
                    .map_err(|error| StatusPageError::Malformed(error.to_string()))?;
                self.store.save_status_document(
                    name,
                    &StatusDocument {
                        body: body.clone(),
                        etag: validators.etag,
                        last_modified: validators.last_modified,
                        checked_at_ms: now_ms,
                    },
                )?;
                body
            }
        };
        serde_json::from_str(&body)
            .map_err(|error| Trouble::Page(StatusPageError::Malformed(error.to_string())))
    }
}

impl From<StatusError> for crate::WireError {
    fn from(error: StatusError) -> Self {
        match error {
            StatusError::Store(error) => error.into(),
        }
    }
}

enum Trouble {
    Page(StatusPageError),
    Store(StoreError),
}

impl From<StatusPageError> for Trouble {
    fn from(error: StatusPageError) -> Self {
        Self::Page(error)
    }
}

impl From<StoreError> for Trouble {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}

fn problem_of(error: &StatusPageError) -> StatusProblem {
    match error {
        StatusPageError::Unreachable(_) | StatusPageError::BadAddress(_) => {
            StatusProblem::Unreachable
        }
        StatusPageError::Slowed { .. } => StatusProblem::Slowed,
        StatusPageError::Unavailable(_) => StatusProblem::Unavailable,
        StatusPageError::Malformed(_) => StatusProblem::Malformed,
    }
}

fn is_over_status(status: &str) -> bool {
    matches!(status, "resolved" | "postmortem" | "completed")
}

/// What is news in `seen` against what was announced, and the states to record. At the
/// baseline everything is recorded and nothing announced. An incident first seen already over
/// is recorded silently: it began and ended between two checks, or long ago.
fn news(
    seen: &[&WireIncident],
    announced: &std::collections::HashMap<String, Announced>,
    baseline: bool,
) -> (Vec<Happening>, Vec<(String, Announced)>) {
    let mut happenings = Vec::new();
    let mut record = Vec::new();
    for incident in seen {
        let newest_update = incident
            .incident_updates
            .iter()
            .max_by_key(|update| update.created_at)
            .map(|update| update.id.clone());
        let state = Announced {
            status: incident.status.clone(),
            update_id: newest_update,
        };
        let phase = match announced.get(&incident.id) {
            _ if baseline => None,
            None if incident.is_over() => None,
            None => Some(IncidentPhase::Opened),
            Some(previous) if *previous == state => continue,
            Some(previous) if incident.is_over() && !is_over_status(&previous.status) => {
                Some(IncidentPhase::Resolved)
            }
            Some(_) if incident.is_over() => None,
            Some(_) => Some(IncidentPhase::Updated),
        };
        if let Some(phase) = phase {
            happenings.push(Happening::Incident {
                id: incident.id.clone(),
                name: incident.name.clone(),
                phase,
            });
        }
        record.push((incident.id.clone(), state));
    }
    (happenings, record)
}
