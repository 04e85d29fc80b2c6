import type { ResponseExpectation } from '../bindings';

type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/** A target in the words people use: "1 hour", "8 hours", "1 day 16 hours", "30 minutes". */
export function durationWords(minutes: number, t: Translate): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  // Business-hour targets read better in hours up to two days ("40 hours" of support time).
  if (minutes <= 48 * 60) {
    const parts = [];
    if (minutes >= 60) parts.push(t('sla.hours', { values: { count: Math.floor(minutes / 60) } }));
    if (rest > 0 || minutes < 60) parts.push(t('sla.minutes', { values: { count: rest } }));
    return parts.join(' ');
  }
  const parts = [t('sla.days', { values: { count: days } })];
  if (hours > 0) parts.push(t('sla.hours', { values: { count: hours } }));
  return parts.join(' ');
}

/** The i18n key and tone of a ticket's expectation line; `null` when nothing is to be said. */
export function expectationTone(expectation: ResponseExpectation | null): 'ok' | 'soon' | 'late' | 'none' | null {
  if (!expectation) return null;
  switch (expectation.expect) {
    case 'due':
      return expectation.standing === 'overdue' ? 'late' : expectation.standing === 'dueSoon' ? 'soon' : 'ok';
    case 'noGuarantee':
    case 'noTarget':
      return 'none';
    default:
      return null;
  }
}
