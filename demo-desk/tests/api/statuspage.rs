use demo_desk::NewMaintenance;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::time::{Duration, SystemTime};

use crate::helpers::{assert_fields, header, is_statuspage_time, start, TestDesk};

const COMPONENT_STATUSES: &[&str] = &[
    "operational",
    "degraded_performance",
    "partial_outage",
    "major_outage",
    "under_maintenance",
];

async fn status_json(desk: &TestDesk, path: &str) -> Value {
    let response = desk
        .http
        .get(format!("{}{path}", desk.handle.statuspage_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_eq!(
        header(&response, "content-type"),
        "application/json; charset=utf-8"
    );
    let body: Value = response.json().await.unwrap();
    assert_fields(
        &body["page"],
        &[
            ("id", "string"),
            ("name", "string"),
            ("url", "string"),
            ("time_zone", "string"),
            ("updated_at", "string"),
        ],
    );
    assert!(is_statuspage_time(
        body["page"]["updated_at"].as_str().unwrap()
    ));
    body
}

fn component_id(summary: &Value, name: &str) -> String {
    summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|component| component["name"] == name)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn component_status<'a>(summary: &'a Value, name: &str) -> &'a str {
    summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|component| component["name"] == name)
        .unwrap()["status"]
        .as_str()
        .unwrap()
}

fn assert_incident_shape(incident: &Value) {
    assert_fields(
        incident,
        &[
            ("id", "string"),
            ("name", "string"),
            ("status", "string"),
            ("impact", "string"),
            ("created_at", "string"),
            ("updated_at", "string"),
            ("monitoring_at", "string|null"),
            ("resolved_at", "string|null"),
            ("started_at", "string"),
            ("shortlink", "string"),
            ("page_id", "string"),
            ("incident_updates", "array"),
            ("components", "array"),
        ],
    );
    assert!(incident["shortlink"]
        .as_str()
        .unwrap()
        .starts_with("https://stspg.io/"));
    assert!(["none", "minor", "major", "critical", "maintenance"]
        .contains(&incident["impact"].as_str().unwrap()));
    for update in incident["incident_updates"].as_array().unwrap() {
        assert_fields(
            update,
            &[
                ("id", "string"),
                ("status", "string"),
                ("body", "string"),
                ("incident_id", "string"),
                ("created_at", "string"),
                ("updated_at", "string"),
                ("display_at", "string"),
                ("affected_components", "array|null"),
                ("deliver_notifications", "boolean"),
                ("custom_tweet", "string|null"),
                ("tweet_id", "string|null"),
            ],
        );
        assert!(is_statuspage_time(update["created_at"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn the_summary_has_page_status_components_incidents_and_maintenances() {
    let desk = start().await;
    let summary = status_json(&desk, "/api/v2/summary.json").await;
    assert_eq!(summary["page"]["name"], "Acme Cloud");
    assert_eq!(summary["page"]["time_zone"], "Etc/UTC");
    assert_eq!(
        summary["status"],
        json!({"indicator": "none", "description": "All Systems Operational"})
    );
    let components = summary["components"].as_array().unwrap();
    let names: Vec<&str> = components
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Web app", "API", "Ticket submission", "Help Center"]
    );
    for component in components {
        assert_fields(
            component,
            &[
                ("id", "string"),
                ("name", "string"),
                ("status", "string"),
                ("created_at", "string"),
                ("updated_at", "string"),
                ("position", "number"),
                ("description", "string|null"),
                ("showcase", "boolean"),
                ("start_date", "string|null"),
                ("group_id", "string|null"),
                ("page_id", "string"),
                ("group", "boolean"),
                ("only_show_if_degraded", "boolean"),
            ],
        );
        assert!(COMPONENT_STATUSES.contains(&component["status"].as_str().unwrap()));
        assert_eq!(component["page_id"], summary["page"]["id"]);
    }
    assert_eq!(summary["incidents"], json!([]));
    let maintenances = summary["scheduled_maintenances"].as_array().unwrap();
    assert_eq!(maintenances.len(), 1);
    let maintenance = &maintenances[0];
    assert_incident_shape(maintenance);
    assert_eq!(maintenance["status"], "scheduled");
    assert_eq!(maintenance["impact"], "maintenance");
    let scheduled_for = maintenance["scheduled_for"].as_str().unwrap();
    assert!(is_statuspage_time(scheduled_for));
    assert!(is_statuspage_time(
        maintenance["scheduled_until"].as_str().unwrap()
    ));
    let now = summary["page"]["updated_at"].as_str().unwrap();
    assert!(scheduled_for > now, "the maintenance lies ahead");
}

#[tokio::test]
async fn incidents_list_the_resolved_incident_with_updates_newest_first() {
    let desk = start().await;
    let body = status_json(&desk, "/api/v2/incidents.json").await;
    let incidents = body["incidents"].as_array().unwrap();
    assert_eq!(incidents.len(), 1);
    let incident = &incidents[0];
    assert_incident_shape(incident);
    assert_eq!(incident["status"], "resolved");
    assert_eq!(incident["impact"], "major");
    assert!(incident["monitoring_at"].is_string() && incident["resolved_at"].is_string());
    let updates = incident["incident_updates"].as_array().unwrap();
    let statuses: Vec<&str> = updates
        .iter()
        .map(|u| u["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["resolved", "monitoring", "identified", "investigating"]
    );
    assert_eq!(
        updates[3]["affected_components"][0]["new_status"],
        "partial_outage"
    );
    assert_eq!(
        updates[0]["affected_components"][0]["new_status"],
        "operational"
    );
    assert_eq!(incident["components"][0]["name"], "API");

    let unresolved = status_json(&desk, "/api/v2/incidents/unresolved.json").await;
    assert_eq!(unresolved["incidents"], json!([]));
}

#[tokio::test]
async fn a_back_office_incident_appears_in_unresolved_flips_the_indicator_and_resolving_moves_it() {
    let desk = start().await;
    let summary = status_json(&desk, "/api/v2/summary.json").await;
    let api = component_id(&summary, "API");

    let opened = desk
        .back_office(
            "/_demo/incidents",
            &json!({"name": "Slow ticket submission", "impact": "major", "component_ids": [api], "body": "We are looking into it."}),
        )
        .await;
    assert_eq!(opened.status(), StatusCode::CREATED);
    let opened: Value = opened.json().await.unwrap();
    let id = opened["incident"]["id"].as_str().unwrap().to_owned();
    assert_eq!(opened["incident"]["status"], "investigating");

    let unresolved = status_json(&desk, "/api/v2/incidents/unresolved.json").await;
    assert_eq!(unresolved["incidents"][0]["id"], id);
    let summary = status_json(&desk, "/api/v2/summary.json").await;
    assert_eq!(summary["status"]["indicator"], "major");
    assert_eq!(summary["status"]["description"], "Partial System Outage");
    assert_eq!(component_status(&summary, "API"), "partial_outage");
    assert_eq!(summary["incidents"][0]["id"], id);
    assert_eq!(
        summary["incidents"][0]["incident_updates"][0]["affected_components"][0]["old_status"],
        "operational"
    );

    let monitoring = desk
        .back_office(
            &format!("/_demo/incidents/{id}/updates"),
            &json!({"status": "monitoring", "body": "A fix is out."}),
        )
        .await;
    let monitoring: Value = monitoring.json().await.unwrap();
    assert_eq!(monitoring["incident"]["status"], "monitoring");
    assert!(monitoring["incident"]["monitoring_at"].is_string());

    let resolved = desk
        .back_office(
            &format!("/_demo/incidents/{id}/resolve"),
            &json!({"body": "All good."}),
        )
        .await;
    assert_eq!(resolved.status(), StatusCode::OK);
    let unresolved = status_json(&desk, "/api/v2/incidents/unresolved.json").await;
    assert_eq!(unresolved["incidents"], json!([]));
    let incidents = status_json(&desk, "/api/v2/incidents.json").await;
    assert_eq!(incidents["incidents"][0]["id"], id);
    assert_eq!(incidents["incidents"][0]["status"], "resolved");
    assert_eq!(
        incidents["incidents"][0]["incident_updates"][0]["body"],
        "All good."
    );
    let summary = status_json(&desk, "/api/v2/summary.json").await;
    assert_eq!(summary["status"]["indicator"], "none");
    assert_eq!(component_status(&summary, "API"), "operational");

    let again = desk
        .back_office(&format!("/_demo/incidents/{id}/resolve"), &json!({}))
        .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_active_maintenance_puts_its_components_under_maintenance() {
    let desk = start().await;
    let summary = status_json(&desk, "/api/v2/summary.json").await;
    let help_center = component_id(&summary, "Help Center");
    let now = SystemTime::now();
    let id = desk
        .handle
        .schedule_maintenance(NewMaintenance {
            name: "Search index rebuild".into(),
            scheduled_for: now - Duration::from_secs(60),
            scheduled_until: now + Duration::from_secs(3600),
            component_ids: vec![help_center],
            body: None,
        })
        .await
        .unwrap();

    let active = status_json(&desk, "/api/v2/scheduled-maintenances/active.json").await;
    let active = active["scheduled_maintenances"].as_array().unwrap();
    assert_eq!(active.len(), 1);
    assert_eq!(active[0]["id"], id);
    assert_eq!(active[0]["status"], "in_progress");
    assert_eq!(active[0]["incident_updates"][0]["status"], "in_progress");

    let upcoming = status_json(&desk, "/api/v2/scheduled-maintenances/upcoming.json").await;
    assert!(upcoming["scheduled_maintenances"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["status"] == "scheduled" && m["id"] != id));

    let summary = status_json(&desk, "/api/v2/summary.json").await;
    assert_eq!(
        component_status(&summary, "Help Center"),
        "under_maintenance"
    );
    assert_eq!(summary["status"]["indicator"], "maintenance");
    assert_eq!(
        summary["scheduled_maintenances"].as_array().unwrap().len(),
        2
    );

    let all = status_json(&desk, "/api/v2/scheduled-maintenances.json").await;
    assert_eq!(all["scheduled_maintenances"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn every_statuspage_endpoint_answers_with_and_without_json_suffix() {
    let desk = start().await;
    for (path, key) in [
        ("/api/v2/summary", "components"),
        ("/api/v2/status", "status"),
        ("/api/v2/components", "components"),
        ("/api/v2/incidents", "incidents"),
        ("/api/v2/incidents/unresolved", "incidents"),
        ("/api/v2/scheduled-maintenances", "scheduled_maintenances"),
        (
            "/api/v2/scheduled-maintenances/upcoming",
            "scheduled_maintenances",
        ),
        (
            "/api/v2/scheduled-maintenances/active",
            "scheduled_maintenances",
        ),
    ] {
        for suffix in ["", ".json"] {
            let body = status_json(&desk, &format!("{path}{suffix}")).await;
            assert!(body.get(key).is_some(), "{path}{suffix} has {key}");
        }
    }
    let status = status_json(&desk, "/api/v2/status.json").await;
    assert_eq!(status.as_object().unwrap().len(), 2, "only page and status");
}
