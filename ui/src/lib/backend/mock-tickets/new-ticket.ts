// The new-ticket form in the mock desk: its draft (kept across reloads), the same checks as the
// Rust form check, and the request a valid form becomes in the outbox.

import type { FieldProblem, NewTicketForm } from '../../bindings';
import { asksProduction, emptyForm } from '../../tickets/new-ticket-form';
import type { Backend } from '../index';
import type { FailIfAsked } from '../mock-shared';
import type { Outbox } from './outbox';
import { load, store } from './session-store';

export type NewTicketCommands = Pick<
  Backend,
  'ticketDraft' | 'saveTicketDraft' | 'discardTicketDraft' | 'checkTicketForm' | 'submitTicket' | 'askQuestion'
>;

const DRAFT_KEY = 'helpline.mock.ticketDraft';

/** The desk's request type for each kind of form; the other kinds are questions. */
const REQUEST_TYPES: Record<string, string> = { bug: 'problem', technicalProblem: 'incident', accessProblem: 'incident' };

/** The same rules as the Rust form check (core/src/ticket_form). */
export function validateForm(form: NewTicketForm): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const subject = (form.subject ?? '').trim();
  const problem = (form.problem ?? '').trim();
  if (!form.kind) problems.push({ field: 'kind', problem: { kind: 'required' }, message: 'choose what kind of request this is' });
  if (subject === '') problems.push({ field: 'subject', problem: { kind: 'required' }, message: 'a subject is required' });
  else if ([...subject.replace(/\s/g, '')].length < 3)
    problems.push({ field: 'subject', problem: { kind: 'tooShort', min: 3 }, message: 'the subject is shorter than 3 characters' });
  else if ([...subject].length > 150)
    problems.push({ field: 'subject', problem: { kind: 'tooLong', max: 150 }, message: 'the subject is longer than 150 characters' });
  if (problem === '') problems.push({ field: 'problem', problem: { kind: 'required' }, message: 'describe the problem' });
  else if ([...problem].length < 20)
    problems.push({ field: 'problem', problem: { kind: 'tooShort', min: 20 }, message: 'the description is shorter than 20 characters' });
  if (asksProduction(form.kind) && (form.productionAffected === null || form.productionAffected === undefined)) {
    problems.push({ field: 'productionAffected', problem: { kind: 'required' }, message: 'say whether production is affected' });
  }
  return problems;
}

/** The ticket's description: the problem, then the optional fields that were filled in. */
function bodyOf(form: NewTicketForm): string {
  const parts = [(form.problem ?? '').trim()];
  const add = (label: string, value: string | undefined) => {
    if (value && value.trim() !== '') parts.push(`${label}: ${value.trim()}`);
  };
  add('Affected resources', form.resourceIds);
  if (form.productionAffected !== null && form.productionAffected !== undefined) {
    parts.push(`Production affected: ${form.productionAffected ? 'yes' : 'no'}`);
  }
  add('Environment', form.environment);
  add('When and where', form.whenWhere);
  return parts.join('\n\n');
}

/** "Talk to us": the question as the Rust side words it (NewTicketForm::quick_question). */
function quickQuestion(question: string): NewTicketForm {
  const text = question.trim();
  const firstLine = (text.split('\n')[0] ?? '').trim();
  let subject = firstLine;
  if ([...firstLine].length > 79) {
    const cut = [...firstLine].slice(0, 79).join('');
    const atWord = cut.lastIndexOf(' ');
    subject = `${atWord > 39 ? cut.slice(0, atWord) : cut}…`;
  }
  return { ...emptyForm(), kind: 'technicalQuestion', subject, problem: text, priority: 'low' };
}

export function createNewTicketForm(outbox: Pick<Outbox, 'queue'>, failIfAsked: FailIfAsked): NewTicketCommands {
  let form: NewTicketForm = load<NewTicketForm>(DRAFT_KEY, emptyForm());

  return {
    async ticketDraft() {
      failIfAsked('ticketDraft');
      return { ...emptyForm(), ...structuredClone(form) };
    },
    async saveTicketDraft(next) {
      failIfAsked('saveTicketDraft');
      form = structuredClone(next);
      store(DRAFT_KEY, form);
      return null;
    },
    async checkTicketForm(checked) {
      failIfAsked('checkTicketForm');
      return validateForm(checked);
    },
    async discardTicketDraft() {
      failIfAsked('discardTicketDraft');
      form = emptyForm();
      store(DRAFT_KEY, null);
      return null;
    },
    async askQuestion(question) {
      failIfAsked('askQuestion');
      const asked = quickQuestion(question);
      const problems = validateForm(asked);
      if (problems.length > 0) return { outcome: 'invalid', problems };
      const item = outbox.queue({
        kind: 'newRequest',
        request: { subject: asked.subject ?? '', body: bodyOf(asked), followupOf: null, kind: 'question', priority: 'low' },
        attachments: [],
      });
      return { outcome: 'queued', item: structuredClone(item) };
    },
    async submitTicket(submitted) {
      failIfAsked('submitTicket');
      form = structuredClone(submitted);
      store(DRAFT_KEY, form);
      const problems = validateForm(submitted);
      if (problems.length > 0) return { outcome: 'invalid', problems };
      const item = outbox.queue({
        kind: 'newRequest',
        request: {
          subject: (submitted.subject ?? '').trim(),
          body: bodyOf(submitted),
          followupOf: submitted.followupOf ?? null,
          kind: REQUEST_TYPES[submitted.kind ?? ''] ?? 'question',
          priority: submitted.priority ?? 'normal',
        },
        attachments: submitted.attachments ?? [],
      });
      form = emptyForm();
      store(DRAFT_KEY, null);
      return { outcome: 'queued', item: structuredClone(item) };
    },
  };
}
