//! The demo account "Acme Cloud" and its deterministic sample data.
//!
//! Conversation and incident times are fixed offsets from the moment of seeding, so two runs
//! produce the same requests, comments and ids, and a demo started today shows a ticket asked
//! 50 minutes ago (an SLA in progress), replies from yesterday and an outage ten days back. The
//! scheduled maintenance goes on the first Saturday at least a week after seeding. Only the
//! Help Center keeps fixed dates ([`SEED_BASE`]).

mod conversations;
pub(crate) mod help_center;

use rusqlite::Connection;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::model::{ComponentStatus, Impact, IncidentStatus, Role};
use crate::store::status::{self, NewIncidentRow};
use crate::store::users::{self, UserRow};
use crate::DemoError;

/// 2026-03-02T09:00:00Z: the Help Center's dates are counted from it, and the tests' "now".
pub(crate) const SEED_BASE: i64 = 1_772_442_000;

pub(crate) const DEMO_CUSTOMER_ID: i64 = 20_000_000_001;
/// A colleague of the demo customer: the requester of a request the customer is CC'd on, and
/// of one the customer may not see.
pub(crate) const COLLEAGUE_ID: i64 = 20_000_000_002;
pub(crate) const AGENT_ALEX_ID: i64 = 20_000_000_101;
/// The French-speaking agent, who answers requests written in French.
pub(crate) const AGENT_CAMILLE_ID: i64 = 20_000_000_102;
pub(crate) const ORGANIZATION_ID: i64 = 30_000_000_001;
pub(crate) const SUPPORT_GROUP_ID: i64 = 40_000_000_001;

/// Custom fields of the demo provider profile's ticket form.
pub(crate) const FIELD_ENVIRONMENT: i64 = 360_011_122_233;
pub(crate) const FIELD_PRODUCTION_IMPACT: i64 = 360_011_122_234;
pub(crate) const FIELD_SPACE_ID: i64 = 360_011_122_235;
pub(crate) const FIELD_ENTRY_ID: i64 = 360_011_122_236;

/// The status page's own id.
pub(crate) const STATUS_PAGE_ID: &str = "acmec1oud0pg";
pub(crate) const STATUS_PAGE_NAME: &str = "Acme Cloud";

const MINUTE: i64 = 60;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;
/// 2020-01-15T00:00:00Z, when the status page components were created.
const COMPONENTS_CREATED_MS: i64 = 1_579_046_400_000;

/// The token every demo desk had before tokens were drawn per install: well known, so a page
/// or program that knew it could act as the demo customer. A database still holding it gets a
/// fresh one.
fn legacy_demo_token() -> String {
    let digest = Sha256::digest(b"helpline demo-desk: Dana Demo");
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// A new demo customer token: random for each install (the handle and `demo-desk serve`
/// hand it to the app and to scripts), kept across a reset.
fn new_demo_token() -> String {
    crate::secret::random_token(40)
}

/// Creates the account (users, token, status components) if the database has none, and the
/// samples too when `with_samples`; writes the Help Center if it has no articles (a database
/// from before it existed gets it too). Returns whether anything was created.
pub(crate) fn ensure_seeded(
    connection: &mut Connection,
    with_samples: bool,
    now: i64,
) -> Result<bool, DemoError> {
    seed_if_empty(connection, with_samples, now, None)
}

/// [`ensure_seeded`], giving the demo customer `keep_token` when it creates the account.
fn seed_if_empty(
    connection: &mut Connection,
    with_samples: bool,
    now: i64,
    keep_token: Option<String>,
) -> Result<bool, DemoError> {
    let transaction = connection.transaction()?;
    let wrote_help_center = help_center::ensure_help_center(&transaction)?;
    transaction.commit()?;
    let users: i64 = connection.query_row("SELECT COUNT(*) FROM users", [], |row| row.get(0))?;
    if users > 0 {
        connection.execute(
            "UPDATE api_tokens SET token = ?1 WHERE token = ?2",
            [new_demo_token(), legacy_demo_token()],
        )?;
        return Ok(wrote_help_center);
    }
    let token = keep_token.unwrap_or_else(new_demo_token);
    let transaction = connection.transaction()?;
    seed_account(&transaction, &token, now)?;
    if with_samples {
        conversations::seed_requests(&transaction, now)?;
        seed_status_history(&transaction, now)?;
    }
    transaction.commit()?;
    Ok(true)
}

/// Deletes everything and seeds again.
pub(crate) fn reseed(
    connection: &mut Connection,
    with_samples: bool,
    now: i64,
) -> Result<(), DemoError> {
    // The app and scripts already hold the token: a reset keeps it.
    let token = users::token_of(connection, DEMO_CUSTOMER_ID)?;
    connection.execute_batch(
        "BEGIN;
         DELETE FROM attachments;
         DELETE FROM uploads;
         DELETE FROM oauth_codes;
         DELETE FROM oauth_tokens;
         DELETE FROM hc_articles;
         DELETE FROM hc_sections;
         DELETE FROM hc_categories;
         DELETE FROM idempotency_keys;
         DELETE FROM comments;
         DELETE FROM request_collaborators;
         DELETE FROM requests;
         DELETE FROM api_tokens;
         DELETE FROM users;
         DELETE FROM status_incident_updates;
         DELETE FROM status_incident_components;
         DELETE FROM status_incidents;
         DELETE FROM status_components;
         COMMIT;",
    )?;
    seed_if_empty(connection, with_samples, now, token)?;
    Ok(())
}

fn seed_account(connection: &Connection, token: &str, now: i64) -> Result<(), DemoError> {
    let created = now - 400 * DAY;
    let person = |id, name: &str, email: &str, role, locale: &str, zone: (&str, &str)| UserRow {
        id,
        name: name.into(),
        email: email.into(),
        role,
        locale: locale.into(),
        time_zone: zone.0.into(),
        iana_time_zone: zone.1.into(),
        organization_id: (role == Role::EndUser).then_some(ORGANIZATION_ID),
        created_at: created,
        updated_at: created,
        // The demo customer is on Premium: the plan with an SLA shows the most.
        tags: if id == DEMO_CUSTOMER_ID {
            vec!["plan_premium".to_owned()]
        } else {
            Vec::new()
        },
    };
    let eastern = ("Eastern Time (US & Canada)", "America/New_York");
    let paris = ("Paris", "Europe/Paris");
    for user in [
        person(
            DEMO_CUSTOMER_ID,
            "Dana Demo",
            "dana@example.com",
            Role::EndUser,
            "en-US",
            eastern,
        ),
        person(
            COLLEAGUE_ID,
            "Sam Rivera",
            "sam@example.com",
            Role::EndUser,
            "en-US",
            eastern,
        ),
        person(
            AGENT_ALEX_ID,
            "Alex Martin",
            "alex.martin@acme-cloud.example",
            Role::Agent,
            "en-US",
            eastern,
        ),
        person(
            AGENT_CAMILLE_ID,
            "Camille Roy",
            "camille.roy@acme-cloud.example",
            Role::Agent,
            "fr",
            paris,
        ),
    ] {
        users::insert(connection, &user)?;
    }
    users::insert_token(connection, token, DEMO_CUSTOMER_ID, created)?;

    for (position, (name, description)) in [
        ("Web app", "The Acme Cloud web application"),
        ("API", "The REST API at api.acme-cloud.example"),
        (
            "Ticket submission",
            "Creating and answering support requests",
        ),
        ("Help Center", "Help articles and search"),
    ]
    .into_iter()
    .enumerate()
    {
        status::insert_component(
            connection,
            name,
            Some(description),
            position as i64 + 1,
            COMPONENTS_CREATED_MS,
        )?;
    }
    Ok(())
}
fn seed_status_history(connection: &Connection, now: i64) -> Result<(), DemoError> {
    let components = status::components(connection)?;
    let component = |name: &str| {
        components
            .iter()
            .find(|component| component.name == name)
            .expect("seeded components")
    };
    let api = component("API");
    let web_app = component("Web app");
    let ms = |seconds: i64| seconds * 1000;

    // The outage behind the "API returns 502" request.
    let started = now - 10 * DAY + 5 * HOUR + 5 * MINUTE;
    let incident = status::insert_incident(
        connection,
        &NewIncidentRow {
            name: "Elevated error rates on the API",
            status: IncidentStatus::Investigating.as_str(),
            impact: Impact::Major,
            created_at: ms(started + 10 * MINUTE),
            started_at: ms(started),
            schedule: None,
            component_ids: &[api.id],
        },
    )?;
    let change = |old: ComponentStatus, new: ComponentStatus| {
        json!([{
            "code": api.public_id,
            "name": api.name,
            "old_status": old.as_str(),
            "new_status": new.as_str(),
        }])
    };
    let outage = change(ComponentStatus::Operational, ComponentStatus::PartialOutage);
    let recovery = change(ComponentStatus::PartialOutage, ComponentStatus::Operational);
    let steps = [
        (
            10 * MINUTE,
            IncidentStatus::Investigating,
            "We are investigating elevated 502 errors on the projects endpoint of the API.",
            Some(outage),
        ),
        (
            45 * MINUTE,
            IncidentStatus::Identified,
            "The issue has been identified: a load balancer rule deployed just before the errors \
             began sends part of the traffic to a retired pool. We are rolling it back.",
            None,
        ),
        (
            95 * MINUTE,
            IncidentStatus::Monitoring,
            "The rule has been rolled back and error rates are back to normal. We are \
             monitoring the results.",
            None,
        ),
        (
            155 * MINUTE,
            IncidentStatus::Resolved,
            "This incident has been resolved.",
            Some(recovery),
        ),
    ];
    for (after, status, body, affected) in steps {
        status::add_update(
            connection,
            incident,
            status.as_str(),
            body,
            affected.as_ref(),
            ms(started + after),
        )?;
    }
    connection.execute(
        "UPDATE status_components SET updated_at = ?2 WHERE id = ?1",
        [api.id, ms(started + 155 * MINUTE)],
    )?;

    let window_start = first_saturday_at_least_a_week_after(now) + 2 * HOUR;
    let maintenance = status::insert_incident(
        connection,
        &NewIncidentRow {
            name: "Database upgrade",
            status: "scheduled",
            impact: Impact::Maintenance,
            created_at: ms(now - 3 * DAY),
            started_at: ms(now - 3 * DAY),
            schedule: Some((ms(window_start), ms(window_start + 2 * HOUR))),
            component_ids: &[web_app.id, api.id],
        },
    )?;
    status::add_update(
        connection,
        maintenance,
        "scheduled",
        "We will upgrade our primary database cluster. The web app and the API may be unavailable for up to 10 minutes during this window.",
        None,
        ms(now - 3 * DAY),
    )?;
    Ok(())
}

/// Midnight UTC of the first Saturday at least seven days after `now`.
fn first_saturday_at_least_a_week_after(now: i64) -> i64 {
    let mut day = now.div_euclid(DAY) + 7;
    // Day 0 (1970-01-01) was a Thursday, so Saturdays are the days ≡ 2 (mod 7).
    while (day - 2).rem_euclid(7) != 0 {
        day += 1;
    }
    day * DAY
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::zendesk_time;

    #[test]
    fn the_seed_base_is_the_second_of_march_2026() {
        assert_eq!(zendesk_time(SEED_BASE), "2026-03-02T09:00:00Z");
    }

    #[test]
    fn a_database_without_a_help_center_gets_one_and_keeps_its_account() {
        let mut connection = Connection::open_in_memory().unwrap();
        crate::store::migrate_for_tests(&mut connection);
        ensure_seeded(&mut connection, false, SEED_BASE).unwrap();
        // As a phase-1 database upgraded in place: an account, no articles.
        connection.execute_batch("DELETE FROM hc_articles").unwrap();
        connection
            .execute(
                "UPDATE users SET name = 'Dana D.' WHERE id = ?1",
                [DEMO_CUSTOMER_ID],
            )
            .unwrap();
        assert!(ensure_seeded(&mut connection, false, SEED_BASE).unwrap());
        let articles: i64 = connection
            .query_row("SELECT COUNT(*) FROM hc_articles", [], |row| row.get(0))
            .unwrap();
        assert_eq!(articles, 64);
        let name: String = connection
            .query_row(
                "SELECT name FROM users WHERE id = ?1",
                [DEMO_CUSTOMER_ID],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(name, "Dana D.", "the account is not seeded again");
        assert!(!ensure_seeded(&mut connection, false, SEED_BASE).unwrap());
    }

    #[test]
    fn maintenance_lands_on_a_saturday_a_week_or_more_ahead() {
        // 2026-03-02 is a Monday; the first Saturday at least a week later is the 14th.
        let saturday = first_saturday_at_least_a_week_after(SEED_BASE);
        assert_eq!(zendesk_time(saturday), "2026-03-14T00:00:00Z");
    }
}
