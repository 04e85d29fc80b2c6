//! What the vendor promises, on the demo desk: the plan from the customer's tags, the response
//! expected on each ticket under the plan's SLA, a new ticket's coverage, and an honest answer
//! when the vendor has given no profile or a broken one.

use helpline_core::{
    Channel, CustomerFacts, NewTicketForm, NotCovered, PlanReason, PlanTier, Priority,
    ProfileState, ProviderProfile, ResponseExpectation, ResponseKind, TicketKind, VendorSupport,
};
use jiff::Timestamp;

use crate::helpers::{self, CLOSED_REQUEST, SIGN_IN_REQUEST};

fn demo_support(setup: &helpers::Setup) -> VendorSupport {
    let profile = ProviderProfile::demo(&setup.desk.base_url());
    VendorSupport::new(Ok(Some(profile)), "the demo desk", setup.store.clone()).unwrap()
}

#[tokio::test]
async fn a_premium_customer_sees_when_the_first_response_is_due() {
    let setup = helpers::start().await;
    setup.sync.sync_once().await.unwrap();
    let support = demo_support(&setup);
    let now = Timestamp::now();

    let plans = support.plans(now).unwrap();
    let overview = plans.overview.expect("the demo profile has plans");
    assert_eq!(overview.current.plan_id, "premium");
    assert_eq!(
        overview.current.reason,
        PlanReason::UserTag {
            tag: "plan_premium".into()
        }
    );
    assert_eq!(overview.vendor, "Acme Cloud");

    let Some(ResponseExpectation::Due {
        response,
        due_at,
        priority,
        ..
    }) = support.expectation(SIGN_IN_REQUEST, now).unwrap()
    else {
        panic!("a new ticket on Premium has a first response due");
    };
    assert_eq!(
        (response, priority),
        (ResponseKind::First, Priority::Normal)
    );
    let created: Timestamp = setup
        .store
        .ticket(SIGN_IN_REQUEST)
        .unwrap()
        .unwrap()
        .summary
        .created_at
        .parse()
        .unwrap();
    assert!(due_at.parse::<Timestamp>().unwrap() > created);
    assert_eq!(
        support.expectation(CLOSED_REQUEST, now).unwrap(),
        Some(ResponseExpectation::NothingDue)
    );
    assert_eq!(
        support.expectation(1, now).unwrap(),
        None,
        "not in the cache"
    );
}

#[tokio::test]
async fn a_plan_without_an_sla_says_there_is_no_guaranteed_time() {
    let setup = helpers::start().await;
    setup.sync.sync_once().await.unwrap();
    setup
        .store
        .save_customer_facts(&CustomerFacts {
            tags: vec!["plan_lite".into()],
            ..CustomerFacts::default()
        })
        .unwrap();
    let support = demo_support(&setup);

    assert_eq!(
        support
            .expectation(SIGN_IN_REQUEST, Timestamp::now())
            .unwrap(),
        Some(ResponseExpectation::NoGuarantee {
            tier: PlanTier::Lite
        })
    );
    let coverage = support
        .coverage(&NewTicketForm::default(), Channel::ContactForm)
        .unwrap()
        .unwrap();
    assert!(!coverage.covered);
    assert!(coverage.reasons.contains(&NotCovered::PlanWithoutSla {
        tier: PlanTier::Lite
    }));
}

#[tokio::test]
async fn a_new_ticket_is_covered_once_it_has_what_the_vendor_asks() {
    let setup = helpers::start().await;
    setup.sync.sync_once().await.unwrap();
    let support = demo_support(&setup);
    let mut form = NewTicketForm {
        kind: Some(TicketKind::TechnicalProblem),
        subject: "Export fails".into(),
        ..NewTicketForm::default()
    };

    let missing = support
        .coverage(&form, Channel::ContactForm)
        .unwrap()
        .unwrap();
    assert!(!missing.covered);
    assert!(missing
        .reasons
        .iter()
        .all(|reason| matches!(reason, NotCovered::MissingAnswer { .. })));
    assert_eq!(missing.reasons.len(), 3, "{:?}", missing.reasons);

    form.problem = "Exporting project prj_48213 to CSV fails after 60 seconds every time.".into();
    form.resource_ids = "prj_48213".into();
    form.production_affected = Some(true);
    let complete = support
        .coverage(&form, Channel::ContactForm)
        .unwrap()
        .unwrap();
    assert!(complete.covered, "{:?}", complete.reasons);

    form.priority = Priority::Low;
    let low = support
        .coverage(&form, Channel::ContactForm)
        .unwrap()
        .unwrap();
    assert_eq!(
        low.reasons,
        [NotCovered::Priority {
            priority: Priority::Low
        }]
    );
    let quick = support.coverage(&form, Channel::TalkToUs).unwrap().unwrap();
    assert!(quick.reasons.contains(&NotCovered::Channel {
        channel: Channel::TalkToUs
    }));
}

#[tokio::test]
async fn without_a_profile_the_plan_is_unknown_and_a_broken_one_says_why() {
    let setup = helpers::start().await;
    setup.sync.sync_once().await.unwrap();

    let none = VendorSupport::new(Ok(None), "", setup.store.clone()).unwrap();
    let plans = none.plans(Timestamp::now()).unwrap();
    assert_eq!(plans.profile, ProfileState::Missing);
    assert!(plans.overview.is_none());
    assert_eq!(
        none.expectation(SIGN_IN_REQUEST, Timestamp::now()).unwrap(),
        None
    );
    assert!(!none.status().current().unwrap().configured);

    let broken = ProviderProfile::from_toml("version = 1\nvendor_name = \"Acme\"\n");
    let invalid = VendorSupport::new(broken.map(Some), "acme.toml", setup.store.clone()).unwrap();
    let ProfileState::Invalid { source, message } = invalid.profile_state() else {
        panic!("a broken profile is said to be broken");
    };
    assert_eq!(source, "acme.toml");
    assert!(!message.is_empty());
}
