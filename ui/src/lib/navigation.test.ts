import { describe, expect, it } from 'vitest';
import { hashFor, screenFromHash, screens } from './navigation';

describe('navigation', () => {
  it('round-trips every screen through the hash', () => {
    for (const screen of screens) {
      expect(screenFromHash(hashFor(screen))).toBe(screen);
    }
  });

  it('opens Search for an empty or unknown hash', () => {
    expect(screenFromHash('')).toBe('search');
    expect(screenFromHash('#/nowhere')).toBe('search');
  });
});
