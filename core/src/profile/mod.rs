//! [`ProviderProfile`]: what one vendor's support offers and how its desk is set up — the help
//! desk and status page addresses, the plans with their channels and SLA targets, business hours
//! and holidays, which plan a customer is on, what a ticket needs to be covered, the desk's
//! custom fields and where the help articles come from.
//!
//! None of this comes from Zendesk (customers cannot read SLA policies): the vendor writes it
//! as a TOML file (`core/profiles/demo.toml` is the demo desk's, shipped as the default; the
//! JSON Schema is `core/profiles/profile.schema.json`). [`ProviderProfile::from_toml`] checks
//! it and names the field and the fix of every problem.

mod file;
mod source;
mod validate;

pub use source::GivenProfile;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use jiff::SignedDuration;
use serde::{Deserialize, Serialize};
use specta::Type;

pub use file::ProfileFile;

use crate::sla::BusinessCalendar;
use crate::ticket_form::{FormField, Priority, TicketFields};

/// The profile format this build reads.
pub const PROFILE_VERSION: u32 = 1;

/// The demo desk's profile, shipped in the binary.
const DEMO_PROFILE: &str = include_str!("../../profiles/demo.toml");

#[derive(Debug, Clone, PartialEq)]
pub struct ProviderProfile {
    pub vendor_name: String,
    /// `None` only in the demo profile: the demo desk's address is known at start.
    pub help_desk_url: Option<String>,
    pub oauth_client_id: Option<String>,
    /// The Statuspage's address (its API under `/api/v2/`).
    pub status_page_url: Option<String>,
    pub help_center_locales: Vec<String>,
    pub calendar: BusinessCalendar,
    pub plans: Vec<Plan>,
    pub plan_rule: PlanRule,
    pub coverage: CoverageRule,
    pub ticket_fields: TicketFields,
    pub docs: Vec<DocsSource>,
}

/// What kind of support a plan gets; the app explains each in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum PlanTier {
    /// May contact support, but at high volume its tickets may go unhandled; self-help first.
    Free,
    /// Tickets through the web, best effort, no response-time guarantee.
    Lite,
    /// Answered by the support team when created through the contact form.
    Team,
    /// Priority support with guaranteed response times (every Premium contract has an SLA).
    Premium,
}

/// How a customer reaches support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
// "Channel" is a Tauri IPC type in the generated bindings; the name changes nothing on the wire.
#[serde(rename = "SupportChannel", rename_all = "camelCase")]
pub enum Channel {
    /// The quick in-app question.
    TalkToUs,
    /// The support contact form (Helpline's new-ticket form).
    ContactForm,
    /// The support portal: the list of the customer's requests.
    Portal,
}

/// How an SLA target's time runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Clock {
    /// Only while support is open (business hours, outside holidays).
    BusinessHours,
    AroundTheClock,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Targets {
    pub first_response: SignedDuration,
    pub next_response: Option<SignedDuration>,
    pub clock: Clock,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub id: String,
    pub name: Option<String>,
    pub tier: PlanTier,
    pub channels: Vec<Channel>,
    /// Per priority; empty for every plan but Premium.
    pub sla: BTreeMap<PriorityKey, Targets>,
}

/// [`Priority`] as a map key, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PriorityKey(pub u8);

impl From<Priority> for PriorityKey {
    fn from(priority: Priority) -> Self {
        Self(
            Priority::ALL
                .iter()
                .position(|p| *p == priority)
                .unwrap_or(1) as u8,
        )
    }
}

impl PriorityKey {
    pub fn priority(self) -> Priority {
        Priority::ALL[self.0 as usize]
    }
}

impl Plan {
    pub fn has_sla(&self) -> bool {
        !self.sla.is_empty()
    }

    pub fn targets(&self, priority: Priority) -> Option<&Targets> {
        self.sla.get(&priority.into())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRule {
    pub default: String,
    pub user_tags: BTreeMap<String, String>,
    pub user_field: Option<String>,
}

/// What a ticket needs, besides a plan with an SLA, to be covered by it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CoverageRule {
    /// Empty: every channel.
    pub channels: Vec<Channel>,
    /// Empty: every priority.
    pub priorities: Vec<Priority>,
    pub required: Vec<FormField>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocsSource {
    Bundled,
    HelpCenter,
    Folder(String),
}

/// A problem with a profile: the field, what is wrong, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Where, as a TOML path (`plans[2].sla.high.first_response`).
    pub field: String,
    pub problem: String,
    pub fix: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}; {}", self.field, self.problem, self.fix)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("cannot read the provider profile {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// TOML's own message names the line, the column and the key.
    #[error("the provider profile is not valid: {0}")]
    Syntax(String),
    #[error("the provider profile has {} problem(s): {}", .0.len(), join(.0))]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    Fetch(String),
}

fn join(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(". ")
}

impl ProviderProfile {
    /// Reads and checks a profile file's text.
    pub fn from_toml(text: &str) -> Result<Self, ProfileError> {
        let file: ProfileFile =
            toml::from_str(text).map_err(|error| ProfileError::Syntax(error.to_string()))?;
        Self::from_file(&file)
    }

    /// What a desk's profile is called in its data folder (the app and the CLI both look there).
    pub const FILE_NAME: &'static str = "profile.toml";

    /// Reads and checks the profile at `path`.
    pub fn load(path: &std::path::Path) -> Result<Self, ProfileError> {
        let text = std::fs::read_to_string(path).map_err(|source| ProfileError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_toml(&text)
    }

    pub fn from_file(file: &ProfileFile) -> Result<Self, ProfileError> {
        validate::profile(file).map_err(ProfileError::Invalid)
    }

    /// The demo desk's profile, with its addresses: the demo desk serves the status page too.
    pub fn demo(demo_desk_url: &str) -> Self {
        let mut profile = Self::from_toml(DEMO_PROFILE).expect("the shipped demo profile is valid");
        let base = demo_desk_url.trim_end_matches('/');
        profile.help_desk_url = Some(base.to_owned());
        profile.status_page_url = Some(format!("{base}/status"));
        profile
    }

    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|plan| plan.id == id)
    }

    /// The JSON Schema of the file, for vendors' editors and the drift test.
    pub fn json_schema() -> String {
        let schema = schemars::schema_for!(ProfileFile);
        serde_json::to_string_pretty(&schema).expect("a schema serialises") + "\n"
    }
}

/// What the desk says about the signed-in customer that can place them on a plan
/// (`users/me`: their tags and user fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerFacts {
    pub tags: Vec<String>,
    pub user_fields: BTreeMap<String, serde_json::Value>,
}

/// The customer's plan and why, said on the Plans screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanChoice {
    pub plan_id: String,
    pub reason: PlanReason,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(tag = "by", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum PlanReason {
    /// The customer's account carries this tag.
    UserTag { tag: String },
    /// The customer's field holds the plan's id.
    UserField { field: String },
    /// Nothing on the account names a plan: the vendor's default.
    Default,
    /// The desk has not been asked yet (first start offline): the default for now.
    NotKnownYet,
}

impl ProviderProfile {
    /// The customer's plan by the profile's rule: their field, else the first of their tags
    /// the rule knows (in the rule's order), else the default.
    pub fn plan_for(&self, facts: Option<&CustomerFacts>) -> PlanChoice {
        let rule = &self.plan_rule;
        let Some(facts) = facts else {
            return PlanChoice {
                plan_id: rule.default.clone(),
                reason: PlanReason::NotKnownYet,
            };
        };
        let from_field = rule.user_field.as_ref().and_then(|field| {
            let value = facts.user_fields.get(field)?.as_str()?;
            self.plan(value).map(|plan| PlanChoice {
                plan_id: plan.id.clone(),
                reason: PlanReason::UserField {
                    field: field.clone(),
                },
            })
        });
        let from_tag = || {
            rule.user_tags
                .iter()
                .find(|(tag, _)| facts.tags.iter().any(|own| own == *tag))
                .map(|(tag, plan)| PlanChoice {
                    plan_id: plan.clone(),
                    reason: PlanReason::UserTag { tag: tag.clone() },
                })
        };
        from_field.or_else(from_tag).unwrap_or_else(|| PlanChoice {
            plan_id: rule.default.clone(),
            reason: PlanReason::Default,
        })
    }
}
