//! [`TicketFields`]: how one vendor's desk wants the form — which Zendesk `type` each kind
//! becomes and which custom ticket fields hold the structured answers.

use serde::{Deserialize, Serialize};

use super::{NewTicketForm, TicketKind};
use crate::helpdesk::{CustomFieldValue, NewRequest};

/// The custom field ids of one desk. A field the desk does not have is `None`; its answer
/// still reaches the agent in the request's description.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketFields {
    pub kind_field: Option<u64>,
    pub resource_ids_field: Option<u64>,
    pub production_field: Option<u64>,
    pub environment_field: Option<u64>,
    pub when_where_field: Option<u64>,
}

impl TicketFields {
    /// The fields the demo desk's ticket form defines.
    pub fn demo() -> Self {
        Self {
            kind_field: Some(360_000_100_001),
            resource_ids_field: Some(360_000_100_002),
            production_field: Some(360_000_100_003),
            environment_field: Some(360_000_100_004),
            when_where_field: Some(360_000_100_005),
        }
    }

    /// Zendesk's `type` for a kind: broken things are incidents, the rest questions or tasks.
    pub fn zendesk_type(&self, kind: TicketKind) -> &'static str {
        match kind {
            TicketKind::TechnicalProblem | TicketKind::Bug | TicketKind::AccessProblem => {
                "incident"
            }
            TicketKind::FeatureRequest => "task",
            TicketKind::TechnicalQuestion | TicketKind::Other => "question",
        }
    }

    /// The kind of a ticket on the desk: the profile's kind field when it is set, else the best
    /// reading of Zendesk's `type` (unknown for problems, which agents create).
    pub fn kind_of(
        &self,
        zendesk_type: Option<&str>,
        custom_fields: &[serde_json::Value],
    ) -> Option<TicketKind> {
        let from_field = self.kind_field.and_then(|id| {
            custom_fields
                .iter()
                .find(|field| field["id"].as_u64() == Some(id))
                .and_then(|field| field["value"].as_str())
                .and_then(TicketKind::from_tag)
        });
        from_field.or(match zendesk_type? {
            "question" => Some(TicketKind::TechnicalQuestion),
            "incident" => Some(TicketKind::TechnicalProblem),
            "task" => Some(TicketKind::FeatureRequest),
            _ => None,
        })
    }

    /// The request to open for a form that passed [`NewTicketForm::problems`].
    ///
    /// The description is the problem statement followed by the structured answers in
    /// English (the support team's working language), so an agent sees everything even on a
    /// desk without the custom fields.
    pub fn new_request(&self, form: &NewTicketForm) -> NewRequest {
        let ids = form.resource_id_list();
        let production = form
            .production_affected
            .map(|affected| if affected { "yes" } else { "no" });
        let mut details = Vec::new();
        if !ids.is_empty() {
            details.push(format!("Affected resources: {}", ids.join(", ")));
        }
        if let Some(production) = production {
            details.push(format!("Production affected: {production}"));
        }
        for (label, value) in [
            ("Component", &form.component),
            ("Environment", &form.environment),
            ("When and where", &form.when_where),
        ] {
            if !value.trim().is_empty() {
                details.push(format!("{label}: {}", value.trim()));
            }
        }
        let mut body = form.problem.trim().to_owned();
        if !details.is_empty() {
            body.push_str("\n\n");
            body.push_str(&details.join("\n"));
        }

        let mut custom_fields = Vec::new();
        let mut set = |field: Option<u64>, value: Option<String>| {
            if let (Some(id), Some(value)) = (field, value.filter(|value| !value.is_empty())) {
                custom_fields.push(CustomFieldValue { id, value });
            }
        };
        set(self.kind_field, form.kind.map(|kind| kind.tag().to_owned()));
        set(self.resource_ids_field, Some(ids.join(" ")));
        set(self.production_field, production.map(str::to_owned));
        set(
            self.environment_field,
            Some(form.environment.trim().to_owned()),
        );
        set(
            self.when_where_field,
            Some(form.when_where.trim().to_owned()),
        );

        NewRequest {
            subject: form.subject.trim().to_owned(),
            body,
            kind: form.kind.map(|kind| self.zendesk_type(kind).to_owned()),
            priority: Some(form.priority.as_str().to_owned()),
            followup_of: form.followup_of,
            custom_fields,
            ..NewRequest::default()
        }
    }
}
