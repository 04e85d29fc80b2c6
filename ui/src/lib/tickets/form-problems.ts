import type { FieldProblem } from '../bindings';
import en from '../i18n/en.json';

const specific = en.newTicket.problems as unknown as Record<string, Record<string, string> | string>;

/**
 * The i18n key and values that word a form problem in the UI's language: a message written for
 * the field when there is one (`newTicket.problems.subject.required`), else the general wording
 * for the kind of problem (`newTicket.problems.required`).
 */
export function problemMessage(problem: FieldProblem): { key: string; values: Record<string, number> } {
  const kind = problem.problem;
  const values: Record<string, number> =
    kind.kind === 'tooShort' ? { min: kind.min } : kind.kind === 'tooLong' ? { max: kind.max } : {};
  const forField = specific[problem.field];
  if (typeof forField === 'object' && kind.kind in forField) {
    return { key: `newTicket.problems.${problem.field}.${kind.kind}`, values };
  }
  return { key: `newTicket.problems.${kind.kind}`, values };
}

/** Fields in the order the form shows them, so the first problem is focused first. */
export const fieldOrder = [
  'kind',
  'subject',
  'problem',
  'resourceIds',
  'productionAffected',
  'environment',
  'whenWhere',
  'priority',
  'attachments',
] as const;

export function firstInvalid(problems: FieldProblem[]): FieldProblem['field'] | null {
  return fieldOrder.find((field) => problems.some((problem) => problem.field === field)) ?? null;
}

/** Whether a field has a problem, as `aria-invalid` wants it (absent rather than false). */
export function invalid(problems: FieldProblem[], field: FieldProblem['field']): true | undefined {
  return problems.some((problem) => problem.field === field) || undefined;
}

/** A field's `aria-describedby`: its hint, and its problem when it has one. */
export function describedBy(problems: FieldProblem[], field: FieldProblem['field'], hint?: string): string | undefined {
  const ids = [hint, invalid(problems, field) ? `error-${field}` : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
