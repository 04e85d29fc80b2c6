//! [`Tickets`], the layer the screens use: attachments both ways, the guided form with the
//! demo profile's custom fields, drafts, and the sync status through faults.

use demo_desk::{AttachmentFile, Fault};
use helpline_core::{
    ErrorCode, FormField, NewTicketForm, OutboxState, ReplyDraft, Store, SubmitOutcome, SyncState,
    TicketFields, TicketKind, WireError,
};

use crate::helpers::{self, EXPORT_REQUEST};

use helpers::tickets_for;

fn bug_report() -> NewTicketForm {
    NewTicketForm {
        kind: Some(TicketKind::Bug),
        subject: "Webhooks fire twice".into(),
        problem: "Every entry publish triggers two webhook calls since Monday.".into(),
        resource_ids: "space-9f2k, webhook-77".into(),
        production_affected: Some(true),
        environment: "EU region".into(),
        ..NewTicketForm::default()
    }
}

#[tokio::test]
async fn a_reply_with_a_screenshot_reaches_the_desk_and_its_copy_is_cleaned_up() {
    let setup = helpers::start().await;
    let tickets = tickets_for(&setup);
    let screenshot = tickets.attach("screen.png", b"\x89PNG fake image").unwrap();
    let staged = setup
        .dir
        .path()
        .join("outgoing")
        .join(&screenshot.id)
        .join(&screenshot.file_name);
    assert!(staged.is_file());
    tickets
        .reply(
            EXPORT_REQUEST,
            ReplyDraft {
                body: "Here is what I see.".into(),
                attachments: vec![screenshot],
            },
        )
        .unwrap();

    let (update, _) = tickets.sync_now().await;
    assert_eq!(update.status.state, SyncState::UpToDate, "{update:?}");
    assert_eq!(update.status.waiting, 0);
    assert!(!staged.exists(), "the sent copy is deleted");

    let comments = helpers::desk_comments(&setup.desk, EXPORT_REQUEST).await;
    let mine = comments.last().unwrap();
    assert_eq!(mine.body, "Here is what I see.");
    assert_eq!(mine.attachments.len(), 1);
    assert_eq!(mine.attachments[0].file_name, "screen.png");
}

#[tokio::test]
async fn an_agents_attachment_downloads_once_and_is_then_read_from_disk() {
    let setup = helpers::start().await;
    setup
        .desk
        .agent_reply_with_attachments(
            EXPORT_REQUEST,
            "The log you asked for.",
            vec![AttachmentFile {
                file_name: "export.log".into(),
                content_type: None,
                bytes: b"line 1\nline 2\n".to_vec(),
            }],
        )
        .await
        .unwrap();
    let tickets = tickets_for(&setup);
    tickets.sync_now().await;
    let detail = tickets.open(EXPORT_REQUEST).unwrap();
    let attachment = &detail.comments.last().unwrap().attachments[0];

    let file = tickets.attachment(attachment.id).await.unwrap();
    assert_eq!(std::fs::read(&file.path).unwrap(), b"line 1\nline 2\n");
    let sent = setup.client.requests_sent();
    let again = tickets.attachment(attachment.id).await.unwrap();
    assert_eq!(again.path, file.path);
    assert_eq!(setup.client.requests_sent(), sent, "served from disk");

    let downloads = setup.dir.path().join("Downloads");
    let first = tickets
        .save_attachment(attachment.id, &downloads)
        .await
        .unwrap();
    let second = tickets
        .save_attachment(attachment.id, &downloads)
        .await
        .unwrap();
    assert_eq!(first, downloads.join("export.log"));
    assert_eq!(second, downloads.join("export (1).log"));
    assert_eq!(std::fs::read(&second).unwrap(), b"line 1\nline 2\n");
}

#[tokio::test]
async fn the_guided_form_opens_a_request_with_the_profiles_type_and_custom_fields() {
    let setup = helpers::start().await;
    let tickets = tickets_for(&setup);
    let log = tickets
        .attach("webhooks.log", b"POST /hook 200\nPOST /hook 200\n")
        .unwrap();
    let mut form = bug_report();
    form.attachments = vec![log];
    let SubmitOutcome::Queued { item } = tickets.submit(form).unwrap() else {
        panic!("a complete form is queued");
    };
    assert_eq!(item.state, OutboxState::Waiting);
    tickets.sync_now().await;

    let created = helpers::desk_requests(&setup.desk)
        .await
        .into_iter()
        .find(|request| request.subject == "Webhooks fire twice")
        .expect("the request is on the desk");
    assert!(created
        .description
        .contains("Affected resources: space-9f2k, webhook-77"));
    let raw: serde_json::Value = reqwest::Client::new()
        .get(format!(
            "{}/api/v2/requests/{}.json",
            setup.desk.zendesk_url(),
            created.id
        ))
        .bearer_auth(setup.desk.demo_token())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(raw["request"]["type"], "incident");
    let fields = raw["request"]["custom_fields"].as_array().unwrap();
    let value_of = |id: u64| {
        fields
            .iter()
            .find(|field| field["id"] == id)
            .map(|field| field["value"].clone())
    };
    let profile = TicketFields::demo();
    assert_eq!(value_of(profile.kind_field.unwrap()), Some("bug".into()));
    assert_eq!(
        value_of(profile.production_field.unwrap()),
        Some("yes".into())
    );
    let listed = tickets
        .list(&helpline_core::TicketQuery::new(
            helpline_core::TicketFilter::All,
        ))
        .unwrap();
    let local = listed
        .iter()
        .find(|ticket| ticket.id == created.id)
        .unwrap();
    assert_eq!(local.subject, "Webhooks fire twice");
    let opened = tickets.open(created.id).unwrap();
    assert_eq!(
        opened.kind,
        Some(TicketKind::Bug),
        "read back from the kind field"
    );
    assert_eq!(opened.priority.as_deref(), Some("normal"));
    let thread = helpers::desk_comments(&setup.desk, created.id).await;
    assert_eq!(thread[0].attachments[0].file_name, "webhooks.log");
    assert!(setup.store.ticket_draft().unwrap().is_none());
}

#[tokio::test]
async fn a_quick_question_reaches_the_desk_as_a_low_priority_question_and_leaves_the_draft() {
    let setup = helpers::start().await;
    let tickets = tickets_for(&setup);
    let draft = bug_report();
    tickets.save_ticket_draft(&draft).unwrap();

    let SubmitOutcome::Queued { .. } = tickets
        .ask("Where do I find the invoices of last year?")
        .unwrap()
    else {
        panic!("a question of 20 characters or more is queued");
    };
    tickets.sync_now().await;

    let asked = helpers::desk_requests(&setup.desk)
        .await
        .into_iter()
        .find(|request| request.subject == "Where do I find the invoices of last year?")
        .expect("the question is on the desk");
    assert_eq!(asked.priority.as_deref(), Some("low"));
    assert_eq!(
        tickets.open(asked.id).unwrap().kind,
        Some(TicketKind::TechnicalQuestion)
    );
    assert_eq!(
        tickets.ticket_draft().unwrap(),
        draft,
        "the new-ticket draft is untouched"
    );
    assert!(matches!(
        tickets.ask("Invoices?").unwrap(),
        SubmitOutcome::Invalid { .. }
    ));
}

#[tokio::test]
async fn an_incomplete_form_is_kept_as_a_draft_and_says_what_is_missing() {
    let setup = helpers::start().await;
    let tickets = tickets_for(&setup);
    let mut form = bug_report();
    form.production_affected = None;
    form.subject = "   ".into();
    let SubmitOutcome::Invalid { problems } = tickets.submit(form.clone()).unwrap() else {
        panic!("an incomplete form is refused");
    };
    let fields: Vec<FormField> = problems.iter().map(|problem| problem.field).collect();
    assert_eq!(fields, [FormField::Subject, FormField::ProductionAffected]);
    assert!(setup.outbox.items().unwrap().is_empty());

    // The draft survives a restart of the whole backend.
    drop(tickets);
    let reopened = Store::open(setup.dir.path().join("helpline.sqlite3")).unwrap();
    assert_eq!(reopened.ticket_draft().unwrap(), Some(form));
}

#[tokio::test]
async fn the_status_says_offline_while_the_desk_drops_connections_and_recovers_alone() {
    let setup = helpers::start().await;
    let tickets = tickets_for(&setup);
    tickets.sync_now().await;
    tickets
        .reply(
            EXPORT_REQUEST,
            ReplyDraft {
                body: "Written during the outage.".into(),
                attachments: vec![],
            },
        )
        .unwrap();
    setup
        .desk
        .inject(Fault {
            status: Some(503),
            retry_after_s: Some(0),
            ..Fault::default()
        })
        .unwrap();
    let (update, _) = tickets.sync_now().await;
    assert_ne!(update.status.state, SyncState::UpToDate, "{update:?}");
    assert!(update.status.message.is_some());
    assert_eq!(update.status.waiting, 1);

    setup.desk.clear_faults();
    let (update, _) = tickets.sync_now().await;
    assert_eq!(update.status.state, SyncState::UpToDate, "{update:?}");
    assert_eq!(update.status.waiting, 0);
    let comments = helpers::desk_comments(&setup.desk, EXPORT_REQUEST).await;
    let sent = comments
        .iter()
        .filter(|comment| comment.body == "Written during the outage.")
        .count();
    assert_eq!(sent, 1);
}

/// Each kind of trouble the demo desk can inject: the status says so (or, for a slow desk,
/// simply completes), nothing crashes, and once the desk recovers the reply written meanwhile
/// is on the desk exactly once.
#[tokio::test]
async fn every_injected_fault_is_reported_and_recovered_from_without_duplicates() {
    let faults = [
        (
            "429 burst",
            Fault {
                status: Some(429),
                retry_after_s: Some(1),
                ..Fault::default()
            },
            false,
        ),
        (
            "500",
            Fault {
                status: Some(500),
                ..Fault::default()
            },
            false,
        ),
        (
            "dropped connection",
            Fault {
                drop_after_headers: true,
                ..Fault::default()
            },
            false,
        ),
        (
            "malformed JSON",
            Fault {
                malformed_json: true,
                ..Fault::default()
            },
            false,
        ),
        (
            "slow desk",
            Fault {
                latency_ms: Some(400),
                ..Fault::default()
            },
            true,
        ),
    ];
    for (name, fault, completes) in faults {
        let setup = helpers::start().await;
        let tickets = tickets_for(&setup);
        tickets.sync_now().await;
        let body = format!("Written while the desk had a {name}.");
        tickets
            .reply(
                EXPORT_REQUEST,
                ReplyDraft {
                    body: body.clone(),
                    attachments: vec![],
                },
            )
            .unwrap();
        setup.desk.inject(fault).unwrap();
        let (during, _) = tickets.sync_now().await;
        if completes {
            assert_eq!(
                during.status.state,
                SyncState::UpToDate,
                "{name}: {during:?}"
            );
        } else {
            assert_ne!(
                during.status.state,
                SyncState::UpToDate,
                "{name}: {during:?}"
            );
            assert!(during.status.message.is_some(), "{name}: says why");
        }

        setup.desk.clear_faults();
        let (after, _) = tickets.sync_now().await;
        assert_eq!(after.status.state, SyncState::UpToDate, "{name}: {after:?}");
        assert_eq!(after.status.waiting, 0, "{name}");
        let copies = helpers::desk_comments(&setup.desk, EXPORT_REQUEST)
            .await
            .iter()
            .filter(|comment| comment.body == body)
            .count();
        assert_eq!(copies, 1, "{name}: the reply is on the desk once");
    }
}

#[tokio::test]
async fn a_problem_on_this_computer_is_said_as_such_not_as_the_desks_answer() {
    let setup = helpers::start().await;
    let tickets = tickets_for(&setup);
    // The outbox lock cannot be taken: a folder sits where its file goes.
    let mut lock = setup.store.path().as_os_str().to_owned();
    lock.push(".outbox-lock");
    std::fs::create_dir_all(std::path::PathBuf::from(lock)).unwrap();
    let (update, _) = tickets.sync_now().await;
    assert_eq!(update.status.state, SyncState::Retrying);
    let message = update.status.message.unwrap();
    assert!(message.contains("on this computer"), "{message}");
    assert!(!message.contains("unexpected answer"), "{message}");
}

#[tokio::test]
async fn only_an_image_is_previewed_anything_else_is_to_be_saved() {
    let setup = helpers::start().await;
    let png = b"\x89PNG\r\n\x1a\n fake image".to_vec();
    setup
        .desk
        .agent_reply_with_attachments(
            EXPORT_REQUEST,
            "Two files.",
            vec![
                AttachmentFile {
                    file_name: "error.png".into(),
                    content_type: Some("image/png".into()),
                    bytes: png.clone(),
                },
                AttachmentFile {
                    file_name: "export.log".into(),
                    content_type: None,
                    bytes: b"line 1\n".to_vec(),
                },
            ],
        )
        .await
        .unwrap();
    let tickets = tickets_for(&setup);
    tickets.sync_now().await;
    let detail = tickets.open(EXPORT_REQUEST).unwrap();
    let files = &detail.comments.last().unwrap().attachments;
    let image = files
        .iter()
        .find(|file| file.file_name == "error.png")
        .unwrap();
    let log = files
        .iter()
        .find(|file| file.file_name == "export.log")
        .unwrap();

    let preview = tickets.image_preview(image.id).await.unwrap();
    assert_eq!(preview.content_type, "image/png");
    assert_eq!(preview.bytes, png);
    let refused = WireError::from(tickets.image_preview(log.id).await.unwrap_err());
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    assert!(refused.message.contains("save it instead"), "{refused:?}");
}

#[tokio::test]
async fn a_sync_tells_the_notifier_of_agent_replies_and_of_tickets_support_solved() {
    use helpline_core::Happening;
    let setup = helpers::start().await;
    let tickets = tickets_for(&setup);
    let (baseline, _) = tickets.sync_now().await;
    assert!(
        tickets.happenings(&baseline.events).unwrap().is_empty(),
        "the first sync announces nothing"
    );

    setup
        .desk
        .agent_reply(EXPORT_REQUEST, "We shipped a fix.\nPlease try again.")
        .await
        .unwrap();
    setup
        .desk
        .set_status(helpers::SIGN_IN_REQUEST, demo_desk::RequestStatus::Solved)
        .await
        .unwrap();
    let (update, _) = tickets.sync_now().await;
    let happenings = tickets.happenings(&update.events).unwrap();
    assert_eq!(happenings.len(), 2, "{happenings:?}");
    assert!(happenings.iter().any(|happening| matches!(happening,
        Happening::AgentReply { request_id, subject, text, .. }
            if *request_id == EXPORT_REQUEST
                && subject == "Export to CSV times out for large projects"
                && text.starts_with("We shipped a fix."))));
    assert!(happenings.iter().any(|happening| matches!(happening,
        Happening::Solved { request_id, .. } if *request_id == helpers::SIGN_IN_REQUEST)));

    // The user solves one themselves: their own doing is not news.
    tickets.solve(EXPORT_REQUEST).unwrap();
    let (update, _) = tickets.sync_now().await;
    assert_eq!(tickets.happenings(&update.events).unwrap(), []);
}
