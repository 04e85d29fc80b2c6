//! The sample requests and their conversations: Dana's twelve, in every status, in English
//! and French, plus two of her colleague's.

use rusqlite::Connection;
use serde_json::json;

use super::{
    AGENT_ALEX_ID, AGENT_CAMILLE_ID, COLLEAGUE_ID, DAY, DEMO_CUSTOMER_ID, FIELD_ENTRY_ID,
    FIELD_ENVIRONMENT, FIELD_PRODUCTION_IMPACT, FIELD_SPACE_ID, HOUR, MINUTE, ORGANIZATION_ID,
    SUPPORT_GROUP_ID,
};
use crate::comment_text::html_from_text;
use crate::model::{Priority, RequestKind, RequestStatus};
use crate::store::comments::{self, NewComment};
use crate::store::next_id;
use crate::store::requests::{self, RequestRow, FIRST_REQUEST_ID};
use crate::DemoError;

struct SampleComment {
    /// Seconds from the moment of seeding (negative: before).
    at: i64,
    author: i64,
    body: &'static str,
    public: bool,
}

struct SampleRequest {
    subject: &'static str,
    requester: i64,
    ccs: &'static [i64],
    status: RequestStatus,
    kind: RequestKind,
    priority: Priority,
    assignee: Option<i64>,
    /// Seconds from the moment of seeding.
    due_at: Option<i64>,
    fields: &'static [(i64, &'static str)],
    /// When the status last changed, if after the last comment (solving, closing).
    status_changed_at: Option<i64>,
    thread: Vec<SampleComment>,
}

const fn said(at: i64, author: i64, body: &'static str) -> SampleComment {
    SampleComment {
        at,
        author,
        body,
        public: true,
    }
}

const fn noted(at: i64, author: i64, body: &'static str) -> SampleComment {
    SampleComment {
        at,
        author,
        body,
        public: false,
    }
}

const DANA: i64 = DEMO_CUSTOMER_ID;
const SAM: i64 = COLLEAGUE_ID;
const ALEX: i64 = AGENT_ALEX_ID;
const CAMILLE: i64 = AGENT_CAMILLE_ID;

fn sample_requests() -> Vec<SampleRequest> {
    vec![
        SampleRequest {
            subject: "Cannot sign in after password reset",
            requester: DANA,
            ccs: &[],
            status: RequestStatus::New,
            kind: RequestKind::Question,
            priority: Priority::Normal,
            assignee: None,
            due_at: None,
            fields: &[(FIELD_ENVIRONMENT, "production")],
            status_changed_at: None,
            thread: vec![said(-50 * MINUTE, DANA, "Hi, I reset my password earlier today with the link from the email, but the sign-in page still says \"Invalid credentials\" with the new one. I tried two browsers and cleared cookies.\n\nCould you check whether the reset went through? My login is dana@example.com.")],
        },
        SampleRequest {
            subject: "Export to CSV times out for large projects",
            requester: DANA,
            ccs: &[],
            status: RequestStatus::Open,
            kind: RequestKind::Incident,
            priority: Priority::High,
            assignee: Some(ALEX),
            due_at: None,
            fields: &[(FIELD_ENVIRONMENT, "production"), (FIELD_PRODUCTION_IMPACT, "yes"), (FIELD_SPACE_ID, "prj_48213")],
            status_changed_at: None,
            thread: vec![
                said(-3 * DAY, DANA, "Exporting the \"Q1 roadmap\" project to CSV fails after about 60 seconds with \"Request timed out\". Smaller projects export fine. Project ID: prj_48213. This blocks our weekly report."),
                said(-3 * DAY + 2 * HOUR, ALEX, "Thanks Dana. I could reproduce the timeout with a project of a similar size. Roughly how many items does the project hold, and do they have attachments?"),
                noted(-3 * DAY + 2 * HOUR + 5 * MINUTE, ALEX, "Internal: same slow query as EXP-1182. Linked."),
                said(-2 * DAY, DANA, "Around 18,000 items, and yes, many have attachments. Exporting without attachments times out too."),
                said(-DAY, ALEX, "Thank you, that helps. Our engineers confirmed a slow query in the export job and are working on a fix.\n\nIn the meantime you can filter the export by date range and export in two or three parts."),
            ],
        },
        SampleRequest {
            subject: "Webhook deliveries delayed by several minutes",
            requester: DANA,
            ccs: &[],
            status: RequestStatus::Pending,
            kind: RequestKind::Problem,
            priority: Priority::Urgent,
            assignee: Some(ALEX),
            due_at: None,
            fields: &[(FIELD_ENVIRONMENT, "production"), (FIELD_PRODUCTION_IMPACT, "yes")],
            status_changed_at: None,
            thread: vec![
                said(-5 * DAY, DANA, "Since yesterday our webhook endpoint receives events 5 to 10 minutes late. Endpoint: https://hooks.example.com/acme. Production is affected: our on-call alerts depend on these events."),
                said(-5 * DAY + HOUR, ALEX, "Sorry for the trouble. We are tracking this as a problem with our event queue. Could you send the delivery IDs (header X-Acme-Delivery) of two delayed events?"),
                said(-4 * DAY, DANA, "Here are two: dlv_9f31c2 and dlv_a07b11. Both arrived about 7 minutes late."),
                said(-4 * DAY + 3 * HOUR, ALEX, "Thanks. We deployed a change to the queue consumers. Could you confirm whether deliveries are back to normal on your side?"),
            ],
        },
        SampleRequest {
            subject: "Facture de mars : TVA incorrecte",
            requester: DANA,
            ccs: &[],
            status: RequestStatus::Open,
            kind: RequestKind::Question,
            priority: Priority::Normal,
            assignee: Some(CAMILLE),
            due_at: None,
            fields: &[],
            status_changed_at: None,
            thread: vec![
                said(-2 * DAY, DANA, "Bonjour, notre facture de mars applique une TVA de 20 % alors que notre numéro de TVA intracommunautaire est renseigné dans le compte. Pouvez-vous vérifier et nous envoyer une facture corrigée ? Merci."),
                said(-2 * DAY + 4 * HOUR, CAMILLE, "Bonjour Dana, merci pour votre message. Je transmets la demande à notre service facturation, qui vérifie le numéro de TVA enregistré. Je reviens vers vous dès que j'ai leur réponse."),
            ],
        },
        SampleRequest {
            subject: "Impossible d'ajouter un utilisateur à l'espace de travail",
            requester: DANA,
            ccs: &[],
            status: RequestStatus::Pending,
            kind: RequestKind::Incident,
            priority: Priority::High,
            assignee: Some(CAMILLE),
            due_at: None,
            fields: &[(FIELD_SPACE_ID, "spc_20931"), (FIELD_ENTRY_ID, "usr_inv_88412")],
            status_changed_at: None,
            thread: vec![
                said(-6 * DAY, DANA, "Bonjour, quand j'invite un nouveau collègue dans l'espace « Marketing », le bouton « Inviter » reste grisé. Nous utilisons 12 places sur 15. ID de l'espace : spc_20931."),
                said(-6 * DAY + 2 * HOUR, CAMILLE, "Bonjour, merci pour ces détails. Pouvez-vous nous envoyer une capture d'écran de la page Membres et nous dire quel navigateur vous utilisez ?"),
            ],
        },
        SampleRequest {
            subject: "Feature request: dark mode for the dashboard",
            requester: DANA,
            ccs: &[],
            status: RequestStatus::Hold,
            kind: RequestKind::Task,
            priority: Priority::Low,
            assignee: Some(ALEX),
            due_at: Some(30 * DAY),
            fields: &[],
            status_changed_at: None,
            thread: vec![
                said(-20 * DAY, DANA, "Our team works late shifts and would love a dark theme for the dashboard. Is this on the roadmap?"),
                said(-19 * DAY, ALEX, "Thanks for the suggestion! I passed it to our product team and put this request on hold while they plan the next quarter. We will update you here."),
            ],
        },
        SampleRequest {
            subject: "API returns 502 on /v1/projects",
            requester: DANA,
            ccs: &[],
            status: RequestStatus::Solved,
            kind: RequestKind::Incident,
            priority: Priority::Urgent,
            assignee: Some(ALEX),
            due_at: None,
            fields: &[(FIELD_ENVIRONMENT, "production"), (FIELD_PRODUCTION_IMPACT, "yes")],
            status_changed_at: Some(-10 * DAY + 8 * HOUR + 10 * MINUTE),
            thread: vec![
                said(-10 * DAY + 5 * HOUR + 15 * MINUTE, DANA, "For the last ten minutes every call to GET /v1/projects returns 502 Bad Gateway. Other endpoints work. Production is affected."),
                said(-10 * DAY + 5 * HOUR + 35 * MINUTE, ALEX, "We are aware of an issue affecting the projects endpoint and our engineers are working on it. You can follow progress on our status page."),
                said(-10 * DAY + 7 * HOUR, ALEX, "The issue is fixed: a faulty load balancer rule was rolled back about twenty minutes ago. Could you confirm that your calls succeed again?"),
                said(-10 * DAY + 8 * HOUR, DANA, "Confirmed, everything works again. Thanks for the quick fix!"),
            ],
        },
        SampleRequest {
            subject: "Comment changer l'adresse e-mail du compte ?",
            requester: DANA,
            ccs: &[],
            status: RequestStatus::Solved,
            kind: RequestKind::Question,
            priority: Priority::Low,
            assignee: Some(CAMILLE),
            due_at: None,
            fields: &[],
            status_changed_at: Some(-7 * DAY + HOUR),
            thread: vec![
                said(-8 * DAY, DANA, "Bonjour, je voudrais remplacer l'adresse e-mail de connexion de mon compte par dana.demo@example.com. Comment faire ?"),
                said(-8 * DAY + HOUR, CAMILLE, "Bonjour Dana, rendez-vous dans Paramètres › Profil › Adresse e-mail, saisissez la nouvelle adresse puis confirmez-la avec le lien reçu par e-mail. N'hésitez pas à nous écrire si quelque chose bloque."),
                said(-7 * DAY, DANA, "Parfait, c'est fait. Merci !"),
            ],
        },
        SampleRequest {
            subject: "Two-factor codes not accepted",
            requester: DANA,
            ccs: &[],
            status: RequestStatus::Closed,
            kind: RequestKind::Incident,
            priority: Priority::High,
            assignee: Some(ALEX),
            due_at: None,
            fields: &[],
            status_changed_at: Some(-36 * DAY),
            thread: vec![
                said(-40 * DAY, DANA, "My authenticator codes are rejected since I moved to a new phone, and I can't sign in."),
                said(-40 * DAY + HOUR, ALEX, "I have reset two-factor authentication on your account. At your next sign-in you will be asked to set it up again with your new phone."),
                said(-40 * DAY + 2 * HOUR, DANA, "That worked, thank you."),
            ],
        },
        SampleRequest {
            subject: "Question sur les limites du forfait Team",
            requester: DANA,
            ccs: &[],
            status: RequestStatus::Closed,
            kind: RequestKind::Question,
            priority: Priority::Normal,
            assignee: Some(CAMILLE),
            due_at: None,
            fields: &[],
            status_changed_at: Some(-55 * DAY),
            thread: vec![
                said(-60 * DAY, DANA, "Bonjour, combien de projets pouvons-nous créer avec le forfait Team, et les invités comptent-ils comme des utilisateurs ?"),
                said(-60 * DAY + 3 * HOUR, CAMILLE, "Bonjour, le forfait Team permet jusqu'à 50 projets. Les invités ne comptent pas comme des utilisateurs tant qu'ils n'ont qu'un accès en lecture."),
            ],
        },
        SampleRequest {
            subject: "Upgrade to Premium: SLA details",
            requester: DANA,
            ccs: &[],
            status: RequestStatus::Open,
            kind: RequestKind::Question,
            priority: Priority::Normal,
            assignee: Some(ALEX),
            due_at: None,
            fields: &[],
            status_changed_at: None,
            thread: vec![
                said(-DAY, DANA, "We are considering Premium. Which response times does the SLA guarantee for urgent tickets, and are weekends covered?"),
                said(-DAY + 30 * MINUTE, ALEX, "Good question. Premium includes an SLA with a guaranteed first response time per priority; for urgent tickets it is one hour, around the clock, weekends included. A colleague from sales will follow up with the contract details."),
            ],
        },
        SampleRequest {
            subject: "Les notifications par e-mail arrivent en double",
            requester: DANA,
            ccs: &[],
            status: RequestStatus::New,
            kind: RequestKind::Problem,
            priority: Priority::Normal,
            assignee: None,
            due_at: None,
            fields: &[],
            status_changed_at: None,
            thread: vec![said(-2 * HOUR, DANA, "Bonjour, depuis ce matin chaque notification de commentaire arrive deux fois dans ma boîte. Est-ce un problème connu ?")],
        },
        SampleRequest {
            subject: "Shared workspace permissions for the design team",
            requester: SAM,
            ccs: &[DANA],
            status: RequestStatus::Open,
            kind: RequestKind::Question,
            priority: Priority::Normal,
            assignee: Some(ALEX),
            due_at: None,
            fields: &[],
            status_changed_at: None,
            thread: vec![
                said(-4 * DAY, SAM, "Hi, Dana (in CC) and I need the design team to edit boards in the \"Brand\" workspace without being able to delete them. Which role should we use?"),
                said(-4 * DAY + 2 * HOUR, ALEX, "Hi Sam and Dana, the Editor role lets people edit boards without deleting them. Workspace owners can change roles under Settings › Members."),
            ],
        },
        SampleRequest {
            subject: "Billing contact change",
            requester: SAM,
            ccs: &[],
            status: RequestStatus::Pending,
            kind: RequestKind::Question,
            priority: Priority::Low,
            assignee: Some(ALEX),
            due_at: None,
            fields: &[],
            status_changed_at: None,
            thread: vec![
                said(-3 * DAY, SAM, "Please change our billing contact to finance@example.com."),
                said(-3 * DAY + HOUR, ALEX, "Could you confirm this change from an account owner's address?"),
            ],
        },
    ]
}

/// Writes the sample requests, dated around `base` (the moment of seeding, in seconds), so
/// the demo's newest ticket is under an hour old whenever the desk is first started.
pub(super) fn seed_requests(connection: &Connection, base: i64) -> Result<(), DemoError> {
    for sample in sample_requests() {
        let first = &sample.thread[0];
        let last_comment_at = sample
            .thread
            .iter()
            .map(|comment| comment.at)
            .max()
            .unwrap_or(first.at);
        let updated_at = sample
            .status_changed_at
            .unwrap_or(last_comment_at)
            .max(last_comment_at);
        let request = RequestRow {
            id: next_id(connection, "requests", FIRST_REQUEST_ID)?,
            subject: sample.subject.into(),
            description: first.body.into(),
            status: sample.status,
            priority: Some(sample.priority),
            kind: Some(sample.kind),
            due_at: sample.due_at.map(|after| base + after),
            requester_id: sample.requester,
            assignee_id: sample.assignee,
            group_id: sample.assignee.map(|_| SUPPORT_GROUP_ID),
            organization_id: Some(ORGANIZATION_ID),
            via_channel: "web".into(),
            recipient: None,
            followup_source_id: None,
            ticket_form_id: None,
            custom_fields: json!(sample
                .fields
                .iter()
                .map(|(id, value)| json!({"id": id, "value": value}))
                .collect::<Vec<_>>()),
            collaborator_ids: sample.ccs.to_vec(),
            created_at: base + first.at,
            updated_at: base + updated_at,
        };
        requests::insert(connection, &request)?;
        for comment in &sample.thread {
            comments::append(
                connection,
                request.id,
                &NewComment {
                    author_id: comment.author,
                    body: comment.body.into(),
                    html_body: html_from_text(comment.body),
                    public: comment.public,
                    via_channel: "web".into(),
                    created_at: base + comment.at,
                },
            )?;
        }
        // Appending comments moved updated_at to the last one; a later solve or close wins.
        requests::touch(connection, request.id, request.updated_at)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_is_seeded_for_the_demo_customer() {
        let samples = sample_requests();
        for status in RequestStatus::ALL {
            assert!(samples
                .iter()
                .any(|sample| sample.requester == DANA && sample.status == *status));
        }
    }
}
