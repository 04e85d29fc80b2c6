//! [`VendorSupport`]: what the vendor promises this customer, on one desk — the plan and its
//! SLA from the [`ProviderProfile`], the response expected on each ticket, whether a new
//! ticket will be covered, and the platform status ([`StatusWatch`]). The screens, the CLI
//! and the shell ask it; it reads the desk's store and never the help desk itself.

use std::sync::Arc;

use jiff::Timestamp;
use serde::Serialize;
use specta::Type;

use crate::helpdesk::RequestId;
use crate::profile::{Channel, PlanChoice, ProfileError, ProviderProfile};
use crate::sla::{
    coverage, expect_response, Coverage, PlansOverview, ResponseExpectation, Said, Timeline,
};
use crate::status::{StatusPageError, StatusWatch};
use crate::store::{Store, StoreError, StoredTicket};
use crate::ticket_form::{NewTicketForm, Priority};

/// Where the vendor's profile came from, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(
    tag = "state",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ProfileState {
    /// The profile is in use; `source` says where it came from (the demo desk, a file).
    Loaded { source: String },
    /// The desk's vendor has given no profile: plans, SLA and status are unknown.
    Missing,
    /// The profile given could not be used; `message` names every problem and its fix.
    Invalid { source: String, message: String },
}

/// The Plans & SLA screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PlansScreen {
    pub profile: ProfileState,
    /// `None` without a usable profile.
    pub overview: Option<PlansOverview>,
}

pub struct VendorSupport {
    profile: Option<Arc<ProviderProfile>>,
    state: ProfileState,
    store: Store,
    status: Arc<StatusWatch>,
}

impl VendorSupport {
    /// The support of the desk whose cache is `store`, under `profile` (`Ok(None)`: none
    /// given; `Err`: given but unusable) read from `source`.
    pub fn new(
        profile: Result<Option<ProviderProfile>, ProfileError>,
        source: &str,
        store: Store,
    ) -> Result<Self, StatusPageError> {
        let (profile, state) = match profile {
            Ok(Some(profile)) => (
                Some(Arc::new(profile)),
                ProfileState::Loaded {
                    source: source.to_owned(),
                },
            ),
            Ok(None) => (None, ProfileState::Missing),
            Err(error) => (
                None,
                ProfileState::Invalid {
                    source: source.to_owned(),
                    message: error.to_string(),
                },
            ),
        };
        let page = profile
            .as_ref()
            .and_then(|profile| profile.status_page_url.clone());
        let status = Arc::new(StatusWatch::new(page.as_deref(), store.clone())?);
        Ok(Self {
            profile,
            state,
            store,
            status,
        })
    }

    pub fn profile(&self) -> Option<&Arc<ProviderProfile>> {
        self.profile.as_ref()
    }

    pub fn profile_state(&self) -> &ProfileState {
        &self.state
    }

    pub fn status(&self) -> &Arc<StatusWatch> {
        &self.status
    }

    /// The customer's plan and why, from what the desk last said about them.
    pub fn plan_choice(&self) -> Result<Option<PlanChoice>, StoreError> {
        let Some(profile) = &self.profile else {
            return Ok(None);
        };
        let facts = self.store.customer_facts()?;
        Ok(Some(profile.plan_for(facts.as_ref())))
    }

    pub fn plans(&self, now: Timestamp) -> Result<PlansScreen, StoreError> {
        let overview = match (&self.profile, self.plan_choice()?) {
            (Some(profile), Some(choice)) => Some(PlansOverview::new(profile, choice, now)),
            _ => None,
        };
        Ok(PlansScreen {
            profile: self.state.clone(),
            overview,
        })
    }

    /// When support's response is due on ticket `id`; `None` without a profile or for a
    /// ticket not in the cache.
    pub fn expectation(
        &self,
        id: RequestId,
        now: Timestamp,
    ) -> Result<Option<ResponseExpectation>, StoreError> {
        let (Some(profile), Some(choice)) = (&self.profile, self.plan_choice()?) else {
            return Ok(None);
        };
        let Some(plan) = profile.plan(&choice.plan_id) else {
            return Ok(None);
        };
        let Some(ticket) = self.store.ticket(id)? else {
            return Ok(None);
        };
        Ok(expectation_of(&ticket, |timeline| {
            expect_response(plan, &profile.calendar, timeline, now)
        }))
    }

    /// Whether `form`, sent through `channel`, will be covered by the SLA; `None` without a
    /// profile.
    pub fn coverage(
        &self,
        form: &NewTicketForm,
        channel: Channel,
    ) -> Result<Option<Coverage>, StoreError> {
        let (Some(profile), Some(choice)) = (&self.profile, self.plan_choice()?) else {
            return Ok(None);
        };
        Ok(profile
            .plan(&choice.plan_id)
            .map(|plan| coverage(profile, plan, channel, form)))
    }
}

/// Builds the ticket's timeline from the cache; `None` when its creation time is unreadable.
fn expectation_of(
    ticket: &StoredTicket,
    expect: impl FnOnce(&Timeline<'_>) -> ResponseExpectation,
) -> Option<ResponseExpectation> {
    let created_at: Timestamp = ticket.summary.created_at.parse().ok()?;
    let comments: Vec<Said> = ticket
        .comments
        .iter()
        .filter_map(|comment| {
            Some(Said {
                by_agent: comment.by_agent,
                at: comment.created_at.parse().ok()?,
            })
        })
        .collect();
    let priority = ticket
        .priority
        .as_deref()
        .and_then(Priority::from_name)
        .unwrap_or_default();
    Some(expect(&Timeline {
        created_at,
        status: ticket.summary.status,
        priority,
        comments: &comments,
    }))
}
