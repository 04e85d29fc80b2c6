import { describe, expect, it } from 'vitest';
import { formatSize, relativeTime } from './format';
import { bytesToBase64, MAX_FILE_BYTES, nameForPasted, readFileAsBase64, splitBySize } from './files';
import { firstInvalid, problemMessage } from './form-problems';
import { emptyForm, isBlank } from './new-ticket-form';
import { catalogues } from '../i18n';

describe('relative time', () => {
  const now = new Date('2026-11-24T10:00:00Z');
  it('says how long ago, in the UI language', () => {
    expect(relativeTime('2026-11-24T09:58:00Z', 'en', now)).toBe('2 minutes ago');
    expect(relativeTime('2026-11-24T09:58:00Z', 'fr', now)).toBe('il y a 2 minutes');
    expect(relativeTime('2026-11-23T10:00:00Z', 'en', now)).toBe('yesterday');
    expect(relativeTime('2026-11-24T09:59:50Z', 'en', now)).toBe('now');
    expect(relativeTime('not a date', 'en', now)).toBe('');
    expect(relativeTime(null, 'en', now)).toBe('');
  });
});

describe('file size', () => {
  it('uses the usual units', () => {
    expect(formatSize(512, 'en')).toBe('512 B');
    expect(formatSize(1536, 'en')).toBe('1.5 KB');
    expect(formatSize(1536, 'fr')).toBe('1,5 ko');
    expect(formatSize(12 * 1024 * 1024, 'en')).toBe('12 MB');
    expect(formatSize(null, 'en')).toBe('');
  });
});

describe('files', () => {
  it('reads bytes as base64', async () => {
    expect(bytesToBase64(new TextEncoder().encode('hello'))).toBe('aGVsbG8=');
    expect(await readFileAsBase64(new Blob(['hello']))).toBe('aGVsbG8=');
    const big = new Uint8Array(100_000).fill(65);
    expect(atob(bytesToBase64(big)).length).toBe(100_000);
  });

  it('refuses files over the limit', () => {
    const small = new File(['x'], 'a.txt');
    const large = { name: 'big.zip', size: MAX_FILE_BYTES + 1 } as File;
    expect(splitBySize([small, large])).toEqual({ accepted: [small], tooLarge: [large] });
  });

  it('names pasted screenshots', () => {
    const pasted = new File(['x'], 'image.png', { type: 'image/png' });
    expect(nameForPasted(pasted, new Date('2026-11-24T10:00:00Z'))).toBe('screenshot-2026-11-24-10-00-00.png');
    expect(nameForPasted(new File(['x'], 'log.txt'))).toBe('log.txt');
  });
});

describe('form problems', () => {
  it('maps every field and problem to a message in both languages', () => {
    const fields = ['kind', 'subject', 'problem', 'productionAffected'] as const;
    for (const field of fields) {
      const { key } = problemMessage({ field, problem: { kind: 'required' }, message: '' });
      for (const catalogue of Object.values(catalogues)) {
        const [, , f, k] = key.split('.');
        const problems = (catalogue.newTicket.problems as unknown as Record<string, Record<string, string>>)[f];
        expect(problems?.[k], `${key}`).toBeTruthy();
      }
    }
    expect(problemMessage({ field: 'problem', problem: { kind: 'tooShort', min: 20 }, message: '' })).toEqual({
      key: 'newTicket.problems.problem.tooShort',
      values: { min: 20 },
    });
    expect(problemMessage({ field: 'subject', problem: { kind: 'tooLong', max: 150 }, message: '' }).values).toEqual({
      max: 150,
    });
    expect(problemMessage({ field: 'environment', problem: { kind: 'tooLong', max: 500 }, message: '' })).toEqual({
      key: 'newTicket.problems.tooLong',
      values: { max: 500 },
    });
  });

  it('finds the first invalid field in form order', () => {
    expect(
      firstInvalid([
        { field: 'problem', problem: { kind: 'required' }, message: '' },
        { field: 'subject', problem: { kind: 'required' }, message: '' },
      ]),
    ).toBe('subject');
    expect(firstInvalid([])).toBeNull();
  });
});

describe('a blank new-ticket form', () => {
  it('is one with nothing written or chosen but the default priority', () => {
    expect(isBlank(emptyForm())).toBe(true);
    expect(isBlank({ ...emptyForm(), priority: 'normal', subject: '  ' })).toBe(true);
    expect(isBlank({ ...emptyForm(), subject: 'Export' })).toBe(false);
    expect(isBlank({ ...emptyForm(), kind: 'bug' })).toBe(false);
    expect(isBlank({ ...emptyForm(), productionAffected: false })).toBe(false);
    expect(isBlank({ ...emptyForm(), attachments: [{ id: 'a', fileName: 'a.log', contentType: 'text/plain', size: 1 }] })).toBe(false);
  });
});
