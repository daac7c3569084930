import { describe, expect, it } from 'vitest';
import { EARLIEST_INSTANT, StorableInstant, before, isStorableInstant } from './instants.js';

describe('instants the database holds', () => {
  it('takes years 1 to 9999 in UTC, whatever the digits before the offset say', () => {
    expect(isStorableInstant('0001-01-01T00:00:00Z')).toBe(true);
    expect(isStorableInstant('9999-12-31T23:59:59.999Z')).toBe(true);
    expect(isStorableInstant('9999-12-31T23:59:59-14:00')).toBe(false); // year 10000
    expect(isStorableInstant('0001-01-01T00:00:00+14:00')).toBe(false); // year 0
    expect(StorableInstant.safeParse('2026-03-01T08:00:00-05:00').success).toBe(true);
    expect(StorableInstant.safeParse('+275760-09-13T00:00:00Z').success).toBe(false);
  });

  it('counts a default period back no further than year 1', () => {
    expect(before(new Date('0001-01-01T06:00:00Z'), 86_400_000).getTime()).toBe(EARLIEST_INSTANT);
    expect(before(new Date('2026-01-02T00:00:00Z'), 86_400_000).toISOString()).toBe(
      '2026-01-01T00:00:00.000Z',
    );
  });
});
