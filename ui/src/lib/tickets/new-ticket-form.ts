import type { NewTicketForm, TicketKind } from '../bindings';

/** A blank new-ticket form, every field present: what the form screen and the mock desk start from. */
export function emptyForm(): Required<NewTicketForm> {
  return {
    kind: null,
    subject: '',
    problem: '',
    resourceIds: '',
    productionAffected: null,
    environment: '',
    whenWhere: '',
    component: '',
    priority: 'normal',
    attachments: [],
    followupOf: null,
  };
}

/** Whether the form asks if production is affected, which it does for these kinds of request. */
export function asksProduction(kind: TicketKind | null | undefined): boolean {
  return kind === 'technicalProblem' || kind === 'bug' || kind === 'accessProblem';
}

/** Whether the form holds nothing the user wrote or chose (the priority's default aside). */
export function isBlank(form: NewTicketForm): boolean {
  const texts = [form.subject, form.problem, form.resourceIds, form.environment, form.whenWhere, form.component];
  return (
    !form.kind &&
    (form.productionAffected ?? null) === null &&
    (form.attachments ?? []).length === 0 &&
    texts.every((text) => (text ?? '').trim() === '')
  );
}
