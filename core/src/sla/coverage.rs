//! [`coverage`]: before a ticket is sent, whether the SLA will cover it and, if not, every
//! reason — the plan, the channel, the priority, an answer the vendor requires.

use serde::Serialize;
use specta::Type;

use crate::profile::{Channel, Plan, PlanTier, ProviderProfile};
use crate::ticket_form::{FormField, NewTicketForm, Priority, MIN_PROBLEM_CHARS};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    pub covered: bool,
    /// Empty when covered.
    pub reasons: Vec<NotCovered>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(
    tag = "because",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum NotCovered {
    /// Only Premium plans have an SLA.
    PlanWithoutSla { tier: PlanTier },
    /// The SLA covers tickets sent another way (the contact form, for one).
    Channel { channel: Channel },
    /// The SLA covers other priorities.
    Priority { priority: Priority },
    /// The vendor's conditions ask for this answer.
    MissingAnswer { field: FormField },
}

/// Whether a ticket written as `form` and sent through `channel` is covered on `plan`.
pub fn coverage(
    profile: &ProviderProfile,
    plan: &Plan,
    channel: Channel,
    form: &NewTicketForm,
) -> Coverage {
    let rule = &profile.coverage;
    let mut reasons = Vec::new();
    if !plan.has_sla() {
        reasons.push(NotCovered::PlanWithoutSla { tier: plan.tier });
    }
    if !rule.channels.is_empty() && !rule.channels.contains(&channel) {
        reasons.push(NotCovered::Channel { channel });
    }
    let priority_covered = rule.priorities.is_empty() || rule.priorities.contains(&form.priority);
    if plan.has_sla() && (!priority_covered || plan.targets(form.priority).is_none()) {
        reasons.push(NotCovered::Priority {
            priority: form.priority,
        });
    }
    for field in &rule.required {
        if !answered(form, *field) {
            reasons.push(NotCovered::MissingAnswer { field: *field });
        }
    }
    Coverage {
        covered: reasons.is_empty(),
        reasons,
    }
}

/// Whether the form gives `field` (an answer the form does not ask for this kind counts as
/// given: the customer cannot give it).
fn answered(form: &NewTicketForm, field: FormField) -> bool {
    match field {
        FormField::Problem => form.problem.trim().chars().count() >= MIN_PROBLEM_CHARS,
        FormField::ResourceIds => !form.resource_id_list().is_empty(),
        FormField::ProductionAffected => {
            form.production_affected.is_some()
                || !form.kind.is_some_and(|kind| kind.asks_production_impact())
        }
        FormField::Environment => !form.environment.trim().is_empty(),
        FormField::WhenWhere => !form.when_where.trim().is_empty(),
        FormField::Attachments => !form.attachments.is_empty(),
        FormField::Kind => form.kind.is_some(),
        FormField::Subject => !form.subject.trim().is_empty(),
        FormField::Priority => true,
    }
}
