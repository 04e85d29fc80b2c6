import { describe, expect, it } from 'vitest';
import { durationWords, expectationTone } from './sla-words';

const words = (key: string, options?: { values?: Record<string, string | number> }) =>
  `${options?.values?.count} ${key.replace('sla.', '')}`;

describe('durationWords', () => {
  it('says targets up to two days in hours and minutes', () => {
    expect(durationWords(30, words)).toBe('30 minutes');
    expect(durationWords(60, words)).toBe('1 hours');
    expect(durationWords(90, words)).toBe('1 hours 30 minutes');
    expect(durationWords(40 * 60, words)).toBe('40 hours');
  });
  it('says longer targets in days and hours', () => {
    expect(durationWords(3 * 1440 + 120, words)).toBe('3 days 2 hours');
  });
});

describe('expectationTone', () => {
  it('follows the standing of a due response', () => {
    const due = { expect: 'due', response: 'first', dueAt: '', clock: 'businessHours', priority: 'normal' } as const;
    expect(expectationTone({ ...due, standing: 'onTrack' })).toBe('ok');
    expect(expectationTone({ ...due, standing: 'dueSoon' })).toBe('soon');
    expect(expectationTone({ ...due, standing: 'overdue' })).toBe('late');
    expect(expectationTone({ expect: 'noGuarantee', tier: 'lite' })).toBe('none');
    expect(expectationTone({ expect: 'nothingDue' })).toBeNull();
    expect(expectationTone(null)).toBeNull();
  });
});
