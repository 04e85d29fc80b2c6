//! The closed value sets of both APIs, spelled exactly as they are on the wire.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Declares an enum whose variants map one-to-one to wire strings, with `as_str`, `parse`,
/// `Display` and serde that both use those strings.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in the order the API documents them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The value with this wire spelling, if any.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::parse(&text).ok_or_else(|| {
                    let allowed: Vec<&str> = $name::ALL.iter().map(|value| value.as_str()).collect();
                    de::Error::custom(format!("unknown value {text:?}, expected one of {}", allowed.join(", ")))
                })
            }
        }
    };
}

wire_enum! {
    /// A request's `status`.
    pub enum RequestStatus {
        New => "new",
        Open => "open",
        Pending => "pending",
        Hold => "hold",
        Solved => "solved",
        Closed => "closed",
    }
}

wire_enum! {
    /// A request's `priority`.
    pub enum Priority {
        Low => "low",
        Normal => "normal",
        High => "high",
        Urgent => "urgent",
    }
}

wire_enum! {
    /// A request's `type` (a Rust keyword, hence the name).
    pub enum RequestKind {
        Question => "question",
        Incident => "incident",
        Problem => "problem",
        Task => "task",
    }
}

wire_enum! {
    /// A user's `role`.
    pub enum Role {
        EndUser => "end-user",
        Agent => "agent",
        Admin => "admin",
    }
}

wire_enum! {
    /// A status page component's `status`.
    pub enum ComponentStatus {
        Operational => "operational",
        DegradedPerformance => "degraded_performance",
        PartialOutage => "partial_outage",
        MajorOutage => "major_outage",
        UnderMaintenance => "under_maintenance",
    }
}

wire_enum! {
    /// A status page incident's `status`.
    pub enum IncidentStatus {
        Investigating => "investigating",
        Identified => "identified",
        Monitoring => "monitoring",
        Resolved => "resolved",
        Postmortem => "postmortem",
    }
}

wire_enum! {
    /// An incident's `impact` (maintenances use `maintenance`).
    pub enum Impact {
        None => "none",
        Minor => "minor",
        Major => "major",
        Critical => "critical",
        Maintenance => "maintenance",
    }
}

wire_enum! {
    /// A scheduled maintenance's `status`.
    pub enum MaintenanceStatus {
        Scheduled => "scheduled",
        InProgress => "in_progress",
        Verifying => "verifying",
        Completed => "completed",
    }
}

wire_enum! {
    /// The page's overall `status.indicator`.
    pub enum Indicator {
        None => "none",
        Minor => "minor",
        Major => "major",
        Critical => "critical",
        Maintenance => "maintenance",
    }
}

impl RequestStatus {
    /// Solved and closed requests are done from the customer's point of view.
    pub fn is_unsolved(self) -> bool {
        !matches!(self, RequestStatus::Solved | RequestStatus::Closed)
    }
}

impl Role {
    pub fn is_agent(self) -> bool {
        matches!(self, Role::Agent | Role::Admin)
    }
}

impl IncidentStatus {
    pub fn is_unresolved(self) -> bool {
        matches!(
            self,
            IncidentStatus::Investigating | IncidentStatus::Identified | IncidentStatus::Monitoring
        )
    }
}

impl ComponentStatus {
    /// How bad a status is, for picking the worst of several.
    pub(crate) fn severity(self) -> u8 {
        match self {
            ComponentStatus::Operational => 0,
            ComponentStatus::UnderMaintenance => 1,
            ComponentStatus::DegradedPerformance => 2,
            ComponentStatus::PartialOutage => 3,
            ComponentStatus::MajorOutage => 4,
        }
    }
}

impl Impact {
    /// The component status an incident of this impact puts its components in, unless told
    /// otherwise.
    pub(crate) fn component_status(self) -> ComponentStatus {
        match self {
            Impact::None => ComponentStatus::Operational,
            Impact::Minor => ComponentStatus::DegradedPerformance,
            Impact::Major => ComponentStatus::PartialOutage,
            Impact::Critical => ComponentStatus::MajorOutage,
            Impact::Maintenance => ComponentStatus::UnderMaintenance,
        }
    }
}

impl Indicator {
    pub(crate) fn severity(self) -> u8 {
        match self {
            Indicator::None => 0,
            Indicator::Maintenance => 1,
            Indicator::Minor => 2,
            Indicator::Major => 3,
            Indicator::Critical => 4,
        }
    }

    /// The words Statuspage shows next to each indicator.
    pub(crate) fn description(self) -> &'static str {
        match self {
            Indicator::None => "All Systems Operational",
            Indicator::Minor => "Minor Service Outage",
            Indicator::Major => "Partial System Outage",
            Indicator::Critical => "Major Service Outage",
            Indicator::Maintenance => "Service Under Maintenance",
        }
    }

    pub(crate) fn from_impact(impact: Impact) -> Indicator {
        match impact {
            Impact::None => Indicator::None,
            Impact::Minor => Indicator::Minor,
            Impact::Major => Indicator::Major,
            Impact::Critical => Indicator::Critical,
            Impact::Maintenance => Indicator::Maintenance,
        }
    }

    pub(crate) fn from_component(status: ComponentStatus) -> Indicator {
        match status {
            ComponentStatus::Operational => Indicator::None,
            ComponentStatus::UnderMaintenance => Indicator::Maintenance,
            ComponentStatus::DegradedPerformance => Indicator::Minor,
            ComponentStatus::PartialOutage => Indicator::Major,
            ComponentStatus::MajorOutage => Indicator::Critical,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_spellings_round_trip() {
        for status in ComponentStatus::ALL {
            assert_eq!(ComponentStatus::parse(status.as_str()), Some(*status));
        }
        assert_eq!(Role::EndUser.as_str(), "end-user");
        assert_eq!(RequestStatus::parse("Open"), None);
    }

    #[test]
    fn unknown_values_name_the_allowed_ones() {
        let error = serde_json::from_str::<Priority>("\"asap\"").unwrap_err();
        assert!(error.to_string().contains("low, normal, high, urgent"));
    }
}
