//! The provider profile as written: the TOML file's tables, exactly, with their JSON Schema
//! (`core/profiles/profile.schema.json`, generated from these types and checked for drift).
//! [`super::ProviderProfile::from_file`] checks and turns it into the types the app uses.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::ticket_form::TicketFields;

/// A Helpline provider profile: what one vendor's support offers and how its desk is set up.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    /// The format version of this file: 1.
    pub version: u32,
    pub vendor: VendorSection,
    #[serde(default)]
    pub help_desk: HelpDeskSection,
    /// The vendor's public Statuspage; without it the Status screen says there is none.
    #[serde(default)]
    pub status_page: Option<StatusPageSection>,
    #[serde(default)]
    pub help_center: HelpCenterSection,
    pub business_hours: BusinessHoursSection,
    /// The plans, from the least to the most support.
    pub plans: Vec<PlanSection>,
    pub plan_rule: PlanRuleSection,
    #[serde(default)]
    pub sla_coverage: CoverageSection,
    /// The desk's custom ticket fields that hold the form's answers.
    #[serde(default)]
    pub ticket_fields: TicketFields,
    /// Where the help articles come from.
    #[serde(default)]
    pub docs: Vec<DocsSection>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VendorSection {
    /// The vendor's name, as customers know it.
    pub name: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HelpDeskSection {
    /// The Zendesk desk's address (`https://acme.zendesk.com`); only the demo profile leaves
    /// it out.
    #[serde(default)]
    pub url: Option<String>,
    /// The OAuth client the desk's administrator created for Helpline.
    #[serde(default)]
    pub oauth_client_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusPageSection {
    /// The status page's address (`https://status.acme.com`); its API is under `/api/v2/`.
    pub url: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HelpCenterSection {
    /// The Help Center locales to keep offline (`en-us`, `fr`, `pt-br`…).
    #[serde(default)]
    pub locales: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BusinessHoursSection {
    /// The support team's IANA time zone (`Europe/Paris`, `America/New_York`).
    pub time_zone: String,
    /// Days without support, as `YYYY-MM-DD` strings.
    #[serde(default)]
    pub holidays: Vec<String>,
    /// Opening hours per weekday as `HH:MM-HH:MM` ranges; a day left out is closed.
    pub week: WeekSection,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeekSection {
    #[serde(default)]
    pub monday: Vec<String>,
    #[serde(default)]
    pub tuesday: Vec<String>,
    #[serde(default)]
    pub wednesday: Vec<String>,
    #[serde(default)]
    pub thursday: Vec<String>,
    #[serde(default)]
    pub friday: Vec<String>,
    #[serde(default)]
    pub saturday: Vec<String>,
    #[serde(default)]
    pub sunday: Vec<String>,
}

impl WeekSection {
    /// Monday first, with the day's name as the file spells it.
    pub(crate) fn days(&self) -> [(&'static str, &[String]); 7] {
        [
            ("monday", &self.monday),
            ("tuesday", &self.tuesday),
            ("wednesday", &self.wednesday),
            ("thursday", &self.thursday),
            ("friday", &self.friday),
            ("saturday", &self.saturday),
            ("sunday", &self.sunday),
        ]
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanSection {
    /// The plan's id, used by the plan rule (`premium`, `premium-24x7`).
    pub id: String,
    /// The name customers see, when it is not the tier's own (Free, Lite, Team, Premium).
    #[serde(default)]
    pub name: Option<String>,
    /// `free`, `lite`, `team` or `premium`: what kind of support the plan gets.
    pub tier: String,
    /// How its customers reach support: `talk_to_us`, `contact_form`, `portal`.
    #[serde(default)]
    pub channels: Vec<String>,
    /// Response targets per priority (`low`, `normal`, `high`, `urgent`); Premium plans only,
    /// and every Premium plan has one.
    #[serde(default)]
    pub sla: Option<BTreeMap<String, TargetSection>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetSection {
    /// Time to the first agent reply: `30m`, `4h`, `1h 30m`.
    pub first_response: String,
    /// Time to the next agent reply after the customer wrote again.
    #[serde(default)]
    pub next_response: Option<String>,
    /// `business_hours` (counted only while support is open) or `around_the_clock`.
    pub clock: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanRuleSection {
    /// The plan of a customer no tag or field places.
    pub default: String,
    /// Customer tags that place a customer on a plan: tag → plan id.
    #[serde(default)]
    pub user_tags: BTreeMap<String, String>,
    /// A customer field (its key) whose value is a plan id.
    #[serde(default)]
    pub user_field: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverageSection {
    /// The channels whose tickets the SLA covers; empty means every channel.
    #[serde(default)]
    pub channels: Vec<String>,
    /// The priorities the SLA covers; empty means every priority.
    #[serde(default)]
    pub priorities: Vec<String>,
    /// Answers a ticket must give to be covered: `problem`, `resource_ids`,
    /// `production_affected`, `environment`, `when_where`, `attachments`.
    #[serde(default)]
    pub required: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocsSection {
    /// `bundled`, `help_center` or `folder`.
    pub source: String,
    /// The folder, for a `folder` source.
    #[serde(default)]
    pub path: Option<String>,
}
