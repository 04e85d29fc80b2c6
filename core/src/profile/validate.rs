//! The checks of a [`ProfileFile`], each naming the field and the fix, all reported at once.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::SignedDuration;

use super::file::{PlanSection, ProfileFile, TargetSection};
use super::{
    Channel, Clock, CoverageRule, DocsSource, FieldError, Plan, PlanRule, PlanTier, PriorityKey,
    ProviderProfile, Targets, PROFILE_VERSION,
};
use crate::sla::{BusinessCalendar, Opening};
use crate::ticket_form::{FormField, Priority};

/// Collects problems so the vendor fixes them all in one go.
#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    fn add(
        &mut self,
        field: impl Into<String>,
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.0.push(FieldError {
            field: field.into(),
            problem: problem.into(),
            fix: fix.into(),
        });
    }
}

pub(super) fn profile(file: &ProfileFile) -> Result<ProviderProfile, Vec<FieldError>> {
    let mut problems = Problems::default();
    if file.version != PROFILE_VERSION {
        problems.add(
            "version",
            format!("version {} is not one this Helpline reads", file.version),
            format!("write version = {PROFILE_VERSION}, or update Helpline"),
        );
    }
    if file.vendor.name.trim().is_empty() {
        problems.add(
            "vendor.name",
            "is empty",
            "write the vendor's name as customers know it",
        );
    }
    for (field, url) in [
        ("help_desk.url", file.help_desk.url.as_deref()),
        (
            "status_page.url",
            file.status_page.as_ref().map(|page| page.url.as_str()),
        ),
    ] {
        if let Some(url) = url {
            check_url(&mut problems, field, url);
        }
    }
    let calendar = calendar(&mut problems, file);
    let plans: Vec<Plan> = file
        .plans
        .iter()
        .enumerate()
        .filter_map(|(index, plan)| self::plan(&mut problems, index, plan))
        .collect();
    if file.plans.is_empty() {
        problems.add(
            "plans",
            "no plan is listed",
            "add at least one [[plans]] table",
        );
    }
    let mut seen = BTreeSet::new();
    for (index, plan) in file.plans.iter().enumerate() {
        if !seen.insert(plan.id.as_str()) {
            problems.add(
                format!("plans[{index}].id"),
                format!("\"{}\" is used by two plans", plan.id),
                "give every plan its own id",
            );
        }
    }
    let plan_rule = plan_rule(&mut problems, file, &seen);
    let coverage = coverage(&mut problems, file);
    let docs = file
        .docs
        .iter()
        .enumerate()
        .filter_map(|(index, docs)| match (docs.source.as_str(), &docs.path) {
            ("bundled", _) => Some(DocsSource::Bundled),
            ("help_center", _) => Some(DocsSource::HelpCenter),
            ("folder", Some(path)) => Some(DocsSource::Folder(path.clone())),
            ("folder", None) => {
                problems.add(
                    format!("docs[{index}].path"),
                    "a folder source needs its folder",
                    "write path = \"/the/folder\"",
                );
                None
            }
            (other, _) => {
                problems.add(
                    format!("docs[{index}].source"),
                    format!("\"{other}\" is not a source Helpline knows"),
                    "write \"bundled\", \"help_center\" or \"folder\"",
                );
                None
            }
        })
        .collect();

    match calendar {
        Some(calendar) if problems.0.is_empty() => Ok(ProviderProfile {
            vendor_name: file.vendor.name.trim().to_owned(),
            help_desk_url: file.help_desk.url.clone(),
            oauth_client_id: file.help_desk.oauth_client_id.clone(),
            status_page_url: file
                .status_page
                .as_ref()
                .map(|page| page.url.trim_end_matches('/').to_owned()),
            help_center_locales: file.help_center.locales.clone(),
            calendar,
            plans,
            plan_rule,
            coverage,
            ticket_fields: file.ticket_fields.clone(),
            docs,
        }),
        _ => Err(problems.0),
    }
}

fn check_url(problems: &mut Problems, field: &str, url: &str) {
    let loopback = url.starts_with("http://127.0.0.1") || url.starts_with("http://localhost");
    if !(url.starts_with("https://") || loopback) || url.len() <= "https://".len() {
        problems.add(
            field,
            format!("\"{url}\" is not an https address"),
            "write the full address, such as \"https://acme.zendesk.com\"",
        );
    }
}

fn calendar(problems: &mut Problems, file: &ProfileFile) -> Option<BusinessCalendar> {
    let hours = &file.business_hours;
    let time_zone = match TimeZone::get(&hours.time_zone) {
        Ok(zone) => Some(zone),
        Err(_) => {
            problems.add(
                "business_hours.time_zone",
                format!("\"{}\" is not a time zone", hours.time_zone),
                "write an IANA name such as \"Europe/Paris\" or \"America/New_York\"",
            );
            None
        }
    };
    let mut week: [Vec<Opening>; 7] = Default::default();
    for (day, (name, ranges)) in hours.week.days().into_iter().enumerate() {
        for (index, range) in ranges.iter().enumerate() {
            let field = format!("business_hours.week.{name}[{index}]");
            match opening(range) {
                Some(opening) => week[day].push(opening),
                None => problems.add(
                    field,
                    format!("\"{range}\" is not an opening"),
                    "write it as \"HH:MM-HH:MM\", the first before the second, such as \"09:00-18:00\" (\"24:00\" for midnight)",
                ),
            }
        }
        week[day].sort_by_key(|opening| opening.from);
        let overlaps = week[day]
            .windows(2)
            .any(|pair| pair[0].until.is_none_or(|until| until > pair[1].from));
        if overlaps {
            problems.add(
                format!("business_hours.week.{name}"),
                "two openings overlap",
                "merge them into one range",
            );
        }
    }
    if week.iter().all(Vec::is_empty) {
        problems.add(
            "business_hours.week",
            "support is never open",
            "give at least one day its hours, such as monday = [\"09:00-17:00\"]",
        );
    }
    let mut holidays = BTreeSet::new();
    for (index, day) in hours.holidays.iter().enumerate() {
        match day.parse::<Date>() {
            Ok(date) => {
                holidays.insert(date);
            }
            Err(_) => problems.add(
                format!("business_hours.holidays[{index}]"),
                format!("\"{day}\" is not a date"),
                "write it as \"YYYY-MM-DD\", such as \"2026-12-25\"",
            ),
        }
    }
    Some(BusinessCalendar::new(time_zone?, week, holidays))
}

/// `09:00-18:00`; `24:00` as the end is midnight.
fn opening(range: &str) -> Option<Opening> {
    let (from, until) = range.split_once('-')?;
    let from = clock_time(from.trim())?;
    let until = match until.trim() {
        "24:00" => None,
        until => Some(clock_time(until)?),
    };
    until
        .is_none_or(|until| from < until)
        .then_some(Opening { from, until })
}

fn clock_time(text: &str) -> Option<Time> {
    let (hours, minutes) = text.split_once(':')?;
    if hours.len() != 2 || minutes.len() != 2 {
        return None;
    }
    Time::new(hours.parse().ok()?, minutes.parse().ok()?, 0, 0).ok()
}

fn plan(problems: &mut Problems, index: usize, section: &PlanSection) -> Option<Plan> {
    let at = |field: &str| format!("plans[{index}].{field}");
    if section.id.trim().is_empty() {
        problems.add(
            at("id"),
            "is empty",
            "give the plan an id such as \"premium\"",
        );
    }
    let tier = match section.tier.as_str() {
        "free" => Some(PlanTier::Free),
        "lite" => Some(PlanTier::Lite),
        "team" => Some(PlanTier::Team),
        "premium" => Some(PlanTier::Premium),
        other => {
            problems.add(
                at("tier"),
                format!("\"{other}\" is not a tier"),
                "write \"free\", \"lite\", \"team\" or \"premium\"",
            );
            None
        }
    };
    let channels = section
        .channels
        .iter()
        .enumerate()
        .filter_map(|(position, name)| {
            let channel = channel(name);
            if channel.is_none() {
                problems.add(
                    at(&format!("channels[{position}]")),
                    format!("\"{name}\" is not a channel"),
                    "write \"talk_to_us\", \"contact_form\" or \"portal\"",
                );
            }
            channel
        })
        .collect();
    let mut sla = BTreeMap::new();
    match (tier, &section.sla) {
        (Some(PlanTier::Premium), None) => problems.add(
            at("sla"),
            "a Premium plan has no SLA",
            "every Premium contract includes an SLA: add [plans.sla.normal] and the other priorities",
        ),
        (Some(tier), Some(_)) if tier != PlanTier::Premium => problems.add(
            at("sla"),
            "SLAs are sold only with Premium",
            "remove this plan's sla tables, or make its tier \"premium\"",
        ),
        (_, Some(section)) => {
            for (name, target) in section {
                let field = at(&format!("sla.{name}"));
                match (Priority::from_name(name), targets(problems, &field, target)) {
                    (Some(priority), Some(targets)) => {
                        sla.insert(PriorityKey::from(priority), targets);
                    }
                    (None, _) => problems.add(
                        field,
                        format!("\"{name}\" is not a priority"),
                        "use low, normal, high or urgent",
                    ),
                    _ => {}
                }
            }
            if sla.is_empty() && section.is_empty() {
                problems.add(at("sla"), "has no target", "add [plans.sla.normal] at least");
            }
        }
        _ => {}
    }
    Some(Plan {
        id: section.id.trim().to_owned(),
        name: section.name.clone(),
        tier: tier?,
        channels,
        sla,
    })
}

fn targets(problems: &mut Problems, field: &str, section: &TargetSection) -> Option<Targets> {
    let first_response = duration(
        problems,
        &format!("{field}.first_response"),
        &section.first_response,
    );
    let next_response = match &section.next_response {
        Some(text) => Some(duration(problems, &format!("{field}.next_response"), text)?),
        None => None,
    };
    let clock = match section.clock.as_str() {
        "business_hours" => Some(Clock::BusinessHours),
        "around_the_clock" => Some(Clock::AroundTheClock),
        other => {
            problems.add(
                format!("{field}.clock"),
                format!("\"{other}\" is not a clock"),
                "write \"business_hours\" or \"around_the_clock\"",
            );
            None
        }
    };
    Some(Targets {
        first_response: first_response?,
        next_response,
        clock: clock?,
    })
}

fn duration(problems: &mut Problems, field: &str, text: &str) -> Option<SignedDuration> {
    match text.parse::<SignedDuration>() {
        Ok(duration) if duration > SignedDuration::ZERO => Some(duration),
        _ => {
            problems.add(
                field,
                format!("\"{text}\" is not a duration"),
                "write hours and minutes such as \"4h\", \"30m\" or \"1h 30m\"",
            );
            None
        }
    }
}

fn plan_rule(problems: &mut Problems, file: &ProfileFile, plan_ids: &BTreeSet<&str>) -> PlanRule {
    let rule = &file.plan_rule;
    let mut check = |field: String, id: &str| {
        if !plan_ids.contains(id) {
            problems.add(
                field,
                format!("\"{id}\" is not one of the plans"),
                format!(
                    "write one of the plan ids: {}",
                    plan_ids.iter().copied().collect::<Vec<_>>().join(", ")
                ),
            );
        }
    };
    check("plan_rule.default".into(), &rule.default);
    for (tag, id) in &rule.user_tags {
        check(format!("plan_rule.user_tags.{tag}"), id);
    }
    PlanRule {
        default: rule.default.clone(),
        user_tags: rule.user_tags.clone(),
        user_field: rule.user_field.clone(),
    }
}

fn coverage(problems: &mut Problems, file: &ProfileFile) -> CoverageRule {
    let section = &file.sla_coverage;
    let mut rule = CoverageRule::default();
    for (index, name) in section.channels.iter().enumerate() {
        match channel(name) {
            Some(channel) => rule.channels.push(channel),
            None => problems.add(
                format!("sla_coverage.channels[{index}]"),
                format!("\"{name}\" is not a channel"),
                "write \"talk_to_us\", \"contact_form\" or \"portal\"",
            ),
        }
    }
    for (index, name) in section.priorities.iter().enumerate() {
        match Priority::from_name(name) {
            Some(priority) => rule.priorities.push(priority),
            None => problems.add(
                format!("sla_coverage.priorities[{index}]"),
                format!("\"{name}\" is not a priority"),
                "write low, normal, high or urgent",
            ),
        }
    }
    for (index, name) in section.required.iter().enumerate() {
        match answer(name) {
            Some(field) => rule.required.push(field),
            None => problems.add(
                format!("sla_coverage.required[{index}]"),
                format!("\"{name}\" is not an answer of the form"),
                "write problem, resource_ids, production_affected, environment, when_where or attachments",
            ),
        }
    }
    rule
}

fn channel(name: &str) -> Option<Channel> {
    match name {
        "talk_to_us" => Some(Channel::TalkToUs),
        "contact_form" => Some(Channel::ContactForm),
        "portal" => Some(Channel::Portal),
        _ => None,
    }
}

fn answer(name: &str) -> Option<FormField> {
    match name {
        "problem" => Some(FormField::Problem),
        "resource_ids" => Some(FormField::ResourceIds),
        "production_affected" => Some(FormField::ProductionAffected),
        "environment" => Some(FormField::Environment),
        "when_where" => Some(FormField::WhenWhere),
        "attachments" => Some(FormField::Attachments),
        _ => None,
    }
}
