use super::*;
use crate::ticket_form::Priority;

const DEMO: &str = include_str!("../../profiles/demo.toml");

fn with(replace: &str, by: &str) -> String {
    assert!(DEMO.contains(replace), "the demo profile holds {replace:?}");
    DEMO.replacen(replace, by, 1)
}

fn problems(text: &str) -> Vec<FieldError> {
    match ProviderProfile::from_toml(text) {
        Err(ProfileError::Invalid(problems)) => problems,
        other => panic!("expected field problems, got {other:?}"),
    }
}

#[test]
fn the_shipped_demo_profile_reads_with_the_demo_desks_addresses() {
    let profile = ProviderProfile::demo("http://127.0.0.1:4100/");
    assert_eq!(profile.vendor_name, "Acme Cloud");
    assert_eq!(
        profile.help_desk_url.as_deref(),
        Some("http://127.0.0.1:4100")
    );
    assert_eq!(
        profile.status_page_url.as_deref(),
        Some("http://127.0.0.1:4100/status")
    );
    assert_eq!(profile.plans.len(), 4);
    let premium = profile.plan("premium").unwrap();
    assert_eq!(premium.tier, PlanTier::Premium);
    let urgent = premium.targets(Priority::Urgent).unwrap();
    assert_eq!(urgent.first_response, SignedDuration::from_hours(1));
    assert_eq!(urgent.clock, Clock::AroundTheClock);
    assert!(!profile.plan("team").unwrap().has_sla());
    assert_eq!(profile.ticket_fields, TicketFields::demo());
}

#[test]
fn the_committed_json_schema_is_the_one_the_types_make() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/profiles/profile.schema.json");
    let fresh = ProviderProfile::json_schema();
    if std::env::var_os("UPDATE_PROFILE_SCHEMA").is_some() {
        std::fs::write(path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "profiles/profile.schema.json is out of date: run UPDATE_PROFILE_SCHEMA=1 cargo test -p helpline-core profile"
    );
}

#[test]
fn a_syntax_error_names_the_line_and_the_key() {
    let error = ProviderProfile::from_toml(&with(
        "time_zone = \"Europe/Paris\"",
        "time_zone = Europe/Paris",
    ))
    .unwrap_err()
    .to_string();
    assert!(error.contains("line"), "{error}");
    let error = ProviderProfile::from_toml(&with("[vendor]", "[vendor]\ncolour = \"blue\""))
        .unwrap_err()
        .to_string();
    assert!(error.contains("colour"), "{error}");
}

#[test]
fn every_problem_is_reported_with_its_field_and_its_fix() {
    let text = with(
        "time_zone = \"Europe/Paris\"",
        "time_zone = \"Europe/Parys\"",
    )
    .replacen("monday = [\"09:00-18:00\"]", "monday = [\"9-18\"]", 1)
    .replacen(
        "first_response = \"4h\"",
        "first_response = \"four hours\"",
        1,
    )
    .replacen("default = \"team\"", "default = \"gold\"", 1)
    .replacen("\"2026-12-25\"", "\"25/12/2026\"", 1);
    let found = problems(&text);
    let fields: Vec<&str> = found.iter().map(|problem| problem.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "business_hours.time_zone",
            "business_hours.week.monday[0]",
            "business_hours.holidays[0]",
            "plans[3].sla.high.first_response",
            "plan_rule.default",
        ]
    );
    let message = ProfileError::Invalid(found).to_string();
    assert!(
        message.contains("write an IANA name such as \"Europe/Paris\""),
        "{message}"
    );
    assert!(
        message.contains("write one of the plan ids: free, lite, premium, team"),
        "{message}"
    );
}

#[test]
fn slas_belong_to_premium_and_every_premium_plan_has_one() {
    let team = "tier = \"team\"\nchannels = [\"talk_to_us\", \"contact_form\", \"portal\"]\n";
    let text = with(
        team,
        &format!("{team}[plans.sla.normal]\nfirst_response = \"8h\"\nclock = \"business_hours\"\n"),
    );
    let found = problems(&text);
    assert_eq!(found[0].field, "plans[2].sla");
    assert!(found[0].problem.contains("only with Premium"));

    let premium_start = DEMO.find("# Response targets").unwrap();
    let rule_start = DEMO.find("# Which plan").unwrap();
    let text = format!("{}{}", &DEMO[..premium_start], &DEMO[rule_start..]);
    let found = problems(&text);
    assert_eq!(found[0].field, "plans[3].sla");
    assert!(found[0]
        .fix
        .contains("every Premium contract includes an SLA"));
}

#[test]
fn overlapping_or_backwards_hours_and_a_week_never_open_are_refused() {
    let found = problems(&with(
        "monday = [\"09:00-18:00\"]",
        "monday = [\"09:00-12:00\", \"11:00-18:00\"]",
    ));
    assert_eq!(found[0].field, "business_hours.week.monday");
    let found = problems(&with(
        "monday = [\"09:00-18:00\"]",
        "monday = [\"18:00-09:00\"]",
    ));
    assert_eq!(found[0].field, "business_hours.week.monday[0]");
    let start = DEMO.find("[business_hours.week]").unwrap();
    let end = DEMO.find("# The plans").unwrap();
    let text = format!("{}[business_hours.week]\n{}", &DEMO[..start], &DEMO[end..]);
    assert_eq!(problems(&text)[0].field, "business_hours.week");
}

#[test]
fn an_address_must_be_https_except_on_loopback() {
    let found = problems(&with(
        "oauth_client_id = \"helpline_desktop\"",
        "url = \"http://acme.zendesk.com\"\noauth_client_id = \"helpline_desktop\"",
    ));
    assert_eq!(found[0].field, "help_desk.url");
}

#[test]
fn the_plan_comes_from_the_customers_field_then_tags_then_the_default() {
    let mut profile = ProviderProfile::demo("http://127.0.0.1:1");
    let facts = |tags: &[&str]| CustomerFacts {
        tags: tags.iter().map(|tag| tag.to_string()).collect(),
        user_fields: Default::default(),
    };
    assert_eq!(
        profile.plan_for(Some(&facts(&["vip", "plan_premium"]))),
        PlanChoice {
            plan_id: "premium".into(),
            reason: PlanReason::UserTag {
                tag: "plan_premium".into()
            }
        }
    );
    assert_eq!(
        profile.plan_for(Some(&facts(&["vip"]))).reason,
        PlanReason::Default
    );
    assert_eq!(profile.plan_for(None).reason, PlanReason::NotKnownYet);

    profile.plan_rule.user_field = Some("support_plan".into());
    let mut with_field = facts(&["plan_free"]);
    with_field
        .user_fields
        .insert("support_plan".into(), serde_json::json!("lite"));
    let choice = profile.plan_for(Some(&with_field));
    assert_eq!(choice.plan_id, "lite");
    // A field naming no plan falls back to the tags.
    with_field
        .user_fields
        .insert("support_plan".into(), serde_json::json!("gold"));
    assert_eq!(profile.plan_for(Some(&with_field)).plan_id, "free");
}

/// Serves `body` once over plain HTTP on loopback; its address.
async fn serve_once(body: &'static str) -> String {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 2048];
        let _ = stream.read(&mut request).await;
        let answer = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/toml\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(answer.as_bytes()).await.unwrap();
    });
    format!("http://{address}/helpline-profile.toml")
}

#[tokio::test]
async fn a_profile_is_given_as_a_file_or_the_address_the_vendor_publishes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.toml");
    std::fs::write(&path, DEMO).unwrap();
    let from_file = ProviderProfile::from_source(path.to_str().unwrap())
        .await
        .unwrap();
    assert_eq!(from_file.profile.vendor_name, "Acme Cloud");
    assert_eq!(from_file.text, DEMO);

    let url = serve_once(DEMO).await;
    let fetched = ProviderProfile::from_source(&url).await.unwrap();
    assert_eq!(fetched.profile.plans.len(), 4);

    let missing = ProviderProfile::from_source("/no/such/profile.toml").await;
    assert!(matches!(missing, Err(ProfileError::Read { .. })));
    let insecure = ProviderProfile::from_source("http://acme.example/profile.toml").await;
    assert!(insecure.err().unwrap().to_string().contains("https://"));
    let broken = serve_once("version = 1\n").await;
    assert!(matches!(
        ProviderProfile::from_source(&broken).await,
        Err(ProfileError::Invalid(_) | ProfileError::Syntax(_))
    ));
}
