//! Attached files are known to the UI by an opaque id; whatever the webview sends in a draft,
//! a reply or a new ticket, nothing outside the outgoing folder is read, uploaded or deleted.

use std::path::Path;

use helpline_core::{
    ErrorCode, NewTicketForm, OutgoingFile, ReplyDraft, TicketKind, TicketsError, WireError,
};

use crate::helpers::{self, Setup, EXPORT_REQUEST};

use helpers::tickets_for;

/// A secret outside the data folder, and the hostile attachments that try to reach it.
struct Bait {
    _home: tempfile::TempDir,
    secret: std::path::PathBuf,
    files: Vec<(&'static str, OutgoingFile)>,
}

fn file(id: &str, file_name: &str) -> OutgoingFile {
    OutgoingFile {
        id: id.into(),
        file_name: file_name.into(),
        content_type: "text/plain".into(),
        size: 12,
    }
}

fn bait(setup: &Setup) -> Bait {
    let home = tempfile::tempdir().unwrap();
    let ssh = home.path().join(".ssh");
    std::fs::create_dir_all(&ssh).unwrap();
    let secret = ssh.join("id_ed25519");
    std::fs::write(&secret, "PRIVATE KEY\n").unwrap();

    let outgoing = setup.dir.path().join("outgoing");
    std::fs::create_dir_all(&outgoing).unwrap();
    // A folder named like a staged one that is a link to the secret's folder.
    let linked_folder = "5b0c6f0e-8d41-4c1e-9a8e-0f7d1f6f2c11";
    std::os::unix::fs::symlink(&ssh, outgoing.join(linked_folder)).unwrap();
    // A real staged folder whose file is a link to the secret.
    let linked_file = "7d3e1b2a-4c5f-4e6a-8b9c-1d2e3f4a5b6c";
    std::fs::create_dir_all(outgoing.join(linked_file)).unwrap();
    std::os::unix::fs::symlink(&secret, outgoing.join(linked_file).join("id_ed25519")).unwrap();

    let files = vec![
        ("dot-dot id", file("../../../.ssh", "id_ed25519")),
        ("absolute id", file(ssh.to_str().unwrap(), "id_ed25519")),
        (
            "dot-dot name",
            file(linked_file, "../../../.ssh/id_ed25519"),
        ),
        ("symlinked folder", file(linked_folder, "id_ed25519")),
        ("symlinked file", file(linked_file, "id_ed25519")),
    ];
    Bait {
        _home: home,
        secret,
        files,
    }
}

fn assert_refused(what: &str, result: Result<impl std::fmt::Debug, TicketsError>) {
    let error = WireError::from(result.expect_err(what));
    assert_eq!(error.code, ErrorCode::InvalidInput, "{what}: {error:?}");
}

#[tokio::test]
async fn drafts_and_sends_naming_files_outside_the_outgoing_folder_are_refused() {
    let setup = helpers::start().await;
    let tickets = tickets_for(&setup);
    let bait = bait(&setup);
    for (what, hostile) in &bait.files {
        let draft = ReplyDraft {
            body: "See the file.".into(),
            attachments: vec![hostile.clone()],
        };
        assert_refused(what, tickets.save_reply_draft(EXPORT_REQUEST, &draft));
        assert_refused(what, tickets.reply(EXPORT_REQUEST, draft));
        let form = NewTicketForm {
            kind: Some(TicketKind::TechnicalQuestion),
            subject: "Where are my keys".into(),
            problem: "Attached for reference.".into(),
            attachments: vec![hostile.clone()],
            ..NewTicketForm::default()
        };
        assert_refused(what, tickets.save_ticket_draft(&form));
        assert_refused(what, tickets.submit(form));
    }
    assert!(tickets
        .reply_draft(EXPORT_REQUEST)
        .unwrap()
        .attachments
        .is_empty());
    assert_eq!(setup.outbox.items().unwrap().len(), 0, "nothing was queued");

    tickets.sync_now().await;
    let uploaded = helpers::desk_comments(&setup.desk, EXPORT_REQUEST)
        .await
        .into_iter()
        .any(|comment| {
            comment
                .attachments
                .iter()
                .any(|a| a.file_name == "id_ed25519")
        });
    assert!(!uploaded, "the secret never reached the desk");
    assert!(bait.secret.is_file());
}

#[tokio::test]
async fn detaching_or_discarding_hostile_files_deletes_nothing_outside() {
    let setup = helpers::start().await;
    let tickets = tickets_for(&setup);
    let bait = bait(&setup);
    let kept = tickets.attach("mine.log", b"my own log\n").unwrap();
    for (_, hostile) in &bait.files {
        tickets.detach(hostile);
    }
    assert!(bait.secret.is_file(), "the secret is still there");
    assert!(bait.secret.parent().unwrap().is_dir());
    let kept_path = setup
        .dir
        .path()
        .join("outgoing")
        .join(&kept.id)
        .join(&kept.file_name);
    assert!(kept_path.is_file(), "a file of its own is untouched");

    tickets.detach(&kept);
    assert!(!kept_path.exists(), "detach deletes the file it names");
    assert!(!Path::new(kept_path.parent().unwrap()).exists());
}
