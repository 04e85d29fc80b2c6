import { describe, expect, it } from 'vitest';
import { LatestRequest } from './latest';

function answerAfter<T>(value: T, ms: number): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

describe('LatestRequest', () => {
  it('keeps only the newest ticket current', () => {
    const latest = new LatestRequest();
    const first = latest.next();
    expect(latest.isCurrent(first)).toBe(true);
    const second = latest.next();
    expect(latest.isCurrent(first)).toBe(false);
    expect(latest.isCurrent(second)).toBe(true);
  });

  it('drops answers that arrive out of order', async () => {
    const latest = new LatestRequest();
    const shown: string[] = [];
    async function search(query: string, ms: number): Promise<void> {
      const ticket = latest.next();
      const answer = await answerAfter(query, ms);
      if (latest.isCurrent(ticket)) shown.push(answer);
    }
    await Promise.all([search('r', 30), search('re', 20), search('rep', 1)]);
    expect(shown).toEqual(['rep']);
  });
});
