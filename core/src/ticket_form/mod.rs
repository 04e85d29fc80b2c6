//! The guided new-ticket form: what the user fills in ([`NewTicketForm`]), the checks it must
//! pass before it is queued ([`NewTicketForm::problems`]), and how a [`TicketFields`] turns
//! it into the desk's request with its custom fields.
//!
//! The checks live here rather than in the UI so the CLI, the app and the tests agree; the UI
//! shows each [`FieldProblem`] under its field in the user's language.

mod fields;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::helpdesk::RequestId;
use crate::outgoing::OutgoingFile;
pub use fields::TicketFields;

/// The longest subject the form accepts (Zendesk's limit is higher; a subject is a line).
pub const MAX_SUBJECT_CHARS: usize = 150;
/// A subject needs this many characters besides spaces: "??" or "x" names nothing support can
/// sort by, and a short word ("SSO", "API") still passes.
pub const MIN_SUBJECT_CHARS: usize = 3;
/// A problem statement shorter than this cannot say what happened and what was expected.
pub const MIN_PROBLEM_CHARS: usize = 20;

/// What the customer needs, which decides what the form asks and how the desk routes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum TicketKind {
    TechnicalQuestion,
    TechnicalProblem,
    Bug,
    AccessProblem,
    FeatureRequest,
    Other,
}

impl TicketKind {
    pub const ALL: [TicketKind; 6] = [
        Self::TechnicalQuestion,
        Self::TechnicalProblem,
        Self::Bug,
        Self::AccessProblem,
        Self::FeatureRequest,
        Self::Other,
    ];

    /// The value stored in the desk's "kind" custom field, and the CLI's spelling.
    pub fn tag(self) -> &'static str {
        match self {
            Self::TechnicalQuestion => "technical_question",
            Self::TechnicalProblem => "technical_problem",
            Self::Bug => "bug",
            Self::AccessProblem => "access_problem",
            Self::FeatureRequest => "feature_request",
            Self::Other => "other",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.tag() == tag)
    }

    /// How it is spelled on the command line (`helpline new --kind technical-question`).
    pub fn command_line_name(self) -> &'static str {
        match self {
            Self::TechnicalQuestion => "technical-question",
            Self::TechnicalProblem => "technical-problem",
            Self::Bug => "bug",
            Self::AccessProblem => "access-problem",
            Self::FeatureRequest => "feature-request",
            Self::Other => "other",
        }
    }

    /// Something is broken, so the desk needs to know whether production suffers.
    pub fn asks_production_impact(self) -> bool {
        matches!(
            self,
            Self::TechnicalProblem | Self::Bug | Self::AccessProblem
        )
    }
}

/// Zendesk's priorities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Priority {
    Low,
    #[default]
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub const ALL: [Priority; 4] = [Self::Low, Self::Normal, Self::High, Self::Urgent];

    /// The priority Zendesk (and a profile) names `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|priority| priority.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Normal => "normal",
            Self::High => "high",
            Self::Urgent => "urgent",
        }
    }
}

/// Everything the new-ticket form holds; also what its draft saves.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase", default)]
pub struct NewTicketForm {
    pub kind: Option<TicketKind>,
    pub subject: String,
    /// What happened, what was expected, and the steps to see it.
    pub problem: String,
    /// IDs of the affected resources (space ID, entry ID…), as typed: one per line or
    /// separated by commas.
    pub resource_ids: String,
    /// Asked for the kinds that report something broken.
    pub production_affected: Option<bool>,
    /// Where it runs: region, browser, operating system, version.
    pub environment: String,
    /// When it started and where in the product it happens.
    pub when_where: String,
    /// The part of the service affected, by its name on the vendor's status page (the form
    /// warns when an incident is ongoing there); empty when not picked.
    pub component: String,
    pub priority: Priority,
    /// Logs and screenshots, already copied into the outbox folder.
    pub attachments: Vec<OutgoingFile>,
    /// The closed ticket this one follows up.
    #[specta(type = Option<specta_typescript::Number>)]
    pub followup_of: Option<RequestId>,
}

/// A quick question's subject has at most this many characters, its "…" included.
const QUESTION_SUBJECT_CHARS: usize = 80;

impl NewTicketForm {
    /// "Talk to us": a quick, non-urgent question as a low-priority technical question, its
    /// subject the question's first line cut at a word.
    pub fn quick_question(question: &str) -> Self {
        let question = question.trim();
        let first_line = question.lines().next().unwrap_or_default().trim();
        Self {
            kind: Some(TicketKind::TechnicalQuestion),
            subject: crate::notify::cut_at_word(first_line, QUESTION_SUBJECT_CHARS - 1),
            problem: question.to_owned(),
            priority: Priority::Low,
            ..Self::default()
        }
    }
}

/// A field of the form, as the UI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum FormField {
    Kind,
    Subject,
    Problem,
    ResourceIds,
    ProductionAffected,
    Environment,
    WhenWhere,
    Priority,
    Attachments,
}

/// What is wrong with a field. The UI words it; `message` is the English wording for logs
/// and the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FieldProblem {
    pub field: FormField,
    pub problem: ProblemKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ProblemKind {
    Required,
    TooShort { min: u32 },
    TooLong { max: u32 },
}

impl NewTicketForm {
    /// Everything that must be fixed before the form can be sent; empty when it can.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut add = |field, problem, message: &str| {
            problems.push(FieldProblem {
                field,
                problem,
                message: message.to_owned(),
            });
        };
        if self.kind.is_none() {
            add(
                FormField::Kind,
                ProblemKind::Required,
                "Choose what kind of help you need",
            );
        }
        let subject = self.subject.trim();
        if subject.is_empty() {
            add(
                FormField::Subject,
                ProblemKind::Required,
                "Type a subject: one line that sums up the problem",
            );
        } else if subject.chars().filter(|c| !c.is_whitespace()).count() < MIN_SUBJECT_CHARS {
            add(
                FormField::Subject,
                ProblemKind::TooShort {
                    min: MIN_SUBJECT_CHARS as u32,
                },
                "Make the subject a few words that sum up the problem (3 characters at least, not counting spaces)",
            );
        } else if subject.chars().count() > MAX_SUBJECT_CHARS {
            add(
                FormField::Subject,
                ProblemKind::TooLong {
                    max: MAX_SUBJECT_CHARS as u32,
                },
                "Shorten the subject to 150 characters; put the details in the description",
            );
        }
        let problem = self.problem.trim();
        if problem.is_empty() {
            add(
                FormField::Problem,
                ProblemKind::Required,
                "Describe the problem: what happened, and what you expected",
            );
        } else if problem.chars().count() < MIN_PROBLEM_CHARS {
            add(
                FormField::Problem,
                ProblemKind::TooShort {
                    min: MIN_PROBLEM_CHARS as u32,
                },
                "Say a little more: what happened, and what you expected (20 characters at least)",
            );
        }
        let needs_impact = self.kind.is_some_and(TicketKind::asks_production_impact);
        if needs_impact && self.production_affected.is_none() {
            add(
                FormField::ProductionAffected,
                ProblemKind::Required,
                "Say whether production is affected, so support can prioritise",
            );
        }
        problems
    }

    /// The resource IDs as a list: split on commas, semicolons and white space.
    pub fn resource_id_list(&self) -> Vec<&str> {
        self.resource_ids
            .split(|character: char| {
                character == ',' || character == ';' || character.is_whitespace()
            })
            .filter(|id| !id.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests;
