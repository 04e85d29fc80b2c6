use super::*;

fn complete() -> NewTicketForm {
    NewTicketForm {
        kind: Some(TicketKind::Bug),
        subject: "Export to CSV times out".into(),
        problem: "Exporting a project with 20k entries fails after 30 s.".into(),
        resource_ids: "space-42, entry-7\nentry-8".into(),
        production_affected: Some(true),
        environment: "EU region, Firefox 133".into(),
        when_where: "Since this morning, on the Export page".into(),
        component: "API".into(),
        ..NewTicketForm::default()
    }
}

fn fields(form: &NewTicketForm) -> Vec<(FormField, ProblemKind)> {
    form.problems()
        .into_iter()
        .map(|problem| (problem.field, problem.problem))
        .collect()
}

#[test]
fn a_complete_form_has_no_problems() {
    assert!(complete().problems().is_empty());
}

#[test]
fn an_empty_form_names_each_required_field() {
    assert_eq!(
        fields(&NewTicketForm::default()),
        [
            (FormField::Kind, ProblemKind::Required),
            (FormField::Subject, ProblemKind::Required),
            (FormField::Problem, ProblemKind::Required),
        ]
    );
}

#[test]
fn production_impact_is_required_only_for_something_broken() {
    let mut form = complete();
    form.production_affected = None;
    assert_eq!(
        fields(&form),
        [(FormField::ProductionAffected, ProblemKind::Required)]
    );
    form.kind = Some(TicketKind::FeatureRequest);
    assert!(form.problems().is_empty());
}

#[test]
fn lengths_are_checked_in_characters_not_bytes() {
    let mut form = complete();
    form.subject = "é".repeat(MAX_SUBJECT_CHARS);
    form.problem = "ça plante.".into();
    assert_eq!(
        fields(&form),
        [(FormField::Problem, ProblemKind::TooShort { min: 20 })]
    );
    form.subject.push('é');
    assert_eq!(
        fields(&form)[0],
        (FormField::Subject, ProblemKind::TooLong { max: 150 })
    );
}

#[test]
fn a_subject_needs_three_characters_besides_spaces() {
    let mut form = complete();
    for short in ["x", "??", " a b ", "é\u{a0}é"] {
        form.subject = short.into();
        assert_eq!(
            fields(&form),
            [(FormField::Subject, ProblemKind::TooShort { min: 3 })],
            "{short:?}"
        );
    }
    for enough in ["SSO", "a b c", "été"] {
        form.subject = enough.into();
        assert!(form.problems().is_empty(), "{enough:?}");
    }
}

#[test]
fn resource_ids_split_on_commas_semicolons_and_lines() {
    assert_eq!(
        complete().resource_id_list(),
        ["space-42", "entry-7", "entry-8"]
    );
}

#[test]
fn the_demo_profile_maps_the_form_to_type_priority_custom_fields_and_a_readable_body() {
    let mut form = complete();
    form.priority = Priority::High;
    form.followup_of = Some(4_294_967_405);
    let request = TicketFields::demo().new_request(&form);
    assert_eq!(request.subject, "Export to CSV times out");
    assert_eq!(request.kind.as_deref(), Some("incident"));
    assert_eq!(request.priority.as_deref(), Some("high"));
    assert_eq!(request.followup_of, Some(4_294_967_405));
    let value_of = |id| {
        request
            .custom_fields
            .iter()
            .find(|field| field.id == id)
            .map(|field| field.value.clone())
    };
    let profile = TicketFields::demo();
    assert_eq!(
        value_of(profile.kind_field.unwrap()).as_deref(),
        Some("bug")
    );
    assert_eq!(
        value_of(profile.resource_ids_field.unwrap()).as_deref(),
        Some("space-42 entry-7 entry-8")
    );
    assert_eq!(
        value_of(profile.production_field.unwrap()).as_deref(),
        Some("yes")
    );
    assert!(request.body.starts_with("Exporting a project"));
    assert!(request
        .body
        .contains("Affected resources: space-42, entry-7, entry-8"));
    assert!(request.body.contains("Production affected: yes"));
    assert!(request.body.contains("Environment: EU region, Firefox 133"));
}

#[test]
fn a_profile_without_custom_fields_still_carries_everything_in_the_body() {
    let profile = TicketFields::default();
    let request = profile.new_request(&complete());
    assert!(request.custom_fields.is_empty());
    assert!(request.body.contains("When and where: Since this morning"));
    assert!(request.body.contains("Component: API"));
}

#[test]
fn a_tickets_kind_comes_from_the_profiles_field_else_from_zendesks_type() {
    let profile = TicketFields::demo();
    let field = serde_json::json!({"id": profile.kind_field.unwrap(), "value": "access_problem"});
    assert_eq!(
        profile.kind_of(Some("incident"), &[field]),
        Some(TicketKind::AccessProblem)
    );
    assert_eq!(
        profile.kind_of(Some("incident"), &[]),
        Some(TicketKind::TechnicalProblem)
    );
    assert_eq!(
        profile.kind_of(Some("task"), &[]),
        Some(TicketKind::FeatureRequest)
    );
    assert_eq!(profile.kind_of(Some("problem"), &[]), None);
    assert_eq!(profile.kind_of(None, &[]), None);
}

#[test]
fn a_quick_question_is_a_low_priority_question_titled_by_its_first_line() {
    let form = NewTicketForm::quick_question(
        "  Where do I find the export settings for a whole workspace, including archived projects and their attachments?\nThanks!",
    );
    assert_eq!(form.kind, Some(TicketKind::TechnicalQuestion));
    assert_eq!(form.priority, Priority::Low);
    assert!(
        form.subject.ends_with('…') && form.subject.chars().count() <= 80,
        "{}",
        form.subject
    );
    assert!(form
        .subject
        .starts_with("Where do I find the export settings"));
    assert!(form.problem.ends_with("Thanks!"));
    assert!(form.problems().is_empty());

    let short = NewTicketForm::quick_question("Where is it?");
    assert_eq!(short.subject, "Where is it?");
    assert_eq!(
        fields(&short),
        [(FormField::Problem, ProblemKind::TooShort { min: 20 })]
    );
}
